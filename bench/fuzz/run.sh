#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses (clang, ASan + UBSan, a build tree of its
# own: _build-fuzz) and runs each for SECONDS, then prints one line per
# harness with its executions and coverage (libFuzzer's final "cov:").
#
#   bench/fuzz/run.sh SECONDS [HARNESS...]
#
# Seeds come from tests/data and ../shared/corpus/real (when present) and
# are laid out at run time in _build-fuzz/fuzz/seeds/NAME; what libFuzzer
# finds goes to _build-fuzz/fuzz/corpus/NAME (kept between runs), crashes
# to _build-fuzz/fuzz/artifacts/.  Exit status: 0 no finding, 1 a finding
# or a build failure.
# Environment: FUZZ_BUILDDIR (default _build-fuzz), FUZZ_RSS_MB (default
# 1024: the memory budget; an input that needs more is a finding),
# FUZZ_REAL_CORPUS (default ../shared/corpus/real when it exists),
# FUZZ_MAX_LEN (default 65536: the longest input tried).
set -u
seconds=${1:?usage: bench/fuzz/run.sh SECONDS [HARNESS...]}
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
builddir=${FUZZ_BUILDDIR:-_build-fuzz}
rss_mb=${FUZZ_RSS_MB:-1024}
all=(feed sanitize ats jsonld feed-json robots date salary search llm-answer)
if [ $# -gt 0 ]; then harnesses=("$@"); else harnesses=("${all[@]}"); fi
# The shared corpus of real pages, beside the checkout (or beside the
# folder of worktrees).
real=${FUZZ_REAL_CORPUS:-}
for candidate in "$top/../shared/corpus/real" "$top/../../shared/corpus/real"; do
  [ -z "$real" ] && [ -d "$candidate" ] && real=$candidate
done
real=${real:-/nonexistent}
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dbuildtype=debugoptimized \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link >"$logdir/setup.log" 2>&1 \
    || { cat "$logdir/setup.log"; echo "fuzz: setup failed"; exit 1; }
fi
targets=()
for h in "${harnesses[@]}"; do targets+=("bench/fuzz/fuzz-$h"); done
ninja -C "$builddir" "${targets[@]}" >"$logdir/build.log" 2>&1 \
  || { tail -40 "$logdir/build.log"; echo "fuzz: build failed"; exit 1; }

work="$builddir/fuzz"
mkdir -p "$work/artifacts"

# seed NAME FILE...: copies the readable files up to 64 KiB (larger ones
# slow every execution down more than they add).
seed() {
  local name=$1; shift
  mkdir -p "$work/seeds/$name"
  for f in "$@"; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 65536 ] || continue
    cp "$f" "$work/seeds/$name/$(basename "$f")"
  done
}
# seed_text NAME TEXT...: one seed per argument.
seed_text() {
  local name=$1; shift
  local i=0
  mkdir -p "$work/seeds/$name"
  for t in "$@"; do printf '%s' "$t" >"$work/seeds/$name/text-$i"; i=$((i + 1)); done
}

rm -rf "$work/seeds"
d=tests/data
seed feed $d/sites/*.rss $d/sites/rss_*.xml $d/cli-site/feeds/* $d/fetcher/feed.xml $d/hostile/*.rss \
  "$real"/rss_* "$real"/personio_*.xml
seed sanitize $d/sites/*.html $d/cli-site/acme/careers/*.html "$real"/*.html
seed jsonld $d/sites/*.html $d/hostile/*.html $d/cli-site/acme/careers/*.html "$real"/*.html \
  "$real"/*.jsonld "$real"/schemaorg_*.txt
seed feed-json $d/feeds-json/*.json $d/hostile/feed_url_schemes.json "$real"/*.json
mkdir -p "$work/seeds/ats"
i=0
for kind in greenhouse lever ashby workable smartrecruiters recruitee personio paylocity phenom; do
  for f in $d/ats/${kind}_* $d/hostile/${kind}_* $d/$kind/*.html "$real"/${kind}_*; do
    [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] || continue
    { printf "\\x$(printf %02x $i)"; cat "$f"; } >"$work/seeds/ats/$kind-$(basename "$f")"
  done
  i=$((i + 1))
done
seed_text robots $'User-agent: *\nDisallow: /private/\nAllow: /private/ok$\nCrawl-delay: 1.5\n' \
  $'User-agent: JobScraper\nDisallow: /*.pdf$\n\nUser-agent: *\nDisallow: /\n' \
  $'# comment\nuser-agent: jobscraper\nallow: /jobs\ndisallow: /\nsitemap: https://x.example/s.xml\n'
seed_text date "2026-03-01" "2026-03-01T10:00:00Z" "Tue, 03 Mar 2026 10:00:00 GMT" "1772400000" \
  "1772400000000" "2026-08-05 10:10:39 UTC" "03/01/2026" "1 March 2026" "2026-02-30"
seed_text salary "\$120,000 - \$150,000 a year" "€60k–80k" "USD 45/hour" "£500 per day" \
  "Salary: 85.000 EUR brutto/Jahr" "CHF 9'000 monthly" "up to 200k" "₹12,00,000 per annum"
seed_text search "rust engineer" "AT&T" "\"quoted\" OR NOT (x*)" "c++ c#" "Ünïcödé straße" \
  "NEAR(a b, 3)" "title:remote ^x" "-minus +plus"
seed_text llm-answer \
  '{"choices":[{"message":{"content":"{\"salary_min\":100000,\"salary_max\":120000,\"currency\":\"USD\",\"period\":\"year\",\"remote\":\"remote\",\"seniority\":\"senior\",\"skills\":[\"Rust\",\"Go\"]}"}}]}' \
  '{"choices":[{"message":{"content":"Here you go: ```json\n{\"salary\":{\"min\":50,\"max\":70,\"currency\":\"EUR\",\"period\":\"hour\"},\"remote\":\"hybrid\"}\n```"}}]}' \
  '{"choices":[]}'

printf '%-12s %12s %8s %8s  %s\n' HARNESS EXECUTIONS COV FEATURES RESULT
status=0
for h in "${harnesses[@]}"; do
  corpus="$work/corpus/$h"
  mkdir -p "$corpus" "$work/seeds/$h"
  log="$work/$h.log"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$builddir/bench/fuzz/fuzz-$h" -max_total_time="$seconds" -rss_limit_mb="$rss_mb" \
      -malloc_limit_mb="$rss_mb" -timeout=25 -print_final_stats=1 -max_len="${FUZZ_MAX_LEN:-65536}" \
      ${FUZZ_SEED:+-seed="$FUZZ_SEED"} \
      -artifact_prefix="$work/artifacts/$h-" "$corpus" "$work/seeds/$h" >"$log" 2>&1
  rc=$?
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
  ft=$(echo "$last" | sed -nE 's/.* ft: ([0-9]+).*/\1/p')
  if [ $rc -eq 0 ]; then result=ok; else result="FINDING (exit $rc, see $log)"; status=1; fi
  printf '%-12s %12s %8s %8s  %s\n' "$h" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
exit $status
