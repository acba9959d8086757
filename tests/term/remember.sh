#!/bin/sh
# The list's order and grouping are remembered per set: sort by headline
# and group by source, quit with Q, open the set again and the same rows
# come in the same order under the same headers. What was chosen beats
# the configuration's default `sort`; --sort and --group beat both for
# that run only; another set keeps its own; a filtered list's order is
# not kept; a state database of lede's first schema is upgraded in place
# with its marks, and one that cannot be upgraded still keeps marks and
# says the order is not saved.
. tests/term/harness
G=$WORK/set
mkdir -p "$G/sub"
art() { # file title source date
    printf 'Title: %s\nSource: %s\nDate: %s\n\nThe %s story, told once.\n' \
        "$2" "$3" "$4" "$2" >"$G/$1"
}
# path order: Zebra Market Bridge Harbour Alpha; by headline: Alpha
# Bridge Harbour Market Zebra; newest first: Market Alpha Bridge Harbour
# Zebra
art a.txt "Zebra crossing reopens" "North Post" 2016-08-01
art b.txt "Market rally continues" "South Times" 2016-08-05
art c.txt "Bridge repairs begin" "North Post" 2016-08-03
art d.txt "Harbour dredging plan" "South Times" 2016-08-02
art sub/e.txt "Alpha team wins" "North Post" 2016-08-04
TEST_STATE_HOME=$WORK/kept

# The list pane's rows, top to bottom: [Header] for a group header, the
# first word of a headline for an article.
order() {
    screen | cut -c1-36 |
        grep -oE '^▾ [A-Z][a-z]+|(Alpha|Bridge|Harbour|Market|Zebra)' |
        sed 's/^▾ \(.*\)/[\1]/' | tr '\n' ' ' | sed 's/ $//'
}
# wait_order ROWS: poll until the list shows ROWS (says what it shows
# when it does not)
wait_order() {
    i=0
    while [ $i -lt "$WAIT" ]; do
        [ "$(order)" = "$1" ] && return 0
        sleep 0.05
        i=$((i + 1))
    done
    echo "# list shows: $(order)"
    return 1
}
quit() {
    keys Q
    check "$1" [ "$(wait_exit)" = 0 ]
}
BY_PATH="Zebra Market Bridge Harbour Alpha"
BY_HEADLINE="Alpha Bridge Harbour Market Zebra"
BY_DATE="Market Alpha Bridge Harbour Zebra"
GROUPED="[North] Alpha Bridge Zebra [South] Harbour Market"

start 120 20 -- "$G"
wait_for "Zebra crossing" || fail "did not open"
check "a set never seen opens in path order" wait_order "$BY_PATH"
contains "the status line says so" "$(status)" "by path"
keys :
type_text "sort headline"
keys Enter
check ":sort headline orders the list by headline" wait_order "$BY_HEADLINE"
keys = =
check "= = groups it by source, by headline in each group" \
    wait_order "$GROUPED"
check "the status line shows both" wait_match "by headline, group source +[0-9]+%$"
quit "Q quits"

start 120 20 -- "$G"
check "reopened: the same group headers and the same order" \
    wait_order "$GROUPED"
check "with their counts" wait_match "^▾ North Post +3 articles"
check "the status line shows the order and grouping remembered" \
    wait_match "by headline, group source +[0-9]+%$"
lacks "no message pretends they were chosen now" "$(status)" "grouped by"
keys g j
check "the rows work as rows: g j goes to the first article" \
    wait_match "│ Alpha team wins +│"
quit "Q quits again"

# the configuration's default order gives way to the one remembered
TEST_CONFIG_HOME=$WORK/cfg
mkdir -p "$TEST_CONFIG_HOME/lede"
printf 'sort date\n' >"$TEST_CONFIG_HOME/lede/config"
start 120 20 -- "$G"
check "with sort date in the configuration, the remembered order wins" \
    wait_order "$GROUPED"
quit "quits"

# the command line wins for its run, and is not remembered
start 120 20 -- --sort=date --group=none "$G"
check "--sort=date --group=none: by date, not grouped" wait_order "$BY_DATE"
contains "the status line says by date" "$(status)" "by date"
lacks "and no grouping" "$(status)" "group"
quit "quits"
start 120 20 -- --sort=path "$G"
check "--sort=path alone keeps the remembered grouping" \
    wait_order "[North] Zebra Bridge Alpha [South] Market Harbour"
quit "quits"
start 120 20 -- "$G"
check "without options the remembered order and grouping are back" \
    wait_order "$GROUPED"
quit "quits"

# another set (other paths) keeps its own: here the configuration's
start 120 20 -- "$G/a.txt" "$G/b.txt" "$G/c.txt"
check "another set opens in the configuration's order, not grouped" \
    wait_order "Market Bridge Zebra"
contains "by date" "$(status)" "by date"
keys S S
check "S S cycles it from date to source to headline" wait_match "by headline +[0-9]+%$"
quit "quits"
start 120 20 -- "$G"
check "which leaves the first set's as it was" wait_order "$GROUPED"

# a change is remembered; the order of a filtered list is not
keys =
check "= cycles on to no grouping" wait_for "not grouped"
keys :
type_text "filter story"
keys Enter
check "a filter lists its hits, best first" wait_for "5 articles match story"
contains "by relevance" "$(status)" "by relevance"
keys :
type_text "sort date"
keys Enter
check "the filtered list sorts by date" wait_order "$BY_DATE"
keys Escape
check "Esc: the whole list, still by headline" wait_order "$BY_HEADLINE"
keys :
type_text "filter story"
keys Enter
check "filtered again" wait_match "by relevance"
quit "Q from a filtered list quits"
start 120 20 -- "$G"
check "reopened: not grouped, by headline (the filter's order not kept)" \
    wait_order "$BY_HEADLINE"
contains "the status line says by headline" "$(status)" "by headline"
lacks "and no grouping" "$(status)" "group"
quit "quits"
start 120 20 -- "$G/a.txt" "$G/b.txt" "$G/c.txt"
check "the other set's own order came back too" wait_order "Bridge Market Zebra"
quit "quits"

# A state database of lede's first schema (no views table, user_version
# 1), with marks made before: --list reads it as it is, the reader
# upgrades it in place and every mark is still there.
SQL=${B:-build}/tests/state_sql
OLD=$WORK/old
DB=$OLD/lede/state.db
XDG_STATE_HOME=$OLD "$LEDE" --star --tag kept "$G/c.txt"
XDG_STATE_HOME=$OLD "$LEDE" --mark-read "$G/a.txt"
"$SQL" "$DB" "DROP TABLE views; PRAGMA user_version=1"
check "the old database has schema 1" [ "$("$SQL" "$DB" "PRAGMA user_version")" = 1 ]
marks() { # the read, star and tags columns of --list, one line each
    XDG_STATE_HOME=$OLD "$LEDE" --list "$G" | cut -f4-7 | sed "s/$TAB/|/g"
}
WANT="Zebra crossing reopens|1|0|
Market rally continues|0|0|
Bridge repairs begin|0|1|kept
Harbour dredging plan|0|0|
Alpha team wins|0|0|"
check "--list reads its marks" [ "$(marks)" = "$WANT" ]
check "and leaves it at schema 1" [ "$("$SQL" "$DB" "PRAGMA user_version")" = 1 ]
TEST_STATE_HOME=$OLD
start 120 20 -- "$G"
check "the reader opens it: the starred article is starred" \
    wait_match "^★ +Bridge repairs.*\[kept\]"
check "the read one is read" wait_match "^✓ +Zebra crossing reopens"
lacks "without a message" "$(status)" "state:"
keys :
type_text "sort headline"
keys Enter
keys = =
check "sorted and grouped" wait_order "$GROUPED"
quit "quits"
check "it is schema 2 now" [ "$("$SQL" "$DB" "PRAGMA user_version")" = 2 ]
check "every mark is kept" [ "$(marks)" = "$WANT" ]
start 120 20 -- "$G"
check "and the set opens as it was left" wait_order "$GROUPED"
check "its star still drawn" wait_match "^★ +Bridge repairs.*\[kept\]"
quit "quits"

# A set of more articles than the index's article cache holds, opened
# again from its index: the groups and the order are made from what the
# list keeps of each article, not from articles fetched whole.
TEST_STATE_HOME=$WORK/kept12
T12=$WORK/twelve
mkdir -p "$T12/a" "$T12/b" "$T12/c"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    case $i in [1-4]) d=a src="Alpha Wire" ;; [5-8]) d=b src="Beta Post" ;;
        *) d=c src="Gamma News" ;; esac
    printf 'Title: Story %02d\nSource: %s\n\nBody %s.\n' $((13 - i)) "$src" \
        "$i" >"$T12/$d/$(printf %02d "$i").txt"
done
order12() {
    screen | cut -c1-36 | grep -oE '^▾ [A-Z][a-z]+|Story [0-9]+' |
        sed 's/^▾ \(.*\)/[\1]/; s/Story //' | tr '\n' ' ' | sed 's/ $//'
}
wait_order12() {
    i=0
    while [ $i -lt "$WAIT" ]; do
        [ "$(order12)" = "$1" ] && return 0
        sleep 0.05
        i=$((i + 1))
    done
    echo "# list shows: $(order12)"
    return 1
}
G12="[Alpha] 09 10 11 12 [Beta] 05 06 07 08 [Gamma] 01 02 03 04"
start 120 24 -- "$T12"
check "twelve articles, in path order" \
    wait_order12 "12 11 10 09 08 07 06 05 04 03 02 01"
keys :
type_text "sort headline"
keys Enter
keys = =
check "sorted by headline and grouped by source" wait_order12 "$G12"
quit "quits"
start 120 24 -- "$T12"
check "reopened from the index: the same groups and order" wait_order12 "$G12"
check "each header counts its four articles" wait_match "^▾ Gamma News +4 articles"
quit "quits"

# An older lede's database that cannot be upgraded (here a name the new
# table needs is taken): the marks still work, the status line says the
# order is not remembered, and choosing one says it was not saved.
BAD=$WORK/bad
XDG_STATE_HOME=$BAD "$LEDE" --star "$G/c.txt"
"$SQL" "$BAD/lede/state.db" "DROP TABLE views; CREATE INDEX views ON marks(at); PRAGMA user_version=1"
TEST_STATE_HOME=$BAD
start 120 20 -- "$G"
check "it opens, saying it could not be upgraded" \
    wait_for "could not be upgraded"
check "its star is there" wait_match "^★ +Bridge repairs begin"
keys S
check "S sorts (from the configuration's date on to source)" \
    wait_match "by source +[0-9]+%$"
check "and says the order could not be saved" wait_for "state: the order could not be saved"
keys =
check "= groups, and says the grouping could not be saved" \
    wait_for "state: the grouping could not be saved"
keys j t
type_text "later"
keys Enter
check "a tag is still saved" wait_for "tags: later"
quit "quits"
check "the file is left at schema 1, its rows kept" \
    [ "$("$SQL" "$BAD/lede/state.db" "PRAGMA user_version; SELECT count(*) FROM marks; SELECT tag FROM tags")" = "1
2
later" ]
