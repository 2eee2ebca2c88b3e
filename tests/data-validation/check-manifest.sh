#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Flatpak manifest parses as JSON, asks for nothing broader than the app
# needs, and flatpak-builder reports no unknown property.
manifest=$1
echo "1..3"
if /usr/bin/python3 - "$manifest" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["id"] == "com.example.JobScraper", m["id"]
assert m["runtime"] == "org.gnome.Platform" and m["sdk"] == "org.gnome.Sdk", "runtime"
assert m["runtime-version"] == "50", m["runtime-version"]
assert m["command"] == "job-scraper"
want = {"--share=network", "--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
assert set(m["finish-args"]) == want, m["finish-args"]
app = m["modules"][-1]
assert app["buildsystem"] == "meson" and app["sources"][0]["type"] == "dir", app
PY
then echo "ok 1 manifest parses and has the expected id, runtime and permissions"
else echo "not ok 1 manifest parses and has the expected id, runtime and permissions"; fi

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "ok 2 # SKIP flatpak-builder is not installed"
  echo "ok 3 # SKIP flatpak-builder is not installed"
  exit 0
fi
out=$(flatpak-builder --show-manifest "$manifest" 2>&1 >/dev/null)
rc=$?
if [ $rc -eq 0 ]; then echo "ok 2 flatpak-builder --show-manifest accepts the manifest"
else echo "not ok 2 flatpak-builder --show-manifest accepts the manifest"; echo "$out" | sed 's/^/# /'; fi
if echo "$out" | grep -qi "unknown"; then
  echo "not ok 3 no unknown property"; echo "$out" | sed 's/^/# /'
else echo "ok 3 no unknown property"; fi
