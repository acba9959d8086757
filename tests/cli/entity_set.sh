# Names across a set of articles (tests/fixtures/sets/uk: six short
# articles written for this test). What --entities and --summary print:
# junk words are no names, known names are not lost to the common-word
# lists, variants and acronyms are one entity, a name with a modifier or
# a subsidiary does not take over the name, and the output does not
# depend on the order the files are given in.
. tests/lib.sh
D=tests/fixtures/sets/uk
ent=$("$LEDE" --entities "$D")
sum=$("$LEDE" --entities --summary "$D")
check "--entities on the set exits 0" [ -n "$ent" ]

# the text and entity columns of every mention, each between tabs
names=$TAB$(printf '%s\n' "$ent" | cut -f5,6 | tr '\n' '\t')
contains "the names list is read right" "$names" "${TAB}Alan Milburn${TAB}"
for junk in "I'm" "I've" "We're" TV MPs PC PCs DVDs CEO Shadow Industry \
    Autumn Parliamentary Presidential; do
    lacks "'$junk' is no name" "$names" "$TAB$junk$TAB"
    lacks "'$junk' is no name (summary)" "
$sum" "
$junk$TAB"
done

# Labour is on the everyday-word list and a title word ("Labour
# Secretary"), but the gazetteer names it: every mention is found,
# sentence-initial ones too.
contains "Labour is found six times in two articles" "$sum" \
    "Labour${TAB}organisation${TAB}6${TAB}2"
contains "'Labour is a party' finds Labour" "$ent" \
    "a1_politics.txt${TAB}8${TAB}1${TAB}organisation${TAB}Labour${TAB}Labour"
G=$(mktemp)
printf 'Digby Jones\tperson\n' >"$G"
sumg=$("$LEDE" --gazetteer "$G" --entities --summary "$D")
rm -f "$G"
contains "with a user gazetteer too" "$sumg" \
    "Labour${TAB}organisation${TAB}6${TAB}2"

# A modifier does not name the person; a subsidiary does not take over
# its parent; Time Warner stays an organisation.
contains "Alan Milburn keeps his name" "$sum" \
    "Alan Milburn${TAB}person${TAB}6${TAB}2"
lacks "no 'Blairite Alan Milburn'" "$sum" "Blairite Alan Milburn"
contains "Yukos keeps its own mentions" "$sum" \
    "Yukos${TAB}organisation${TAB}6${TAB}1"
contains "Yukos USA is a name of its own" "$sum" \
    "Yukos USA${TAB}organisation${TAB}1${TAB}1"
contains "AOL keeps its own mentions" "$sum" "AOL${TAB}organisation${TAB}3${TAB}1"
contains "AOL Europe apart" "$sum" "AOL Europe${TAB}organisation${TAB}1${TAB}1"
contains "Time Warner is an organisation" "$sum" \
    "Time Warner${TAB}organisation${TAB}4${TAB}1"
contains "Warner Bros is an organisation of its own" "$sum" \
    "Warner Bros${TAB}organisation${TAB}"

# Four spellings, one party.
contains "Lib Dems, Lib Dem, Liberal Democrat(s): one entity" "$sum" \
    "Liberal Democrats${TAB}organisation${TAB}8${TAB}2"
n=$(printf '%s\n' "$sum" | grep -c "^Lib")
check "no other Lib... entity ($n)" [ "$n" = 1 ]
for v in "Lib Dems" "Lib Dem" "Liberal Democrat"; do
    contains "'$v' is the Liberal Democrats" "$ent" \
        "${TAB}$v${TAB}Liberal Democrats"
done

# Acronyms learned from the text, used across the set.
contains "CBI spelled out in its article" "$ent" \
    "a2_business.txt${TAB}4${TAB}5${TAB}organisation${TAB}CBI${TAB}Confederation of British Industry"
contains "CBI in another article" "$ent" \
    "a6_parties.txt${TAB}6${TAB}5${TAB}organisation${TAB}CBI${TAB}Confederation of British Industry"
contains "'BCC, the British Chambers of Commerce'" "$ent" \
    "a6_parties.txt${TAB}6${TAB}17${TAB}organisation${TAB}BCC${TAB}British Chambers of Commerce"
lacks "CBI is no entity of its own" "
$sum" "
CBI$TAB"

# Names with of / for / and inside stay whole.
contains "British Chambers of Commerce whole" "$sum" \
    "British Chambers of Commerce${TAB}organisation${TAB}"
contains "Coalition of Non-governmental Organizations whole" "$sum" \
    "Coalition of Non-governmental Organizations${TAB}organisation${TAB}1"
lacks "no 'Commerce' alone" "$sum" "
Commerce$TAB"

# Films and products are neither people nor places.
contains "Alexander (a film) is other" "$sum" "Alexander${TAB}other${TAB}"
contains "Catwoman (a film) is other" "$sum" "Catwoman${TAB}other${TAB}"
contains "Bluetooth is other" "$sum" "Bluetooth${TAB}other${TAB}"

# Order independence: the same files in other orders give the same
# summary and the same mentions (the mention lines follow the files).
for p in "a6 a5 a4 a3 a2 a1" "a3 a1 a6 a2 a5 a4" "a4 a6 a1 a5 a3 a2" \
    "a2 a4 a6 a1 a3 a5"; do
    set --
    for x in $p; do set -- "$@" "$D/$x"_*.txt; done
    s2=$("$LEDE" --entities --summary "$@")
    check "summary the same in order $p" [ "$s2" = "$sum" ]
    e2=$("$LEDE" --entities "$@" | sort)
    check "mentions the same in order $p" \
        [ "$e2" = "$(printf '%s\n' "$ent" | sort)" ]
done
contains "one spelling of O'Brien whichever loads first" "$sum" \
    "Sean O'Brien${TAB}person${TAB}2${TAB}2"
