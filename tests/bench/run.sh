#!/bin/sh
# Benchmarks: figures, not assertions.
#   BENCH_N        articles to generate (default 100000)
#   BENCH_MILLION  1: also a set of 1,000,000 (about 4 GB of disk)
# The corpus is generated once into $B/corpus-$N. The index goes to a
# fresh cache folder of the run, so the first open is a never-seen set.
B=${B:-build}
LEDE=${LEDE:-$B/lede}
W=$(mktemp -d "${TMPDIR:-/tmp}/lede-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT

now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }

# timed LABEL CMD...: elapsed seconds and peak memory of one run
timed() {
    label=$1
    shift
    /usr/bin/env time -f "%e %M" "$@" >/dev/null 2>"$W/time" || true
    set -- $(tail -1 "$W/time")
    printf '%-44s %6s s   peak %6d MB\n' "$label" "$1" $(($2 / 1024))
}

corpus() { # N
    c=$B/corpus-$1
    if [ ! -d "$c" ]; then
        echo "generating $1 articles into $c" >&2
        "$B"/tests/gen_corpus "$1" "$c.tmp" >/dev/null && mv "$c.tmp" "$c"
    fi
    echo "$c"
}

bench_set() { # N
    n=$1
    c=$(corpus "$n")
    export XDG_CACHE_HOME="$W/cache-$n"
    echo "== $n articles, $(du -sh "$c" | cut -f1) ($(nproc) cores)"
    # warm the page cache so that every command reads the same way
    cat "$c"/*/* >/dev/null 2>&1
    timed "grep -rl Kerry" grep -rl Kerry "$c"
    if command -v rg >/dev/null 2>&1; then
        timed "rg -l Kerry" rg -l Kerry "$c"
    fi
    timed "first index (lede --list, never seen)" "$LEDE" --list "$c"
    du -sh "$XDG_CACHE_HOME/lede" | sed 's/^/index size: /'
    timed "reopen: lede --list from the index" "$LEDE" --list "$c"
    timed "reopen: lede --search Lavrov (no names)" "$LEDE" --search Lavrov "$c"
    timed "reopen: lede --entities --summary" "$LEDE" --entities --summary "$c"
    timed "reopen: lede --duplicates (stored hashes)" "$LEDE" --duplicates "$c"
    timed "--no-index --list (every file read)" "$LEDE" --no-index --list "$c"
    if [ -x "$B"/tests/bench_query ]; then
        echo "set queries against this index (median of 5, ms):"
        "$B"/tests/bench_query --index "$c"
    fi
    if command -v tmux >/dev/null 2>&1; then
        BENCH_CORPUS=$c BENCH_N=$n LEDE=$LEDE sh tests/bench/open.sh
    fi
}

bench_set "${BENCH_N:-100000}"
if [ "${BENCH_MILLION:-0}" = 1 ]; then
    bench_set 1000000
fi
corpus=$(corpus "${BENCH_N:-100000}")
echo "== core load (store + entities, no index): $B/tests/bench_load $corpus"
"$B"/tests/bench_load "$corpus"
echo "== the same, entities by the rules alone (no learned tagger)"
"$B"/tests/bench_load --rules "$corpus" | grep '^entities'
B=$B sh tests/bench/longline.sh
echo "== following a story: $B/tests/bench_story $corpus"
"$B"/tests/bench_story "$corpus"
if [ -x "$B"/tests/bench_query ]; then
    echo "== set queries, in memory and an in-memory FTS5: $B/tests/bench_query $corpus"
    "$B"/tests/bench_query "$corpus"
fi
for s in tests/bench/ui*.sh; do
    [ -f "$s" ] && B=$B BENCH_CORPUS=$(corpus "${BENCH_N:-100000}") \
        XDG_CACHE_HOME="$W/cache-${BENCH_N:-100000}" sh "$s"
done
exit 0
