# Remembered state from the command line: --list's read, starred and tags
# columns, the marks for scripts, marks that follow a moved file, a damaged
# state database kept aside, kill -9 while writing, two writers at once.
. tests/lib.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/lede-state.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_STATE_HOME="$T/state"
DB="$T/state/lede/state.db"
mkdir -p "$T/set"
i=1
while [ $i -le 40 ]; do
    printf 'Headline number %d\n\nBody of article %d about Geneva.\n' $i $i >"$T/set/a$i.txt"
    i=$((i + 1))
done
A1="$T/set/a1.txt"
A2="$T/set/a2.txt"
# The read, starred and tags columns (5 to 7) of one article.
cols() { "$LEDE" --list "$1" | cut -f5-7; }

check "--list with no state yet: unread, no star, no tags" [ "$(cols "$A1")" = "0${TAB}0${TAB}" ]
check "--list does not create the state database" [ ! -e "$DB" ]

"$LEDE" --star "$A1"
check "--star exits 0" [ $? = 0 ]
check "--star creates the state database" [ -f "$DB" ]
check "--star: starred column is 1" [ "$(cols "$A1")" = "0${TAB}1${TAB}" ]
check "another article is not starred" [ "$(cols "$A2")" = "0${TAB}0${TAB}" ]
"$LEDE" --mark-read --tag syria --tag "peace talks" "$A1"
check "--mark-read and two --tag at once" [ "$(cols "$A1")" = "1${TAB}1${TAB}peace talks,syria" ]
json=$("$LEDE" --list --json "$A1")
contains "--json has read" "$json" '"read":true'
contains "--json has starred" "$json" '"starred":true'
contains "--json has the tags as an array" "$json" '"tags":["peace talks","syria"]'
"$LEDE" --untag syria --unstar --mark-unread "$A1"
check "--untag, --unstar, --mark-unread undo them" [ "$(cols "$A1")" = "0${TAB}0${TAB}peace talks" ]
json=$("$LEDE" --list --json "$A2")
contains "--json with no tags: an empty array" "$json" '"read":false,"starred":false,"tags":[]'

# A folder marks every article in it, in one transaction.
mkdir -p "$T/sub"
cp "$A2" "$T/sub/x.txt"
printf 'Other\n\nText.\n' >"$T/sub/y.txt"
"$LEDE" --star "$T/sub"
n=$("$LEDE" --list "$T/sub" | cut -f6 | grep -c 1)
check "--star on a folder stars each article in it ($n)" [ "$n" = 2 ]

# The marks follow the content: a moved file keeps them, an edited one
# is a new article.
"$LEDE" --mark-read --tag moved "$T/sub/y.txt"
mkdir -p "$T/elsewhere"
mv "$T/sub/y.txt" "$T/elsewhere/z.txt"
check "a moved file keeps its marks" [ "$(cols "$T/elsewhere/z.txt")" = "1${TAB}1${TAB}moved" ]
(cd "$T/elsewhere" && "$OLDPWD/$LEDE" --list z.txt) >"$T/out"
check "a relative path finds the same marks" [ "$(cut -f5-7 "$T/out")" = "1${TAB}1${TAB}moved" ]
printf 'Other\n\nText, edited.\n' >"$T/elsewhere/z.txt"
check "an edited file starts unmarked" [ "$(cols "$T/elsewhere/z.txt")" = "0${TAB}0${TAB}" ]

# Usage errors.
"$LEDE" --star 2>"$T/err"
check "--star with no PATH is a usage error (2)" [ $? = 2 ]
contains "and says why" "$(cat "$T/err")" "PATH"
"$LEDE" --tag "a,b" "$A1" 2>"$T/err"
check "a tag with a comma is refused (2)" [ $? = 2 ]
"$LEDE" --tag "$(printf 'x\033]0;pwned\007')" "$A1" 2>"$T/err"
check "a tag with an escape sequence is refused (2)" [ $? = 2 ]
contains "with a message" "$(cat "$T/err")" "control characters"
lacks "that does not echo it to the terminal" "$(cat "$T/err")" "pwned"
"$LEDE" --star --list "$A1" 2>/dev/null
check "--star with --list is a usage error" [ $? = 2 ]
"$LEDE" --star "$T/nonexistent.txt" 2>"$T/err"
check "--star on a missing file exits 2" [ $? = 2 ]
contains "with the file's message" "$(cat "$T/err")" "nonexistent.txt"

# An unwritable state directory: the marks fail with a message, the rest
# of lede runs.
XDG_STATE_HOME=/dev/null/state "$LEDE" --star "$A1" 2>"$T/err"
check "unwritable state: --star exits 2" [ $? = 2 ]
contains "unwritable state: a message" "$(cat "$T/err")" "lede: state: cannot create"
out=$(XDG_STATE_HOME=/dev/null/state "$LEDE" --list "$A1" 2>&1)
check "unwritable state: --list still works" [ $? = 0 ]
contains "unwritable state: --list prints the article" "$out" "Headline number 1"

# A damaged state database is kept aside, not deleted, and a new one
# started.
mkdir -p "$T/bad/lede"
head -c 8192 /dev/urandom >"$T/bad/lede/state.db"
sum=$(cksum <"$T/bad/lede/state.db")
out=$(XDG_STATE_HOME="$T/bad" "$LEDE" --list "$A1" 2>"$T/err")
check "damaged state: --list still works" [ $? = 0 ]
contains "damaged state: --list prints the articles" "$out" "Headline number 1"
contains "damaged state: --list says so" "$(cat "$T/err")" "lede: state:"
check "damaged state: a reader leaves the file as it is" [ "$(cksum <"$T/bad/lede/state.db")" = "$sum" ]
XDG_STATE_HOME="$T/bad" "$LEDE" --star "$A1" 2>"$T/err"
check "damaged state: --star still works" [ $? = 0 ]
contains "damaged state: a message names the copy" "$(cat "$T/err")" "state.db.corrupt-"
aside=$(ls "$T/bad/lede/" | grep -c '^state\.db\.corrupt-[0-9-]*$')
check "damaged state: the old file is kept aside" [ "$aside" = 1 ]
kept=$(ls -d "$T/bad/lede/"state.db.corrupt-*[0-9] | head -1)
check "damaged state: kept byte for byte" [ "$(cksum <"$kept")" = "$sum" ]
check "damaged state: the new database has the star" \
    [ "$(XDG_STATE_HOME="$T/bad" "$LEDE" --list "$A1" | cut -f6)" = 1 ]

# kill -9 at random points of a loop of --star calls: the database stays
# sound and every call that finished (exit 0) keeps its mark.
if command -v sqlite3 >/dev/null 2>&1; then
    : >"$T/committed"
    killed=0
    i=3
    { while [ $i -le 40 ]; do
        "$LEDE" --star --tag "k$i" "$T/set/a$i.txt" 2>/dev/null &
        pid=$!
        ms=$(od -An -N1 -tu1 /dev/urandom | tr -d ' ')
        sleep "0.0$((ms % 10))"
        kill -9 $pid 2>/dev/null
        if wait $pid; then echo "$i" >>"$T/committed"; else killed=$((killed + 1)); fi
        i=$((i + 1))
    done; } 2>/dev/null
    ok "kill -9 loop: $(wc -l <"$T/committed") calls finished, $killed killed"
    check "after kill -9: PRAGMA integrity_check is ok" \
        [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ]
    lost=""
    for i in $(cat "$T/committed"); do
        [ "$(cols "$T/set/a$i.txt")" = "0${TAB}1${TAB}k$i" ] || lost="$lost a$i"
    done
    check "after kill -9: every finished --star kept its mark and tag${lost:+ (lost:$lost)}" [ -z "$lost" ]
    # a whole folder in one transaction: all marks or none
    { "$LEDE" --mark-read "$T/set" &
      pid=$!
      sleep 0.0$(($(od -An -N1 -tu1 /dev/urandom) % 10))
      kill -9 $pid
      wait $pid; } 2>/dev/null
    n=$("$LEDE" --list "$T/set" | cut -f5 | grep -c 1)
    all_or_none() { [ "$1" = 0 ] || [ "$1" = 40 ]; }
    check "kill -9 while marking a folder: all 40 or none read ($n)" all_or_none "$n"
    check "and the database is sound" [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ]
    # a tag put in the database by something else, with an escape in it
    sqlite3 "$DB" "INSERT INTO tags SELECT hash, path, 'x' || char(27) || ']0;pwned' || char(7) FROM marks WHERE path LIKE '%/set/a1.txt'"
    out=$("$LEDE" --list "$T/set" "$T/elsewhere" 2>&1)
    lacks "a stored tag with an escape never reaches the terminal" "$out" "pwned"
else
    fail "sqlite3 is not installed (apt-get install sqlite3): kill -9 tests skipped"
fi

# Two processes at once: both work, neither loses the other's marks.
"$LEDE" --mark-unread "$T/set" 2>/dev/null
( i=1; while [ $i -le 20 ]; do "$LEDE" --tag left "$T/set/a$i.txt" || echo fail; i=$((i + 1)); done ) >"$T/p1" 2>&1 &
p1=$!
( i=21; while [ $i -le 40 ]; do "$LEDE" --tag right --mark-read "$T/set/a$i.txt" || echo fail; i=$((i + 1)); done ) >"$T/p2" 2>&1 &
p2=$!
( i=0; while [ $i -lt 10 ]; do "$LEDE" --list "$T/set" >/dev/null || echo fail; i=$((i + 1)); done ) >"$T/p3" 2>&1 &
p3=$!
wait $p1 $p2 $p3
quiet() { [ ! -s "$T/p1" ] && [ ! -s "$T/p2" ] && [ ! -s "$T/p3" ]; }
check "two writers and a reader at once: no failure" quiet
out=$("$LEDE" --list "$T/set")
l=$(printf '%s\n' "$out" | cut -f7 | grep -c 'left')
r=$(printf '%s\n' "$out" | grep -c "${TAB}1${TAB}[01]${TAB}.*right")
both() { [ "$l" = 20 ] && [ "$r" = 20 ]; }
check "every mark of both writers is there ($l + $r of 40)" both
