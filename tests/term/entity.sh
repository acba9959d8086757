#!/bin/sh
# The entity sidebar: grouped, counted; Enter filters the list to the
# articles naming the entity and n/N step through its mentions.
. tests/term/harness
A=data/articles
F=tests/term/fixtures

# sel_is TEXT: the sidebar's selected row (the selection background) is TEXT.
sel_is() { screen_e | grep -q -- "48;5;24m[^${ESC}]*$1"; }

start 120 40 -- "$A" "$F/mixed"
wait_for "Plain headline" || fail "did not open"
check "the sidebar groups people" wait_match "│ People *$"
check "places are a group too" wait_match "│ Places *$"
check "counts follow the names, most mentioned first" \
    wait_match "│  John Kerry +5$"
keys Tab Tab
n=0
# one j at a time, each after the screen has taken the last
while [ $n -lt 30 ] && ! sel_is "Sergei Lavrov"; do
    prev=$(screen_e)
    keys j
    i=0
    while [ $i -lt "$WAIT" ] && [ "$(screen_e)" = "$prev" ]; do sleep 0.05; i=$((i + 1)); done
    n=$((n + 1))
done
check "j walks the sidebar to Sergei Lavrov" sel_is "Sergei Lavrov"
keys Enter
check "Enter filters the list to the articles naming him" wait_gone "Plain headline"
scr=$(screen)
contains "the filtered list keeps the first article" "$scr" "De Mistura to Have Separ"
contains "and the second" "$scr" "Lavrov visits Geneva for"
lacks "the CJK article (no Lavrov) is gone" "$scr" "東京"
check "the list shows mention counts" wait_match "^. De Mistura to Have.* +3│"
check "the status names the filter and the mention" wait_match "\[entity:Sergei Lavrov\].*Sergei Lavrov 1/3"
check "his mentions stand out in the reader (selected)" styled "Sergei Lavrov" '48;5;45'
keys n
check "n steps to his next mention" wait_match "Sergei Lavrov 2/3"
keys n n
check "n past the last wraps" wait_match "Sergei Lavrov 1/3"
contains "the wrap is said" "$(status)" "wrapped"
keys N
check "N goes back" wait_match "Sergei Lavrov 3/3"
keys Escape
check "Esc clears the filter" wait_for "Plain headline"
lacks "and the entity counter" "$(status)" "Sergei Lavrov 3/3"

# A mouse click selects (X10 mouse report: button 1 at column, row).
click() { type_text "$(printf '\033[M %b%b' "\\$(printf '%03o' $(($1 + 33)))" "\\$(printf '%03o' $(($2 + 33)))")"; }
row=$(screen | grep -n "Lavrov visits" | head -1 | cut -d: -f1)
click 3 $((row - 1))
check "a click on a list row selects it" wait_match "^. Lavrov visits Geneva"
check "the status shows the clicked row" wait_match "^ 2/4"
keys q
check "q exits 0" [ "$(wait_exit)" = 0 ]
