#!/bin/sh
# Every signal that ends lede while the screen is up leaves the terminal
# as it was (normal screen, cursor shown, mouse tracking and keypad mode
# off) and lede dies of the signal, with the status a shell expects.
# lede runs under an interactive shell, as a user runs it, so what is
# checked is the terminal the user gets back.
. tests/term/harness
S0=data/articles/000_83fae2bbef3ffe03.txt

flag() { tm display -p -t t "#{$1}"; }

# back_to_shell WHAT STATUS: the shell's screen is back, restored, and
# lede's status as the shell reports it is STATUS.
back_to_shell() {
    check "$1: the shell's screen is back" wait_gone "U.N. Special Envoy"
    check "$1: the alternate screen is off" [ "$(flag alternate_on)" = 0 ]
    check "$1: the cursor is visible" [ "$(flag cursor_flag)" = 1 ]
    check "$1: mouse tracking is off" [ "$(flag mouse_any_flag)" = 0 ]
    check "$1: keypad mode is off" [ "$(flag keypad_flag)" = 0 ]
    type_text "echo \"status=\$?\""
    keys Enter
    check "$1: lede died of it (status $2)" wait_for "status=$2"
    type_text "clear"
    keys Enter
    wait_gone "status=" >/dev/null
}

if ! command -v bash >/dev/null 2>&1; then
    fail "bash is needed for the signal tests"
    exit 0
fi
start_cmd 100 30 "env -i PATH=\"\$PATH\" HOME=/ PS1='$ ' TERM=$TTERM bash --norc --noprofile -i"
wait_for '$' || fail "no shell prompt"
type_text "ulimit -c 0; run() { sh -c 'echo \$\$ >\"$WORK/lede.pid\"; exec \"\$@\"' sh env LC_ALL=C.UTF-8 '$LEDE' '$S0'; }; clear"
keys Enter

# Ctrl-\ from the keyboard, then signals sent by another process (SEGV
# stands for a crash, which the handler itself must clean up after).
for sig in QUIT TERM HUP INT USR1 ALRM SEGV; do
    rm -f "$WORK/lede.pid"
    type_text run
    keys Enter
    wait_for "U.N. Special Envoy" || fail "SIG$sig: lede did not open"
    if [ $sig = QUIT ]; then
        check "the mouse is tracked while lede runs" [ "$(flag mouse_any_flag)" = 1 ]
        check "the cursor is hidden while lede runs" [ "$(flag cursor_flag)" = 0 ]
        keys 'C-\'
        what="Ctrl-\\"
    else
        kill -$sig "$(cat "$WORK/lede.pid")"
        what=SIG$sig
    fi
    case $sig in
    QUIT) n=3 ;; TERM) n=15 ;; HUP) n=1 ;; INT) n=2 ;; USR1) n=10 ;; ALRM) n=14 ;;
    SEGV) n=11 ;; # a crash: restored by the handler itself
    esac
    back_to_shell "$what" $((128 + n))
done
# Two signals while lede cannot answer (stopped, so both are pending when
# it goes on): both handlers run before the loop can act, so the second
# must put the terminal back itself (which one runs first is the kernel's
# choice).
start_cmd 100 30 "trap : QUIT; sh -c 'echo \$\$ >\"$WORK/lede.pid\"; exec \"\$@\"' sh env LC_ALL=C.UTF-8 TERM=$TTERM '$LEDE' '$S0'; echo \"status=\$?\"; sleep 600"
wait_for "U.N. Special Envoy" || fail "busy: lede did not open"
pid=$(cat "$WORK/lede.pid")
kill -STOP "$pid"
kill -HUP "$pid"
kill -TERM "$pid"
kill -CONT "$pid"
check "busy: lede dies of one of them (129 or 143)" wait_match "status=(129|143)"
check "busy: the alternate screen is off" [ "$(flag alternate_on)" = 0 ]
check "busy: the cursor is visible" [ "$(flag cursor_flag)" = 1 ]
check "busy: mouse tracking is off" [ "$(flag mouse_any_flag)" = 0 ]
check "busy: keypad mode is off" [ "$(flag keypad_flag)" = 0 ]
tm kill-server >/dev/null 2>&1
