#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test through the accessibility tree, as a screen reader or a
user would drive the application: the real binary, a real database, real
HTTP to a local server, and the AT-SPI bus.  Prints TAP.

Usage: test-atspi.py JOB_SCRAPER_BINARY SITE_DIR
"""

import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

from atspi_launch import app_root, click, find_all, isolated_env, quit_app, start_a11y_bus, stop, wait_for, walk

BINARY = sys.argv[1]
SITE = sys.argv[2]
DETAIL_DELAY = 2.5     # seconds per job page: the scrape stays visible long enough
                       # for a busy machine to find its bar
STALL_LIMIT = 60.0     # the stalled feed never finishes on its own

results = []
stop_serving = threading.Event()


def tap(ok, name, diag=None):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), name), flush=True)
    if diag:
        for line in str(diag).splitlines():
            print("# " + line, flush=True)


def note(text):
    print("# " + text, flush=True)


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=SITE, **kwargs)

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path.startswith("/acme/jobs/"):
            time.sleep(DETAIL_DELAY)
        if path == "/stall/feed.rss":
            # Headers and a little of the body, then nothing until the
            # test ends: the scrape of this source runs until cancelled.
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
            self.wfile.flush()
            stop_serving.wait(STALL_LIMIT)
            return
        super().do_GET()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def run(args, env, check=True):
    proc = subprocess.run([BINARY] + args, env=env, capture_output=True, text=True, timeout=60)
    if check and proc.returncode != 0:
        raise AssertionError("job-scraper %s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
    return proc


def main():
    tmp = tempfile.mkdtemp(prefix="job-scraper-atspi-")
    db = os.path.join(tmp, "jobs.db")
    env = isolated_env(tmp)
    env.pop("JOB_SCRAPER_DB", None)
    os.environ.update({k: env[k] for k in ("HOME",)})

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]

    launcher = None
    app = None
    print("1..9", flush=True)
    try:
        # 1: sources added with the real binary
        run(["--db", db, "sources", "add", base + "/acme/careers/index.html",
             "--kind", "jsonld", "--name", "Acme Careers"], env)
        run(["--db", db, "sources", "add", base + "/stall/feed.rss",
             "--kind", "feed", "--name", "Stalled Feed"], env)
        listed = json.loads(run(["--db", db, "sources", "list", "--json"], env).stdout)
        tap(len(listed) == 2, "two sources added with job-scraper sources add", listed)

        # 2: the accessibility bus, then the application on it
        launcher = start_a11y_bus(env)
        import pyatspi

        app = subprocess.Popen([BINARY, "--db", db], env=env)
        root = app_root(app)
        started = time.monotonic()
        scrape = wait_for("a push button named “Scrape”",
                          lambda: find_all(root, pyatspi.ROLE_PUSH_BUTTON, "Scrape", fresh=True), 20, 1.0)[0]
        tasks = wait_for("the list named “Tasks”",
                         lambda: find_all(root, pyatspi.ROLE_LIST, "Tasks", visible=False), 15, 1.0)[0]
        note("tree searched in %.1f s" % (time.monotonic() - started))
        tap(True, "push button “Scrape” found through the accessibility tree")

        # Each control reads one clear name once: no mnemonic underline, no
        # name said twice ("Open in Browser Open in Browser"), no class name.
        bad = []
        for acc in find_all(root, pyatspi.ROLE_PUSH_BUTTON, visible=False) + \
                find_all(root, pyatspi.ROLE_TOGGLE_BUTTON, visible=False) + \
                find_all(root, pyatspi.ROLE_COMBO_BOX, visible=False):
            name = acc.name or ""
            words = name.split()
            half = len(words) // 2
            if (not name or "_" in name or name.startswith("Gtk") or
                    (len(words) % 2 == 0 and half > 0 and words[:half] == words[half:])):
                bad.append("%s %r" % (acc.getRoleName(), name))
        tap(not bad, "every button and drop-down has one clear name", "\n".join(bad))
        # Later searches stay inside the header bar's box and the task
        # list: walking the whole tree over D-Bus takes seconds.
        header = scrape.parent

        # 3: click it; the header bar changes to Cancel All
        click(scrape)
        wait_for("a push button named “Cancel All”",
                 lambda: find_all(header, pyatspi.ROLE_PUSH_BUTTON, "Cancel All", fresh=True), 15, 0.2)
        tap(True, "Scrape clicked; Cancel All shown while tasks run")

        # 4: open the Tasks view with the task indicator; the bar of the
        # slow career site rises (Value interface)
        indicator = wait_for("the task indicator", lambda: find_all(
            header, pyatspi.ROLE_PUSH_BUTTON, pred=lambda a: "show tasks" in (a.name or ""), fresh=True), 10, 0.2)[0]
        click(indicator)
        try:
            bar = wait_for("a progress bar named “Acme Careers”",
                           lambda: find_all(tasks, pyatspi.ROLE_PROGRESS_BAR, "Acme Careers", fresh=True), 15, 0.2)[0]
        except AssertionError:
            for acc in walk(tasks):
                if acc.getRole() in (pyatspi.ROLE_PROGRESS_BAR, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_LABEL):
                    note("%s %r" % (acc.getRoleName(), acc.name))
            raise
        values = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                v = bar.queryValue().currentValue
            except Exception:
                break  # the bar goes away when the task completes
            if not values or v != values[-1]:
                values.append(v)
            if v >= bar.queryValue().maximumValue:
                break
            time.sleep(0.05)
        # The total may grow as listing pages reveal more postings, so a
        # value may step back once; the bar must climb and end full.
        rises = sum(1 for a, b in zip(values, values[1:]) if b > a)
        rising = len(values) >= 3 and rises >= 2 and values[-1] == max(values) and values[-1] > values[0]
        tap(rising, "progress bar “Acme Careers” values rise", "values: %s" % values)

        # 5: Cancel on the stalled feed's row
        def stalled_cancel():
            buttons = find_all(tasks, pyatspi.ROLE_PUSH_BUTTON, "Cancel", fresh=True)
            for b in buttons:
                if "Stalled Feed" in (b.description or ""):
                    return b
            # Fallback: the Cancel button of the row holding the bar.
            for b in buttons:
                row = b.parent
                if row is not None and find_all(row, pyatspi.ROLE_PROGRESS_BAR, "Stalled Feed"):
                    return b
            return None

        cancel = wait_for("the Cancel button of “Stalled Feed”", stalled_cancel, 15, 0.2)
        # Let the career site finish first (its postings are checked below).
        wait_for("“Acme Careers” to finish",
                 lambda: not find_all(tasks, pyatspi.ROLE_PROGRESS_BAR, "Acme Careers", fresh=True), 40, 0.3)
        # The row's state icon, named after the task's state.
        icons = [a for a in walk(cancel.parent)
                 if a.getRole() in (pyatspi.ROLE_IMAGE, pyatspi.ROLE_ICON) and
                 a.name in ("Running", "Pending")]
        click(cancel)
        # 6: the click acted before the action call returned (GtkButton
        # would click 250 ms later): the next question already finds the
        # task cancelling.
        state = None
        if icons:
            icons[0].clear_cache()
            state = icons[0].name
        tap(state in ("Cancelling", "Cancelled"),
            "Cancel acted before the “click” action returned",
            "state icon read right after the click: %r" % state)
        wait_for("the app to settle (Scrape back, no Cancel All)",
                 lambda: find_all(header, pyatspi.ROLE_PUSH_BUTTON, "Scrape", fresh=True) and
                 not find_all(header, pyatspi.ROLE_PUSH_BUTTON, "Cancel All", fresh=True), 20, 0.3)
        tap(True, "Cancel clicked on “Stalled Feed”; the app settles")

        # 7: quit (SIGTERM quits cleanly)
        status = quit_app(app)
        tap(status == 0, "application quits on SIGTERM with status 0", "status: %s" % status)
        app = None

        # 8: the database, read with the real binary
        sources = {s["name"]: s for s in json.loads(run(["--db", db, "sources", "list", "--json"], env).stdout)}
        acme, stalled = sources["Acme Careers"], sources["Stalled Feed"]
        postings = json.loads(run(["--db", db, "list", "--json", "--source", str(acme["id"])], env).stdout)
        ok = (acme["last_run"] and acme["last_outcome"] == "completed" and
              stalled["last_outcome"] == "cancelled" and len(postings) >= 6)
        tap(bool(ok), "database: Acme completed with its postings, Stalled Feed cancelled",
            "Acme: %s\nStalled: %s\npostings of Acme: %d" % (acme, stalled, len(postings)))
    except Exception:
        tap(False, "unexpected failure", traceback.format_exc())
    finally:
        stop_serving.set()
        stop(app, launcher)
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    # TAP: a plan of 9; failures before the end leave the rest unreported.
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
