#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the task engine benchmark in a release build directory and runs it.
# Usage: bench/core/run.sh [BUILDDIR]   (default: _build-bench-core)
set -eu

cd "$(dirname "$0")/../.."
builddir="${1:-_build-bench-core}"

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release >/dev/null
fi
ninja -C "$builddir" bench/core/bench-tasks >/dev/null

exec "$builddir/bench/core/bench-tasks"
