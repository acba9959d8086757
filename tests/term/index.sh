# A big set never seen: the reader shows its first articles while the
# rest is indexed (the status line counts), the list grows, the names
# come; opened again, the whole set is there from the index.
. tests/term/harness
B=${B:-build}
SET=$WORK/set
"$B"/tests/gen_corpus 5000 "$SET" >/dev/null
CACHE=$WORK/cache
# copies are one row (one per group that --duplicates prints): the rows
# of the whole set
COPIES=$("$LEDE" --no-index --duplicates "$SET" |
         awk -F"$TAB" '{ n += $1 - 1 } END { print n + 0 }')
ROWS=$((5000 - COPIES))

start 120 40 XDG_CACHE_HOME="$CACHE" -- --jobs 1 "$SET"
check "the first screen comes while indexing" wait_for "(indexing: "
n1=$(status | sed -n 's/^ *1\/\([0-9]*\) .*/\1/p')
check "the first screen lists some articles ($n1)" [ "${n1:-0}" -gt 0 ]
check "the first screen has a headline" wait_match "^ .* (meets|to hold talks|in|warns)"
i=0
n2=$n1
while [ $i -lt "$WAIT" ] && [ "${n2:-0}" -le "${n1:-0}" ]; do
    sleep 0.05
    n2=$(status | sed -n 's/^ *1\/\([0-9]*\) .*/\1/p')
    i=$((i + 1))
done
check "the list grows while indexing ($n1, then $n2)" [ "${n2:-0}" -gt "${n1:-0}" ]
keys j
check "the list can be used while indexing (j)" wait_match "^ *2/[0-9]+ "
WAIT=$((WAIT * 6)) # the whole set, under load, may take a while
check "the whole set is listed in the end, copies one row ($ROWS rows)" \
    wait_match "^ *2/$ROWS "
check "the status line stops counting" wait_gone "(indexing: "
check "the names of the set come to the sidebar" wait_match "│ People *$"
keys q
check "q quits while or after indexing" wait_exit

start 120 40 XDG_CACHE_HOME="$CACHE" -- "$SET"
check "reopened: the whole set from the index ($ROWS rows)" \
    wait_match "^ *1/$ROWS "
check "reopened: the names are shown" wait_match "│ People *$"
keys q
check "q quits the reopened set" wait_exit

# The focus and q come from what was named, not from how many articles
# were in at the first screen: a folder (here of one article, as a
# folder being indexed can be at its first screen) is a list, where q in
# the reader goes back to the list; one file named is read as less reads
# it, where q quits.
mkdir -p "$WORK/one"
cp "$SET/000/000000.txt" "$WORK/one/"
start 100 30 XDG_CACHE_HOME="$CACHE" -- "$WORK/one"
check "a folder of one article shows it" wait_match "^ *1/1 "
keys Enter q
sleep 0.3
check "q in its reader goes back to the list, not out" [ ! -f "$WORK/rc" ]
keys q
check "and q in the list quits" wait_exit
start 100 30 XDG_CACHE_HOME="$CACHE" -- "$WORK/one/000000.txt"
check "one file named shows it" wait_match "^ *1/1 "
keys q
check "and q quits at once" wait_exit
