#!/bin/sh
# The list's keys and getting articles out: / searches headlines, n N
# repeat; S cycles the order; : runs commands with completion; | pipes
# the article to a command; o opens its URL with $BROWSER; w writes it;
# :export writes the list, read back as JSON.
. tests/term/harness
F=tests/term/fixtures/story
OUT=$WORK/out
mkdir -p "$OUT"
# a browser that records its argument
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >> "%s/browser.log"\n' "$OUT" >"$OUT/browser"
chmod +x "$OUT/browser"

start 120 30 BROWSER="$OUT/browser" -- "$F"
wait_for "Ceasefire talks resume" || fail "did not open"
contains "the status line shows the order" "$(status)" "by path"
keys /
type_text "bank"
check "/ in the list selects the first headline matching as typed" \
    wait_match "│ Central bank holds rates +│"
keys Enter
check "Enter keeps it" wait_match "^ *3/4 .*40_other.txt"
keys /
type_text "re"
keys Enter
check "a new search starts from the selection" wait_match "^ *4/4 .*50_links.txt"
keys n
check "n goes to the next matching headline, wrapping" wait_match "^ *1/4 .*10_orig.txt"
keys N
check "N goes back" wait_match "^ *4/4 "
keys S
check "S cycles from path to new share" wait_match "by new"
keys S
check "S again sorts by date (relevance needs a filter)" wait_match "by date"
check "the newest is on top" wait_match "^. Links and more links"
keys :
type_text "so"
keys Tab
type_text "head"
keys Tab Enter
check ": completes and runs sort headline" wait_match "by headline"
check "by headline, Aid convoy comes first" wait_match "^  Aid convoy reaches"
keys :
type_text "s"
keys Tab
check "Tab with several completions lists them" wait_for "sort set"
keys Escape
keys :
type_text "3"
keys Enter
check ":3 goes to the third row" wait_match "^ *3/4 "
keys :
type_text "goto 99"
keys Enter
check "a bad row number says so" wait_for "goto: a row number from 1 to 4"
keys :
type_text "frob"
keys Enter
check "an unknown command says so" wait_for "unknown command 'frob'"
keys :
type_text "filter convoy"
keys Enter
check ":filter searches the set" wait_for "1 article match convoy"
lacks "the list keeps only the match" "$(screen)" "Central bank"
keys :
type_text "export $OUT/list.jsonl"
keys Enter
check ":export writes the list" wait_for "1 article exported to"
check "the export is JSON with the list's fields" python3 -c "
import json,sys
rows=[json.loads(l) for l in open('$OUT/list.jsonl')]
assert len(rows)==1, rows
r=rows[0]
assert r['headline']=='Aid convoy reaches the north', r
assert r['source']=='Wire Three' and r['date']=='2016-08-29', r
assert r['read'] is False and r['count']>=1 and r['copies']==1, r
"
keys :
type_text "export $OUT/list.jsonl"
keys Enter
check "an existing file is not overwritten" wait_for "exists: not overwritten"
keys Escape
wait_for "Central bank"
keys :
type_text "export $OUT/all.csv"
keys Enter
check ":export to .csv" wait_for "4 articles exported"
check "the CSV has a header and a row per article, copies counted" \
    python3 -c "
import csv
rows=list(csv.DictReader(open('$OUT/all.csv', newline='')))
assert len(rows)==4, rows
c=[r for r in rows if r['headline'].startswith('Ceasefire')][0]
assert c['copies']=='2' and c['source']=='Wire One', c
"
# the links article: o offers its URLs by number
keys :
type_text "sort path"
keys Enter
keys G Enter
check "the links article is open" wait_match "│ Links and more links"
keys o
check "o with several URLs offers them by number" wait_for "Open which URL?"
contains "the URL field comes first" "$(screen)" " 1  https://example.com/links"
contains "then the text's, without trailing punctuation" "$(screen)" " 3  https://example.net/two"
type_text "3"
keys Enter
i=0; while [ $i -lt 100 ] && [ ! -s "$OUT/browser.log" ]; do sleep 0.05; i=$((i + 1)); done
check "the browser got the chosen URL" [ "$(cat "$OUT/browser.log" 2>/dev/null)" = "https://example.net/two" ]
keys w
type_text "$OUT/article.txt"
keys Enter
check "w writes the article" wait_for "article written to"
"$LEDE" --dump --width 80 "$F/50_links.txt" >"$OUT/dump.txt"
check "the written file is --dump's output" cmp -s "$OUT/article.txt" "$OUT/dump.txt"
keys '|'
check "| asks for a command" wait_for "Pipe the article to:"
type_text "wc -l > $OUT/lines; echo piped-ok"
keys Enter
check "the command gets the terminal" wait_for "piped-ok"
check "and lede waits for Enter" wait_for "[press Enter to return to lede]"
keys Enter
check "then the screen comes back" wait_match "│ Links and more links"
check "the command read the article" [ "$(tr -d ' ' <"$OUT/lines")" = "$(wc -l <"$OUT/dump.txt" | tr -d ' ')" ]
keys '|'
type_text "exit 3"
keys Enter
wait_for "press Enter"
keys Enter
check "a failing command's status is shown" wait_for "exited with status 3"
keys Q
check "Q quits" [ "$(wait_exit)" = 0 ]
