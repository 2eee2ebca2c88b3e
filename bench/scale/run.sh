#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #17's figures in one run: generates N postings (default 1 000 000)
# from 200 sources into a fresh database (or reuses DB when it exists),
# then times the store's searches against plain SQLite and FTS5, and the
# real window on it against the same window on an empty database.
# Usage: bench/scale/run.sh [N] [DB] [BUILDDIR]
#   (defaults: 1000000, /tmp/bench-scale-N.db, _build-bench-scale)
set -eu

cd "$(dirname "$0")/../.."
n="${1:-1000000}"
db="${2:-/tmp/bench-scale-$n.db}"
builddir="${3:-_build-bench-scale}"

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release >/dev/null
fi
ninja -C "$builddir" bench/scale/bench-scale bench/scale/bench-scale-window data/gschemas.compiled >/dev/null

if [ ! -f "$db" ]; then
  echo "== generating $n postings into $db"
  "$builddir/bench/scale/bench-scale" generate "$db" "$n"
  # The reference in the same run: the same postings in the same batches
  # into plain SQLite, to tell SQLite's own slowdown from the store's.
  raw="$(mktemp -d)/raw.db"
  echo "== reference: the same postings into plain SQLite (a table and an FTS5 index)"
  "$builddir/bench/scale/bench-scale" raw "$raw" "$n"
  rm -f "$raw" "$raw-wal" "$raw-shm"
  # And with the store's full-text work (its second index, of the
  # unarchived, with prefix indexes; archiving out of it): SQLite's bound
  # for the store's sync.
  echo "== reference: the same with the store's full-text work"
  "$builddir/bench/scale/bench-scale" raw-fts "$raw" "$n"
  rm -rf "$(dirname "$raw")"
fi

echo "== store: searches (first page of 500) and references"
"$builddir/bench/scale/bench-scale" search "$db" 5

export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1 GSK_RENDERER=cairo
export XDG_DATA_DIRS="$PWD/data:/usr/share"
empty="$(mktemp -d)/empty.db"
window() {
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
    dbus-run-session -- "$builddir/bench/scale/bench-scale-window" "$@"
}
out="$(dirname "$empty")/window.txt"
echo "== window on an empty database (reference), 3 launches"
for i in 1 2 3; do window "$empty" --empty | tee -a "$out.empty"; rm -f "$empty"*; done
echo "== window on $db, 3 launches (the last scrolls through the whole list)"
window "$db" --no-scroll | tee -a "$out.big"
window "$db" --no-scroll | tee -a "$out.big"
window "$db" | tee -a "$out.big"

# The ratio of the median first frames, as the issue asks.
median() { grep -o 'first frame [0-9]*' "$1" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
e=$(median "$out.empty"); b=$(median "$out.big")
echo "== first frame, median of 3: empty $e ms, $n postings $b ms: $(awk "BEGIN {printf \"%.2f\", $b / $e}")× empty"
