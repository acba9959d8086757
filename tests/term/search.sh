#!/bin/sh
# Search in the article as in less (/ ? n N, incremental, regex, -p) and
# across the set (s).
. tests/term/harness
A=data/articles
S0=$A/000_83fae2bbef3ffe03.txt
S3=$A/003_a8c0e5b4325b14d0.txt
# "a/b" counter after a pattern in the status line
counter() { status | sed -n "s|.*$1 \([0-9-]*/[0-9]*\).*|\1|p"; }

start 120 40 -- "$S3"
wait_for "Lavrov visits Geneva" || fail "reader did not open"
keys /
type_text lavr
check "incremental: the current match shows while typing" styled "Lavr" '48;5;208'
keys Escape
check "Esc cancels: no match highlighted" wait_gone "/lavr"
check "Esc clears the incremental highlight" unstyled "Lavr" '48;5;208'

keys /
type_text lavrov
keys Enter
check "/lavrov shows a counter, counted whole" wait_match "/lavrov 1/[0-9]+ "
c1=$(counter /lavrov)
total=${c1#*/}
check "lavrov has several matches ($total)" [ "$total" -ge 3 ]
check "every match highlighted, the current one distinct" styled "Lavrov" '48;5;250'
keys n
check "n moves to the next match" wait_match "/lavrov 2/$total"
keys n
check "n again: 3/$total" wait_match "/lavrov 3/$total"
keys N
check "N comes back" wait_match "/lavrov 2/$total"

keys ?
type_text kerry
keys Enter
check "?kerry searches backward from the top: wraps to the last" wait_match "\?kerry ([0-9]+)/\1"
contains "wrap-around is said in the status line" "$(status)" "search wrapped"
k=$(counter '?kerry')
kt=${k#*/}
keys n
check "n after ? goes on backward" wait_match "\?kerry $((kt - 1))/$kt"
keys N
check "N after ? goes forward" wait_match "\?kerry $kt/$kt"

# Smart case and accents: "Lavrov" with a capital matches case-sensitively.
keys / ; type_text LAVROV ; keys Enter
check "smart case: LAVROV does not match" wait_match "Pattern not found"

# Regular expressions: ^R toggles, shown in the prompt; errors shown.
keys / C-r
check "^R shows regex mode in the prompt" wait_for "Regex /"
type_text 'Lav.ov|Ker+y'
keys Enter
check "regex search matches both names" wait_match "/Lav\.ov\|Ker\+y 1/[0-9]+"
keys / C-r
type_text 'Lav(ov'
keys Enter
wait_match "[Pp]arenthes" # the message is drawn: then read the status line
st=$(status)
lacks "a bad regex leaves no counter" "$st" "Lav(ov 1/"
check "a bad regex shows the compiler's message" [ -n "$(printf '%s' "$st" | tr -d ' ')" ]
contains "the message names the problem" "$(printf '%s' "$st" | tr 'A-Z' 'a-z')" "parenthes"

# History: Up in the prompt brings back an earlier pattern.
keys / Up Up
check "Up walks the search history" wait_match "^Regex /Lav\.ov\|Ker\+y|^/Lav\.ov"
keys Escape
keys q
check "q exits 0 after searching" [ "$(wait_exit)" = 0 ]

# -p PATTERN starts with the search done, like less -p.
start 120 40 -- -p Aleppo "$S3"
check "-p Aleppo starts at its first match" wait_match "/Aleppo 1/[0-9]+"
check "-p highlights the match" styled "Aleppo" '48;5;208'
keys Q ; wait_exit >/dev/null
start 120 40 -- "+/Geneva" "$S3"
check "+/Geneva works like -p" wait_match "/Geneva 1/[0-9]+"
keys Q ; wait_exit >/dev/null

# Across the set: s asks, filters and ranks; opening starts at the match.
start 120 40 -- "$A" tests/term/fixtures/mixed
wait_for "Plain headline" || fail "the set did not open"
keys s
check "s asks for a query over the set" wait_for "Search the set:"
type_text Doha
keys Enter
check "the list is filtered to the matching article" wait_gone "Plain headline"
check "the status line says how many match" wait_for "1 article matches Doha"
check "the match count is shown in the list" wait_match "^  Lavrov visits Geneva.* 1 *│"
keys Enter
check "opening it starts the search at its first match" wait_match "/Doha 1/1"
contains "the filter is named in the status line" "$(status)" "[Doha]"
check "the match is highlighted in the reader" styled "Doha" '48;5;208'
keys Escape
check "Esc clears the set filter" wait_for "Plain headline"
keys Q ; wait_exit >/dev/null
