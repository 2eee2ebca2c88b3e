#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A staged install with prefix /app (as flatpak-builder does it) puts every
# file where Flatpak expects it.  (flatpak-builder compiles the schemas itself.)
src=$1; app_id=$2
# The /app build tree is kept (in the test's build folder, when given) so a
# second run only rebuilds what changed; the staged install is fresh.
build=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$build" ] || build="$work/build"
echo "1..8"
if [ ! -f "$build/build.ninja" ] && ! meson setup "$build" "$src" --prefix=/app -Dbuildtype=plain -Db_sanitize=none >"$work/setup.log" 2>&1; then
  echo "Bail out! meson setup with prefix /app failed"; tail -30 "$work/setup.log" | sed 's/^/# /'; exit 1
fi
if ! ninja -C "$build" >"$work/build.log" 2>&1 \
   || ! DESTDIR="$work/dest" meson install -C "$build" --no-rebuild --destdir "$work/dest" >"$work/install.log" 2>&1; then
  echo "Bail out! staged install failed"; cat "$work"/*.log | tail -30 | sed 's/^/# /'; exit 1
fi
d="$work/dest/app"
n=0
check() {
  n=$((n + 1))
  if [ -e "$d/$1" ]; then echo "ok $n $2"; else echo "not ok $n $2 ($1 missing)"; fi
}
check bin/job-scraper "binary in /app/bin"
check share/applications/$app_id.desktop "desktop file"
check share/metainfo/$app_id.metainfo.xml "metainfo"
check share/icons/hicolor/scalable/apps/$app_id.svg "application icon"
check share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg "symbolic icon"
check share/glib-2.0/schemas/$app_id.gschema.xml "settings schema"
check share/locale/de/LC_MESSAGES/job-scraper.mo "German translation"
n=$((n + 1))
if grep -q "^Icon=$app_id$" "$d/share/applications/$app_id.desktop" 2>/dev/null; then
  echo "ok $n desktop file names the icon"; else echo "not ok $n desktop file names the icon"; fi
