#!/bin/sh
# Run every test suite and end with one line "N passed, N failed".
#   unit   cmocka binaries in $B/tests/test_*
#   cli    tests/cli/*.sh against the built binary ($LEDE)
#   term   tests/term/*.sh: the real binary in tmux
#   static tests/static/*.sh: source and documentation checks
# LEDE_SUITES picks suites (default: all four). Shell tests print TAP-like
# lines: "ok - what" or "not ok - what".
B=${B:-build}
LEDE=${LEDE:-$B/lede}
SUITES=${LEDE_SUITES:-unit cli term static}
export B LEDE
export LC_ALL=C.UTF-8
passed=0
failed=0
log=$(mktemp)
# the index cache of every test of this run (see tests/lib.sh)
LEDE_TEST_CACHE=$(mktemp -d "${TMPDIR:-/tmp}/lede-cache.XXXXXX")
export LEDE_TEST_CACHE
trap 'rm -f "$log"; rm -rf "$LEDE_TEST_CACHE"' EXIT

count_tap() { # file
    p=$(grep -c '^ok ' "$1")
    f=$(grep -c '^not ok ' "$1")
    passed=$((passed + p))
    failed=$((failed + f))
}

for suite in $SUITES; do
    case $suite in
    unit)
        for t in "$B"/tests/test_*; do
            [ -x "$t" ] || continue
            "$t" >"$log" 2>&1
            rc=$?
            cat "$log"
            # a binary may run several groups: add up their summaries
            p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" |
                awk '{ n += $1 } END { print n + 0 }')
            f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" |
                awk '{ n += $1 } END { print n + 0 }')
            if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
                echo "not ok - $t exited with status $rc"
                f=1
            fi
            passed=$((passed + p))
            failed=$((failed + f))
        done
        ;;
    cli | term | static)
        for t in tests/$suite/*.sh; do
            [ -f "$t" ] || continue
            echo "# $t"
            sh "$t" >"$log" 2>&1
            rc=$?
            cat "$log"
            count_tap "$log"
            if [ "$rc" != 0 ] && ! grep -q '^not ok ' "$log"; then
                echo "not ok - $t exited with status $rc"
                failed=$((failed + 1))
            fi
        done
        ;;
    esac
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
