# Bad input: a clear one-line message, never a crash, hang or escape
# sequence on the terminal; the rest of the set still opens.
. tests/lib.sh
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T"; rm -rf "$T"' EXIT
ESC=$(printf '\033')
W=$T/set
mkdir -p "$W"
printf 'Good headline\n\nKerry met Lavrov in Geneva.\n' >"$W/good.txt"
printf 'Price \243 5 in London\n\nThe Bank of England said so.\n' >"$W/latin1.txt"
printf 'Bin\000ary\000data\n' >"$W/nul.bin"
printf '\033]0;pwned\007\033[2J\033[31mRed title\033[0m\n\nBody \033[Hsaid \033[31mJohn Kerry\033[0m today \033P1$r\033\\ too.\n' >"$W/esc.txt"
printf 'CRLF title\r\n\r\nLine one.\r\nLine two.\r\n' >"$W/crlf.txt"
printf '\357\273\277BOM title\n\nBody.\n' >"$W/bom.txt"
: >"$W/empty.txt"
printf '  \n\n \t \n' >"$W/blank.txt"
printf 'Evil \342\200\256txet desrever\342\200\254 name\n\nBody.\n' >"$W/bidi.txt"
mkdir "$W/.hidden" && printf 'Hidden headline\n' >"$W/.hidden/h.txt"
printf 'Name \033[31mred\n' >"$W/$(printf 'bad\033[2Jname.txt')"

out=$("$LEDE" --list "$W" 2>"$T/err")
rc=$?
err=$(cat "$T/err")
check "a set with bad files still opens (exit $rc)" [ "$rc" = 0 ]
contains "good articles load" "$out" "Good headline"
contains "Latin-1 bytes load as U+FFFD" "$out" "Price � 5 in London"
contains "an escape-laden headline loads, cleaned" "$out" "Red title"
contains "CRLF is read" "$out" "CRLF title"
contains "a BOM is dropped" "$out" "${TAB}BOM title"
contains "bidi overrides are removed" "$out" "Evil txet desrever name"
lacks "hidden entries are skipped" "$out" "Hidden headline"
contains "binary files are reported" "$err" "nul.bin: binary"
contains "empty files are reported" "$err" "empty.txt: empty"
contains "blank files are reported" "$err" "blank.txt:"
lacks "no escape byte reaches stdout" "$out" "$ESC"
lacks "no escape byte reaches stderr" "$err" "$ESC"
lacks "a file name cannot clear the screen" "$out$err" "$ESC[2J"
check "each problem is one line" [ "$(printf '%s\n' "$err" | wc -l)" -le 4 ]

for mode in --list --entities "--entities --summary" "--search e" --dump "--dump --color=always"; do
    out=$("$LEDE" $mode "$W" 2>&1)
    rc=$?
    check "$mode over bad input exits normally ($rc)" [ "$rc" -le 1 ]
    esc=$(printf '%s' "$out" | sed "s/$ESC\[[0-9;]*m//g")
    lacks "$mode writes no escape but colour" "$esc" "$ESC"
done

out=$("$LEDE" --entities "$W/esc.txt")
contains "columns count as in the file after removed escapes" "$out" \
    "$W/esc.txt	3	19	"

"$LEDE" --list "$T/nonexistent" >/dev/null 2>"$T/err"
check "a missing path alone exits 2" [ $? = 2 ]
contains "a missing path is named" "$(cat "$T/err")" "nonexistent"
"$LEDE" --list "$T/nonexistent" "$W/good.txt" >/dev/null 2>&1
check "a missing path among good ones exits 0" [ $? = 0 ]
mkdir "$T/none"
printf 'x' >"$T/none/.dot"
"$LEDE" --list "$T/none" >/dev/null 2>"$T/err"
check "a folder with no articles exits 2" [ $? = 2 ]
contains "a folder with no articles says so" "$(cat "$T/err")" "no articles"
if [ "$(id -u)" != 0 ]; then
    printf 'Secret\n' >"$T/locked.txt" && chmod 000 "$T/locked.txt"
    "$LEDE" --list "$T/locked.txt" >/dev/null 2>"$T/err"
    contains "an unreadable file is reported" "$(cat "$T/err")" "ermission denied"
fi

mkdir -p "$T/loop/a"
ln -s .. "$T/loop/a/up"
printf 'Loop headline\n' >"$T/loop/a/x.txt"
out=$(timeout $((10 * SLOW)) "$LEDE" --list "$T/loop" 2>"$T/err")
check "a symlink loop does not hang" [ $? = 0 ]
check "an article under a loop is listed once" [ "$(printf '%s\n' "$out" | grep -c 'Loop headline')" = 1 ]
check "the loop is reported once" [ "$(grep -c 'loop' "$T/err")" = 1 ]
contains "the loop is reported at the symlink, before descending" "$(cat "$T/err")" \
    "$T/loop/a/up: symlink loop"

# Symlinks: to files, followed wherever they point; to a folder inside
# the tree, followed once; to a folder outside it, not followed (said
# once); a loop reached by two routes, reported once.
mkdir -p "$T/tree/a" "$T/outside/deep"
printf 'Inside headline\n' >"$T/tree/a/in.txt"
printf 'Outside headline\n' >"$T/outside/deep/out.txt"
printf 'Linked file headline\n' >"$T/outside/file.txt"
ln -s ../outside "$T/tree/ext"
ln -s ../outside/file.txt "$T/tree/linked.txt"
ln -s a "$T/tree/b"
ln -s .. "$T/tree/a/loop"
ln -s nowhere "$T/tree/broken.txt"
out=$(timeout $((10 * SLOW)) "$LEDE" --list "$T/tree" 2>"$T/err")
err=$(cat "$T/err")
check "a tree with symlinks opens (exit $?)" [ -n "$out" ]
contains "a symlink to a file is followed" "$out" "Linked file headline"
lacks "a symlink to a folder outside the tree is not followed" "$out" "Outside headline"
contains "... and says so" "$err" "$T/tree/ext: symlink to a folder outside the tree, not followed"
check "... once" [ "$(grep -c 'outside' "$T/err")" = 1 ]
check "a folder reached through a symlink inside the tree is read once" \
    [ "$(printf '%s\n' "$out" | grep -c 'Inside headline')" = 1 ]
check "a loop reached by two routes is reported once" [ "$(grep -c 'loop' "$T/err")" = 1 ]
contains "a broken symlink is named" "$err" "$T/tree/broken.txt: broken symlink"
check "one line per problem" [ "$(printf '%s\n' "$err" | wc -l)" = 3 ]
# The index (the default, a fresh one, then the one just made) walks as
# --no-index does: the same files, the same messages in the same order.
for set in "$T/tree" "$T/loop" "$T/tree $T/nonexistent $T/outside/file.txt"; do
    # shellcheck disable=SC2086
    "$LEDE" --no-index --list $set >"$T/want" 2>"$T/want.err"
    name=$(printf '%s' "$set" | sed "s|$T/||g")
    for run in "--reindex" "" "--jobs 1"; do
        # shellcheck disable=SC2086
        "$LEDE" $run --list $set >"$T/got" 2>"$T/got.err"
        check "with the index ($run) the same files as --no-index: $name" \
            cmp -s "$T/want" "$T/got"
        check "with the index ($run) the same messages in order: $name" \
            cmp -s "$T/want.err" "$T/got.err"
    done
done

truncate -s 1G "$T/huge.txt" 2>/dev/null || dd if=/dev/zero of="$T/huge.txt" bs=1 count=0 seek=1G 2>/dev/null
out=$(timeout $((20 * SLOW)) "$LEDE" --list "$T/huge.txt" "$W/good.txt" 2>"$T/err")
check "a 1 GB file neither crashes nor hangs" [ $? = 0 ]
contains "a 1 GB file is reported" "$(cat "$T/err")" "huge.txt"
rm -f "$T/huge.txt"

awk 'BEGIN { printf "Long line headline\n\n"; for (i = 0; i < 370000; i++) printf "Kerry said word%d ", i; printf "\n" }' >"$T/longline.txt"
out=$(timeout $((60 * SLOW)) "$LEDE" --list "$T/longline.txt")
check "an 8 MB single line loads" [ $? = 0 ]
contains "an 8 MB line keeps its headline" "$out" "Long line headline"
out=$(timeout $((60 * SLOW)) "$LEDE" --dump --width 80 "$T/longline.txt" | wc -l)
check "an 8 MB line lays out ($out lines)" [ "$out" -gt 40000 ]

awk 'BEGIN { printf "Marks\n\nZ"; for (i = 0; i < 20000; i++) printf "\xcc\x81"; printf " end\n" }' >"$T/marks.txt"
out=$(timeout $((20 * SLOW)) "$LEDE" --dump --width 30 "$T/marks.txt")
check "a flood of combining marks lays out" [ $? = 0 ]

printf 'From stdin\n\nKerry spoke.\n' | "$LEDE" --list - >"$T/out"
contains "- reads standard input" "$(cat "$T/out")" "From stdin"

# One 8 MB line of 262,144 sentences: every batch mode finishes (they
# were quadratic in the length of a line), and the last mention and match
# on it are reported at their real columns. The line is the headline,
# where only known names count: Kerry and Lavrov (surnames of the
# gazetteer's people) and Geneva, three a sentence.
yes 'Kerry and Lavrov met in Geneva. ' | head -n 262144 | tr -d '\n' >"$T/8mb.txt"
echo >>"$T/8mb.txt"
last=$((32 * 262143 + 1))
out=$(timeout $((60 * SLOW)) "$LEDE" --entities "$T/8mb.txt" | tail -1)
check "--entities finishes on an 8 MB line" [ -n "$out" ]
contains "--entities on an 8 MB line reaches its last name" "$out" \
    "$T/8mb.txt	1	$((last + 24))	place	Geneva	Geneva"
n=$(timeout $((60 * SLOW)) "$LEDE" --entities "$T/8mb.txt" | wc -l)
check "--entities on an 8 MB line gives every mention ($n)" [ "$n" = $((3 * 262144)) ]
# An 8 MB line of 200,000 quoted titles: each quotation is checked
# against the names around it, once (it was quadratic: 7 s for 2.4 MB).
awk 'BEGIN { printf "Quotes\n\n"; for (i = 0; i < 200000; i++) printf "Kerry sang \"Blue Moon Rising\" in Geneva. "; printf "\n" }' >"$T/quotes.txt"
n=$(timeout $((60 * SLOW)) "$LEDE" --entities "$T/quotes.txt" | grep -c '	other	Blue Moon Rising	')
check "--entities on 200,000 quoted titles on a line finds each ($n)" [ "$n" = 200000 ]
out=$(timeout $((60 * SLOW)) "$LEDE" --entities --json "$T/8mb.txt" | tail -1)
contains "--entities --json finishes on an 8 MB line" "$out" \
    "\"line\":1,\"column\":$((last + 24)),\"text\":\"Geneva\""
out=$(timeout $((60 * SLOW)) "$LEDE" --search lavrov "$T/8mb.txt" | wc -c)
check "--search finishes on an 8 MB line ($out bytes)" [ "$out" -gt 8388608 ]
out=$(timeout $((60 * SLOW)) "$LEDE" --search lavrov --json "$T/8mb.txt" |
    grep -o '{"column":[0-9]*,"length":6}' | tail -1)
check "--search --json on an 8 MB line gives the last match's column" \
    [ "$out" = "{\"column\":$((last + 10)),\"length\":6}" ]
out=$(timeout $((60 * SLOW)) "$LEDE" --list --json "$T/8mb.txt" | wc -l)
check "--list --json finishes on an 8 MB line" [ "$out" = 1 ]
out=$(timeout $((60 * SLOW)) "$LEDE" --dump --json "$T/8mb.txt" | tail -c 120)
contains "--dump --json on an 8 MB line reaches its last name" "$out" \
    "{\"line\":1,\"column\":$((last + 24)),\"text\":\"Geneva\",\"type\":\"place\",\"entity\":\"Geneva\"}]}]}"
rm -f "$T/8mb.txt"

# A gazetteer line with a type lede does not know names the file, the
# line and the type (its control bytes made harmless).
printf '# names\n\nAda Lovelace\tperson\nBob Roe\tpersn\tBR\n' >"$T/gaz.tsv"
"$LEDE" --gazetteer "$T/gaz.tsv" --list "$W/good.txt" >/dev/null 2>"$T/err"
check "a bad gazetteer type exits 2" [ $? = 2 ]
contains "a bad gazetteer type names file, line and type" "$(cat "$T/err")" \
    "$T/gaz.tsv: gazetteer line 4: unknown type 'persn' (want person, organisation, place or other)"
printf 'Bob Roe\tp\033[31mx\n' >"$T/gaz.tsv"
"$LEDE" --gazetteer "$T/gaz.tsv" --list "$W/good.txt" >/dev/null 2>"$T/err"
contains "a bad gazetteer type is shown without its escape" "$(cat "$T/err")" "unknown type 'p?[31mx'"
printf 'no tab here\n' >"$T/gaz.tsv"
"$LEDE" --gazetteer "$T/gaz.tsv" --list "$W/good.txt" >/dev/null 2>"$T/err"
contains "a gazetteer line without a type says what is wanted" "$(cat "$T/err")" \
    "$T/gaz.tsv: gazetteer line 1: want name<TAB>type"

# JSON carries the real path of a file whose name holds control bytes and
# bytes that are not UTF-8 (each such byte as \udcXX), so a script can
# open it; the tab-separated output keeps the safe label.
mkdir "$T/names"
printf 'Evil name headline\n\nKerry met Lavrov.\n' >"$T/names/$(printf 'evil\033]0;x\007\377\303\251.txt')"
out=$("$LEDE" --list --json "$T/names")
contains "--list --json gives the real path, escaped" "$out" \
    "{\"path\":\"$T/names/evil\\u001b]0;x\\u0007\\udcffé.txt\","
lacks "--list --json writes no escape byte" "$out" "$ESC"
out=$("$LEDE" --entities --json "$T/names" | head -1)
contains "--entities --json gives the real path" "$out" "evil\\u001b]0;x\\u0007\\udcffé.txt\","
out=$("$LEDE" --json --search Kerry "$T/names")
contains "--search --json gives the real path" "$out" "evil\\u001b]0;x\\u0007\\udcffé.txt\","
out=$("$LEDE" --list "$T/names")
contains "--list keeps the safe label" "$out" "$T/names/evil?]0;x?"
lacks "--list writes no escape byte" "$out" "$ESC"
