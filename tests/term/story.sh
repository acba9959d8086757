#!/bin/sh
# Following a story: duplicates are one list row with a count and the
# reader steps through the copies; a paragraph read in one article is
# dimmed in another with where it was read, R hides it, and the list says
# how much of each article is new.
. tests/term/harness
F=tests/term/fixtures/story

start 120 30 -- "$F"
wait_for "Ceasefire talks resume" || fail "did not open"
check "two copies are one row with their count" \
    wait_match "^  Ceasefire talks resume in Geneva +×2│"
lacks "the second copy has no row of its own" "$(screen)" "Geneva talks back on"
check "the reader names the other copy" wait_for "×2 copies (c: next), also: 20_copy.txt"
keys c
check "c opens the next copy" wait_for "Geneva talks back on"
contains "and says which copy it is" "$(status)" "copy 2 of 2"
keys c
check "c wraps to the first copy" wait_match "│ Ceasefire talks resume in Geneva +│"
keys Enter ]
check "] opens the follow-up" wait_match "│ Aid convoy reaches the north +│"
# c marked both copies read, the second one first: that is where it was
check "its paragraph from the first story says where it was read first" \
    wait_for "─ read in: Geneva talks back on"
check "the read paragraph is dimmed" styled "The ceasefire talks in" '38;5;240'
check "all of it, past the highlighted name" styled_now "resumed on Tuesday" '2'
check "its new paragraph is not" styled_now "A first aid convoy reached" '39'
check "the list says half of it is new" wait_match "Aid convoy reaches the north +new 50%"
lacks "an article with nothing read elsewhere shows no share" "$(screen)" "Central bank holds rates  new"
keys R
check "R hides the read paragraph" wait_gone "resumed on Tuesday"
check "and says so in its place" wait_for "─ 1 read paragraph hidden (R shows)"
contains "the new paragraph stays" "$(screen)" "A first aid convoy reached"
keys R
check "R again shows it" wait_for "resumed on Tuesday"
keys c
check "c on a unique article says there is no copy" wait_for "no other copy of this article"
keys Q
check "Q quits from the reader" [ "$(wait_exit)" = 0 ]
