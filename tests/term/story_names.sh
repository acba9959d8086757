#!/bin/sh
# The names view (E): the list's names with counts, sorted, filtered by
# type and by typing, who appears with whom, pivots on one or two names;
# the timeline (T); q going back one level; an unbound key saying so.
. tests/term/harness
A=data/articles
F=tests/term/fixtures/story

start 120 30 -- "$A"
wait_for "Lavrov visits Geneva" || fail "did not open"
keys E
check "E opens the names view on the list" wait_for "Names in 2 articles"
check "names come most mentioned first, with mentions and articles" \
    wait_match "^ +12 +2  -  +John Kerry +person$"
check "the selected name's companions are listed with article counts" \
    wait_match "^ with: .*Sergei Lavrov 2"
keys s
check "s sorts by name" wait_for "sort: name (s)"
scr=$(screen)
a=$(printf '%s\n' "$scr" | grep -n "Barack Obama" | head -1 | cut -d: -f1)
k=$(printf '%s\n' "$scr" | grep -n "John Kerry" | head -1 | cut -d: -f1)
check "by name, Barack Obama comes before John Kerry" [ "${a:-99}" -lt "${k:-0}" ]
keys t
check "t shows one type at a time" wait_for "type: person (t)"
keys /
type_text "lavr"
check "typing filters the names" wait_for "1 shown"
scr=$(screen)
contains "the match stays" "$scr" "Sergei Lavrov"
lacks "the others go" "$scr" "John Kerry   "
keys Enter
check "Enter ends the typing" wait_gone "filter: /lavr_"
keys Enter
check "Enter pivots the list on the name" wait_match "\[Sergei Lavrov\]"
check "the view closes" wait_gone "Names in"
keys q
check "q clears the filtered list" wait_gone "[Sergei Lavrov]"
keys E
wait_for "Names in 2 articles"
keys / 
type_text "kerry"
keys Enter Tab
type_text "+"
check "Tab then + pivots on two names" wait_match "\[John Kerry \+ "
keys q E
wait_for "Names in"
keys Tab Enter
check "Tab then Enter pivots on the with: name alone" wait_match "^ *[12]/2 \\[[A-Z][^+]*\\] "
keys q E
wait_for "Names in"
keys x
check "a key that does nothing says so" wait_for "does nothing in the names view (h for help)"
keys q
check "q closes the names view" wait_gone "Names in"
keys x
check "and on the main screen too" wait_for "that key does nothing here (h for help)"

start 120 30 -- "$F"
wait_for "Ceasefire talks resume" || fail "did not open"
keys j
keys T
check "T opens the timeline of the list, by day" \
    wait_for "Timeline: 4 articles by day, 0 undated"
check "the shown article's day is marked" \
    wait_match "^ 2016-08-29 █+ 1 ◀ this article"
check "each day has its row, empty ones too" wait_match "^ 2016-08-28  0$"
keys G
check "G scrolls to the last day" wait_match "^ 2016-09-21 █+ 1"
keys q
check "q closes the timeline" wait_gone "Timeline:"
keys Enter q
check "q in the reader goes back to the list" wait_match "^ *2/4 "
keys q
check "q on the unfiltered list quits" [ "$(wait_exit)" = 0 ]
