#!/bin/sh
# The man page's key list is the action table: ui/actions.h declares each
# action once (keys, name, help); the list between the BEGIN KEYS and
# END KEYS markers of man/lede.1 must be exactly what this script makes
# of it. `sh tests/static/keys.sh --print` prints that list, to paste.
. tests/lib.sh

# One "keys<TAB>help" line per action, in table order.
actions() {
    sed -n 's/^[[:space:]]*X([A-Z_]*, *"\([^"]*\)", *"[^"]*", *"\([^"]*\)").*/\1	\2/p' ui/actions.h
}

# The mdoc list: ".It Ic j , Down" then the help text, a sentence a
# line. Keys that mdoc reads as punctuation ([ ] ? ...) get a \& guard.
mdoc() {
    echo '.Bl -tag -width Ds'
    actions | while IFS='	' read -r keys help; do
        k=$(echo "$keys" | sed 's/\([][().,;:?!|]\)/\\\&\1/g; s/ / , /g')
        printf '.It Ic %s\n%s\n' "$k" "$help" | sed 's/\. /.\
/g'
    done
    echo '.El'
}

if [ "${1:-}" = --print ]; then
    mdoc
    exit 0
fi

n=$(actions | wc -l)
x=$(grep -c '^[[:space:]]*X(' ui/actions.h)
if [ "$n" -gt 10 ] && [ "$n" = "$x" ]; then
    ok "ui/actions.h: $n actions, each with keys and help"
else
    fail "ui/actions.h: $x actions declared, $n parsed"
fi

dups=$(actions | cut -f1 | tr ' ' '\n' | sort | uniq -d | tr '\n' ' ')
if [ -z "$dups" ]; then ok "no key is bound to two actions"; else fail "keys bound twice: $dups"; fi

man=$(sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' man/lede.1 | sed '1d;$d')
want=$(mdoc)
if [ "$man" = "$want" ]; then
    ok "man/lede.1 key list matches ui/actions.h"
else
    fail "man/lede.1 key list differs from ui/actions.h (sh tests/static/keys.sh --print)"
    printf '%s\n' "$want" >"${TMPDIR:-/tmp}/lede-keys-want.$$"
    printf '%s\n' "$man" | diff - "${TMPDIR:-/tmp}/lede-keys-want.$$" | sed 's/^/# /' | head -20
    rm -f "${TMPDIR:-/tmp}/lede-keys-want.$$"
fi
