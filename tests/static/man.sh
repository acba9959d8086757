# The manual page is clean mdoc.
. tests/lib.sh
if ! command -v mandoc >/dev/null 2>&1; then
    fail "mandoc is not installed (apt-get install mandoc)"
    exit 0
fi
out=$(mandoc -Tlint -Wwarning man/lede.1 2>&1)
if [ -z "$out" ]; then ok "man/lede.1 is clean under mandoc -Tlint"; else fail "mandoc -Tlint: $out"; fi
