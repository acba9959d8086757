#!/bin/sh
# A changed file's fingerprints are made again when the set is reopened,
# and stored: the index must not keep the old ones. With a paragraph read in the
# first story, the follow-up shows "new 50%"; once its new paragraph is
# gone from the file it shows "new 0%", and a copy that gains a paragraph
# of its own is a copy no more. The same screens without the index.
. tests/term/harness
F=tests/term/fixtures/story
SET=$WORK/set
CACHE=$WORK/cache
TEST_STATE_HOME=$WORK/state-kept # the read mark survives the restarts

for M in index no-index; do
    OPT=
    [ "$M" = no-index ] && OPT=--no-index
    rm -rf "$SET" "$CACHE" "$TEST_STATE_HOME"
    mkdir -p "$SET"
    cp "$F"/*.txt "$SET"/
    XDG_STATE_HOME=$TEST_STATE_HOME "$LEDE" --mark-read "$SET/10_orig.txt"

    start 120 30 XDG_CACHE_HOME="$CACHE" -- $OPT "$SET"
    check "before: the follow-up is half new ($M)" \
        wait_match "Aid convoy reaches the north +new 50%"
    check "before: the two copies are one row ($M)" \
        wait_match "^. Ceasefire talks resume in Geneva +×2│"
    keys Q
    wait_exit >/dev/null

    # the follow-up keeps only its read paragraph; the copy gains one
    { sed -n '1,4p' "$F/30_followup.txt"
      sed -n '7p' "$F/30_followup.txt"; } >"$SET/30_followup.txt"
    printf '\nA second aid convoy was turned back at the border.\n' \
        >>"$SET/20_copy.txt"

    # opened twice: when the change is found, then from the index alone
    for when in "after the change" "reopened again"; do
        start 120 30 XDG_CACHE_HOME="$CACHE" -- $OPT "$SET"
        check "$when: the follow-up has nothing new ($M)" \
            wait_match "Aid convoy reaches the north +new 0%"
        check "$when: the copy has a row of its own ($M)" \
            wait_match "^. Geneva talks back on "
        lacks "$when: and the first story no count ($M)" "$(screen)" "×2"
        keys Q
        wait_exit >/dev/null
    done
done
