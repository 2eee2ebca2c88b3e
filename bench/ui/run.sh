#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the window benchmark in a release build directory and runs it in a
# real window under Xvfb.
# Usage: bench/ui/run.sh [POSTINGS_PER_BOARD] [BUILDDIR]
#   (defaults: 5000, _build-bench-ui)
set -eu

cd "$(dirname "$0")/../.."
size="${1:-5000}"
builddir="${2:-_build-bench-ui}"

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release >/dev/null
fi
ninja -C "$builddir" bench/ui/bench-window data/gschemas.compiled >/dev/null 2>&1 ||
  ninja -C "$builddir" bench/ui/bench-window >/dev/null

export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1
export XDG_DATA_DIRS="$PWD/data:/usr/share"
exec xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
  dbus-run-session -- "$builddir/bench/ui/bench-window" "$size"
