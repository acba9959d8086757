#!/bin/sh
# Widths: three panes, two with the sidebar as an overlay, one at a time;
# too small says so; resizing down to 1x1 and back keeps the place.
. tests/term/harness
A=data/articles
S0=$A/000_83fae2bbef3ffe03.txt
# Text of the reader's first row (the pane between the borders).
reader_top() { screen | head -1 | awk -F'│' '{ print (NF > 1 ? $2 : $1) }' | sed 's/^ *//; s/ *$//'; }

start 120 40 -- "$A" "$S0"
wait_for "Lavrov visits" || fail "did not open"
keys Enter
keys j j j j j j j j j j
check "the reader scrolled" wait_match "^ +[0-9]+%$|  [0-9]+%$"
wait_gone "Kerry – UN Source"
settle
before=$(reader_top)
check "a line is at the top of the reader ($before)" [ -n "$before" ]
first=${before%% *}

check "resized to 40x12" resize 40 12
check "at 40x12 the reader keeps the place at the top ($first)" wait_match "^ ?.*$first"
lacks "no border: one pane" "$(screen | head -3)" "│"
check "the status line is still drawn" wait_match "[0-9]+%$"
resize 1 1
resize 10 3
check "too small a terminal says so" wait_for "Terminal"
resize 1 1
resize 120 40
check "back at 120x40 the three panes return" wait_for "Entities"
after=$(reader_top)
check "the place is kept across resizes ('$after')" [ "$after" = "$before" ]
check "still running after resizing to 1x1" [ ! -f "$WORK/rc" ]

# Medium width: list and reader; e shows the sidebar as an overlay.
check "resized to 80x24" resize 80 24
check "at 80 columns the sidebar folds away" wait_gone "Entities"
keys e
check "e brings the sidebar back as an overlay" wait_for "Entities"
check "the overlay lists the people" wait_match "│? ?People"
keys q
check "q closes the overlay" wait_gone "Entities"
check "q on an overlay does not quit" [ ! -f "$WORK/rc" ]

# A resize in the middle of a prompt, then of the help screen.
keys /
type_text Kerr
resize 50 20
keys Enter
check "a search typed across a resize still runs" wait_match "/Kerr [0-9]+/[0-9]+"
keys h
check "help at 50 columns" wait_for "lede: keys"
resize 100 30
check "help redrawn after a resize" wait_for "lede: keys"
keys q
check "q closes the help" wait_gone "lede: keys"
keys Q
check "Q exits 0 after all that" [ "$(wait_exit)" = 0 ]
