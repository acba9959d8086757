#!/bin/sh
# Combined list filters: an entity pivot, then s QUERY, lists the articles
# naming both; the status line names the whole filter; Esc takes the last
# part off; n past the last match of an article opens the next article of
# the filtered list, N before the first the previous one.
. tests/term/harness
A=data/articles
F=tests/term/fixtures

sel_is() { screen_e | grep -q -- "48;5;24m[^${ESC}]*$1"; }
counter() { status | sed -n "s|.*$1 \([0-9-]*/[0-9]*\).*|\1|p"; }

start 120 40 -- "$A" "$F/mixed"
wait_for "Plain headline" || fail "did not open"
keys Tab Tab
n=0
while [ $n -lt 30 ] && ! sel_is "Sergei Lavrov"; do
    prev=$(screen_e)
    keys j
    i=0
    while [ $i -lt "$WAIT" ] && [ "$(screen_e)" = "$prev" ]; do sleep 0.05; i=$((i + 1)); done
    n=$((n + 1))
done
keys Enter
check "the entity pivot filters the list" wait_gone "Plain headline"
check "the status names the pivot" wait_match "\[entity:Sergei Lavrov\]"
scr=$(screen)
contains "the pivot keeps the first Lavrov article" "$scr" "De Mistura to Have Separ"
contains "and the second" "$scr" "Lavrov visits Geneva for"

# s narrows the pivot: only the article that names Lavrov and Doha.
keys s
type_text Doha
keys Enter
check "s after a pivot combines: one article names both" \
    wait_for "1 article matches entity:Sergei Lavrov + Doha"
check "the other Lavrov article left the list" wait_gone "De Mistura to Have Separ"
keys Enter
check "the status line shows the whole filter" \
    wait_match "^ 1/1 \[entity:Sergei Lavrov \+ Doha\]"
check "the query's word is marked in the reader" styled "Doha" '48;5;208'
check "the pivot's entity stays highlighted" styled "Sergei Lavrov" '48;5;45'

# A query no article of the filter satisfies changes nothing.
keys s
type_text Oslo
keys Enter
check "a query that leaves nothing is refused" \
    wait_for "No article matches: Oslo (with the filter)"
keys C-l
check "and the filter stays" wait_match "^ 1/1 \[entity:Sergei Lavrov \+ Doha\]"

# Esc takes the parts off one at a time.
keys Escape
check "Esc removes the last part: the pivot alone" \
    wait_for "Filter: entity:Sergei Lavrov"
keys C-l
check "the status names what is left" \
    wait_match "^ [0-9]/2 \[entity:Sergei Lavrov\]"
check "the pivot's articles are back" wait_for "De Mistura to Have"
keys Escape
check "Esc again: every article" wait_for "Plain headline"
lacks "no filter is named any more" "$(status)" "[entity:"

# A typed query with an error says so while typing.
keys s
type_text '"kerry'
check "a bad query is explained in the prompt" wait_for "missing closing quote"
keys Escape

# n past the last match goes on to the next article of the list.
keys s
type_text 'kerry OR lavrov'
keys Enter
check "the query language: OR" wait_match "[0-9]+ articles match kerry OR lavrov"
keys Enter
check "opening starts at the first match" wait_match "kerry OR lavrov 1/[0-9]+"
c=$(counter 'kerry OR lavrov')
total=${c#*/}
first=$(status | sed 's/^ *\([0-9]*\)\/.*/\1/')
k=1
while [ $k -lt "$total" ]; do keys n; k=$((k + 1)); done
check "n reaches the last match of the article" \
    wait_match "kerry OR lavrov $total/$total"
keys n
check "n past the last match opens the next article of the list" \
    wait_match "Next article \(2/[0-9]+\)"
check "at its first match" wait_match "kerry OR lavrov 1/[0-9]+ "
keys N
check "N before the first match goes back to the previous article" \
    wait_match "Previous article \(1/[0-9]+\)"
check "at its last match" wait_match "kerry OR lavrov $total/$total"
check "the current match is marked" styled "(Kerry|Lavrov)" '48;5;208'
keys Q
check "Q exits 0" [ "$(wait_exit)" = 0 ]
