#!/usr/bin/env bash
# Builds the .deb with cpack, unpacks it, and checks what it ships and what its maintainer
# scripts do (run against stand-in commands that log their arguments). With CI=true as root
# it also installs the package for real, checks capabilities and modes, then purges it.
# usage: check-deb.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d /tmp/synflow-deb-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(echo "$work"/out/synflow_*.deb)
[ -f "$deb" ] || fail "cpack made no synflow_*.deb"
# The debug symbols apart, in a dbgsym package whose files are named by build ID.
dbgsym=$(echo "$work"/out/synflow-dbgsym_*.ddeb)
[ -f "$dbgsym" ] || fail "cpack made no synflow-dbgsym_*.ddeb"
dpkg-deb -c "$dbgsym" > "$work/dbgsym.list"
grep -q '/usr/lib/debug/.build-id/.*\.debug$' "$work/dbgsym.list" || fail "the dbgsym package holds no .debug files"
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/control"
control="$work/control/control"

# Run-time dependencies: Qt 6 and libpcap from shlibdeps, what the maintainer scripts call.
depends=$(sed -n 's/^Depends: //p' "$control")
for need in 'libpcap0\.8' 'libqt6core6' 'libqt6gui6' 'libqt6widgets6' 'libcap2-bin' 'adduser | passwd'; do
    grep -Eq "(^|, )$need" <<< "$depends" || fail "Depends lacks $need: $depends"
done
lines=$(awk '/^Description:/ {d = 1; next} d && /^ / {n++; next} {d = 0} END {print n + 0}' "$control")
[ "$lines" -ge 5 ] || fail "the long description has $lines lines"

# What the package installs.
for f in usr/bin/synflow usr/bin/synflow-cli usr/bin/synflow-capture \
    usr/share/applications/io.github.synflow.SynFlow.desktop usr/share/mime/packages/synflow-pcapng.xml \
    usr/share/metainfo/io.github.synflow.SynFlow.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/io.github.synflow.SynFlow.svg \
    usr/share/man/man1/synflow.1.gz usr/share/man/man1/synflow-cli.1.gz usr/share/man/man1/synflow-capture.1.gz \
    usr/share/doc/synflow/copyright usr/share/doc/synflow/changelog.gz; do
    [ -f "$work/root/$f" ] || fail "the package lacks /$f"
done
grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$work/root/usr/share/doc/synflow/copyright" \
    || fail "copyright is not in Debian's format"
zcat "$work/root/usr/share/doc/synflow/changelog.gz" | head -1 | grep -Eq '^synflow \([0-9.]+\) ' || fail "changelog.gz is not a changelog"
for page in synflow synflow-cli synflow-capture; do
    warnings=$(zcat "$work/root/usr/share/man/man1/$page.1.gz" | LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l - 2>&1 > /dev/null)
    [ -z "$warnings" ] || fail "man page $page: $warnings"
done
for exe in synflow synflow-cli synflow-capture; do
    if readelf -S "$work/root/usr/bin/$exe" | grep -Eq '\.symtab|\.debug_'; then fail "$exe is not stripped"; fi
done
[ -z "$(find "$work/root" -perm /6000)" ] || fail "setuid or setgid files: $(find "$work/root" -perm /6000)"

# The maintainer scripts, against logging stand-ins for the commands that change the system.
for script in postinst postrm; do
    [ -x "$work/control/$script" ] || fail "$script is missing or not executable"
done
stubs="$work/stubs"
mkdir "$stubs"
for cmd in getent addgroup groupadd dpkg-statoverride setcap chown chmod chgrp; do
    printf '#!/bin/sh\necho "%s $*" >> "$STUB_LOG"\ncase "%s $1" in\n  "getent group") exit "$GROUP_MISSING" ;;\n  "dpkg-statoverride --list") exit "$NO_OVERRIDE" ;;\nesac\nexit 0\n' \
        "$cmd" "$cmd" > "$stubs/$cmd"
    chmod +x "$stubs/$cmd"
done
maintainer() { # SCRIPT ARG GROUP_MISSING NO_OVERRIDE: prints the commands it ran
    : > "$work/log"
    STUB_LOG="$work/log" GROUP_MISSING=$3 NO_OVERRIDE=$4 PATH="$stubs:$PATH" sh "$work/control/$1" "$2" > /dev/null 2>&1 \
        || fail "$1 $2 failed"
    cat "$work/log"
}
expected="getent group synflow
addgroup --quiet --system synflow
dpkg-statoverride --list /usr/bin/synflow-capture
dpkg-statoverride --update --add root synflow 0750 /usr/bin/synflow-capture
setcap cap_net_raw,cap_net_admin=eip /usr/bin/synflow-capture"
got=$(maintainer postinst configure 2 1)
[ "$got" = "$expected" ] || fail "postinst configure on a fresh system ran:
$got"
got=$(maintainer postinst configure 0 0) # the group and an administrator's override exist
[ "$got" = "getent group synflow
dpkg-statoverride --list /usr/bin/synflow-capture
setcap cap_net_raw,cap_net_admin=eip /usr/bin/synflow-capture" ] || fail "postinst configure on an upgrade ran:
$got"
[ -z "$(maintainer postinst abort-upgrade 0 0)" ] || fail "postinst abort-upgrade changed something"
[ "$(maintainer postrm purge 0 0)" = "dpkg-statoverride --list /usr/bin/synflow-capture
dpkg-statoverride --remove /usr/bin/synflow-capture" ] || fail "postrm purge does not remove the override"
[ -z "$(maintainer postrm remove 0 0)" ] || fail "postrm remove changed something"
grep -q 'setcap' "$work/control/postrm" && fail "postrm sets capabilities"

# For real, where that is wanted and harmless.
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ] && ! dpkg -s synflow > /dev/null 2>&1; then
    had_group=$(getent group synflow > /dev/null && echo yes || echo no)
    cleanup() {
        dpkg --purge synflow > /dev/null 2>&1 || true
        [ "$had_group" = yes ] || groupdel synflow 2> /dev/null || true
        rm -rf "$work"
    }
    trap cleanup EXIT
    dpkg -i "$deb" > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
    caps=$(getcap /usr/bin/synflow-capture)
    grep -Eq 'cap_net_admin,cap_net_raw=eip|cap_net_raw,cap_net_admin=eip' <<< "$caps" || fail "helper capabilities: $caps"
    [ -z "$(getcap /usr/bin/synflow /usr/bin/synflow-cli)" ] || fail "synflow or synflow-cli got capabilities"
    [ "$(stat -c '%U:%G %a' /usr/bin/synflow-capture)" = "root:synflow 750" ] \
        || fail "helper is $(stat -c '%U:%G %a' /usr/bin/synflow-capture)"
    listed=$(dpkg -L synflow)
    for f in /usr/bin/synflow-capture /usr/share/applications/io.github.synflow.SynFlow.desktop \
        /usr/share/mime/packages/synflow-pcapng.xml /usr/share/metainfo/io.github.synflow.SynFlow.metainfo.xml \
        /usr/share/icons/hicolor/scalable/apps/io.github.synflow.SynFlow.svg /usr/share/man/man1/synflow-capture.1.gz \
        /usr/share/doc/synflow/copyright /usr/share/doc/synflow/changelog.gz; do
        grep -qx "$f" <<< "$listed" || fail "dpkg -L synflow lacks $f"
    done
    dpkg --purge synflow > /dev/null
    dpkg-statoverride --list /usr/bin/synflow-capture > /dev/null && fail "the override survived purge"
    echo "installed, checked and purged for real"
fi
echo "PASS: $deb"
