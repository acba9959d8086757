#!/bin/sh
# fresh.sh: the two commands on a fresh Debian, tried as a new user would.
#
# Bootstraps a minimal Debian (debootstrap --variant=minbase, bookworm by
# default) from the mirror this machine's apt uses, installs only make and
# git in it, clones the committed HEAD of this tree into it and then:
#   1. as nobody, `make test` must stop naming every missing package in
#      one "sudo apt-get install" line (exit status 1);
#   2. as root, `make run` in tmux must show the sample set's headlines
#      (it installs the build dependencies itself);
#   3. as root, `make test` must pass (it installs what the tests need).
# Needs root, debootstrap and tmux on this machine. Run by `make
# test-fresh`, not by `make test`.
#
# The bootstrapped base is cached as a tarball in $LEDE_FRESH_CACHE
# (default ${XDG_CACHE_HOME:-~/.cache}/lede-fresh); FRESH=1 (or --fresh)
# bootstraps anew. SUITE=trixie picks another release, MIRROR=URL another
# mirror, KEEP=1 keeps the chroot for a look (still unmounted).
set -u
[ "${1:-}" = --fresh ] && FRESH=1
FRESH=${FRESH:-0}
SUITE=${SUITE:-bookworm}
KEEP=${KEEP:-0}
CACHE=${LEDE_FRESH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lede-fresh}
SRC=$(cd "$(dirname "$0")/.." && pwd)
ROOT=
SOCK=lede-fresh-$$
STEP=setup
t0=$(date +%s)

say() { printf '[fresh %4ss] %s\n' "$(($(date +%s) - t0))" "$*"; }
die() { say "FAILED ($STEP): $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount)"
for c in debootstrap tmux git chroot mount; do
    command -v "$c" >/dev/null 2>&1 ||
        die "$c is not installed (apt-get install debootstrap tmux git)"
done

# The first Debian mirror in apt's sources (deb822 .sources or one-line
# .list), security and updates archives skipped.
find_mirror() {
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        sed -n 's/^[[:space:]]*deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([a-z]*:\/\/[^[:space:]]*\).*/\2/p' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'tolower($1) == "enabled:" && tolower($2) == "no" { off = 1 }
             /^[[:space:]]*$/ { if (uri != "" && !off) print uri; uri = ""; off = 0 }
             tolower($1) == "uris:" { uri = $2 }
             END { if (uri != "" && !off) print uri }' "$f"
    done
}
if [ -z "${MIRROR:-}" ]; then
    MIRROR=$(find_mirror | grep -v -e security -e updates | grep -i debian | head -n 1)
fi
[ -n "${MIRROR:-}" ] || die "no Debian mirror in /etc/apt/sources.list*; set MIRROR="

# Everything mounted below $ROOT, deepest first.
mounts_under() {
    awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts |
        sort -r
}
cleanup() {
    rc=$?
    set +e
    tmux -L "$SOCK" kill-server >/dev/null 2>&1
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
    [ -n "$ROOT" ] || exit "$rc"
    # processes still running in the chroot (started by us)
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && kill -9 "${p#/proc/}" 2>/dev/null
    done
    for m in $(mounts_under); do umount "$m" 2>/dev/null || umount -l "$m"; done
    if [ -n "$(mounts_under)" ]; then
        say "could not unmount everything under $ROOT; left in place"
    elif [ "$KEEP" = 1 ]; then
        say "chroot kept in $ROOT"
    else
        rm -rf --one-file-system "$ROOT"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ROOT=$(mktemp -d /var/tmp/lede-fresh.XXXXXX) || die "mktemp"
chmod 755 "$ROOT"
mkdir -p "$CACHE" || die "cannot create $CACHE"
BASE=$CACHE/$SUITE-minbase.tar.gz

STEP=bootstrap
if [ "$FRESH" != 1 ] && [ -s "$BASE" ]; then
    say "base from cache: $BASE (FRESH=1 for a new bootstrap)"
    tar -xzf "$BASE" -C "$ROOT" || die "cannot unpack $BASE"
else
    say "debootstrap --variant=minbase $SUITE from $MIRROR"
    debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" \
        >"$ROOT.debootstrap.log" 2>&1 ||
        { tail -n 20 "$ROOT.debootstrap.log"; die "debootstrap failed"; }
    rm -f "$ROOT.debootstrap.log"
    tar -czf "$BASE.tmp" -C "$ROOT" . && mv "$BASE.tmp" "$BASE" ||
        say "could not cache the base (continuing)"
fi

STEP=mount
mount -t proc proc "$ROOT/proc" || die "mount proc"
mount -t sysfs sysfs "$ROOT/sys" || die "mount sysfs"
mount --bind /dev "$ROOT/dev" || die "bind /dev"
mount --bind /dev/pts "$ROOT/dev/pts" || die "bind /dev/pts"
mkdir -p "$ROOT/dev/shm" && mount -t tmpfs shm "$ROOT/dev/shm" || die "mount /dev/shm"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true

# in_root [USER] COMMAND: run a shell command in the chroot with a clean
# environment, as root or as USER.
in_root() {
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root TERM="${TERM:-xterm}" DEBIAN_FRONTEND=noninteractive \
        chroot "$ROOT" /bin/sh -c "$1"
}

STEP="make and git"
say "installing make and git only"
in_root 'apt-get update -qq && apt-get install -y -qq --no-install-recommends make git' \
    >"$ROOT/tmp/apt.log" 2>&1 || { tail -n 20 "$ROOT/tmp/apt.log"; die "apt-get"; }
for c in cc pkg-config tmux mandoc; do
    in_root "command -v $c" >/dev/null && say "note: $c is already in the base"
done

STEP=clone
git -C "$SRC" bundle create "$ROOT/tmp/lede.bundle" HEAD >/dev/null 2>&1 ||
    die "git bundle of $SRC"
in_root 'git -c advice.detachedHead=false clone -q /tmp/lede.bundle /src/lede && chmod -R a+rX /src' ||
    die "git clone in the chroot"
say "cloned $(git -C "$SRC" rev-parse --short HEAD) into /src/lede"

STEP="non-root message"
out=$(in_root 'cd /src/lede && su nobody -s /bin/sh -c "HOME=/tmp make test"' 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/    nobody$ /' | tail -n 4
[ "$rc" != 0 ] || die "make test as nobody succeeded without the packages"
line=$(printf '%s\n' "$out" | grep 'sudo apt-get install')
for p in gcc pkg-config libncurses-dev libutf8proc-dev libpcre2-dev \
    libsqlite3-dev libcmocka-dev tmux mandoc; do
    case " $line " in *" $p "*) ;; *) die "the message does not name $p" ;; esac
done
say "ok: as nobody, one line names every missing package"

STEP="make run"
say "make run (first time, as root) in tmux"
tmux -L "$SOCK" -f /dev/null new-session -d -x 160 -y 45 \
    "env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=tmux-256color \
     LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive chroot '$ROOT' /bin/sh -c \
     'cd /src/lede && make run; echo make-run-exited \$?; sleep 600'" ||
    die "tmux"
# the headlines of the sample set, as the list pane cuts them
want=$(for f in "$SRC"/data/articles/*; do head -n 1 "$f" | cut -c1-24; done)
seen=0
i=0
while [ $i -lt 900 ]; do # up to 15 minutes: it compiles on a busy box
    scr=$(tmux -L "$SOCK" capture-pane -p -t 0 2>/dev/null)
    seen=0
    for h in $(printf '%s\n' "$want" | tr ' ' '\001'); do
        h=$(printf '%s' "$h" | tr '\001' ' ')
        case $scr in *"$h"*) seen=$((seen + 1)) ;; esac
    done
    [ $seen -ge 2 ] && break
    case $scr in *make-run-exited*) break ;; esac
    sleep 1
    i=$((i + 1))
done
printf '%s\n' "$scr" | sed -n '1,12p' | cut -c1-100 | sed 's/^/    screen| /'
[ $seen -ge 2 ] || die "the sample set's headlines did not appear"
tmux -L "$SOCK" send-keys -t 0 q
sleep 1
say "ok: make run shows the sample set ($seen headlines on screen)"
tmux -L "$SOCK" kill-server >/dev/null 2>&1

STEP="make test"
say "make test (first time for the test tools, as root)"
in_root 'cd /src/lede && make test' >"$ROOT/tmp/test.log" 2>&1
rc=$?
grep -E '^not ok|installing|lede:' "$ROOT/tmp/test.log" | head -n 20
tail -n 1 "$ROOT/tmp/test.log"
[ "$rc" = 0 ] || die "make test exited with $rc"
say "PASSED: make run and make test on a fresh $SUITE minbase"
