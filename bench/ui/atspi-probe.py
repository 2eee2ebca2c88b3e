#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window seen from outside, as a screen reader sees it, while big
boards land: the real binary on a real database, its sources served by a
local HTTP server, and the AT-SPI bus.  Not a test: it prints figures
(see bench/README.md).  Run through bench/ui/run.sh.

  - every 20 ms, an accessibility query on the "Scrape" button (its
    extents: a D-Bus round trip the application's main thread answers,
    never cached): p50 / p99 / max, idle and while 5 boards land;
  - starring a posting: the click on its "Star" button until the button
    reads "Unstar";
  - Cancel: the click on a running task's "Cancel" until its row reads
    "Cancelled" (the state icon's name), while the boards land and with
    the window otherwise idle.

Usage: atspi-probe.py JOB_SCRAPER_BINARY [POSTINGS_PER_BOARD]
Environment: BENCH_ATSPI_MONITOR=1 also counts the messages on the
accessibility bus while the boards land (dbus-monitor; it slows the bus
a little, so the figures of such a run are not comparable).
"""

import http.server
import collections
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

# The launch and the tree walk are the display tests' (tests/ui/atspi_launch.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "ui"))
from atspi_launch import action_of, app_root, click, find_all, isolated_env, start_a11y_bus, stop, wait_for, walk  # noqa: E402

BINARY = sys.argv[1]
SIZE = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
N_BOARDS = 5
QUERY_EVERY = 0.020
IDLE_SECONDS = 5.0

stop_serving = threading.Event()


def make_board(board, n):
    parts = ["<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Board %d</title>"
             "<link>https://board.example/</link><description>Jobs</description>\n" % board]
    text = "We build distributed systems in Rust and C; you will mentor others. " * 14
    for i in range(n):
        parts.append("<item><title>Engineer %d of board %d (Rust, remote)</title>"
                     "<link>https://board%d.example/jobs/%d</link><guid>board%d-%d</guid>"
                     "<pubDate>Mon, 02 Nov 2026 10:%02d:00 GMT</pubDate>"
                     "<description>%s</description></item>\n" % (i, board, board, i, board, i, i % 60, text))
    parts.append("</channel></rss>\n")
    return "".join(parts).encode()


BOARDS = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path.startswith("/stall/"):
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
            self.wfile.flush()
            stop_serving.wait(600)
            return
        body = BOARDS.get(path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def run(args, env):
    proc = subprocess.run([BINARY] + args, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError("job-scraper %s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
    return proc.stdout


CLICK_CALLS = []


def a11y_address(env):
    out = subprocess.run(["dbus-send", "--session", "--print-reply=literal", "--dest=org.a11y.Bus",
                          "/org/a11y/bus", "org.a11y.Bus.GetAddress"], env=env,
                         capture_output=True, text=True, timeout=10).stdout
    return out.strip()


class Monitor:
    """dbus-monitor on the accessibility bus: what the application sends."""

    def __init__(self, env):
        self.path = tempfile.mktemp(prefix="bench-atspi-monitor-")
        self.out = open(self.path, "w")
        self.proc = subprocess.Popen(["dbus-monitor", "--address", a11y_address(env)], env=env,
                                     stdout=self.out, stderr=subprocess.DEVNULL)
        self.t0 = time.monotonic()

    def stop(self):
        seconds = time.monotonic() - self.t0
        self.proc.terminate()
        self.proc.wait()
        self.out.close()
        head = re.compile(r"^(signal|method call|method return|error) .*?sender=(\S+).*?"
                          r"(?:path=([^;]*); interface=([^;]*); member=(\S+))?$")
        counts = collections.Counter()
        detail_wanted = False
        senders = collections.Counter()
        total = 0
        current = None
        with open(self.path, errors="replace") as f:
            for line in f:
                m = head.match(line)
                if m:
                    if current is not None:
                        counts[current] += 1
                    total += 1
                    senders[m.group(2)] += 1
                    current = "%s %s.%s" % (m.group(1), (m.group(4) or "").rsplit(".", 1)[-1], m.group(5) or "")
                    detail_wanted = m.group(1) == "signal"
                    continue
                if current is not None and detail_wanted:
                    d = re.match(r'^\s+string "([^"]*)"', line)
                    if d:
                        current += " " + d.group(1)
                        detail_wanted = False
        if current is not None:
            counts[current] += 1
        os.unlink(self.path)
        print("messages on the accessibility bus while the boards landed: %d in %.1f s (%.0f/s)" %
              (total, seconds, total / max(seconds, 0.001)))
        for sender, n in senders.most_common(3):
            print("  from %s: %d" % (sender, n))
        for what, n in counts.most_common(25):
            print("  %7d  %s" % (n, what))


def summary(values):
    if not values:
        return "none"
    v = sorted(values)
    p = lambda q: v[min(len(v) - 1, int(q * len(v)))]
    return "n %4d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms" % (len(v), p(0.5), p(0.99), v[-1])


def p99(values):
    v = sorted(values)
    return v[min(len(v) - 1, int(0.99 * len(v)))] if v else 0.0


class Prober:
    """Queries the Scrape button's extents every 20 ms, between other work."""

    def __init__(self, button):
        import pyatspi
        self.component = button.queryComponent()
        self.coords = pyatspi.WINDOW_COORDS
        self.next = time.monotonic()
        self.no_reply = 0
        self.slow = []

    def query(self):
        # libatspi gives up on a call the application has not answered in
        # its timeout (800 ms): that is a stall of at least that long,
        # counted with the time waited.
        t0 = time.monotonic()
        try:
            self.component.getExtents(self.coords)
        except Exception:
            self.no_reply += 1
        ms = (time.monotonic() - t0) * 1000.0
        if ms > 100:
            self.slow.append((t0, ms))
        return ms

    def run_for(self, seconds, until=None, check_every=1.0):
        out = []
        end = time.monotonic() + seconds
        next_check = time.monotonic() + check_every
        while time.monotonic() < end:
            out.append(self.query())
            if until is not None and time.monotonic() >= next_check:
                next_check = time.monotonic() + check_every
                if until():
                    break
            self.next += QUERY_EVERY
            delay = self.next - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                self.next = time.monotonic()
        return out


def star_latency(root, jobs_list):
    """star_latency_once(), tried again when the row went away under the
    probe (the list changes while boards land, and a stalled application
    does not answer)."""
    for _ in range(5):
        try:
            return star_latency_once(root, jobs_list)
        except Exception as e:
            print("# star: %r; again" % e)
            time.sleep(0.2)
    return float("nan")


def star_latency_once(root, jobs_list):
    """Clicks the first "Star" button and waits until it reads "Unstar"."""
    import pyatspi
    # A row being replaced may still be listed, without its interfaces.
    for star in find_all(jobs_list, pyatspi.ROLE_PUSH_BUTTON, "Star", fresh=True):
        try:
            action, index = action_of(star)
            break
        except NotImplementedError:
            continue
    else:
        raise RuntimeError("no Star button that can be clicked")
    t0 = time.monotonic()
    action.doAction(index)
    CLICK_CALLS.append((time.monotonic() - t0) * 1000.0)
    while True:
        star.clear_cache()
        try:
            name = star.name
        except Exception:
            name = None
        if name == "Unstar":
            return (time.monotonic() - t0) * 1000.0
        if time.monotonic() - t0 > 30:
            return float("inf")
        time.sleep(0.002)


def cancel_latency(tasks, source_name):
    """Clicks the Cancel button of @source_name's row; the time until the
    row's state icon reads "Cancelled" (and, on the way, "Cancelling")."""
    import pyatspi
    buttons = find_all(tasks, pyatspi.ROLE_PUSH_BUTTON, "Cancel", fresh=True)
    button = None
    for b in buttons:
        if source_name in (b.description or ""):
            button = b
    if button is None:
        for b in buttons:
            if b.parent is not None and find_all(b.parent, pyatspi.ROLE_PROGRESS_BAR, source_name):
                button = b
    if button is None:
        raise RuntimeError("no Cancel button for " + source_name)
    row = button.parent
    icons = [a for a in walk(row) if a.getRole() in (pyatspi.ROLE_IMAGE, pyatspi.ROLE_ICON)
             and a.name in ("Running", "Pending", "Cancelling", "Cancelled")]
    if not icons:
        raise RuntimeError("no state icon in the row of " + source_name)
    icon = icons[0]
    action, index = action_of(button)
    t0 = time.monotonic()
    action.doAction(index)
    CLICK_CALLS.append((time.monotonic() - t0) * 1000.0)
    cancelling = None
    while True:
        icon.clear_cache()
        try:
            name = icon.name
        except Exception:
            name = None
        now = (time.monotonic() - t0) * 1000.0
        if name == "Cancelling" and cancelling is None:
            cancelling = now
        if name == "Cancelled":
            return cancelling if cancelling is not None else now, now
        if now > 30000:
            return cancelling, float("inf")
        time.sleep(0.002)


def main():
    tmp = tempfile.mkdtemp(prefix="bench-atspi-")
    db = os.path.join(tmp, "jobs.db")
    env = isolated_env(tmp)

    for i in range(N_BOARDS):
        BOARDS["/board/%d.rss" % i] = make_board(i, SIZE)
    BOARDS["/small.rss"] = make_board(99, 20)
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % server.server_address[1]

    app = None
    launcher = None
    try:
        # The two stalled feeds first: they start at once and stay running.
        for name, path in (("Stalled A", "/stall/a.rss"), ("Stalled B", "/stall/b.rss")):
            run(["--db", db, "sources", "add", base + path, "--kind", "feed", "--name", name], env)
        for i in range(N_BOARDS):
            run(["--db", db, "sources", "add", base + "/board/%d.rss" % i, "--kind", "feed",
                 "--name", "Board %d" % i], env)
        small = run(["--db", db, "sources", "add", base + "/small.rss", "--kind", "feed",
                     "--name", "Small"], env).split()[0]
        run(["--db", db, "scrape", "--source", small], env)

        launcher = start_a11y_bus(env)
        import pyatspi
        app = subprocess.Popen([BINARY, "--db", db], env=env)
        root = app_root(app)
        scrape = wait_for("the Scrape button",
                          lambda: find_all(root, pyatspi.ROLE_PUSH_BUTTON, "Scrape", fresh=True), 30, 1.0)[0]
        header = scrape.parent
        try:
            jobs_list = wait_for("the star of a posting", lambda: [
                a for a in find_all(root, pyatspi.ROLE_PUSH_BUTTON, "Star", fresh=True)], 30, 0.5)[0].parent
        except AssertionError:
            for a in walk(root):
                if a.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_ITEM,
                                   pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_PUSH_BUTTON):
                    print("#", a.getRoleName(), repr(a.name))
            raise
        while jobs_list.parent is not None and jobs_list.getRole() != pyatspi.ROLE_LIST:
            jobs_list = jobs_list.parent
        time.sleep(2)
        # Names are asked of the application each time, not of libatspi's
        # cache (which an event updates later).
        root.set_cache_mask(0)
        prober = Prober(scrape)

        renderer = env.get("GSK_RENDERER", "default (GL)")
        print("%d boards of %d postings (RSS, ~1 KB each) + 2 stalled feeds, renderer %s" %
              (N_BOARDS, SIZE, renderer))

        idle = prober.run_for(IDLE_SECONDS)
        idle_star = [star_latency(root, jobs_list) for _ in range(3)]

        monitor = Monitor(env) if os.environ.get("BENCH_ATSPI_MONITOR") else None
        click(scrape)
        t_start = time.monotonic()

        def boards_done():
            sources = json.loads(run(["--db", db, "sources", "list", "--json"], env))
            # The boards never ran before this scrape.
            return all(s["last_outcome"] in ("completed", "failed", "cancelled") and s["last_run"]
                       for s in sources if s["name"].startswith("Board "))

        # Asked with the command line in a thread of its own, so that the
        # probe keeps its pace.
        landed_event = threading.Event()

        def watch_landing():
            while not landed_event.is_set() and not stop_serving.is_set():
                try:
                    if boards_done():
                        landed_event.set()
                except Exception:
                    pass
                time.sleep(1.0)

        threading.Thread(target=watch_landing, daemon=True).start()
        load = prober.run_for(3.0)
        load_star = []
        for _ in range(3):
            load_star.append(star_latency(root, jobs_list))
            load += prober.run_for(0.5)
        indicator = wait_for("the task indicator", lambda: [
            a for a in find_all(header, pyatspi.ROLE_PUSH_BUTTON, fresh=True)
            if "show tasks" in (a.name or "")], 10, 0.2)[0]
        click(indicator)
        tasks = wait_for("the list named Tasks",
                         lambda: find_all(root, pyatspi.ROLE_LIST, "Tasks", visible=False), 15, 0.5)[0]
        load += prober.run_for(1.0)
        load_cancel = cancel_latency(tasks, "Stalled A")
        load_boards = landed_event.is_set()
        load += prober.run_for(600, until=landed_event.is_set, check_every=0.1)
        landed = time.monotonic() - t_start
        if monitor is not None:
            monitor.stop()
        if load_boards:
            print("note: the boards had landed before the cancel under load")

        idle2 = prober.run_for(IDLE_SECONDS)
        idle_cancel = cancel_latency(tasks, "Stalled B")

        print("Scrape button query, idle window:        " + summary(idle))
        print("Scrape button query, 5 boards landing:   " + summary(load) +
              "  (%.1f s until the boards had landed)" % landed)
        print("Scrape button query, idle again:         " + summary(idle2))
        print("ratio p99 landing / idle: %.1f×; queries not answered within libatspi's timeout: %d" %
              (p99(load) / max(p99(idle), 0.001), prober.no_reply))
        if os.environ.get("BENCH_ATSPI_SLOW"):
            print("queries over 100 ms (CLOCK_MONOTONIC s, from the Scrape click): " +
                  ", ".join("%.3f (+%.1f s) %.0f ms" % (t, t - t_start, ms) for t, ms in prober.slow))
        print("Star → reads Unstar, idle:     %s ms" % ", ".join("%.1f" % v for v in idle_star))
        print("Star → reads Unstar, landing:  %s ms" % ", ".join("%.1f" % v for v in load_star))
        print("ratio median landing / idle: %.1f×" %
              (statistics.median(load_star) / max(statistics.median(idle_star), 0.001)))
        print("Cancel → Cancelling / Cancelled, idle:    %s / %.1f ms" %
              ("%.1f" % idle_cancel[0] if idle_cancel[0] is not None else "-", idle_cancel[1]))
        print("Cancel → Cancelling / Cancelled, landing: %s / %.1f ms" %
              ("%.1f" % load_cancel[0] if load_cancel[0] is not None else "-", load_cancel[1]))
        print("ratio Cancelled landing / idle: %.1f×" % (load_cancel[1] / max(idle_cancel[1], 0.001)))
        print("the click itself (doAction's D-Bus call), each: %s ms" % ", ".join("%.1f" % v for v in CLICK_CALLS))
        return 0
    finally:
        stop_serving.set()
        if app is not None and app.poll() is not None:
            print("the application exited with status %s" % app.returncode)
        if app is not None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        stop(None, launcher)
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
