#!/bin/sh
# Time to the first screen of the reader, in tmux: on a set never seen
# (a fresh index: the first articles while the rest is indexed) and on
# the same set reopened. Prints figures; asserts nothing. The times are
# taken by polling the screen every 0.01 s (then every 0.5 s for the
# whole set), so they include that much.
B=${B:-build}
LEDE=${LEDE:-$B/lede}
case $LEDE in /*) ;; *) LEDE=$PWD/$LEDE ;; esac
N=${BENCH_N:-100000}
CORPUS=${BENCH_CORPUS:-$B/corpus-$N}
SOCK=lede-open-$$
W=$(mktemp -d "${TMPDIR:-/tmp}/lede-open.XXXXXX")
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$W"' EXIT

# opened CACHE LABEL: seconds from start to a list row on the screen, then
# to the whole set in the list (the status line counts no more).
opened() {
    tm kill-server >/dev/null 2>&1
    t0=$(date +%s.%N)
    tm new-session -d -s t -x 120 -y 40 \; set -g remain-on-exit on \; \
        respawn-pane -k -t t "env LC_ALL=C.UTF-8 TERM=tmux-256color XDG_CACHE_HOME='$1' '$LEDE' '$CORPUS'"
    first="" all=""
    i=0
    while [ $i -lt 60000 ] && [ -z "$all" ]; do
        scr=$(tm capture-pane -p -t t 2>/dev/null | tail -1)
        case $scr in *" 1/"*) [ -z "$first" ] && first=$(date +%s.%N) ;; esac
        # (copies are one row: the rows are fewer than the articles)
        case $scr in *" 1/"*"(indexing"*) ;; *" 1/"*) all=$(date +%s.%N) ;; esac
        # poll finely for the first screen, then gently (polling costs
        # the machine's time too)
        if [ -z "$first" ]; then sleep 0.01; elif [ -z "$all" ]; then sleep 0.5; fi
        i=$((i + 1))
    done
    tm send-keys -t t q
    sleep 0.5
    printf '%-44s %6s s   whole set listed %6s s\n' "$2: first screen" \
        "$(awk "BEGIN { printf \"%.2f\", ${first:-0} - $t0 }")" \
        "$(awk "BEGIN { printf \"%.2f\", ${all:-0} - $t0 }")"
}

opened "$W/cache" "reader, never-seen set"
opened "$W/cache" "reader, reopened"
