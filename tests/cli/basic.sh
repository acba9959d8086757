# The batch modes on the sample set, as a script would use them.
. tests/lib.sh
A=data/articles
S0=$A/000_83fae2bbef3ffe03.txt
S3=$A/003_a8c0e5b4325b14d0.txt
TAB=$(printf '\t')

out=$("$LEDE" --list "$A")
check "--list exits 0" [ $? = 0 ]
check "--list prints one line per article" [ "$(printf '%s\n' "$out" | wc -l)" = 2 ]
contains "--list shows the first headline, not 'Share'" "$out" \
    "${TAB}De Mistura to Have Separate Syria Talks With Lavrov, Kerry – UN Source"
contains "--list shows the second headline" "$out" \
    "${TAB}Lavrov visits Geneva for Syria talks with Kerry"
lacks "no headline is boilerplate" "$out" "${TAB}Share"
line=$(printf '%s\n' "$out" | grep '^data/articles/003')
n=$(printf '%s\n' "$line" | cut -f3)
check "--list counts entities ($n)" [ "$n" -ge 10 ]
check "--list path column is the file" [ "$(printf '%s\n' "$line" | cut -f1)" = "$S3" ]

out=$(cd /tmp && "$OLDPWD/$LEDE" --list)
contains "no path opens the bundled sample set" "$out" "Lavrov visits Geneva"

json=$("$LEDE" --list --json "$S3")
contains "--list --json has the headline" "$json" \
    '"headline":"Lavrov visits Geneva for Syria talks with Kerry"'

ent=$("$LEDE" --entities "$A")
for e in "person${TAB}Kerry${TAB}John Kerry" \
         "person${TAB}John Kerry${TAB}John Kerry" \
         "person${TAB}Lavrov${TAB}Sergei Lavrov" \
         "person${TAB}Staffan de Mistura${TAB}Staffan de Mistura" \
         "person${TAB}de Mistura${TAB}Staffan de Mistura" \
         "place${TAB}Geneva${TAB}Geneva" "place${TAB}Aleppo${TAB}Aleppo" \
         "place${TAB}Daraya${TAB}Daraya" "place${TAB}Doha${TAB}Doha" \
         "organisation${TAB}Pentagon${TAB}" "organisation${TAB}Al-Monitor${TAB}" \
         "organisation${TAB}Islamic State${TAB}" "organisation${TAB}White House${TAB}"; do
    contains "--entities finds '$e'" "$ent" "$e"
done
for e in Share Advertisement Meanwhile However Speaking; do
    lacks "--entities does not take '$e' for a name" "$ent" "${TAB}$e${TAB}"
done
# "Lavrov visits Geneva for Syria talks with Kerry": Kerry at line 1, col 43
contains "--entities gives line and column as in the file" "$ent" \
    "$S3${TAB}1${TAB}43${TAB}person${TAB}Kerry${TAB}John Kerry"
contains "a headline's 'De Mistura' is Staffan de Mistura" "$ent" \
    "$S0${TAB}3${TAB}1${TAB}person${TAB}De Mistura${TAB}Staffan de Mistura"

sum=$("$LEDE" --entities --summary "$A")
top=$(printf '%s\n' "$sum" | cut -f3 | head -3 | tr '\n' ' ')
sorted=$(printf '%s\n' "$sum" | cut -f3 | sort -rn | head -3 | tr '\n' ' ')
check "--summary puts the most mentioned first ($top)" [ "$top" = "$sorted" ]
kerry=$(printf '%s\n' "$sum" | grep "^John Kerry${TAB}person${TAB}" | cut -f3)
check "--summary counts every spelling of Kerry as John Kerry ($kerry)" [ "${kerry:-0}" -ge 10 ]
contains "--summary counts articles" "$sum" "Sergei Lavrov${TAB}person${TAB}"
lav=$(printf '%s\n' "$sum" | grep "^Sergei Lavrov$TAB" | cut -f4)
check "Sergei Lavrov is named in both articles" [ "$lav" = 2 ]

js=$("$LEDE" --entities --json "$S3" | head -1)
for k in path line column text type entity; do
    contains "--entities --json has key $k" "$js" "\"$k\":"
done

out=$("$LEDE" --search lavrov "$A")
check "--search exits 0 on a match" [ $? = 0 ]
contains "--search prints path:line:text" "$out" \
    "$S3:1:Lavrov visits Geneva for Syria talks with Kerry"
lacks "--search adds no colour into a pipe" "$out" "$(printf '\033')"
"$LEDE" --search zzzqqqxx "$A" >/dev/null
check "--search exits 1 when nothing matches" [ $? = 1 ]
out=$("$LEDE" --search LAVROV "$A")
check "--search with capitals is case-sensitive" [ -z "$out" ]
out=$("$LEDE" --color=always --search kerry "$S3")
contains "--color=always marks the match" "$out" "$(printf '\033[1;31m')Kerry"
out=$(NO_COLOR=1 "$LEDE" --color=always --search kerry "$S3")
lacks "NO_COLOR beats --color=always" "$out" "$(printf '\033')"
out=$("$LEDE" -E --search 'Kerry|Lavrov' "$S3" | wc -l)
check "--regex alternation matches lines ($out)" [ "$out" -ge 5 ]
"$LEDE" -E --search '(' "$S3" 2>/tmp/lede-err.$$ >/dev/null
check "a bad regex exits 2" [ $? = 2 ]
contains "a bad regex is explained" "$(cat /tmp/lede-err.$$)" "bad search pattern"
rm -f /tmp/lede-err.$$

d=$("$LEDE" --dump --width 40 "$S0")
check "--dump exits 0" [ $? = 0 ]
# count characters: drop UTF-8 continuation bytes (every character here is
# one column wide)
wide=$(printf '%s\n' "$d" | LC_ALL=C tr -d '\200-\277' |
    LC_ALL=C awk '{ if (length($0) > 40) print }' | head -1)
check "--dump --width 40 keeps every line within 40 columns" [ -z "$wide" ]
contains "--dump shows the headline" "$d" "De Mistura to Have Separate Syria Talks"
contains "--dump shows the body, wrapped" "$d" "U.N. Special Envoy for Syria Staffan de
Mistura says"
d=$("$LEDE" --dump --color=always --width 60 "$S3")
contains "--dump colours people" "$d" "$(printf '\033[0m\033[36m')Kerry"
d=$("$LEDE" --dump --color=always --width 60 "$S0")
contains "--dump shows boilerplate dimmed" "$d" "$(printf '\033[0m\033[2m')Advertisement"
d=$("$LEDE" --dump -b --width 60 "$S0")
lacks "--hide-boilerplate leaves Advertisement out" "$d" "Advertisement"
contains "--hide-boilerplate keeps the body" "$d" "Staffan de Mistura"
out=$(cd /tmp && "$OLDPWD/$LEDE" --list -- "+/nonexistent" 2>&1)
contains "after --, +/x is a path, not a pattern" "$out" "+/nonexistent"

"$LEDE" --help | grep -q -- '--entities'
check "--help describes the options" [ $? = 0 ]
"$LEDE" --version | grep -q '^lede '
check "--version prints the version" [ $? = 0 ]
"$LEDE" --bogus >/dev/null 2>&1
check "an unknown option exits 2" [ $? = 2 ]
out=$("$LEDE" --bogus 2>&1)
contains "an unknown option prints usage advice" "$out" "lede --help"
