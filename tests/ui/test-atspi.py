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


def wait_for(what, predicate, timeout, interval=0.1):
    """Polls @predicate until it returns a true value; raises with @what."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as e:  # the tree changes under our feet
            last_error = e
        time.sleep(interval)
    raise AssertionError("Timed out after %.0f s waiting for %s%s" %
                         (timeout, what, " (last error: %s)" % last_error if last_error else ""))


def a11y_bus_up(env):
    proc = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
                           "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                          env=env, capture_output=True, text=True, timeout=10)
    return proc.returncode == 0


def walk(acc, depth=0, max_depth=60):
    if acc is None or depth > max_depth:
        return
    yield acc
    try:
        n = acc.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, max_depth)


def showing(acc):
    import pyatspi
    try:
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def find_all(root, role, name=None, visible=True, pred=None, fresh=False):
    # The client-side cache may miss rows added since the last walk: small
    # subtrees that change (the task list) are read afresh.
    if fresh:
        try:
            root.clear_cache()
        except Exception:
            pass
    out = []
    for acc in walk(root):
        try:
            if acc.getRole() != role:
                continue
            if name is not None and acc.name != name:
                continue
            if visible and not showing(acc):
                continue
            if pred is not None and not pred(acc):
                continue
            out.append(acc)
        except Exception:
            continue
    return out


def click(acc):
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            return action.doAction(i)
    return action.doAction(0)


def main():
    tmp = tempfile.mkdtemp(prefix="job-scraper-atspi-")
    db = os.path.join(tmp, "jobs.db")
    env = dict(os.environ)
    # The whole point: the accessibility bridge must be on.
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    env.pop("JOB_SCRAPER_DB", None)
    for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        os.makedirs(os.path.join(tmp, sub), exist_ok=True)
        env[var] = os.path.join(tmp, sub)
    env.setdefault("GSETTINGS_BACKEND", "memory")
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
        if not a11y_bus_up(env):
            launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_for("the accessibility bus", lambda: a11y_bus_up(env), 15)
        import pyatspi

        app = subprocess.Popen([BINARY, "--db", db], env=env)
        desktop = pyatspi.Registry.getDesktop(0)

        def find_app():
            # An application of an earlier test may linger in the registry
            # and fail when asked: look past it instead of giving up.
            for i in range(desktop.childCount):
                try:
                    a = desktop.getChildAtIndex(i)
                    if a is not None and a.get_process_id() == app.pid:
                        return a
                except Exception:
                    continue
            return None

        root = wait_for("the application on the accessibility bus", find_app, 60, 0.3)
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
        app.send_signal(signal.SIGTERM)
        try:
            status = app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.kill()
            status = "killed after 15 s"
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
        if app is not None:
            app.kill()
            app.wait()
        if launcher is not None:
            launcher.terminate()
            launcher.wait()
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    # TAP: a plan of 9; failures before the end leave the rest unreported.
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
