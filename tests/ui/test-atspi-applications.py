#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Applications view through the accessibility tree, as a screen reader
user drives it: the real binary on a database seeded by the command line,
the view switcher's "Applications", a card's "Move to" menu, and the stage
event read back with "job-scraper history".  Prints TAP.

Usage: test-atspi-applications.py JOB_SCRAPER_BINARY
"""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

from atspi_launch import app_root, click, isolated_env, quit_app, start_a11y_bus, stop, wait_for, walk

BINARY = sys.argv[1]
results = []


def tap(ok, name, diag=None):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), name), flush=True)
    if diag:
        for line in str(diag).splitlines():
            print("# " + line, flush=True)


def run(args, env):
    proc = subprocess.run([BINARY] + args, env=env, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise AssertionError("job-scraper %s failed (%d): %s" % (" ".join(args), proc.returncode, proc.stderr))
    return proc


def find_all(root, roles, name):
    import pyatspi
    try:
        root.clear_cache()
    except Exception:
        pass
    out = []
    for acc in walk(root):
        try:
            if acc.getRole() in roles and acc.name == name and \
               acc.getState().contains(pyatspi.STATE_VISIBLE):
                out.append(acc)
        except Exception:
            continue
    return out


def actionable(acc):
    try:
        return acc.queryAction().nActions > 0
    except Exception:
        return False


def seed(db):
    """One posting of one source, as a scrape stores it."""
    con = sqlite3.connect(db)
    con.execute("INSERT INTO sources (id, name, url, kind, created) "
                "VALUES (1, 'Acme board', 'https://boards.example/acme', 'greenhouse', 0)")
    con.execute("INSERT INTO postings (id, source_id, sync_key, url, title, company, first_seen, last_seen) "
                "VALUES (1, 1, 'id:1', 'https://boards.example/acme/1', 'Backend Engineer', 'Acme', 1, 1)")
    con.execute("INSERT INTO posting_texts (id, description_text) VALUES (1, 'Builds things.')")
    con.commit()
    con.close()


def main():
    tmp = tempfile.mkdtemp(prefix="job-scraper-atspi-apps-")
    db = os.path.join(tmp, "jobs.db")
    env = isolated_env(tmp)
    env.pop("JOB_SCRAPER_DB", None)

    launcher = None
    app = None
    print("1..4", flush=True)
    try:
        # 1: a saved job, by the command line
        run(["--db", db, "blocks"], env)   # creates the database
        seed(db)
        run(["--db", db, "status", "1", "saved", "--note", "Looks good"], env)
        tap(True, "a job saved with job-scraper status")

        launcher = start_a11y_bus(env)
        import pyatspi

        app = subprocess.Popen([BINARY, "--db", db], env=env)
        root = app_root(app)
        buttons = (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_RADIO_BUTTON,
                   pyatspi.ROLE_PAGE_TAB)

        # 2: the view named "Applications"
        try:
            view = wait_for("the view switcher's “Applications”",
                            lambda: find_all(root, buttons, "Applications"), 30, 1.0)[0]
        except AssertionError:
            for acc in walk(root):
                try:
                    if acc.name:
                        print("# %s %r" % (acc.getRoleName(), acc.name), flush=True)
                except Exception:
                    pass
            raise
        click(view)
        try:
            move = wait_for("a “Move to” button", lambda: find_all(root, buttons, "Move to"), 20, 0.5)
        except AssertionError:
            for acc in walk(root):
                try:
                    if acc.name and "Gizmo" not in acc.name and "GtkStack" not in acc.name:
                        print("# %s %r" % (acc.getRoleName(), acc.name), flush=True)
                except Exception:
                    pass
            raise
        # The menu button and the toggle button inside it carry the name;
        # the one that can be pressed is the one a user presses.
        move = [m for m in move if actionable(m)]
        tap(len(move) == 1, "view “Applications” shows one card with a “Move to” button",
            [m.getRoleName() for m in move])

        # 3: Move to -> Interviewing
        click(move[0])
        item = wait_for("the menu item “Interviewing”",
                        lambda: find_all(root, (pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON,
                                                pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM),
                                         "Interviewing"), 15, 0.3)[0]
        click(item)

        def moved():
            events = json.loads(run(["--db", db, "history", "1", "--json"], env).stdout)
            return events if events and events[-1]["to"] == "interviewing" else None

        events = wait_for("the stage event to interviewing", moved, 15, 0.3)
        tap(len(events) == 2 and events[1]["from"] == "saved" and events[0]["note"] == "Looks good",
            "“Move to” → “Interviewing” recorded a stage event", events)

        # 4: quit
        status = quit_app(app)
        tap(status == 0, "application quits on SIGTERM with status 0", "status: %s" % status)
        app = None
    except Exception:
        tap(False, "unexpected failure", traceback.format_exc())
    finally:
        stop(app, launcher)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
