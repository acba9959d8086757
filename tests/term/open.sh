#!/bin/sh
# Opening: the sample set on the list, one file in the reader, entity
# colours, the help screen, and q restoring the terminal with status 0.
. tests/term/harness
A=data/articles
S0=$A/000_83fae2bbef3ffe03.txt
H0="De Mistura to Have Separate Syria"
H3="Lavrov visits Geneva for Syria"

start 120 40 -- "$A"
check "sample set opens on the list" wait_for "$H3"
scr=$(screen)
contains "first headline in the list" "$(printf '%s\n' "$scr" | head -1)" "$H0"
contains "second headline in the list" "$(printf '%s\n' "$scr" | sed -n 2p)" "$H3"
list=$(printf '%s\n' "$scr" | cut -c1-30)
lacks "no list row is the boilerplate 'Share'" "$list" "Share"
check "the alternate screen is on while running" \
    [ "$(tm display -p -t t '#{alternate_on}')" = 1 ]
contains "status line shows the position in the list" "$(status)" "1/2"

# Entity colours (256-colour terminal): people 39, places 77.
check "Kerry drawn in the person colour" styled "John Kerry" '38;5;39'
check "Lavrov drawn in the person colour" styled "Sergei Lavrov" '38;5;39'
check "de Mistura drawn in the person colour" styled "Staffan de Mistura" '38;5;39'
check "Geneva drawn in the place colour" styled "Geneva" '38;5;77'
check "boilerplate 'Share' is dimmed in the reader" styled "Share" '2'
check "sidebar groups people" wait_match "│ People *$"
check "sidebar shows Sergei Lavrov with a count" wait_match "Sergei Lavrov +[0-9]+ *$"

# The list is focused: j moves to the second article, which the reader shows.
keys j
check "j selects the second article and the reader follows" \
    wait_match "│ Lavrov visits Geneva for Syria talks with Kerry"
contains "status counts 2/2" "$(status)" "2/2"
keys Enter
check "Enter opens it (read mark in the list)" wait_match "^✓ Lavrov visits"

keys F1
check "F1 shows the help screen" wait_for "lede: keys"
keys Escape
check "Esc closes the help" wait_gone "lede: keys"
keys h
check "h shows the help screen" wait_for "lede: keys"
scr=$(screen)
contains "help lists the search key from the table" "$scr" "Search forward in the article"
contains "help shows key names" "$scr" "j, Down"
keys q
check "q closes the help" wait_gone "lede: keys"
check "the reader is back after help" wait_for "$H3"

keys q
keys k
check "q in the reader goes back to the list: k selects the first article" \
    wait_match "^ *1/2 "
keys q
rc=$(wait_exit)
check "q in the list quits with status 0 (got $rc)" [ "$rc" = 0 ]
check "the alternate screen is left on exit" \
    [ "$(tm display -p -t t '#{alternate_on}')" = 0 ]
lacks "no reader text is left on the normal screen" "$(screen)" "$H0"

# One file: straight into the reader; the list is one key away.
start 120 40 -- "$S0"
check "lede FILE opens the reader" wait_for "U.N. Special Envoy"
check "the file's headline is in the reader" wait_match "│ De Mistura to Have Separate Syria Talks"
contains "the reader position is in the status line" "$(status)" "%"
keys j
check "j scrolls the reader (not the list)" wait_match "│ Kerry – UN Source"
keys G
check "G goes to the bottom: 100%" wait_match "100%$"
keys g
check "g goes back to the top" wait_match "│ De Mistura to Have Separate Syria Talks"
p0=$(status | grep -o '[0-9]*%$')
keys C-d
check "^D scrolls half a page (the position grows from $p0)" wait_gone "│ De Mistura to Have Separate Syria Talks"
keys g
keys B
check "B hides the boilerplate" wait_gone "│ Share"
contains "and says so" "$(status)" "boilerplate hidden"
keys B
check "B again shows it" wait_match "│ Share"
# X10 mouse reports: the wheel (button 4/5) scrolls the pane under it.
wheel() { type_text "$(printf '\033[M%b%b%b' "$1" "\\$(printf '%03o' $(($2 + 33)))" "\\$(printf '%03o' $(($3 + 33)))")"; }
wheel a 60 5
check "the wheel scrolls the reader under the pointer" wait_gone "│ De Mistura to Have Separate Syria Talks"
wheel '`' 60 5
check "the wheel scrolls back up" wait_match "│ De Mistura to Have Separate Syria Talks"
keys Q
check "Q quits from the reader" [ "$(wait_exit)" = 0 ]

# --highlight names stand out more strongly than entity colours.
start 120 40 -- --highlight Geneva --highlight "de Mistura" "$S0"
wait_for "U.N. Special Envoy" || fail "did not open with --highlight"
check "--highlight Geneva: drawn as a keyword" styled "Geneva" '48;5;226'
check "--highlight de Mistura: over the person colour" styled "de Mistura" '48;5;226'
keys q ; wait_exit >/dev/null

# Narrow: lede FILE shows only the reader; Tab brings the list.
start 50 20 -- "$A" "$S0"
check "one pane on a narrow screen: the list first" wait_for "Lavrov visits"
keys Enter
check "Enter opens the reader full width" wait_for "U.N. Special"
lacks "the list is hidden in the reader" "$(screen | head -3)" "Lavrov visits"
keys Tab
check "Tab brings the list back" wait_for "Lavrov visits"
keys q
wait_exit >/dev/null

# No path: the bundled sample set.
start 120 40 --
check "lede alone opens the sample set" wait_for "Lavrov visits Geneva"
keys q
check "and q exits 0" [ "$(wait_exit)" = 0 ]
