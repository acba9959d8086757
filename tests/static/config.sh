# The man page's CONFIGURATION section names every action a binding can
# use (from ui/actions.h) and every colour name (from ui/color.c).
. tests/lib.sh
sec=$(sed -n '/^\.Sh CONFIGURATION/,/^\.Sh /p' man/lede.1 | tr ',' '\n' |
      sed -n 's/^\(\.Cm\)\{0,1\} *\([a-z-]*\) *[.)]* *$/\2/p; s/^\.Cm \([a-z-]*\).*/\1/p; s/^\.Pq Cm \([a-z-]*\).*/\1/p; s/^\.Po Cm \([a-z-]*\).*/\1/p')
missing=""
for a in $(sed -n 's/^[[:space:]]*X([A-Z_]*, *"[^"]*", *"\([^"]*\)".*/\1/p' ui/actions.h); do
    printf '%s\n' "$sec" | grep -qx -- "$a" || missing="$missing $a"
done
if [ -z "$missing" ]; then ok "man page: every action name for bind"; else fail "man page lacks action names:$missing"; fi
missing=""
for c in $(sed -n '/_names\[[A-Z_]*\] = {/,/^};/p' ui/color.c | grep -o '"[a-z-]*"' | tr -d '"'); do
    printf '%s\n' "$sec" | grep -qx -- "$c" || missing="$missing $c"
done
if [ -z "$missing" ]; then ok "man page: every colour name"; else fail "man page lacks colour names:$missing"; fi
