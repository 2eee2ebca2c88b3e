#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the window benchmark in a release build directory and runs it in a
# real window under Xvfb, then the AT-SPI probe (atspi-probe.py: the real
# binary seen from outside, as a screen reader sees it).
# Usage: bench/ui/run.sh [POSTINGS_PER_BOARD] [BUILDDIR]
#   (defaults: 5000, _build-bench-ui)
# Environment: BENCH_UI=window|atspi|both (default both); GSK_RENDERER
#   (default cairo, as the display tests: GL on llvmpipe stalls the main
#   loop; GSK_RENDERER=gl for GTK's default).
set -eu

cd "$(dirname "$0")/../.."
size="${1:-5000}"
builddir="${2:-_build-bench-ui}"
which="${BENCH_UI:-both}"

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release >/dev/null
fi
ninja -C "$builddir" bench/ui/bench-window src/job-scraper data/gschemas.compiled >/dev/null 2>&1 ||
  ninja -C "$builddir" bench/ui/bench-window src/job-scraper >/dev/null

export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export GDK_BACKEND=x11
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export XDG_DATA_DIRS="$PWD/data:/usr/share"
if [ "$which" != atspi ]; then
  GTK_A11Y=none NO_AT_BRIDGE=1 xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
    dbus-run-session -- "$builddir/bench/ui/bench-window" "$size"
fi
if [ "$which" != window ]; then
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
    dbus-run-session -- /usr/bin/python3 bench/ui/atspi-probe.py "$PWD/$builddir/src/job-scraper" "$size"
fi
