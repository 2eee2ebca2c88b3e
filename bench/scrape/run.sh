#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Scrape benchmark, side by side in one run on one nginx server:
#   ours     job-scraper scrape of a generated career site (JSON-LD pages)
#   scrapy   ../shared/bench/scrapy_peer.py at the same concurrency
#   ceiling  ../shared/bench/ceiling.c (libsoup + libxml2, no storage)
# then both scrape the unchanged site again (ours asks each posting page
# "if changed"; Scrapy has no such thing and reads it all again).
# Usage: bench/scrape/run.sh [JOBS=2000] [CONCURRENCY=4] [PORT=18090]
# Needs nginx-light and python3-scrapy (apt-get install them).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=$top/../shared/bench
jobs=${1:-2000}; conc=${2:-4}; port=${3:-18090}
work=$(mktemp -d /tmp/bench-scrape.XXXX)
chmod 755 "$work"   # nginx workers read the site as another user
trap 'kill $nginx_pid 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

meson setup "$top/_build-release" "$top" -Dbuildtype=release >/dev/null 2>&1 || true
ninja -C "$top/_build-release" src/job-scraper data/gschemas.compiled >/dev/null
bin=$top/_build-release/src/job-scraper

/usr/bin/python3 "$shared/gensite.py" "$work/site" --jobs "$jobs" >/dev/null
bash "$shared/serve.sh" "$work/site" "$port" >"$work/nginx.log" 2>&1 &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/acme/careers/index.html" >/dev/null && break; sleep 0.1; done
base=http://127.0.0.1:$port
pages=$(( jobs + (jobs + 24) / 25 ))

# Same politeness as the peer: no delay, CONCURRENCY connections to the host.
mkdir -p "$work/config/glib-2.0/settings"
cat >"$work/config/glib-2.0/settings/keyfile" <<KEYS
[com/example/JobScraper]
per-host-delay=0
connections-per-host=$conc
obey-robots=false
KEYS
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME=$work/config
export GSETTINGS_SCHEMA_DIR=$top/_build-release/data

measure() { # name, command...: prints "wall user sys maxrss_kb"
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"
  cat "$work/$name.time"
}

"$bin" --db "$work/ours.db" sources add "$base/acme/careers/index.html" --kind jsonld --name Acme >/dev/null 2>&1
read -r o_wall o_user o_sys o_rss < <(measure ours "$bin" --db "$work/ours.db" scrape --json)
"$bin" --db "$work/ours.db" list --json >"$work/ours.json"
ours_found=$(/usr/bin/python3 - "$work/ours.json" "$work/site/expected.json" <<'PY'
import json, sys
got = {p["external_id"]: p for p in json.load(open(sys.argv[1]))}
exp = json.load(open(sys.argv[2]))
bad = 0
for e in exp:
    p = got.get(e["id"])
    ok = p and p["title"] == e["title"] and p["date_posted"] == e["date_posted"] and \
         p["salary"] and p["salary"]["min"] == e["salary_min"] and p["salary"]["max"] == e["salary_max"] and \
         p["salary"]["currency"] == e["currency"] and p["locations"][0].startswith(e["city"]) and \
         (p["remote"] == "remote") == e["remote"]
    bad += not ok
print(len(got), bad)
PY
)

read -r o2_wall o2_user o2_sys o2_rss < <(measure ours2 "$bin" --db "$work/ours.db" scrape --json)
ours2_unchanged=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['unchanged'])" "$work/ours2.out")

read -r s_wall s_user s_sys s_rss < <(measure scrapy /usr/bin/python3 "$shared/scrapy_peer.py" "$base" "$work/peer.db" "$conc")
read -r s2_wall s2_user s2_sys s2_rss < <(measure scrapy2 /usr/bin/python3 "$shared/scrapy_peer.py" "$base" "$work/peer.db" "$conc")
peer_found=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from jobs').fetchone()[0])" "$work/peer.db")

cc -O2 "$shared/ceiling.c" -o "$work/ceiling" $(pkg-config --cflags --libs libsoup-3.0 libxml-2.0)
read -r c_wall c_user c_sys c_rss < <(measure ceiling "$work/ceiling" "$base" "$jobs" "$conc")

/usr/bin/python3 - "$jobs" "$pages" "$conc" "$ours_found" "$peer_found" \
  "$o_wall" "$o_user" "$o_sys" "$o_rss" "$s_wall" "$s_user" "$s_sys" "$s_rss" "$c_wall" "$c_user" "$c_sys" "$c_rss" \
  "$o2_wall" "$o2_user" "$o2_sys" "$ours2_unchanged" "$s2_wall" "$s2_user" "$s2_sys" <<'PY'
import sys
a = sys.argv[1:]
o2 = list(map(float, a[17:20])); o2_unchanged = int(a[20]); s2 = list(map(float, a[21:24]))
jobs, pages, conc = int(a[0]), int(a[1]), int(a[2])
found, bad = map(int, a[3].split()); peer = int(a[4])
o = list(map(float, a[5:9])); s = list(map(float, a[9:13])); c = list(map(float, a[13:17]))
ours_ps, peer_ps, ceil_ps = found / o[0], peer / s[0], jobs / c[0]
print(f"scrape benchmark: {jobs} postings, {pages} pages, concurrency {conc}")
print(f"  ours     {found:5d} stored ({bad} wrong) in {o[0]:6.2f} s = {ours_ps:7.0f} postings/s, "
      f"CPU {o[1]+o[2]:5.2f} s = {(o[1]+o[2])/pages*1000:5.2f} s per 1000 pages, RSS {o[3]/1024:.0f} MB")
print(f"  scrapy   {peer:5d} stored in {s[0]:6.2f} s = {peer_ps:7.0f} postings/s, "
      f"CPU {s[1]+s[2]:5.2f} s = {(s[1]+s[2])/pages*1000:5.2f} s per 1000 pages, RSS {s[3]/1024:.0f} MB")
print(f"  ceiling  {jobs:5d} pages  in {c[0]:6.2f} s = {ceil_ps:7.0f} pages/s (fetch + parse, no listing pages, no storage), "
      f"CPU {c[1]+c[2]:5.2f} s")
print(f"  ratio ours/scrapy = {ours_ps/peer_ps:.1f}x, ours/ceiling = {ours_ps/ceil_ps*100:.0f} %")
print(f"  again, site unchanged: ours {o2[0]:6.2f} s ({o2_unchanged} kept unchanged), CPU {o2[1]+o2[2]:5.2f} s; "
      f"scrapy {s2[0]:6.2f} s, CPU {s2[1]+s2[2]:5.2f} s; ratio {s2[0]/o2[0]:.1f}x")
PY
