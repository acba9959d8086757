#!/bin/sh
# Screen-update figures: keystroke to updated screen, measured inside
# lede (LEDE_BENCH=FILE: the time from reading a key to the end of
# doupdate, per frame) while tmux feeds scripted keys, on a
# 100,000-article list (duplicates shown once: fewer rows) and on a 1 MB article. Prints figures; asserts
# nothing. BENCH_CORPUS: a generated set (tests/bench/run.sh makes one).
B=${B:-build}
LEDE=${LEDE:-$B/lede}
case $LEDE in /*) ;; *) LEDE=$PWD/$LEDE ;; esac
N=${BENCH_N:-100000}
CORPUS=${BENCH_CORPUS:-$B/corpus-$N}
SOCK=lede-bench-$$
W=$(mktemp -d "${TMPDIR:-/tmp}/lede-bench.XXXXXX")
# no user configuration, and a state of its own (not the user's marks)
export XDG_CONFIG_HOME="$W/config" XDG_STATE_HOME="$W/state"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$W"; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/lede-bench-$$-"*' EXIT
if [ ! -d "$CORPUS" ]; then
    "$B"/tests/gen_corpus "$N" "$CORPUS.tmp" >/dev/null && mv "$CORPUS.tmp" "$CORPUS"
fi

# poll until the screen shows TEXT (up to 10 minutes: loading is slow)
wait_for() {
    i=0
    while [ $i -lt 12000 ]; do
        tm capture-pane -p -t t 2>/dev/null | grep -qF -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# session NAME W H ARGS...: start lede with LEDE_BENCH=$W/NAME.
session() {
    name=$1 w=$2 h=$3
    shift 3
    tm kill-server >/dev/null 2>&1
    SOCK=lede-bench-$$-$name
    args=""
    for a in "$@"; do args="$args '$a'"; done
    tm new-session -d -s t -x "$w" -y "$h" \; set -g remain-on-exit on \; \
        set -g escape-time 0 \; set -g window-size manual \; \
        respawn-pane -k -t t "env LC_ALL=C.UTF-8 TERM=tmux-256color LEDE_BENCH='$W/$name' '$LEDE'$args"
}

# finish NAME LABEL: quit, wait for the figures, print them.
finish() {
    tm send-keys -t t Q
    i=0
    while [ ! -s "$W/$1" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
    printf '%-44s %s\n' "$2" "$(cat "$W/$1" 2>/dev/null || echo 'no figures')"
}

# keys_n COUNT KEY...: send the keys COUNT times, a frame's worth apart.
keys_n() {
    n=$1
    shift
    while [ "$n" -gt 0 ]; do tm send-keys -t t "$@"; n=$((n - 1)); done
}

echo "== ui: keystroke to screen (ms per frame), 120x40"
t0=$(date +%s.%N)
session list 120 40 "$CORPUS"
wait_for " 1/" || { echo "list did not open"; exit 0; }
t1=$(date +%s.%N)
echo "open $N articles to first screen: $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s"
keys_n 300 j
keys_n 50 Space
tm send-keys -t t G g
keys_n 50 k
sleep 1
finish list "list: 300 j, 50 pages, G g, 50 k"

session filter 120 40 "$CORPUS"
wait_for " 1/" || exit 0
tm send-keys -t t Tab Tab Enter Tab
sleep 1
keys_n 100 j
tm send-keys -t t Escape
sleep 1
finish filter "list: entity filter, 100 j on it, Esc"

session names 120 40 "$CORPUS"
wait_for " 1/" || exit 0
tm send-keys -t t E
wait_for "Names in" || exit 0
tm send-keys -t t s s s t t t t t
tm send-keys -t t q T
wait_for "Timeline:" || exit 0
tm send-keys -t t q ] ]
sleep 1
finish names "story: E names view, 3 s, 5 t, q, T, q, 2 ]"

session group 120 40 "$CORPUS"
wait_for " 1/" || exit 0
tm send-keys -t t =
wait_for "group folder" || exit 0
tm send-keys -t t =
wait_for "group source" || exit 0
keys_n 300 j
tm send-keys -t t Z Z
keys_n 50 ]
tm send-keys -t t = =
sleep 1
finish group "list: = = (folder, source), 300 j, Z Z, 50 ], = ="

big=$W/big.txt
{
    echo "A one-megabyte article about Kerry and Lavrov"
    echo
    i=0
    while [ $i -lt 174 ]; do cat data/articles/*.txt; echo; i=$((i + 1)); done
} >"$big"
echo "1 MB article: $(wc -c <"$big") bytes"
session big 120 40 "$big"
wait_for "one-megabyte" || exit 0
keys_n 200 j
keys_n 50 Space
tm send-keys -t t G g
keys_n 20 C-d
sleep 1
finish big "1 MB article: 200 j, 50 pages, G g, 20 ^D"

session bigsearch 120 40 "$big"
wait_for "one-megabyte" || exit 0
tm send-keys -t t /
tm send-keys -t t -l Lavrov
tm send-keys -t t Enter
keys_n 100 n
tm send-keys -t t Escape
sleep 1
finish bigsearch "1 MB article: /Lavrov typed, 100 n"

session bigresize 120 40 "$big"
wait_for "one-megabyte" || exit 0
keys_n 100 Space
for s in "100 30" "80 24" "50 20" "120 40" "90 30" "120 40"; do
    set -- $s
    tm resize-window -t t -x "$1" -y "$2"
    sleep 0.3
done
finish bigresize "1 MB article: 100 pages, 6 resizes"

line=$W/line8.txt
yes 'Kerry and Lavrov met in Geneva. ' | head -n 262144 | tr -d '\n' >"$line"
echo >>"$line"
session linesearch 120 40 "$line"
wait_for "Kerry and" || exit 0
tm send-keys -t t /
tm send-keys -t t -l lavrov
tm send-keys -t t Enter
keys_n 100 n
tm send-keys -t t G ?
tm send-keys -t t -l geneva
tm send-keys -t t Enter
keys_n 100 N
sleep 1
finish linesearch "8 MB line: /lavrov typed, 100 n, G ?geneva, 100 N"
