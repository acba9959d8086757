# The index: a set opened again, or changed, gives what reading every
# file gives (--no-index); damage and version changes rebuild it.
. tests/lib.sh
B=${B:-build}
W=$(mktemp -d "${TMPDIR:-/tmp}/lede-index.XXXXXX")
trap 'rm -rf "$W"' EXIT
export XDG_CACHE_HOME="$W/cache"
SET=$W/set
"$B"/tests/gen_corpus 300 "$SET" >/dev/null
cp data/articles/* "$SET/000/"

# as_wanted DESC: $W/got (with the index) is $W/want (--no-index).
as_wanted() {
    if cmp -s "$W/want" "$W/got"; then
        ok "$1: as without the index"
    else
        fail "$1: differs from --no-index"
        diff "$W/want" "$W/got" | head -5
    fi
}

# same DESC: every batch mode gives the same output and messages with the
# index as without it.
same() {
    for m in --list --entities "--entities --summary" "--search Lavrov" \
             "--search -E Kerr[y]" --dump --duplicates \
             "--search entity:Lavrov --articles"; do
        # shellcheck disable=SC2086
        "$LEDE" --no-index $m "$SET" >"$W/want" 2>&1
        # shellcheck disable=SC2086
        "$LEDE" $m "$SET" >"$W/got" 2>&1
        as_wanted "$1: $m"
    done
}

db() { ls "$XDG_CACHE_HOME"/lede/*.db 2>/dev/null | head -1; }

# fresh: each mode that shows names on an index the same run makes (the
# names merged as the files are read, not read back from the index), and
# then on that index reopened, gives what --no-index gives.
fresh() {
    for m in --list --entities "--entities --summary" --duplicates \
             "--search entity:Lavrov --articles"; do
        # shellcheck disable=SC2086
        "$LEDE" --no-index $m "$SET" >"$W/want" 2>&1
        for run in "a first index" "reopened"; do
            [ "$run" = "a first index" ] && rm -rf "$XDG_CACHE_HOME"
            # shellcheck disable=SC2086
            "$LEDE" $m "$SET" >"$W/got" 2>&1
            as_wanted "$run made by $m"
        done
    done
}
fresh

same "first index"
check "the index is a file in \$XDG_CACHE_HOME/lede" [ -f "$(db)" ]
DB=$(db)
same "reopened"

# A file with the size and mtime the index knows is not read again.
f=$SET/000/000003.txt
cp "$f" "$W/keep"
touch -r "$f" "$W/stamp"
head=$("$LEDE" --list "$f" | cut -f4)
sed '1s/^./X/' "$W/keep" >"$f"
touch -r "$W/stamp" "$f"
contains "an unchanged size and mtime: the indexed article is shown" \
    "$("$LEDE" --list "$SET" | grep 000003)" "$head"
cp "$W/keep" "$f"
touch -r "$W/stamp" "$f"

cp "$SET/000/000007.txt" "$SET/000/added.txt"
printf '\nSergei Lavrov met Angela Merkel in Vienna.\n' >>"$SET/000/added.txt"
same "a file added"
printf '\nJohn Kerry flew to Doha.\n' >>"$SET/000/000010.txt"
same "a file changed"
rm "$SET/000/000011.txt"
same "a file removed"
mv "$SET/000/000012.txt" "$SET/000/renamed.txt"
same "a file renamed"
printf 'a\0b' >"$SET/000/binary.txt"
: >"$SET/000/empty.txt"
mkdir "$SET/nothing"
same "files that are no articles"
rm -r "$SET/000/binary.txt" "$SET/000/empty.txt" "$SET/nothing"

want=$("$LEDE" --no-index --entities "$SET")
check "--jobs 1 gives the same entities" \
    [ "$("$LEDE" --reindex --jobs 1 --entities "$SET")" = "$want" ]
check "--jobs 4 gives the same entities" \
    [ "$("$LEDE" --reindex --jobs 4 --entities "$SET")" = "$want" ]

# Damage: a file that is no database is replaced, with a message.
head -c 4096 /dev/urandom >"$DB"
rm -f "$DB-wal" "$DB-shm"
err=$("$LEDE" --list "$SET" 2>&1 >/dev/null)
contains "a damaged index is rebuilt with a message" "$err" "rebuilt"
same "after a damaged index"

# A database that is not ours, in the cache: rebuilt with a message.
rm -f "$DB" "$DB-wal" "$DB-shm"
if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$DB" "CREATE TABLE mail(id INTEGER); INSERT INTO mail VALUES (7);"
    err=$("$LEDE" --list "$SET" 2>&1 >/dev/null)
    contains "a foreign database in the cache is rebuilt" "$err" \
        "not a lede index, rebuilt"
    same "after a foreign database"

    # ... but one named with --index is the user's: left alone.
    sqlite3 "$W/mine.db" "CREATE TABLE mail(id INTEGER); INSERT INTO mail VALUES (7);"
    "$LEDE" --index "$W/mine.db" --list "$SET" >"$W/got" 2>"$W/err"
    contains "--index FILE that is not ours: a message" "$(cat "$W/err")" \
        "not a lede index, left alone"
    check "--index FILE that is not ours still lists the set" \
        [ "$(wc -l <"$W/got")" = "$("$LEDE" --no-index --list "$SET" | wc -l)" ]
    check "--index FILE that is not ours is not touched" \
        [ "$(sqlite3 "$W/mine.db" 'SELECT id FROM mail')" = 7 ]

    # A version stamp from another lede: rebuilt, never misread.
    sqlite3 "$DB" "UPDATE meta SET value = '0 0.0.0 0' WHERE key = 'build'"
    err=$("$LEDE" --list "$SET" 2>&1 >/dev/null)
    contains "another version's index is rebuilt" "$err" "another version"
    same "after a version change"
    # The same lede, but an index of the schema before (5: FTS5 column
    # sizes kept, its merge settings the defaults): rebuilt, made anew.
    sqlite3 "$DB" "UPDATE meta SET value = '5' || substr(value, 2) WHERE key = 'build'"
    err=$("$LEDE" --list "$SET" 2>&1 >/dev/null)
    contains "an index of the schema before is rebuilt" "$err" "another version"
    check "... with the full-text settings of this schema" \
        [ "$(sqlite3 "$DB" "SELECT group_concat(k || '=' || v, ' ') FROM (SELECT k, v FROM fts_config WHERE k IN ('automerge', 'hashsize') ORDER BY k)")" = "automerge=8 hashsize=8388608" ]
    check "... and no table of column sizes" \
        [ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'fts_docsize'")" = 0 ]
    same "after a schema change"
    # Another gazetteer: the names are scanned again (from the index).
    printf 'Zorblat Quux\tperson\n' >"$W/gaz.tsv"
    printf '\nZorblat Quux spoke.\n' >>"$SET/000/000020.txt"
    a=$("$LEDE" --no-index --gazetteer "$W/gaz.tsv" --entities "$SET")
    b=$("$LEDE" --gazetteer "$W/gaz.tsv" --entities "$SET")
    check "a user gazetteer: the same names as without the index" [ "$a" = "$b" ]
    contains "a user gazetteer's name is found" "$b" "Zorblat Quux"
    c=$("$LEDE" --entities "$SET")
    check "without it again: the same as --no-index" \
        [ "$c" = "$("$LEDE" --no-index --entities "$SET")" ]

    # kill -9 while indexing: the database stays sound and works.
    "$B"/tests/gen_corpus 3000 "$W/big" >/dev/null
    "$LEDE" --list "$W/big" >/dev/null 2>&1 &
    pid=$!
    sleep 1
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    BIG=$(ls -t "$XDG_CACHE_HOME"/lede/*.db | head -1)
    check "after kill -9 the index passes integrity_check" \
        [ "$(sqlite3 "$BIG" 'PRAGMA integrity_check')" = ok ]
    check "after kill -9 the set lists as without the index" \
        [ "$("$LEDE" --list "$W/big")" = "$("$LEDE" --no-index --list "$W/big")" ]
    n=$(sqlite3 "$BIG" 'SELECT count(*) FROM files')
    check "after kill -9 and a reopen every file is indexed ($n)" [ "$n" = 3000 ]
else
    fail "sqlite3 is not installed (apt-get install sqlite3): the database checks did not run"
fi

out=$("$LEDE" --reindex --list "$SET" 2>&1)
check "--reindex lists the set" [ "$out" = "$("$LEDE" --no-index --list "$SET" 2>&1)" ]

rm -rf "$XDG_CACHE_HOME"
"$LEDE" --list - <"$SET/000/000001.txt" >/dev/null
check "standard input is not indexed" [ ! -d "$XDG_CACHE_HOME/lede" ] || \
    [ -z "$(ls "$XDG_CACHE_HOME/lede")" ]
"$LEDE" --no-index --list "$SET" >/dev/null
check "--no-index writes no index" [ -z "$(ls "$XDG_CACHE_HOME/lede" 2>/dev/null)" ]

# Three lede opening one set with no index yet, at once: each prints what
# reading the files prints, and none calls the others' new index damaged.
# (The second used to find half a schema, delete the file under the
# first, and read mentions back against the wrong articles: wrong text
# and bytes past an article's end, in about half the rounds.)
"$B"/tests/gen_corpus 1000 "$W/race" >/dev/null
"$LEDE" --no-index --entities "$W/race" >"$W/want" 2>&1
bad=0
for round in 1 2 3 4 5; do
    rm -rf "$XDG_CACHE_HOME"
    for k in 1 2 3; do
        "$LEDE" --entities "$W/race" >"$W/got$k" 2>&1 &
    done
    wait
    for k in 1 2 3; do
        cmp -s "$W/want" "$W/got$k" || bad=$((bad + 1))
    done
done
check "three at once on a new index: all as without it ($bad of 15 not)" \
    [ "$bad" = 0 ]
exit 0
