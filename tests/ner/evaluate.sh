# The tagger's evaluation tables (make eval): CoNLL eng.testa and
# WikiGold, rules alone, tagger alone (trained without the rules'
# decisions as features) and combined (the shipped configuration).
# WikiGold is also training data, so it is scored by 5-fold
# cross-validation by document: five models, each trained without the
# fifth of WikiGold it scores (train --fold K/5, ner_eval --cv).
# CoNLL is never trained on. The third table is real news: GUM's 24
# Wikinews articles (CC BY 2.5), their entity annotation converted to
# names by train --dump as train --gum would read it (mentions headed by
# a proper noun; person, organization and place as PER, ORG and LOC,
# the rest MISC). Never trained on, but read while fixing the finder's
# mistakes on real news: a development figure, and GUM's conventions
# are not CoNLL's (a national team is an organisation, "US" is part of
# "US President Barack Obama").
#   NER_DATA  the open data (default ../shared/ner/open)
#   NER_TEST  eng.testa (default NER_DATA/../eng.testa)
B=${B:-build}
NER_DATA=${NER_DATA:-../shared/ner/open}
NER_TEST=${NER_TEST:-$NER_DATA/../eng.testa}
WG=$NER_DATA/wikigold.conll
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
for f in "$NER_TEST" "$WG"; do
    [ -r "$f" ] || { echo "evaluate: cannot read $f" >&2; exit 1; }
done
"$B/train" --data "$NER_DATA" --no-rules --out "$tmp/norules.bin" || exit 1
for k in 0 1 2 3 4; do
    "$B/train" --data "$NER_DATA" --fold $k/5 --out "$tmp/cv$k.bin" &&
    "$B/train" --data "$NER_DATA" --fold $k/5 --no-rules \
        --out "$tmp/cvn$k.bin" || exit 1
done 2>/dev/null
run() { echo; echo "== $1"; shift; "$B/tests/ner_eval" "$@" | sed 1d; }
run "CoNLL eng.testa: rules alone" --rules "$NER_TEST"
run "CoNLL eng.testa: tagger alone" --model "$tmp/norules.bin" "$NER_TEST"
run "CoNLL eng.testa: tagger with the rules (shipped)" "$NER_TEST"
run "WikiGold: rules alone" --rules "$WG"
run "WikiGold 5-fold CV: tagger alone" --cv "$tmp/cvn" "$WG"
run "WikiGold 5-fold CV: tagger with the rules" --cv "$tmp/cv" "$WG"
if [ -d "$NER_DATA/gum" ]; then
    "$B/train" --data "$NER_DATA" --skip wikigold,uner,gen --gum news \
        --dump "$tmp/gumnews.conll" 2>/dev/null || exit 1
    run "GUM news (Wikinews, converted): rules alone" --rules \
        "$tmp/gumnews.conll"
    run "GUM news: tagger alone" --model "$tmp/norules.bin" \
        "$tmp/gumnews.conll"
    run "GUM news: tagger with the rules (shipped)" "$tmp/gumnews.conll"
fi
