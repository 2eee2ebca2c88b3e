# SPDX-License-Identifier: GPL-3.0-or-later
"""What the AT-SPI scripts share (tests/ui/test-atspi*.py and
bench/ui/atspi-probe.py): the application's environment with the
accessibility bridge on and folders of its own, the accessibility bus,
the application found on it, and walking and clicking its tree."""

import os
import signal
import subprocess
import time


def isolated_env(tmp):
    """The environment for the binary: the accessibility bridge on, and
    home, data, config, cache and state folders under @tmp."""
    env = dict(os.environ)
    # The whole point: the accessibility bridge must be on.
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        os.makedirs(os.path.join(tmp, sub), exist_ok=True)
        env[var] = os.path.join(tmp, sub)
    env.setdefault("GSETTINGS_BACKEND", "memory")
    return env


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


def start_a11y_bus(env):
    """Starts an accessibility bus when none answers: its launcher, to be
    killed at the end, or None."""
    if a11y_bus_up(env):
        return None
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for("the accessibility bus", lambda: a11y_bus_up(env), 15)
    return launcher


def app_root(app):
    """The accessible application of the process @app, once it is on the bus."""
    import pyatspi
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

    return wait_for("the application on the accessibility bus", find_app, 60, 0.3)


def quit_app(app, timeout=15):
    """Asks the application to quit (SIGTERM): its exit status, or a
    note that it had to be killed."""
    app.send_signal(signal.SIGTERM)
    try:
        return app.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        app.kill()
        return "killed after %d s" % timeout


def stop(app, launcher):
    """Kills the application, when it is still there, and stops the bus
    launcher started for it (either may be None)."""
    if app is not None:
        app.kill()
        app.wait()
    if launcher is not None:
        launcher.terminate()
        launcher.wait()


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


def action_of(acc):
    """The action interface of @acc and the index of its click."""
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            return action, i
    return action, 0


def click(acc):
    action, index = action_of(acc)
    return action.doAction(index)
