# ner_eval's arithmetic on a fixture of invented sentences whose counts
# are worked out by hand (tests/ner/sample.conll):
#   gold  PER 3 (Maria Lindqvist, Lindqvist, Pell Ranko), ORG 4 (Vellmar
#         Foundation, United Nations, Tomas Berg, ministry of fish),
#         LOC 5 (Geneva, Oslo, Paris, Paris, Berlin: IOB1 B- splits the
#         last two), MISC 1 (French)
#   found Tomas Berg as a person (right span, wrong type), Norwegian as
#         other (gold: none), not the lowercase "ministry of fish".
. tests/lib.sh
EVAL=${B:-build}/tests/ner_eval
F=tests/ner/sample.conll
row() { printf '%s\n' "$out" | awk -v k="$1" '$1 == k { $1 = ""; print substr($0, 2) }'; }

for mode in "" --set; do
    out=$("$EVAL" $mode "$F")
    check "ner_eval $mode exits 0" [ $? = 0 ]
    contains "ner_eval $mode reads both documents" "$out" "2 documents"
    check "person row $mode" [ "$(row person/PER)" = "3 4 3 0.7500 1.0000 0.8571" ]
    check "organisation row $mode" \
        [ "$(row organisation/ORG)" = "4 2 2 1.0000 0.5000 0.6667" ]
    check "place row $mode" [ "$(row place/LOC)" = "5 5 5 1.0000 1.0000 1.0000" ]
    check "other row $mode" [ "$(row other/MISC)" = "1 2 1 0.5000 1.0000 0.6667" ]
    check "overall row $mode" \
        [ "$(row overall)" = "13 13 11 0.8462 0.8462 0.8462" ]
    check "untyped row $mode" \
        [ "$(row untyped-spans)" = "13 13 12 0.9231 0.9231 0.9231" ]
done

out=$("$EVAL" --errors "$F")
contains "--errors names the type mistake" "$out" \
    "$(printf 'type\tORG (as PER)\tTomas Berg')"
contains "--errors names the false alarm" "$out" "$(printf 'false\tMISC\tNorwegian')"
contains "--errors names the miss" "$out" "$(printf 'miss\tORG\tministry of fish')"
contains "--errors shows the sentence, the words in [[ ]]" "$out" \
    "$(printf 'miss\tORG\tministry of fish\tShe met the [[ministry of fish]] .')"

"$EVAL" /nonexistent.conll >/dev/null 2>&1
check "ner_eval fails on a missing file" [ $? = 1 ]

# Scanner modes: the rules alone, the built-in tagger, a weight file.
out=$("$EVAL" --rules "$F")
contains "--rules says so" "$out" "rules alone"
check "--rules overall row" [ "$(row overall)" = "13 13 11 0.8462 0.8462 0.8462" ]
out=$("$EVAL" --model data/tagger.bin "$F")
contains "--model says so" "$out" "tagger from a weight file"
model_row=$(row overall)
out=$("$EVAL" "$F")
check "--model with the shipped file scores as the built-in tagger" \
    [ "$model_row" = "$(row overall)" ]
tmp=${TMPDIR:-/tmp}/ner_eval.$$
head -c 1000 data/tagger.bin >"$tmp"
err=$("$EVAL" --model "$tmp" "$F" 2>&1)
check "a truncated weight file is refused (exit 1)" [ $? = 1 ]
contains "... with the reason" "$err" "wrong size"
printf 'LEDETAG1' >"$tmp"
err=$("$EVAL" --model "$tmp" "$F" 2>&1)
check "a short weight file is refused (exit 1)" [ $? = 1 ]
contains "... with the reason" "$err" "too short"
rm -f "$tmp"
"$EVAL" --cv /nonexistent/cv "$F" >/dev/null 2>&1
check "--cv with missing fold models fails" [ $? = 1 ]
