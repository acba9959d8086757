#!/bin/sh
# Every example in README.md (an indented "$ lede ..." line and the
# indented lines under it, up to a blank line) is run with the built
# binary from the top of the tree, and its output must be exactly what
# the README shows, so the examples cannot drift from the program.
. tests/lib.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
case $LEDE in /*) ;; *) LEDE=$PWD/$LEDE ;; esac
export LEDE
# the examples assume no terminal (no colour) and the sample set
unset NO_COLOR COLUMNS

# Split README.md into $T/N.cmd and $T/N.want.
# A blank line inside an example's output belongs to it when more
# indented output follows.
awk -v dir="$T" '
    /^    \$ lede / { n++; cmd = dir "/" n ".cmd"; want = dir "/" n ".want"
                     sub(/^    \$ /, ""); print > cmd; close(cmd)
                     printf "" > want; inblock = 1; blanks = 0; next }
    inblock && /^$/ { blanks++; next }
    inblock && /^    / { for (; blanks > 0; blanks--) print "" >> want
                         sub(/^    /, ""); print >> want; next }
    { if (inblock) close(want); inblock = 0; blanks = 0 }
' README.md

n=0
for c in "$T"/*.cmd; do
    [ -f "$c" ] || continue
    n=$((n + 1))
    base=${c%.cmd}
    cmd=$(cat "$c")
    # "lede" in the example is the binary under test
    (lede() { "$LEDE" "$@"; }; eval "$cmd") >"$base.got" 2>"$base.err" </dev/null
    if cmp -s "$base.want" "$base.got"; then
        ok "README example: $cmd"
    else
        fail "README example: $cmd"
        diff "$base.want" "$base.got" | head -10 | sed 's/^/#   /'
    fi
done
check "README.md has examples to check ($n)" [ "$n" -ge 5 ]
