# The configuration file in the batch modes: sort, boilerplate, gazetteer,
# highlight and watch names take effect; a bad line is reported as
# config:LINE: and the rest applies; --config FILE and --no-config.
. tests/lib.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/lede-config.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/cfg"
mkdir -p "$T/cfg/lede" "$T/set"
printf 'Title: Old news\nDate: 2016-01-02\n\nBody about Zorblax Quuxington.\n' >"$T/set/a.txt"
printf 'Title: New news\nDate: 2016-05-06\n\nBody about Geneva.\n' >"$T/set/b.txt"
printf 'Subscribe to the Daily Blurb\n\nReal headline here\n\nText.\n' >"$T/set/c.txt"
printf 'Zorblax Quuxington\tperson\tQuuxington\n' >"$T/names.tsv"
cat >"$T/cfg/lede/config" <<EOF
sort date
boilerplate Subscribe to the Daily Blurb
gazetteer $T/names.tsv
highlight Geneva
sort sideways
EOF

out=$("$LEDE" --list "$T/set" 2>"$T/err")
check "a bad line does not stop lede (exit 0)" [ $? = 0 ]
contains "a bad line is reported as config:LINE:" "$(cat "$T/err")" "lede: config:5: sort wants path or date"
check "sort date: newest first" [ "$(printf '%s\n' "$out" | head -1 | cut -f1)" = "$T/set/b.txt" ]
contains "boilerplate: the scraper line is not the headline" "$out" "${TAB}Real headline here${TAB}"
ent=$("$LEDE" --entities "$T/set/a.txt" 2>/dev/null)
contains "gazetteer: the configured names are known" "$ent" "person${TAB}Zorblax Quuxington${TAB}Zorblax Quuxington"
dump=$("$LEDE" --dump --color=always "$T/set/b.txt" 2>/dev/null)
contains "highlight: the name is marked as a keyword" "$dump" "$(printf '\033[1;4;31mGeneva')"

out=$("$LEDE" --list --sort=path "$T/set" 2>/dev/null)
check "--sort on the command line wins over the configuration" \
    [ "$(printf '%s\n' "$out" | head -1 | cut -f1)" = "$T/set/a.txt" ]

out=$("$LEDE" --no-config --list "$T/set" 2>"$T/err")
check "--no-config: no message" [ ! -s "$T/err" ]
check "--no-config: path order" [ "$(printf '%s\n' "$out" | head -1 | cut -f1)" = "$T/set/a.txt" ]

printf 'sort date\nwatch "Geneva\n' >"$T/other"
out=$("$LEDE" --config "$T/other" --list "$T/set" 2>"$T/err")
check "--config FILE is read" [ "$(printf '%s\n' "$out" | head -1 | cut -f1)" = "$T/set/b.txt" ]
contains "--config FILE: its errors carry its line numbers" "$(cat "$T/err")" "config:2: a quote is not closed"
"$LEDE" --config "$T/nonexistent" --list "$T/set" >/dev/null 2>"$T/err"
check "--config with a missing file still runs" [ $? = 0 ]
contains "and says the file is missing" "$(cat "$T/err")" "nonexistent: No such file"

printf 'gazetteer %s/missing.tsv\nwatch Kerry\033]0;pwned\007\n' "$T" >"$T/cfg/lede/config"
"$LEDE" --list "$T/set" >/dev/null 2>"$T/err"
check "a missing gazetteer in the configuration does not stop lede" [ $? = 0 ]
contains "it is reported" "$(cat "$T/err")" "missing.tsv"
contains "a line with control characters is refused" "$(cat "$T/err")" "config:2: not text"
lacks "and its bytes never reach the terminal" "$(cat "$T/err")" "pwned"
