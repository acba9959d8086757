#!/bin/sh
# --dump --json: one JSON object per article with its path, headline,
# metadata and paragraphs (kind, line, text, mentions).
. tests/lib.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
H=tests/fixtures/header.txt
A=data/articles

out=$("$LEDE" --dump --json "$H")
check "--dump --json exits 0" [ $? = 0 ]
check "--dump --json: one line for one article" [ "$(printf '%s\n' "$out" | wc -l)" = 1 ]
contains "--dump --json: path and headline first" "$out" \
    "{\"path\":\"$H\",\"headline\":\"Kerry and Lavrov Meet in Geneva\","
contains "--dump --json: metadata as written" "$out" \
    "\"date\":\"Fri, 26 Aug 2016 10:00:00 +0000\",\"source\":\"Example Wire\",\"author\":\"Jane Doe\",\"url\":\"https://example.com/geneva\","
contains "--dump --json: a body paragraph with its line and mentions" "$out" \
    "{\"kind\":\"body\",\"line\":7,\"text\":\"U.N. envoy Staffan de Mistura said talks would resume.\",\"mentions\":[{\"line\":7,\"column\":1,\"text\":\"U.N.\",\"type\":\"organisation\",\"entity\":\"United Nations\"},{\"line\":7,\"column\":12,\"text\":\"Staffan de Mistura\",\"type\":\"person\",\"entity\":\"Staffan de Mistura\"}]}"
contains "--dump --json: a paragraph without names has an empty list" "$out" \
    "{\"kind\":\"body\",\"line\":9,\"text\":\"The meeting lasted twelve hours.\",\"mentions\":[]}]}"
contains "--dump --json: the headline's mentions have the file's column" "$out" \
    "{\"kind\":\"headline\",\"line\":1,\"text\":\"Kerry and Lavrov Meet in Geneva\",\"mentions\":[{\"line\":1,\"column\":8,\"text\":\"Kerry\",\"type\":\"person\",\"entity\":\"Kerry\"},{\"line\":1,\"column\":18,\"text\":\"Lavrov\",\"type\":\"person\",\"entity\":\"Lavrov\"},{\"line\":1,\"column\":33,"

out=$("$LEDE" --dump --json "$A/003_a8c0e5b4325b14d0.txt")
contains "--dump --json: absent metadata is null" "$out" \
    "\"date\":null,\"source\":null,\"author\":null,\"url\":null,"
n=$("$LEDE" --dump --json "$A" | wc -l)
check "--dump --json: one line per article of a folder ($n)" [ "$n" = 2 ]
m=$("$LEDE" --dump --json "$A" | grep -o '"entity":' | wc -l)
e=$("$LEDE" --entities "$A" | wc -l)
check "--dump --json lists every mention --entities does ($m, $e)" [ "$m" = "$e" ] && [ "$m" -gt 0 ]

printf 'Teaser headline\n\nKerry spoke in Geneva today at length.\n\nShare\n' >"$T/boiler.txt"
out=$("$LEDE" --dump --json "$T/boiler.txt")
contains "--dump --json marks boilerplate" "$out" "{\"kind\":\"boilerplate\",\"line\":5,\"text\":\"Share\""
out=$("$LEDE" --dump --json --hide-boilerplate "$T/boiler.txt")
lacks "--dump --json -b leaves boilerplate out" "$out" "boilerplate"

printf 'Quote "this" and \\ that\n\nBody\twith tab.\n' >"$T/q.txt"
out=$("$LEDE" --dump --json "$T/q.txt")
contains "--dump --json escapes quotes and backslashes" "$out" \
    "\"headline\":\"Quote \\\"this\\\" and \\\\ that\""
contains "--dump --json escapes tabs" "$out" "\"text\":\"Body\\twith tab.\""
