#!/bin/sh
# The status line on a narrow terminal: the search counter always shows;
# the path gives way, cut at its start with an ellipsis so that the file
# name stays; a long pattern is cut before the counter is.
. tests/term/harness
A=data/articles
S0=$A/000_83fae2bbef3ffe03.txt

start 30 12 -- "$A"
wait_for "Lavrov" || fail "did not open at 30 columns"
keys Tab # to the reader: / in the list searches headlines
keys / ; type_text lavrov ; keys Enter
check "at 30 columns the counter shows" wait_match "/lavrov 1/3 +[0-9]+%$"
st=$(status)
contains "the position in the list stays" "$st" " 1/2 "
contains "the path is cut with an ellipsis, its end kept" "$st" "…3.txt /lavrov 1/3"
lacks "the path does not run into the counter" "$st" "txt/lavrov"
check "the status line fits the width" [ "$(printf '%s' "$st" | wc -m)" -le 30 ]

keys n
check "n moves the counter at 30 columns" wait_match "/lavrov 2/3"

# a pattern too long for the line: cut, the counter whole
keys / ; type_text "Lavrov and the Syria talks in Geneva" ; keys Enter
check "a long pattern is cut before the counter" wait_match "/Lavrov.*… [0-9-]+/[0-9]+"
st=$(status)
check "the status line still fits ($(printf '%s' "$st" | wc -m))" [ "$(printf '%s' "$st" | wc -m)" -le 30 ]

# at 100 columns nothing is cut
start 100 30 -- "$A"
wait_for "Lavrov" || fail "did not open at 100 columns"
keys Tab
keys / ; type_text lavrov ; keys Enter
check "at 100 columns the whole path shows" wait_match " 1/2 $S0 .*/lavrov 1/3 +[0-9]+%$"
keys Q
wait_exit >/dev/null
