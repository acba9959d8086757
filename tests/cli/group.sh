#!/bin/sh
# --list --group=folder|source: a header line ("# NAME<TAB>count") before
# each group, groups in name order, rows in the list's order inside;
# --json gives a "group" key per row instead; bad values are refused.
. tests/lib.sh
TAB=$(printf '\t')
W=$(mktemp -d "${TMPDIR:-/tmp}/lede-group.XXXXXX")
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/set/north" "$W/set/south"
printf 'Title: Lonely\nDate: 2016-08-05\n\nNo source.\n' >"$W/set/5.txt"
printf 'Title: One\nDate: 2016-08-01\nSource: Alpha Wire\n\nFirst.\n' >"$W/set/north/1.txt"
printf 'Title: Two\nDate: 2016-08-02\nSource: Beta Post\n\nSecond.\n' >"$W/set/north/2.txt"
printf 'Title: Three\nDate: 2016-08-03\nSource: Alpha Wire\n\nThird.\n' >"$W/set/south/3.txt"
printf 'Title: Four\nDate: 2016-08-04\nSource: \033[31mRed\033[0m Star\n\nFourth.\n' >"$W/set/south/4.txt"
S=$W/set

out=$("$LEDE" --list --group=folder "$S" | cut -f1,4)
check "--group=folder: a header per folder (top first), rows in path order" [ "$out" = "# .
$S/5.txt${TAB}Lonely
# north
$S/north/1.txt${TAB}One
$S/north/2.txt${TAB}Two
# south
$S/south/3.txt${TAB}Three
$S/south/4.txt${TAB}Four" ]
out=$("$LEDE" --list --group=folder "$S" | grep '^#')
check "header lines carry the group's count" [ "$out" = "# .${TAB}1
# north${TAB}2
# south${TAB}2" ]
out=$("$LEDE" --list --group=source --sort=date "$S" | cut -f1,4)
check "--group=source: by name, escape sequences cleaned, (no source) last, newest first inside" \
    [ "$out" = "# Alpha Wire
$S/south/3.txt${TAB}Three
$S/north/1.txt${TAB}One
# Beta Post
$S/north/2.txt${TAB}Two
# Red Star
$S/south/4.txt${TAB}Four
# (no source)
$S/5.txt${TAB}Lonely" ]
out=$("$LEDE" --list --group=source --json "$S")
check "--json: no header lines" [ "$(printf '%s\n' "$out" | grep -c '^#')" = 0 ]
check "--json: a group key per row" python3 -c "
import json,sys
rows=[json.loads(l) for l in sys.argv[1].splitlines()]
got=[(r['headline'],r['group']) for r in rows]
assert got==[('One','Alpha Wire'),('Three','Alpha Wire'),('Two','Beta Post'),
             ('Four','Red Star'),('Lonely','(no source)')], got
" "$out"
check "--group=none is the plain list" \
    [ "$("$LEDE" --list --group=none "$S")" = "$("$LEDE" --list "$S")" ]
check "without --group no group key" \
    [ "$("$LEDE" --list --json "$S" | grep -c '"group"')" = 0 ]
err=$("$LEDE" --list --group=author "$S" 2>&1 >/dev/null)
check "a bad --group exits 2" [ $? = 2 ]
contains "and says what it wants" "$err" "--group wants folder, source or none, not 'author'"
err=$("$LEDE" --entities --group=source "$S" 2>&1 >/dev/null)
check "--group with another batch mode exits 2" [ $? = 2 ]
contains "and says where it goes" "$err" "--group goes with --list or the reader"

# A set read back from its index (the second run): more articles than
# the index's article cache holds, so a group name must not be borrowed
# from an article fetched whole (it would be freed under the grouping).
B12=$W/twelve
mkdir -p "$B12/a" "$B12/b" "$B12/c"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
    case $i in 0[1-4]) d=a src="Alpha Wire" ;; 0[5-8]) d=b src="Beta Post" ;;
        *) d=c src="Gamma News" ;; esac
    printf 'Title: Story %s\nSource: %s\n\nBody %s of a longer set.\n' \
        "$i" "$src" "$i" >"$B12/$d/$i.txt"
done
WANT="# Alpha Wire${TAB}4
# Beta Post${TAB}4
# Gamma News${TAB}4"
"$LEDE" --list "$B12" >/dev/null # builds the index
for by in source folder; do
    fresh=$("$LEDE" --no-index --list --group=$by "$B12")
    indexed=$("$LEDE" --list --group=$by "$B12")
    check "--group=$by from the index is as without it" [ "$indexed" = "$fresh" ]
done
check "the source groups from the index" \
    [ "$("$LEDE" --list --group=source "$B12" | grep '^#')" = "$WANT" ]
