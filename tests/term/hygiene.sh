#!/bin/sh
# Terminal hygiene: hostile text draws harmlessly, wide characters keep
# the columns, monochrome still shows highlights, every way out restores
# the terminal, standard input works with keys from the terminal.
. tests/term/harness
A=data/articles
S0=$A/000_83fae2bbef3ffe03.txt
F=tests/term/fixtures

# An article (and a file name) full of escape sequences.
evil="$WORK/evil-$(printf '\033]0;NAMED\007\033[2J\033[31m')name.txt"
cp "$F/escapes.txt" "$evil"
start 100 30 -- "$evil"
check "an article full of escapes opens" wait_for "Safe words Lavrov"
title=$(tm display -p -t t '#{pane_title}')
lacks "the article cannot retitle the terminal" "$title" "PWNED"
lacks "the file name cannot retitle the terminal" "$title" "NAMED"
scr=$(screen)
contains "the headline is drawn as text" "$scr" "Escape headline red here"
contains "text after a clear-screen sequence is still there" "$scr" "Body starts"
contains "the status line survives" "$(status)" "%"
contains "the file name is shown with its controls made visible" "$(status)" "evil-"
e=$(screen_e)
if printf '%s\n' "$e" | grep -Eq "${ESC}\[([0-9;]*;)?31(;[0-9;]*)?m"; then
    fail "the article's red (SGR 31) reached the screen"
else
    ok "no red from the article (SGR 31)"
fi
lacks "no 256-colour red from the article" "$e" "38;5;196m"
check "no clipboard write reached the terminal" [ -z "$(tm list-buffers 2>/dev/null)" ]
check "the alternate screen is still on" [ "$(tm display -p -t t '#{alternate_on}')" = 1 ]
keys q
check "q exits 0" [ "$(wait_exit)" = 0 ]

# Wide characters: a CJK and emoji headline fills exactly its room in the
# list pane (38 columns at 120: two for the mark, 24 of text and the
# ellipsis, a space and the date).
start 120 40 -- "$F/mixed" "$A"
check "the CJK headline is listed" wait_for "東京で首脳会議"
scr=$(screen)
contains "the CJK headline is cut at a cluster with an ellipsis, border in line" \
    "$scr" "  東京で首脳会議 🎉 絵文字… 2016-08-27│"
contains "an ASCII row has its border in the same column" \
    "$scr" "  Plain headline about the… 2016-08-25│"
keys Enter
check "the CJK article opens in the reader" wait_for "会議は東京で開かれた"
check "the family emoji line keeps the sidebar border in place" \
    wait_match "家族連.*│"
keys q
wait_exit >/dev/null

# Monochrome: NO_COLOR, --color=never and a terminal without colours keep
# highlights as attributes.
for how in "NO_COLOR=1 --" "-- --color=never" "TERM=vt100 --"; do
    start 120 40 ${how%%--*} -- ${how#*--} "$S0"
    wait_for "U.N. Special Envoy" || fail "did not open ($how)"
    e=$(screen_e)
    lacks "$how: no colour codes" "$e" "38;5;"
    check "$how: a person stands out in bold" styled "John Kerry" '1'
    check "$how: an organisation is underlined" styled "Islamic State" '4'
    keys / ; type_text lavrov ; keys Enter
    wait_match "/lavrov 1/" || fail "$how: search did not run"
    check "$how: search matches in reverse video" styled "Lavrov" '7'
    keys q ; wait_exit >/dev/null
done
# Eight colours: entity colours fall back to the basic palette.
start 120 40 TERM=screen -- "$S0"
wait_for "U.N. Special Envoy" || fail "did not open on an 8-colour terminal"
check "8 colours: a person is cyan" styled "John Kerry" '36'
keys q ; wait_exit >/dev/null

# Every way out restores the terminal.
for sig in TERM HUP INT; do
    start 100 30 -- "$S0"
    wait_for "U.N. Special Envoy" || fail "did not open"
    if [ $sig = INT ]; then keys C-c; else kill -$sig "$(lede_pid)"; fi
    rc=$(wait_exit)
    check "SIG$sig: lede exits cleanly (status $rc)" [ "$rc" -ge 128 ]
    check "SIG$sig: the alternate screen is left" \
        [ "$(tm display -p -t t '#{alternate_on}')" = 0 ]
done

# Ctrl-Z suspends (the terminal restored); fg redraws. This needs a
# shell with job control: an interactive bash in the pane.
if command -v bash >/dev/null 2>&1; then
    start_cmd 100 30 "env -i PATH=\"\$PATH\" HOME=/ PS1='$ ' TERM=$TTERM bash --norc --noprofile -i"
    wait_for '$' || fail "no shell prompt"
    type_text "LC_ALL=C.UTF-8 '$LEDE' '$S0'"
    keys Enter
    check "lede runs under an interactive shell" wait_for "U.N. Special Envoy"
    keys C-z
    check "Ctrl-Z stops lede and the shell says so" wait_for "Stopped"
    check "suspended: the alternate screen is left" \
        [ "$(tm display -p -t t '#{alternate_on}')" = 0 ]
    keys C-l
    type_text fg
    keys Enter
    check "fg redraws the reader" wait_for "U.N. Special Envoy"
    check "fg: back on the alternate screen" \
        [ "$(tm display -p -t t '#{alternate_on}')" = 1 ]
    keys q
    check "q after fg returns to the shell" wait_gone "U.N. Special Envoy"
    keys C-d
    wait_exit >/dev/null
else
    ok "# skip Ctrl-Z: no bash"
fi

# Articles on standard input: keys come from the terminal.
start_cmd 100 30 "cat '$S0' | env LC_ALL=C.UTF-8 TERM=$TTERM '$LEDE' -"
check "lede - reads the article from standard input" wait_for "U.N. Special Envoy"
keys j
check "keys still work (read from /dev/tty)" wait_gone "│ De Mistura to Have Separate Syria Talks"
keys q
check "q exits 0 with standard input" [ "$(wait_exit)" = 0 ]
