#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# po/POTFILES.in lists every file with translatable strings, and every
# translation is complete (no untranslated or fuzzy message).
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 1
echo "1..3"

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( (grep -rlE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)\(' src --include='*.c';
          grep -rl 'translatable="yes"' src --include='*.ui';
          ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml) | sort -u)
missing=$(printf '%s\n' "$found" | while read -r f; do printf '%s\n' "$listed" | grep -qx "$f" || echo "$f"; done)
if [ -z "$missing" ]; then echo "ok 1 POTFILES.in lists every file with translatable strings"
else echo "not ok 1 POTFILES.in lists every file with translatable strings"; echo "$missing" | sed 's/^/# missing: /'; fi

stale=$(printf '%s\n' "$listed" | while read -r f; do [ -e "$f" ] || echo "$f"; done)
if [ -z "$stale" ]; then echo "ok 2 every file in POTFILES.in exists"
else echo "not ok 2 every file in POTFILES.in exists"; echo "$stale" | sed 's/^/# stale: /'; fi

xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  -o "$work/job-scraper.pot" 2>"$work/xgettext.log" || { echo "not ok 3 xgettext failed"; sed 's/^/# /' "$work/xgettext.log"; exit 0; }
bad=""
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/job-scraper.pot" -o "$work/$lang.po" 2>/dev/null
  stats=$(msgfmt --statistics -o /dev/null "$work/$lang.po" 2>&1)
  case "$stats" in *untranslated*|*fuzzy*) bad="$bad $lang: $stats";; esac
done
if [ -z "$bad" ]; then echo "ok 3 every translation is complete"
else echo "not ok 3 every translation is complete"; echo "$bad" | sed 's/^/# /'; fi
