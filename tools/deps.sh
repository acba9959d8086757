#!/bin/sh
# Check the build dependencies; install the missing ones with apt-get
# when we are root on Debian, otherwise name them and stop.
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
missing=
need() { # pkg-config module, Debian package
    "$PKG_CONFIG" --exists "$1" 2>/dev/null || missing="$missing $2"
}
command -v "$PKG_CONFIG" >/dev/null 2>&1 || missing="$missing pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
if command -v "$PKG_CONFIG" >/dev/null 2>&1; then
    need ncursesw libncurses-dev
    need libutf8proc libutf8proc-dev
    need libpcre2-8 libpcre2-dev
    need cmocka libcmocka-dev
    need sqlite3 libsqlite3-dev
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "lede: installing build dependencies:$missing"
    apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing \
        >/dev/null || { echo "lede: apt-get install failed:$missing" >&2; exit 1; }
    exit 0
fi
echo "lede: missing build dependencies:$missing" >&2
echo "lede: install them with: sudo apt-get install$missing" >&2
exit 1
