#!/bin/sh
# Batch modes on one 8 MB line of 262,144 sentences (generated here, not
# kept in the repository): each should take a few times --dump, not
# grow with the square of the line. Prints figures; asserts nothing.
B=${B:-build}
LEDE=${LEDE:-$B/lede}
f=$B/longline-8mb.txt
if [ ! -f "$f" ]; then
    yes 'Kerry and Lavrov met in Geneva. ' | head -n 262144 | tr -d '\n' >"$f"
    echo >>"$f"
fi
echo "== one 8 MB line: $f (elapsed seconds, max RSS)"
run() { # LABEL COMMAND...
    label=$1
    shift
    /usr/bin/env time -f "%e s, %M KB" "$@" >/dev/null 2>"$B/bench-time.txt" || true
    printf '%-36s %s\n' "$label" "$(tail -1 "$B/bench-time.txt")"
}
run "grep -c Lavrov (yardstick)" grep -c Lavrov "$f"
run "lede --dump --width 80" "$LEDE" --dump --width 80 "$f"
run "lede --entities" "$LEDE" --entities "$f"
run "lede --entities --json" "$LEDE" --entities --json "$f"
run "lede --search lavrov" "$LEDE" --search lavrov "$f"
run "lede --search lavrov --json" "$LEDE" --search lavrov --json "$f"
run "lede --list --json" "$LEDE" --list --json "$f"
run "lede --dump --json" "$LEDE" --dump --json "$f"
exit 0
