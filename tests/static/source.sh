# Source-level promises: the core never includes curses.
. tests/lib.sh
inc=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/)' src || true)
if [ -z "$inc" ]; then ok "src/ does not include curses"; else fail "src/ includes curses: $inc"; fi
