"""Issue 22, class 5: hidden, out of sight, and still "healthy".

Under a window manager, minimise, "show desktop" and a workspace switch hid the kiosk for good
while its heartbeat stayed healthy, and another X client could resize or unmap it. Now the
kiosk's window watch brings the window back (full screen, on the workspace in view, on top) and
the heartbeat says whether it is really shown; the supervisor restarts a player whose window
stays off screen (`--hidden-timeout`). Run on a real window manager (openbox) on Xvfb.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from x11_support import EXAMPLE_DECK, LivePlayer, XServer, missing_tools

from revkiosk.kiosk.status import read_json
from revkiosk.kiosk.supervisor import Supervisor, SupervisorConfig

WM_TOOLS = ["openbox", "wmctrl", "xwininfo", "xprop"]
needs_wm = pytest.mark.skipif(
    bool(missing_tools()) or any(shutil.which(t) is None for t in WM_TOOLS),
    reason="needs Xvfb, xdotool, openbox, wmctrl, xwininfo, xprop (scripts/setup.sh --test)",
)


class Desktop:
    """Xvfb with openbox and a kiosk player on it, reporting its heartbeat to a file."""

    def __init__(self, home: Path, wm: bool) -> None:
        self.server = XServer(1280, 720).start()
        env = {**os.environ, "DISPLAY": self.server.display}
        self.env = env
        self.wm: subprocess.Popen[bytes] | None = None
        if wm:
            self.wm = subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL)
            self._wait(lambda: self._run("wmctrl", "-m").returncode == 0, "no openbox")
            self._run("wmctrl", "-n", "2")  # two workspaces
        self.beat = home / "heartbeat.json"
        os.environ["REVKIOSK_HEARTBEAT"] = str(self.beat)
        try:
            self.player = LivePlayer(self.server, ["--kiosk", str(EXAMPLE_DECK)], home).start()
        finally:
            del os.environ["REVKIOSK_HEARTBEAT"]
        self.player.ready()
        self._wait(self.shown, "the kiosk never came up full screen")

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=15)

    @staticmethod
    def _wait(predicate: Callable[[], bool], message: str, seconds: float = 10.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if predicate():
                return
            time.sleep(0.1)
        raise AssertionError(message)

    def window(self) -> str:
        pid = str(self.player.pid)
        found = self.server.xdotool("search", "--onlyvisible", "--pid", pid, "--name", "revkiosk")
        return found.split()[-1]

    def shown(self) -> bool:
        """As the X server sees it: mapped, on the workspace in view, covering the screen."""
        try:
            window = self.window()
        except AssertionError:
            return False
        info = self._run("xwininfo", "-id", window).stdout
        here = self._run("xdotool", "get_desktop").stdout.strip()
        there = self._run("xdotool", "get_desktop_for_window", window).stdout.strip()
        return (
            "Map State: IsViewable" in info
            and "Width: 1280" in info
            and "Height: 720" in info
            and there in (here, "-1", "")
        )

    def heartbeat(self) -> dict[str, object]:
        return read_json(self.beat) or {}

    def log(self) -> str:
        return (self.player.home / "player-stderr.txt").read_text(errors="replace")

    def close(self) -> None:
        self.player.stop()
        if self.wm is not None:
            self.wm.terminate()
            self.wm.wait(5)
        self.server.stop()


def _desktop(factory: pytest.TempPathFactory, wm: bool) -> Iterator[Desktop]:
    home = factory.mktemp("wm" if wm else "bare")
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    old = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    desk = Desktop(home, wm)
    yield desk
    desk.close()
    if old is None:
        os.environ.pop("XDG_RUNTIME_DIR", None)
    else:
        os.environ["XDG_RUNTIME_DIR"] = old


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    """A desktop with a window manager (openbox): minimise, show desktop, workspaces."""
    yield from _desktop(tmp_path_factory, wm=True)


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    """An X server without a window manager: nothing stops another client resizing."""
    yield from _desktop(tmp_path_factory, wm=False)


def _hide(desk: Desktop, how: str) -> None:
    window = desk.window()
    if how == "minimise":
        desk.server.xdotool("windowminimize", window)
    elif how == "show desktop":
        desk._run("wmctrl", "-k", "on")
    elif how == "workspace switch":
        desk.server.xdotool("set_desktop", "1")
    elif how == "unmap by another client":
        desk.server.xdotool("windowunmap", window)
    elif how == "resize by another client":
        desk.server.xdotool("windowsize", window, "400", "300")
    elif how == "move by another client":
        desk.server.xdotool("windowmove", window, "300", "200")


WITH_WM = ["minimise", "show desktop", "workspace switch", "unmap by another client"]
WITHOUT_WM = ["unmap by another client", "resize by another client", "move by another client"]


@needs_wm
@pytest.mark.parametrize("how", WITH_WM)
def test_the_window_comes_back_and_the_heartbeat_said_it_was_gone(
    desktop: Desktop, how: str
) -> None:
    _taken_and_back(desktop, how)


@needs_wm
@pytest.mark.parametrize("how", WITHOUT_WM)
def test_without_a_window_manager_too(bare: Desktop, how: str) -> None:
    _taken_and_back(bare, how)


def _taken_and_back(desktop: Desktop, how: str) -> None:
    desktop._wait(lambda: desktop.heartbeat().get("shown") is True, "not shown to begin with")
    time.sleep(1.0)  # a heartbeat after the watch's last look
    before = int(desktop.heartbeat()["window_restores"])  # type: ignore[arg-type]
    _hide(desktop, how)
    desktop._wait(
        lambda: int(desktop.heartbeat().get("window_restores", 0)) > before,  # type: ignore[arg-type]
        f"{how}: the heartbeat never said the window was gone",
    )
    desktop._wait(desktop.shown, f"{how}: the window did not come back", seconds=10)
    desktop._wait(lambda: desktop.heartbeat().get("shown") is True, "heartbeat: not shown")
    assert desktop.player.running
    if desktop.wm is not None:
        desktop._run("wmctrl", "-k", "off")
        desktop.server.xdotool("set_desktop", "0")  # the kiosk follows back to the first one
        desktop._wait(desktop.shown, f"{how}: not back after returning to the first workspace")


@needs_wm
def test_a_window_laid_over_the_kiosk_is_seen_and_the_kiosk_raised(desktop: Desktop) -> None:
    cover = textwrap.dedent(
        """
        from PySide6.QtWidgets import QApplication, QWidget
        from PySide6.QtCore import Qt
        app = QApplication([])
        w = QWidget(); w.setWindowTitle("cover")
        w.setWindowFlags(w.windowFlags() | Qt.WindowType.WindowStaysOnTopHint)
        w.showFullScreen(); app.exec()
        """
    )
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
    other = subprocess.Popen([sys.executable, "-c", cover], env=env, stderr=subprocess.DEVNULL)
    try:
        desktop._wait(lambda: bool(_ids(desktop, "cover")), "the cover never appeared")
        cover_id = _ids(desktop, "cover")[0]
        # The kiosk takes the top again (its guard on losing focus, or the watch seeing it
        # covered), while the other window still runs.
        desktop._wait(lambda: _above(desktop, int(desktop.window()), cover_id), "left covered")
        assert other.poll() is None
    finally:
        other.terminate()
        other.wait(5)
    desktop._wait(lambda: desktop.heartbeat().get("shown") is True, "heartbeat: not shown")


def _ids(desk: Desktop, name: str) -> list[int]:
    found = desk._run("xdotool", "search", "--onlyvisible", "--name", f"^{name}$").stdout
    return [int(x) for x in found.split()]


def _above(desk: Desktop, mine: int, other: int) -> bool:
    """True when the window manager stacks `mine` above `other` (_NET_CLIENT_LIST_STACKING
    lists managed windows bottom to top)."""
    out = desk._run("xprop", "-root", "_NET_CLIENT_LIST_STACKING").stdout
    order = [int(x, 16) for x in out.partition("#")[2].replace(",", " ").split()]
    return mine in order and other in order and order.index(mine) > order.index(other)


FAKE = textwrap.dedent(
    """
    import json, os, time
    beat = os.environ["REVKIOSK_HEARTBEAT"]
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write("start\\n")
    started = time.monotonic()
    for _ in range(400):
        hidden = time.monotonic() - started
        with open(beat + ".tmp", "w") as f:
            json.dump({"updated": time.time(), "slide": 3, "slide_count": 5, "pid": os.getpid(),
                       "shown": False, "hidden_seconds": hidden}, f)
        os.replace(beat + ".tmp", beat)
        time.sleep(0.05)
    """
)


def test_the_supervisor_restarts_a_player_whose_window_stays_hidden(tmp_path: Path) -> None:
    script = tmp_path / "fake.py"
    script.write_text(FAKE, encoding="utf-8")
    log = tmp_path / "launches"
    supervisor = Supervisor(
        SupervisorConfig(
            command=(sys.executable, str(script)),
            heartbeat_path=tmp_path / "beat.json",
            hidden_timeout=0.8,
            backoff_initial=0.05,
            poll_interval=0.02,
            env={"FAKE_LOG": str(log)},
        )
    )
    thread = threading.Thread(target=supervisor.run, daemon=True)
    thread.start()
    end = time.monotonic() + 20
    while time.monotonic() < end and supervisor.restarts < 1:
        time.sleep(0.05)
    supervisor.stop()
    thread.join(10)
    assert supervisor.restarts >= 1
    assert "not on screen" in (supervisor.last_error or "")
