# The entity finder's mistakes, grouped (make errors): on WikiGold by
# 5-fold cross-validation (the shipped combination, each fold's model
# trained without the documents it scores) and on UNER English-EWT
# scored by a model trained without UNER (text that no part of the
# tagger saw; UNER has no MISC, so an "other" name found there counts as
# a false alarm and is listed apart). CoNLL is not looked at here: it is
# for aggregate figures only (make eval).
#   NER_DATA  the open data (default ../shared/ner/open)
#   RULES=1   the rules alone instead of the shipped combination
#   TOP=N     words listed per group (default 15)
B=${B:-build}
NER_DATA=${NER_DATA:-../shared/ner/open}
TOP=${TOP:-15}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
for f in wikigold.conll uner-en-ewt-dev.iob2 uner-en-ewt-test.iob2; do
    [ -r "$NER_DATA/$f" ] || { echo "errors: cannot read $NER_DATA/$f" >&2; exit 1; }
done
# UNER as two columns (token, tag), a document break at each "# newdoc"
cat "$NER_DATA/uner-en-ewt-dev.iob2" "$NER_DATA/uner-en-ewt-test.iob2" |
    awk -F'\t' '/^# newdoc/ { print "-DOCSTART- O"; print ""; next }
                /^#/ { next }
                /^$/ { print ""; next }
                { print $2, $3 }' >"$tmp/uner.conll"
if [ -n "${RULES:-}" ]; then
    wg="--rules" un="--rules" what="rules alone"
else
    for k in 0 1 2 3 4; do
        "$B/train" --data "$NER_DATA" --fold $k/5 --out "$tmp/cv$k.bin" || exit 1
    done 2>/dev/null
    "$B/train" --data "$NER_DATA" --skip uner --out "$tmp/nouner.bin" \
        2>/dev/null || exit 1
    wg="--cv $tmp/cv" un="--model $tmp/nouner.bin"
    what="tagger with the rules"
fi
"$B/tests/ner_eval" --errors $wg "$NER_DATA/wikigold.conll" >"$tmp/wg" &&
"$B/tests/ner_eval" --errors $un "$tmp/uner.conll" >"$tmp/un" || exit 1

# kind: miss, miss~ (wrong boundary), false, false~, type (right span,
# wrong type: "PER (as ORG)" is a person found as an organisation)
summary() { # file title
    echo
    echo "== $2 ($what)"
    sed -n '/^type  *gold/,$p' "$1"
    echo
    echo "-- mistakes by kind and type"
    awk -F'\t' '$1 ~ /^(miss~?|false~?|type)$/ { n[$1 "\t" $2]++ }
        END { for (k in n) print n[k] "\t" k }' "$1" | sort -rn | head -20
    echo
    echo "-- false alarms by type, place in the sentence, shape"
    awk -F'\t' '$1 == "false" {
        pos = index($4, "[[") == 1 ? "sentence-start" : "mid-sentence"
        w = $3
        if (w ~ / /)
            shape = "several words"
        else if (w ~ /^[A-Z0-9&.-]+$/ && w ~ /[A-Z][A-Z]/)
            shape = "capitals"
        else
            shape = "one word"
        n[$2 "\t" pos "\t" shape]++
    } END { for (k in n) print n[k] "\t" k }' "$1" | sort -rn | head -12
    echo
    echo "-- the commonest words of each group (count: words)"
    awk -F'\t' '$1 ~ /^(miss~?|false~?|type)$/ { n[$1 " " $2 "\t" $3]++ }
        END { for (k in n) print n[k] "\t" k }' "$1" | sort -t"$(printf '\t')" -k2,2 -k1,1rn |
        awk -F'\t' -v top="$TOP" '
            $2 != g { if (g != "") print g ": " l; g = $2; l = ""; c = 0 }
            c < top { l = l (c ? ", " : "") $3 (($1 > 1) ? " (" $1 ")" : ""); c++ }
            END { if (g != "") print g ": " l }'
}
summary "$tmp/wg" "WikiGold, 5-fold cross-validation"
summary "$tmp/un" "UNER English-EWT (no MISC in its annotation)"
