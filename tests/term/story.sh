#!/bin/sh
# Following a story: duplicates are one list row with a count and the
# reader steps through the copies; a paragraph read in one article is
# dimmed in another with where it was read, R hides it, and the list says
# how much of each article is new. All of it with the index (the
# fingerprints stored when the files were indexed) and without it (made
# from the text): the screens are the same.
. tests/term/harness
F=tests/term/fixtures/story

# an index of its own: made by the first pass (the set never seen: the
# list grows as it is indexed), read by the second
for M in index reopened no-index; do
    OPT=
    [ "$M" = no-index ] && OPT=--no-index

    start 120 30 XDG_CACHE_HOME="$WORK/cache" -- $OPT "$F"
    wait_for "Ceasefire talks resume" || fail "did not open ($M)"
    check "two copies are one row with their count ($M)" \
        wait_match "^  Ceasefire talks resume in Geneva +×2│"
    lacks "the second copy has no row of its own ($M)" "$(screen)" "Geneva talks back on"
    check "the reader names the other copy ($M)" wait_for "×2 copies (c: next), also: 20_copy.txt"
    keys c
    check "c opens the next copy ($M)" wait_for "Geneva talks back on"
    contains "and says which copy it is ($M)" "$(status)" "copy 2 of 2"
    keys c
    check "c wraps to the first copy ($M)" wait_match "│ Ceasefire talks resume in Geneva +│"
    keys Enter ]
    check "] opens the follow-up ($M)" wait_match "│ Aid convoy reaches the north +│"
    # c marked both copies read, the second one first: that is where it was
    check "its paragraph from the first story says where it was read first ($M)" \
        wait_for "─ read in: Geneva talks back on"
    check "the read paragraph is dimmed ($M)" styled "The ceasefire talks in" '38;5;240'
    check "all of it, past the highlighted name ($M)" styled_now "resumed on Tuesday" '2'
    check "its new paragraph is not ($M)" styled_now "A first aid convoy reached" '39'
    check "the list says half of it is new ($M)" wait_match "Aid convoy reaches the north +new 50%"
    lacks "an article with nothing read elsewhere shows no share ($M)" "$(screen)" "Central bank holds rates  new"
    keys R
    check "R hides the read paragraph ($M)" wait_gone "resumed on Tuesday"
    check "and says so in its place ($M)" wait_for "─ 1 read paragraph hidden (R shows)"
    contains "the new paragraph stays ($M)" "$(screen)" "A first aid convoy reached"
    keys R
    check "R again shows it ($M)" wait_for "resumed on Tuesday"
    keys c
    check "c on a unique article says there is no copy ($M)" wait_for "no other copy of this article"
    keys Q
    check "Q quits from the reader ($M)" [ "$(wait_exit)" = 0 ]
done
