#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Search before and after a change, in one run on one machine: the
# bench-scale of the old tree on its own copy of the database, then the
# new one on its copy (which it migrates when the schema grew), then the
# old again and the new again.  The machine is shared: compare the
# processor times, and the wall-clock times only within one run.
# Usage: bench/scale/compare-search.sh OLD_BENCH OLD_DB NEW_BENCH NEW_DB [ROUNDS]
#   e.g. git archive OLD | tar -x -C /tmp/old && meson setup /tmp/old/_b
#        --buildtype=release && ninja -C /tmp/old/_b bench/scale/bench-scale,
#        and cp the database twice (the new bench migrates its copy).
# BENCH_SCALE_WORDS=1 prints each word's median per sort.
set -eu

old="$1"; old_db="$2"; new="$3"; new_db="$4"; rounds="${5:-3}"
for i in 1 2; do
  echo "== old ($old on $old_db), pass $i; $(uptime)"
  "$old" search "$old_db" "$rounds"
  echo "== new ($new on $new_db), pass $i; $(uptime)"
  "$new" search "$new_db" "$rounds"
done
