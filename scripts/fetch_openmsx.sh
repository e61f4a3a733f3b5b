#!/usr/bin/env bash
# Fetches OpenMSX, the real MIDI corpus the suite judges claims on beside the
# generated profiles: 31 game-music files (723 KB, GPL-2) that Debian ships
# as openttd-openmsx. It is never committed: `apt-get download` brings the
# .deb from Debian's archive and `dpkg -x` unpacks its .mid files into the
# corpus cache. Prints the corpus directory (named `openmsx`, which is the
# corpus name the benchmarks report). Idempotent: a filled cache costs nothing.
set -euo pipefail

case "${1:-}" in
  -h|--help)
    echo "Usage: scripts/fetch_openmsx.sh   # prints the directory of the 31 OpenMSX .mid files"
    echo "Cache: \$MIDIARENA_CACHE, else \$XDG_CACHE_HOME/midiarena, else ~/.cache/midiarena (as bench_parse's)."
    exit 0 ;;
esac

cache=${MIDIARENA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/midiarena}
dir=$cache/openmsx
if [ "$(find "$dir" -maxdepth 1 -name '*.mid' 2>/dev/null | wc -l)" -ge 31 ]; then
  echo "$dir"; exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get download needs package lists; a fresh machine may have none yet.
(cd "$work" && { apt-get download openttd-openmsx >/dev/null 2>&1 ||
  { apt-get update -qq >/dev/null && apt-get download openttd-openmsx >/dev/null; }; })
dpkg -x "$work"/openttd-openmsx_*.deb "$work/x"
mkdir -p "$dir.partial"
cp "$work"/x/usr/share/games/openttd/baseset/openmsx/*.mid "$dir.partial/"
cp "$work"/x/usr/share/doc/openttd-openmsx/copyright "$dir.partial/COPYRIGHT"
dpkg-deb -f "$work"/openttd-openmsx_*.deb Version >"$dir.partial/VERSION"
rm -rf "$dir" && mv "$dir.partial" "$dir"
echo "$dir"
