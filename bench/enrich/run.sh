#!/bin/sh
# Enricher throughput on one core: the whole enrichment and each part, side
# by side in one run, over postings with ~2.5 KB descriptions.
# Usage: bench/enrich/run.sh [N]
set -eu
N=${1:-20000}
root=$(git rev-parse --show-toplevel)
build="$root/_build-bench-enrich"

if [ ! -d "$build" ]; then
  meson setup "$build" "$root" --buildtype=release -Db_ndebug=true >/dev/null
fi
ninja -C "$build" bench/enrich/bench-enrich >/dev/null
taskset -c 0 "$build/bench/enrich/bench-enrich" "$N" 2>/dev/null || "$build/bench/enrich/bench-enrich" "$N"
