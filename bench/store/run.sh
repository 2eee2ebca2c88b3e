#!/bin/sh
# Store sync benchmark, side by side with the peers, in one run:
#   ours:    bench-sync (release build), 100 000 postings, 1.5 KB descriptions,
#            FTS index maintained; insert pass and a pass with half changed
#   peer:    sync_peer.py (the upstream Python app's sync, no FTS)
#   ceiling: sqlite_ceiling.c (raw prepared upserts in one transaction, no FTS)
# Usage: bench/store/run.sh [N]
set -eu
N=${1:-100000}
root=$(git rev-parse --show-toplevel)
shared="$root/../shared/bench"
build="$root/_build-bench-store"

if [ ! -d "$build" ]; then
  meson setup "$build" "$root" --buildtype=release -Db_ndebug=true >/dev/null
fi
ninja -C "$build" bench/store/bench-sync >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cc -O2 -o "$tmp/sqlite_ceiling" "$shared/sqlite_ceiling.c" -lsqlite3

"$build/bench/store/bench-sync" "$tmp/ours.db" "$N" | tee "$tmp/ours.txt"
"$build/bench/store/bench-sync" "$tmp/ours-text.db" "$N" --text | tee "$tmp/ours-text.txt"
python3 "$shared/sync_peer.py" "$tmp/peer.db" "$N" | tee "$tmp/peer.txt"
"$tmp/sqlite_ceiling" "$tmp/ceiling.db" "$N" | tee "$tmp/ceiling.txt"

rate () { grep "pass $2" "$1" | head -n 1 | sed 's/.*= \([0-9]*\) .*/\1/'; }
echo
for pass in 0 1; do
  ours=$(rate "$tmp/ours.txt" "$pass")
  text=$(rate "$tmp/ours-text.txt" "$pass")
  peer=$(rate "$tmp/peer.txt" "$pass")
  ceil=$(rate "$tmp/ceiling.txt" "$pass")
  awk -v p="$pass" -v o="$ours" -v t="$text" -v q="$peer" -v c="$ceil" 'BEGIN {
    printf "pass %d: ours/peer %.2f (real-text descriptions %.2f), ours/sqlite-ceiling %.2f\n",
           p, o / q, t / q, o / c }'
done
