#!/bin/sh
# The reader on one 8 MB line of 262,144 sentences: a search shows its
# first match and a counter, the count completes (262,144) while keys are
# still answered, n/N and ? work, and the highlights are drawn where the
# view is. (No timing is asserted: the benchmark prints the figures.)
. tests/term/harness
F=$WORK/line8.txt
yes 'Kerry and Lavrov met in Geneva. ' | head -n 262144 | tr -d '\n' >"$F"
echo >>"$F"
N=262144
WAIT=$((WAIT * 3)) # loading 8 MB under a sanitizer or a busy machine

start 100 30 -- "$F"
check "the 8 MB line opens in the reader" wait_for "Kerry and Lavrov met in Geneva. Kerry"
keys /
type_text lavrov
keys Enter
check "/lavrov shows the first match and a counter" wait_match "/lavrov 1/[0-9]+\+? +[0-9]+%$"
check "the current match is drawn distinct" styled "Lavrov" '48;5;208'
check "the count completes: 1/$N" wait_match "/lavrov 1/$N +[0-9]+%$"
keys n
check "n goes to the second match" wait_match "/lavrov 2/$N "
keys N N
check "N from the first wraps to the last" wait_match "/lavrov $N/$N "
check "the last match is on screen, highlighted" styled "Lavrov" '48;5;208'
keys g
keys ?
type_text geneva
keys Enter
check "?geneva from the top wraps to the last, counted whole" wait_match "\?geneva $N/$N "

# typing a new pattern restarts the count at once
keys /
type_text met
keys Enter
check "a new search answers with its first match" wait_match "/met [0-9]+/[0-9]+"
check "and counts them all" wait_match "/met [0-9]+/$N "
# a pattern with spaces, so that matches straddle the stretches the count
# is made in: the reader counts what the batch search finds
want=$("$LEDE" --json -E --search "in geneva\\. kerry" "$F" | grep -o '"column"' | wc -l)
keys /
type_text "in geneva. kerry"
keys Enter
check "matches across stretch edges are all counted ($want)" \
    wait_match "/in geneva. kerry [0-9]+/$want "
keys q
check "q exits 0" [ "$(wait_exit)" = 0 ]
