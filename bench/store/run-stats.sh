#!/bin/sh
# "job-scraper stats" on 100 000 and 1 000 000 postings (release build),
# each beside one plain COUNT(*) over the same table in the same run.
# Usage: bench/store/run-stats.sh [N...]
set -eu
root=$(git rev-parse --show-toplevel)
build="$root/_build-bench-store"

if [ ! -d "$build" ]; then
  meson setup "$build" "$root" --buildtype=release -Db_ndebug=true >/dev/null
fi
ninja -C "$build" bench/store/bench-stats >/dev/null

[ $# -gt 0 ] || set -- 100000 1000000
for n in "$@"; do
  "$build/bench/store/bench-stats" "$n"
done
