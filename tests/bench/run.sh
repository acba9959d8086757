#!/bin/sh
# Benchmarks: figures, not assertions.
#   BENCH_N  articles to generate (default 100000)
# The corpus is generated once into $B/corpus-$BENCH_N.
B=${B:-build}
N=${BENCH_N:-100000}
corpus=$B/corpus-$N
if [ ! -d "$corpus" ]; then
    echo "generating $N articles into $corpus"
    "$B"/tests/gen_corpus "$N" "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
fi
echo "== corpus: $(du -sh "$corpus" | cut -f1) in $N files"
echo "== core load (store + entities): $B/tests/bench_load $corpus"
"$B"/tests/bench_load "$corpus"
echo "== the same, entities by the rules alone (no learned tagger)"
"$B"/tests/bench_load --rules "$corpus" | grep '^entities'
echo "== whole binary: lede --list $corpus > /dev/null"
/usr/bin/env time -f "elapsed %e s, max RSS %M KB" "$B"/lede --list "$corpus" >/dev/null 2>"$B/bench-time.txt" \
    || true
tail -1 "$B/bench-time.txt"
B=$B sh tests/bench/longline.sh
echo "== following a story: $B/tests/bench_story $corpus"
"$B"/tests/bench_story "$corpus"
for s in tests/bench/ui*.sh; do
    [ -f "$s" ] && B=$B BENCH_CORPUS=$corpus sh "$s"
done
exit 0
