#!/bin/sh
# Grouping the list (= cycles folder, source, none; :group sets it):
# header rows with counts, Enter or z folds a group and hides its rows,
# j k ] [ move through headers and groups, / and :filter reach into
# them, duplicates stay one row, and a source is drawn sanitized.
. tests/term/harness
G=$WORK/set
mkdir -p "$G/north" "$G/south"
art() { # file title source body (dated August, the day the file's number)
    d=${1##*/}
    { printf 'Title: %s\nDate: 2016-08-0%s\n' "$2" "${d%.txt}"
      [ -n "$3" ] && printf 'Source: %s\n' "$3"
      printf '\n%s\n' "$4"; } >"$G/$1"
}
art 5.txt "Lonely five" "" "Nobody says where this one came from."
art north/1.txt "Alpha one" "Alpha Wire" "The first alpha story is about the harbour."
art north/2.txt "Beta two" "Beta Post" "The beta story is about the railway."
art south/3.txt "Alpha three" "Alpha Wire" "The third alpha story is about the bridge and the river."
art south/4.txt "Gamma four" "$(printf '\033]0;pwned\007Evil\033[31mRed')" "The gamma story is about the market."
art south/6.txt "Alpha three again" "Alpha Wire" "The third alpha story is about the bridge and the river."

# selected_row TEXT: poll until the list row holding TEXT is drawn
# selected (an unread headline is bold inside the row, so the row is
# checked whole rather than one run of text)
selected_row() {
    i=0
    while [ $i -lt "$WAIT" ]; do
        screen_e | grep -F -- "$1" | grep -q "48;5;24m" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

start 120 20 -- "$G"
wait_for "Alpha one" || fail "did not open"
lacks "not grouped at first" "$(screen)" "▾"
keys =
check "= groups by folder: a header per folder, top folder first" \
    wait_match "^▾ \. +1 article, 1 unread +│"
check "the north header counts its articles, none read yet" \
    wait_match "^▾ north +2 articles, 2 unread +│"
check "a duplicate is one row: south has two rows for three files" \
    wait_match "^▾ south +2 articles, 2 unread +│"
check "the duplicate row keeps its ×2" wait_match "^  Alpha three .*×2"
contains "the status line shows the grouping" "$(status)" "by path, group folder"
check "headers are bold" styled "▾ north" '1'
check "the shown article's row stays selected: the top folder's one" \
    selected_row "Lonely five"
keys k
check "k moves onto the header above" styled "▾ \. " '48;5;24'
check "the status line counts articles, not headers" wait_match "^ *1/5 .*/5\.txt"
keys Enter
check "Enter on a header folds it" wait_match "^▸ \. +1 article"
lacks "a folded group hides its rows" "$(screen | cut -c1-38)" "Lonely five"
keys Enter
check "Enter again unfolds it" wait_match "^  Lonely five "
keys j j j
check "j goes down through the next header into its rows" \
    wait_match "^ *2/5 .*north/1\.txt"
keys z
check "z folds the selected row's group" wait_match "^▸ north +2 articles"
lacks "north's rows are hidden" "$(screen | cut -c1-38)" "Beta two"
check "the folded header is selected" styled "▸ north" '48;5;24'
check "folding leaves the article read as it was" wait_match "^ *2/5 .*north/1\.txt"
check "and the reader on it" wait_match "│ Alpha one +│"
keys ]
check "] skips headers and folded groups to the next article" \
    wait_match "^ *4/5 .*south/3\.txt"
check "and opens it" wait_match "│ Alpha three +│"
keys [
check "[ goes back past the folded group to the top folder's row" \
    wait_match "^ *1/5 .*/5\.txt"
check "reading it leaves no unread in its group" wait_match "^▾ \. +1 article +│"
keys /
type_text "beta"
keys Enter
check "/ finds a headline in a folded group and unfolds it" \
    wait_match "^▾ north +2 articles"
check "the match is selected" wait_match "^ *3/5 .*north/2\.txt"
keys Z
check "Z folds every group" wait_match "^▸ south"
lacks "no article rows are left" "$(screen | cut -c1-38)" "Alpha"
keys /
type_text "alpha"
keys Enter
check "/ with every group folded finds the next match and opens its group" \
    wait_match "^ *4/5 .*south/3\.txt"
check "south is unfolded" wait_match "^▾ south"
keys n
check "n goes on to the next match, wrapping" wait_for "search wrapped"
check "into north, unfolded, the match selected and read" \
    selected_row "Alpha one"
check "the reader follows" wait_match "│ Alpha one +│"
check "the top folder stays folded" wait_match "^▸ \. "
keys Z Z
check "Z folds them all again, and Z unfolds them all" wait_match "^  Gamma four"
check "every header open" wait_match "^▾ \. "

keys :
type_text "gr"
keys Tab
type_text "s"
keys Tab Enter
check ":group source (completed) groups by source" \
    wait_match "^▾ Alpha Wire +2 articles"
contains "the status line says so" "$(status)" "group source"
check "a source is drawn sanitized" wait_match "^▾ EvilRed +1 article"
lacks "no escape sequence reached the screen" "$(screen)" "pwned"
check "articles without a source come last" wait_match "^▾ \(no source\)"
keys :
type_text "filter alpha"
keys Enter
check "a filtered list groups what it shows" wait_match "^▾ Alpha Wire +2 articles"
lacks "groups left empty by the filter are hidden" "$(screen | cut -c1-38)" "Beta Post"
keys Escape
check "Esc brings every group back" wait_match "^▾ Beta Post"
keys :
type_text "group nowhere"
keys Enter
check "a bad grouping says what is allowed" wait_for "group: folder, source or none"
keys =
check "= cycles on to no grouping" wait_for "not grouped"
lacks "the headers are gone" "$(screen)" "▾"
check "and the plain order is back" wait_match "^. Lonely five "
keys z
check "z on a list that is not grouped says so" wait_for "the list is not grouped"
keys h G
check "the help lists the grouping keys from the key table" \
    wait_for "Cycle the grouping of the list"
keys q Q
check "quits" [ "$(wait_exit)" = 0 ]

# --group at start, on a narrow screen (one pane at a time)
start 50 16 -- --group=source "$G"
check "--group=source starts grouped" wait_match "^▾ Alpha Wire +2 articles"
check "the status line says so" wait_match "group(ed by)? source"
keys g
check "g goes to the first header" styled "▾ Alpha Wire" '48;5;24'
keys Enter
check "Enter on a header folds it, even where Enter would open the reader" \
    wait_match "^▸ Alpha Wire"
lacks "and its rows are gone" "$(screen)" "Alpha one"
keys j j Enter
check "Enter on an article row still opens it" wait_for "The beta story"
keys Q
check "quits" [ "$(wait_exit)" = 0 ]
