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

# The reader shows the same names and highlights on an index made by
# that very run (the names merged while the files were read), on that
# index reopened and without an index: the third article, its text and
# its sidebar, with their colours.
# cells: the screen (screen_e) as its characters, each run marked with
# the attributes it is drawn with, so that how tmux spells them (where it
# resets, what it repeats) does not count.
cells() {
    awk -v E="$ESC" '
    BEGIN { bo = di = it = un = re = 0; fg = bg = "" }
    function sgr(p,   n, a, i, c) {
        n = split(p, a, ";")
        if (n == 0) { n = 1; a[1] = 0 }
        for (i = 1; i <= n; i++) {
            c = a[i] + 0
            if (c == 0) { bo = di = it = un = re = 0; fg = bg = "" }
            else if (c == 1) bo = 1
            else if (c == 2) di = 1
            else if (c == 3) it = 1
            else if (c == 4) un = 1
            else if (c == 7) re = 1
            else if (c == 22) bo = di = 0
            else if (c == 23) it = 0
            else if (c == 24) un = 0
            else if (c == 27) re = 0
            else if ((c == 38 || c == 48) && a[i + 1] == 5) {
                if (c == 38) fg = a[i + 2]; else bg = a[i + 2]
                i += 2
            } else if (c == 39) fg = ""
            else if (c == 49) bg = ""
            else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) fg = c
            else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) bg = c
        }
    }
    function emit(t,   st) {
        if (t == "") return ""
        st = bo di it un re "/" fg "/" bg
        if (st == last) return t
        last = st
        return "{" st "}" t
    }
    {
        out = ""
        s = $0
        while ((k = index(s, E "[")) > 0) {
            out = out emit(substr(s, 1, k - 1))
            s = substr(s, k + 2)
            match(s, /^[0-9;]*m/)
            sgr(substr(s, 1, RLENGTH - 1))
            s = substr(s, RLENGTH + 1)
        }
        print out emit(s)
    }'
}
settled() { # the screen's cells, once two looks agree
    prev=
    i=0
    while [ $i -lt "$WAIT" ]; do
        cur=$(screen_e | cells)
        if [ "$cur" = "$prev" ]; then
            printf '%s\n' "$cur"
            return 0
        fi
        prev=$cur
        sleep 0.2
        i=$((i + 1))
    done
    printf '%s\n' "$cur"
    return 1
}
third() { # ARGS...: the third article once the set and its names are in
    start 120 40 XDG_CACHE_HOME="$WORK/cache2" -- "$@"
    wait_match "^ *1/$ROWS " && wait_match "│ People *$" &&
        wait_gone "(indexing: " || return 1
    keys j j Enter
    wait_match "^ *3/$ROWS " || return 1
    settled
}
third --no-index "$SET" >"$WORK/want"
check "the third article without an index has names" \
    grep -q "Entities" "$WORK/want"
keys q q
wait_exit >/dev/null
third "$SET" >"$WORK/got"
check "the reader on a first index: names and highlights as without one" \
    cmp -s "$WORK/want" "$WORK/got"
keys q q
wait_exit >/dev/null
third "$SET" >"$WORK/got"
check "the reader on that index reopened: the same" \
    cmp -s "$WORK/want" "$WORK/got"
keys q q
wait_exit >/dev/null

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
settle
check "q in its reader goes back to the list, not out" [ ! -f "$WORK/rc" ]
keys q
check "and q in the list quits" wait_exit
start 100 30 XDG_CACHE_HOME="$CACHE" -- "$WORK/one/000000.txt"
check "one file named shows it" wait_match "^ *1/1 "
keys q
check "and q quits at once" wait_exit
