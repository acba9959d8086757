#!/bin/sh
# The configuration file: a colour (256- and 8-colour forms) and a key
# binding take effect, the help shows the bound key, watched names are
# marked and filter the list, a bad line is reported and the rest kept,
# --config FILE and --no-config.
. tests/term/harness
A=data/articles
TEST_CONFIG_HOME="$WORK/cfg"
mkdir -p "$TEST_CONFIG_HOME/lede"
cat >"$TEST_CONFIG_HOME/lede/config" <<'EOF'
# people in red, 196 on 256 colours, red on 8
color person 196/red
color star 46
bind star x
frobnicate yes
watch Doha
highlight "Staffan de Mistura" 160 on default underline
highlight technical teams
highlight /intra-[A-Z][a-z]+/ 201
EOF

start 120 40 -- "$A"
check "the set opens despite a bad line" wait_for "Lavrov visits Geneva"
check "the bad line is named in the status line" \
    wait_match "config:5: unknown setting 'frobnicate'"
check "color person 196: Kerry drawn in colour 196" styled "John Kerry" '38;5;196'
check "the default person colour is gone" unstyled "John Kerry" '38;5;39'
check "a highlight rule with a colour of its own" styled "Staffan de Mistura" '38;5;160'
check "a highlight rule without one: the keyword look" styled "technical" '48;5;226'
check "a /regex/ highlight rule in its colour" styled "intra-Syrian" '38;5;201'
check "watch Doha: the article naming it is marked" wait_match "^ ◆Lavrov visits"
lacks "an article not naming it is not" "$(screen | sed -n 1p)" "◆"
keys j
check "a watched name is highlighted in the reader" styled "Doha" '48;5;226'
keys x
check "bind star x: x stars the article" wait_match "^★◆Lavrov visits"
keys k
check "color star 46 takes effect" styled "★" '38;5;46'
keys j
keys '*'
settle
check "the default key * no longer stars (x replaced it)" wait_match "^★◆Lavrov visits"
keys W
check "W filters to the articles naming a watched name" wait_gone "De Mistura to Have"
contains "the status line says how many" "$(status)" "1 article names a watched name"
keys Escape
keys h
check "the help shows the bound key" wait_match "^ x +Star the article"
keys q q
check "q exits 0" [ "$(wait_exit)" = 0 ]

# The 8-colour form on an 8-colour terminal: red is SGR 31.
start 120 40 TERM=screen -- "$A"
check "8-colour terminal: color person 196/red gives red" styled "John Kerry" '31'
keys q ; wait_exit >/dev/null

# --no-config: the defaults, no message.
start 120 40 -- --no-config "$A"
check "--no-config: the default person colour" styled "John Kerry" '38;5;39'
lacks "--no-config: no config message" "$(status)" "config:"
keys q ; wait_exit >/dev/null

# --config FILE, with bad names only the screen knows.
cat >"$WORK/other" <<'EOF'
color nosuchclass red
bind nosuchaction z
bind quit NotAKey
color place 160
highlight /(unclosed/
EOF
start 120 40 -- --config "$WORK/other" "$A"
check "--config FILE: its colour applies" styled "Geneva" '38;5;160'
check "an unknown colour name is reported" wait_match "config:1: no colour is called 'nosuchclass'"
contains "more errors are counted" "$(status)" "more errors: see stderr"
keys q
check "a bad key name leaves the default key (q quits)" [ "$(wait_exit)" = 0 ]
scr=$(screen)
contains "stderr names the bad key" "$scr" "config:3: 'NotAKey' is not a key name"
contains "stderr names the bad pattern" "$scr" "config:5: bad pattern"
err=$("$LEDE" --config "$WORK/other" --list "$A" 2>&1 >/dev/null)
lacks "batch modes do not check screen names" "$err" "nosuchclass"
err=$("$LEDE" --config "$WORK/missing" --list "$A" 2>&1 >/dev/null)
contains "--config with a missing file says so" "$err" "lede: config:0:"
