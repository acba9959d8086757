# The set query language on the command line: --search QUERY, with
# --articles (one ranked line per article) and without (grep-like lines).
. tests/lib.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/a.txt" <<'END'
Title: Kerry and Lavrov meet in Geneva
Date: 2016-08-26
Source: Example Wire

Sergei Lavrov met John Kerry in Geneva. Kerry spoke of Aleppo.

The White House said nothing.
END
cat >"$T/b.txt" <<'END'
Title: Markets calm
Date: 2016-07-02
Source: Daily News

Traders ignored Kerry. Kerryville is a town in Texas.
END
cat >"$T/c.txt" <<'END'
Title: Iraq after the war
Date: 2016-09-10
Source: Example Wire

Tony Blair spoke about Iraq. Mr Blair said little. Erdoğan was in Ankara.
END

paths() { cut -f1 | sed 's|.*/||' | tr '\n' ' '; }

out=$("$LEDE" --search kerry --articles "$T")
check "--articles exits 0 on a match" [ $? = 0 ]
check "--articles ranks the headline match first" \
    [ "$(printf '%s\n' "$out" | paths)" = "a.txt b.txt " ]
line=$(printf '%s\n' "$out" | head -1)
check "--articles prints path, match count, headline" \
    [ "$line" = "$T/a.txt${TAB}3${TAB}Kerry and Lavrov meet in Geneva" ]
check "kerry is a whole word: Kerryville is not counted" \
    [ "$(printf '%s\n' "$out" | sed -n 2p | cut -f2)" = 1 ]

q() { "$LEDE" --search "$1" --articles "$T" | paths; }
check "words: all must match" [ "$(q 'kerry lavrov')" = "a.txt " ]
check "OR" [ "$(q 'lavrov OR iraq')" = "a.txt c.txt " ]
check "-word excludes" [ "$(q 'kerry -lavrov')" = "b.txt " ]
check "NOT word excludes" [ "$(q 'kerry NOT geneva')" = "b.txt " ]
check "exact phrase" [ "$(q '"white house"')" = "a.txt " ]
check "a phrase in another order does not match" [ -z "$(q '"house white"')" ]
check "title: looks in the headline only" [ "$(q 'title:iraq')" = "c.txt " ]
check "entity: finds the merged entity by a variant" \
    [ "$(q 'entity:"tony blair"')" = "c.txt " ]
check "entity: combined with a word" [ -z "$(q 'entity:"Tony Blair" kerry')" ]
check "source:" [ "$(q 'source:"daily news"')" = "b.txt " ]
check "path:" [ "$(q 'path:c.txt')" = "c.txt " ]
check "after: (on or after)" [ "$(q 'after:2016-08-26' | tr ' ' '\n' | sort | tr '\n' ' ')" = "a.txt c.txt " ]
check "before: (the whole day included)" [ "$(q 'before:2016-08-26' | tr ' ' '\n' | sort | tr '\n' ' ')" = "a.txt b.txt " ]
check "accents folded" [ "$(q erdogan)" = "c.txt " ]
check "smart case: capitals are exact" [ -z "$(q KERRY)" ]
check "-i ignores case" [ "$("$LEDE" -i --search KERRY --articles "$T" | paths)" = "a.txt b.txt " ]

out=$("$LEDE" --json --search 'entity:"John Kerry"' --articles "$T")
contains "--articles --json" "$out" \
    "{\"path\":\"$T/a.txt\",\"matches\":3,\"headline\":\"Kerry and Lavrov meet in Geneva\"}"

# grep-like output: the lines holding the words, marked in colour
out=$("$LEDE" --search 'aleppo OR erdogan' "$T")
check "plain --search prints the lines of the matching articles" \
    [ "$out" = "$T/a.txt:5:Sergei Lavrov met John Kerry in Geneva. Kerry spoke of Aleppo.
$T/c.txt:5:Tony Blair spoke about Iraq. Mr Blair said little. Erdoğan was in Ankara." ]
out=$("$LEDE" --color=always --search 'lavrov "white house"' "$T")
contains "each word is marked" "$out" "$(printf '\033[1;31mLavrov\033[0m met')"
contains "the phrase is marked" "$out" "$(printf 'The \033[1;31mWhite House\033[0m said')"
out=$("$LEDE" --search 'kerry -lavrov' "$T")
check "a negated word rules an article out" [ "$out" = "$T/b.txt:5:Traders ignored Kerry. Kerryville is a town in Texas." ]
"$LEDE" --search 'zzzqqq' --articles "$T" >/dev/null
check "--articles exits 1 when nothing matches" [ $? = 1 ]
out=$("$LEDE" --color=always -E --search 'Kerry(ville)?' "$T")
contains "-E keeps --search a regular expression" "$out" \
    "$(printf '\033[1;31mKerryville\033[0m is')"
check "-E prints every matching line" [ "$(printf '%s\n' "$out" | wc -l)" = 3 ]
out=$("$LEDE" -E --search 'Kerry(ville)?' --articles "$T" | paths)
check "-E with --articles ranks regex matches" [ "$out" = "a.txt b.txt " ]

# bad queries: a clear message and status 2
for bad in '"kerry' 'kerry OR' 'NOT' '(kerry' 'after:soon' 'title:' '()'; do
    err=$("$LEDE" --search "$bad" "$T" 2>&1 >/dev/null)
    rc=$?
    check "bad query '$bad' exits 2" [ $rc = 2 ]
    contains "bad query '$bad' is explained" "$err" "lede: bad search query: "
done
err=$("$LEDE" --search '"kerry' "$T" 2>&1)
contains "an open quote is named" "$err" "missing closing quote"
err=$("$LEDE" --search 'after:2016-13' "$T" 2>&1)
contains "a bad date is named" "$err" "after: wants a date like 2016-08-01, not '2016-13'"
err=$("$LEDE" --articles "$T" 2>&1)
check "--articles without --search is a usage error" [ $? = 2 ]
contains "and says so" "$err" "--articles goes with --search"
