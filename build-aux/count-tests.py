#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in meson testlog.json files: every TAP result line of a
TAP test, or the test itself for other protocols.  Prints 'N passed, N
failed' (and skipped when there are any); exits 1 when any failed or none ran."""
import json, re, sys

passed = failed = skipped = 0
tap_line = re.compile(r'^(not ok|ok)\b(.*)$')
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding='utf-8', errors='replace').read().splitlines()
    except OSError:
        continue
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        result = t.get('result', '')
        stdout = t.get('stdout') or ''
        if re.search(r'^(1\.\.\d+|ok \d+|not ok \d+)', stdout, re.M):
            p = f = s = 0
            for out in stdout.splitlines():
                m = tap_line.match(out.strip())
                if not m:
                    continue
                rest = m.group(2)
                if '# SKIP' in rest.upper():
                    s += 1
                elif m.group(1) == 'ok' or '# TODO' in rest.upper():
                    p += 1
                else:
                    f += 1
            if result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and f == 0:
                f = 1   # crashed, timed out or a bad plan: count the program
            if p + f + s == 0:
                if result == 'SKIP':
                    s = 1
                elif result == 'OK':
                    p = 1
                else:
                    f = 1
            passed += p; failed += f; skipped += s
        else:
            if result == 'OK' or result == 'EXPECTEDFAIL':
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
