# Shared helpers for the shell test suites (sourced).
# ok/fail print TAP-like lines that tests/run.sh counts.
: "${LEDE:=build/lede}"
export LC_ALL=C.UTF-8
unset NO_COLOR
# No user's configuration or state: a test that wants them sets its own.
export XDG_CONFIG_HOME="${TMPDIR:-/tmp}/lede-test-no-config"
export XDG_STATE_HOME="${TMPDIR:-/tmp}/lede-test-no-state"
# lede keeps an index per set in $XDG_CACHE_HOME/lede: never the user's
# cache in tests (tests/run.sh makes one for the whole run)
if [ -z "${LEDE_TEST_CACHE:-}" ]; then
    LEDE_TEST_CACHE=$(mktemp -d "${TMPDIR:-/tmp}/lede-cache.XXXXXX")
fi
export XDG_CACHE_HOME="$LEDE_TEST_CACHE" LEDE_TEST_CACHE
TAB=$(printf '\t')
# time limits are multiplied by this (the sanitizer build is slower)
SLOW=${LEDE_SLOW:-1}

ok() { echo "ok - $*"; }
fail() { echo "not ok - $*"; }

# check DESC COMMAND...: passes when the command succeeds.
check() {
    _desc=$1
    shift
    if "$@"; then ok "$_desc"; else fail "$_desc"; fi
}

# contains DESC HAYSTACK NEEDLE
contains() {
    case $2 in
    *"$3"*) ok "$1" ;;
    *) fail "$1 (wanted '$3')" ;;
    esac
}

# lacks DESC HAYSTACK NEEDLE
lacks() {
    case $2 in
    *"$3"*) fail "$1 (did not want '$3')" ;;
    *) ok "$1" ;;
    esac
}
