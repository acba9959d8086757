#!/bin/sh
# Remembered state in the reader: read marks, stars, tags, the tag filter,
# and that they, the search history and the place shown survive a restart.
. tests/term/harness
A=data/articles
TEST_STATE_HOME="$WORK/kept"

start 120 40 -- "$A"
check "the set opens" wait_for "Lavrov visits Geneva"
check "an unread article is bold in the list" styled "Lavrov visits Geneva" '1'
lacks "nothing is marked read yet" "$(screen | cut -c1-2)" "✓"
keys j Enter
check "opening an article marks it read" wait_match "^✓ Lavrov visits"
keys '*'
check "* stars it: a star in the list" wait_match "^★ Lavrov visits"
contains "and the status line says so" "$(status)" "starred"
keys t
check "t asks for tags" wait_match "^Tags:"
type_text "syria, peace"
keys Enter
check "the tags show in the list" wait_match "Lavrov visits.*\[peace,syria\]"
contains "and in the status line" "$(status)" "tags: peace,syria"
keys t
check "the prompt starts with the article's tags" wait_match "^Tags: peace, syria,"
keys C-u
type_text "syria, -nothing, geneva"
keys Enter
check "tags not typed again are removed, new ones added" wait_match "Lavrov visits.*\[geneva,syria\]"

# The tag filter, with completion.
keys Tab Tab
keys "#"
check "T asks for a tag" wait_match "^Filter by tag:"
type_text "sy"
keys Tab
check "Tab completes the tag" wait_for "Filter by tag: syria"
keys Enter
check "the list shows the tagged article only" wait_gone "De Mistura to Have"
contains "the filter is named in the status line" "$(status)" "[tag: syria]"
keys Escape
check "Esc brings every article back" wait_for "De Mistura to Have"
keys "#"
type_text "nosuchtag"
keys Enter
check "an unknown tag says so" wait_for "No article is tagged nosuchtag"

# u toggles read on the list's selection.
keys g
check "the first article is selected" wait_match "^ *De Mistura|1/2"
keys u
check "u marks an article read without opening it" wait_match "^✓ De Mistura"
keys u
check "u again marks it unread" wait_match "^  De Mistura"
check "the star of an unselected row has its own colour" styled "★" '38;5;220'

# A search for the history, and a place in the reader to come back to.
keys j Enter
keys /
type_text kerry
keys Enter
check "the search runs" wait_match "/kerry 1/[0-9]+"
keys Escape
keys g j j j j j j
settle
top=$(screen | sed -n 1p | cut -c40-90)
keys Q
check "q exits 0" [ "$(wait_exit)" = 0 ]

start 120 40 -- "$A"
check "after a restart the star is still there" wait_match "^★ Lavrov visits"
check "and the tags" wait_match "Lavrov visits.*\[geneva,syria\]"
check "the last article shown is selected again" wait_match "2/2"
settle
check "the reader is back at the same place ($top)" [ "$(screen | sed -n 1p | cut -c40-90)" = "$top" ]
check "an article opened last time is no longer bold" unstyled "★ Lavrov visits Geneva" '1'
keys /
keys Up
check "the search history survives the restart" wait_for "/kerry"
keys Escape
# A second lede on the same state while this one runs: both work, and
# each sees the other's marks when it next opens the set.
XDG_STATE_HOME="$TEST_STATE_HOME" "$LEDE" --star --tag other "$A/000_83fae2bbef3ffe03.txt"
check "a second process writes while the reader runs" [ $? = 0 ]
keys g t
type_text "mine"
keys Enter
check "the reader still saves its own marks" wait_match "De Mistura.*\[mine\]"
keys Q
check "q exits 0" [ "$(wait_exit)" = 0 ]
start 120 40 -- "$A"
check "the next start shows the other process's star" wait_match "^★ De Mistura"
keys Q
wait_exit >/dev/null
out=$(XDG_STATE_HOME="$TEST_STATE_HOME" "$LEDE" --list "$A/000_83fae2bbef3ffe03.txt")
check "both processes' tags are kept" [ "$(printf '%s\n' "$out" | cut -f7)" = "mine,other" ]

# kill -9: the last article opened comes back.
start 120 40 -- "$A"
wait_for "Lavrov visits" >/dev/null
keys g Enter Q
wait_exit >/dev/null
start 120 40 -- "$A"
check "the first article was the last shown" wait_match "^ 1/2"
keys j Enter
check "the second article is opened" wait_match "^ 2/2"
# the focus is in the reader once Enter is done: the list's selection dims
check "Enter has been handled" styled "Lavrov visit" '48;5;237'
kill -9 "$(lede_pid)"
wait_exit >/dev/null
start 120 40 -- "$A"
check "after kill -9 the reader comes back to the article opened last" wait_match "^ 2/2"
check "and its marks are all there" wait_match "^★ Lavrov visit"
keys Q
wait_exit >/dev/null

# The same marks from the command line.
out=$(XDG_STATE_HOME="$TEST_STATE_HOME" "$LEDE" --list "$A/003_a8c0e5b4325b14d0.txt")
check "--list sees the marks made in the reader" [ "$(printf '%s\n' "$out" | cut -f5-7)" = "1${TAB}1${TAB}geneva,syria" ]

# A damaged state database: a message, and the reader still runs.
printf 'this is not a database, it is a note\n%.0s' 1 2 3 4 5 6 7 8 >"$TEST_STATE_HOME/lede/state.db"
rm -f "$TEST_STATE_HOME/lede/state.db-wal" "$TEST_STATE_HOME/lede/state.db-shm"
start 120 40 -- "$A"
check "a damaged state database is said in the status line" wait_for "damaged"
check "and lede runs" wait_for "Lavrov visits Geneva"
check "the damaged file is kept aside" [ -n "$(ls "$TEST_STATE_HOME/lede/" | grep 'state.db.corrupt-')" ]
keys Q
wait_exit >/dev/null

# An unwritable state directory: a message, and the marks last the session.
TEST_STATE_HOME=/dev/null/state
start 120 40 -- "$A"
check "unwritable state: a message" wait_for "state: cannot create"
keys j Enter
check "unwritable state: marks still work in the session" wait_match "^✓ Lavrov visits"
keys Q
check "unwritable state: q exits 0" [ "$(wait_exit)" = 0 ]
