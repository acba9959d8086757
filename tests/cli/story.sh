# The batch forms of following a story: --timeline, --with (one name:
# who appears with it; two: the articles naming both), --duplicates,
# --entities --summary --sort, and --list --json's source, url, author.
. tests/lib.sh
F=tests/term/fixtures/story
TAB=$(printf '\t')
W=$(mktemp -d "${TMPDIR:-/tmp}/lede-story.XXXXXX")
trap 'rm -rf "$W" "$W.err"' EXIT

# A hand-counted set: a0 Kerry Lavrov Mistura; a1 Kerry Lavrov(x2);
# a2 Lavrov Mistura; a3 Kerry (undated).
printf 'Title: One\nDate: 2016-09-03\n\nJohn Kerry met Sergei Lavrov and Staffan de Mistura on Friday.\n' >"$W/a0.txt"
printf 'Title: Two\nDate: 2016-09-01\n\nJohn Kerry spoke to Sergei Lavrov by phone. Sergei Lavrov said little.\n' >"$W/a1.txt"
printf 'Title: Three\nDate: 2016-09-01\n\nSergei Lavrov and Staffan de Mistura held talks.\n' >"$W/a2.txt"
printf 'Title: Four\n\nJohn Kerry flew home on Saturday.\n' >"$W/a3.txt"

out=$("$LEDE" --with "Sergei Lavrov" "$W")
check "--with exits 0" [ $? = 0 ]
contains "--with: Kerry is in 2 of Lavrov's articles" "$out" "John Kerry${TAB}person${TAB}2"
contains "--with: de Mistura in 2" "$out" "Staffan de Mistura${TAB}person${TAB}2"
check "--with lists nothing else" [ "$(printf '%s\n' "$out" | wc -l)" = 2 ]
out=$("$LEDE" --with "John Kerry" "$W")
check "--with Kerry: Lavrov 2 first, de Mistura 1" [ "$out" = "Sergei Lavrov${TAB}person${TAB}2
Staffan de Mistura${TAB}person${TAB}1" ]
out=$("$LEDE" --with "John Kerry" --with "Sergei Lavrov" "$W")
check "--with twice: the two articles naming both, with both names' mentions" \
    [ "$out" = "$W/a0.txt${TAB}2${TAB}One
$W/a1.txt${TAB}3${TAB}Two" ]
out=$("$LEDE" --with "John Kerry" --json "$W" | head -1)
check "--with --json" [ "$out" = '{"entity":"Sergei Lavrov","type":"person","articles":2}' ]
"$LEDE" --with Nobody "$W" >/dev/null 2>"$W.err"
check "--with an unknown name exits 1" [ $? = 1 ]
contains "and says so" "$(cat "$W.err")" "no name 'Nobody' in this set"

out=$("$LEDE" --entities --summary --sort=first "$W")
check "--summary --sort=first: all three first appear on 2016-09-01" \
    [ "$(printf '%s\n' "$out" | grep -c "${TAB}2016-09-01$")" = 3 ]
contains "de Mistura: 2 mentions, 2 articles, first 2016-09-01 (a2)" "$out" \
    "Staffan de Mistura${TAB}person${TAB}2${TAB}2${TAB}2016-09-01"
contains "Lavrov: 4 mentions in 3 articles" "$out" "Sergei Lavrov${TAB}person${TAB}4${TAB}3${TAB}"
out=$("$LEDE" --entities --summary --sort=name "$W" | cut -f1)
check "--sort=name sorts by name" [ "$out" = "$(printf '%s\n' "$out" | LC_ALL=C sort)" ]
"$LEDE" --list --sort=name "$W" >/dev/null 2>&1
check "--sort=name without --summary is a usage error" [ $? = 2 ]

out=$("$LEDE" --timeline "$W")
check "--timeline by day: 2 on the 1st, 1 on the 3rd, 1 undated" [ "$out" = "2016-09-01${TAB}2
2016-09-02${TAB}0
2016-09-03${TAB}1
undated${TAB}1" ]
out=$("$LEDE" --timeline --with "Sergei Lavrov" "$W")
check "--timeline --with: Lavrov's mentions by day" [ "$out" = "2016-09-01${TAB}3
2016-09-02${TAB}0
2016-09-03${TAB}1" ]
out=$("$LEDE" --timeline --json "$W")
contains "--timeline --json" "$out" '{"date":"2016-09-01","unit":"day","count":2}'
contains "--timeline --json counts the undated" "$out" '{"undated":1}'
out=$("$LEDE" --timeline "$F")
check "--timeline over 26 days of the story fixtures has 27 rows" \
    [ "$(printf '%s\n' "$out" | wc -l)" = 27 ]

out=$("$LEDE" --duplicates "$F")
check "--duplicates: the two copies, one line" [ "$out" = "2${TAB}$F/10_orig.txt${TAB}$F/20_copy.txt" ]
out=$("$LEDE" --duplicates --json "$F")
check "--duplicates --json" [ "$out" = "{\"copies\":2,\"paths\":[\"$F/10_orig.txt\",\"$F/20_copy.txt\"]}" ]
"$LEDE" --duplicates "$W" >/dev/null
check "--duplicates exits 1 when there are none" [ $? = 1 ]

# --duplicates from the index (the body hashes stored when the files were
# indexed) as from the files, after each change to the set: a file added,
# changed, removed.
S=$W/dupset
mkdir "$S"
cp "$F"/*.txt "$S"/
export XDG_CACHE_HOME="$W/cache"
# same_dups DESC WANT: the groups, never-seen/reopened, and --no-index
same_dups() {
    got=$("$LEDE" --duplicates "$S")
    check "$1: --duplicates from the index" [ "$got" = "$2" ]
    got=$("$LEDE" --duplicates --no-index "$S")
    check "$1: --duplicates --no-index" [ "$got" = "$2" ]
}
same_dups "never seen" "2${TAB}$S/10_orig.txt${TAB}$S/20_copy.txt"
same_dups "reopened" "2${TAB}$S/10_orig.txt${TAB}$S/20_copy.txt"
# the same body with other spacing and punctuation is a copy
sed 's/  */ /g; s/,//g' "$S/10_orig.txt" >"$S/35_added.txt"
same_dups "a copy added" "3${TAB}$S/10_orig.txt${TAB}$S/20_copy.txt${TAB}$S/35_added.txt"
printf '\nA paragraph of its own.\n' >>"$S/20_copy.txt"
same_dups "a copy changed" "2${TAB}$S/10_orig.txt${TAB}$S/35_added.txt"
same_dups "and reopened" "2${TAB}$S/10_orig.txt${TAB}$S/35_added.txt"
rm "$S/10_orig.txt"
"$LEDE" --duplicates "$S" >/dev/null
check "the last copy removed: none left (exit 1)" [ $? = 1 ]
cp "$S/35_added.txt" "$S/60_again.txt"
same_dups "a copy of the copy" "2${TAB}$S/35_added.txt${TAB}$S/60_again.txt"

out=$("$LEDE" --list --json "$F/50_links.txt")
contains "--list --json carries the source" "$out" '"source":"Wire Five"'
contains "and the URL" "$out" '"url":"https://example.com/links"'
contains "and the author (none here)" "$out" '"author":null'
"$LEDE" --timeline --duplicates "$F" >/dev/null 2>&1
check "two batch modes at once is a usage error" [ $? = 2 ]
