"""The self-test checks the machine too: the display the player opens, and libdbus.

Found by a technician's trial (issue 20): `--self-test` passed in a session whose display the
player could not open, and with libdbus missing it ended in a traceback instead of `FAIL dbus`.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from x11_support import XServer, missing_tools

from revkiosk import selftest

REPO = Path(__file__).resolve().parent.parent
DECK = REPO / "slides" / "example.yaml"


def lines_of(deck: Path = DECK) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = selftest.run_self_test(deck, out=out)
    return status, out.getvalue().splitlines()


def display_line(lines: list[str]) -> str:
    return next(line for line in lines if line.split(":")[0].endswith("display"))


@pytest.mark.skipif(bool(missing_tools()), reason="needs Xvfb")
def test_a_display_the_player_can_open_passes(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    server = XServer(1280, 720).start()
    try:
        monkeypatch.setenv("DISPLAY", server.display)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        status, lines = lines_of()
    finally:
        server.stop()
    assert status == 0, lines
    assert display_line(lines) == "ok   display: xcb: screen 1280x720"


def test_a_display_that_cannot_be_opened_fails_its_line(
    qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    unused = next(n for n in range(170, 400) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    monkeypatch.setenv("DISPLAY", f":{unused}")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    status, lines = lines_of()
    assert status == 1
    line = display_line(lines)
    assert line.startswith(f"FAIL display: cannot open the X display :{unused}")
    assert [x for x in lines if x.startswith("FAIL")] == [line], "nothing else fails"


def test_no_session_means_no_display_is_expected(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The installer's self-test runs under sudo, with no session to open."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    status, lines = lines_of()
    assert status == 0 and "not checked" in display_line(lines)


def libdbus() -> Path | None:
    for folder in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib"):
        found = sorted(Path(folder).glob("libdbus-1.so.3*"))
        real = [p for p in found if p.is_file() and not p.is_symlink()]
        if real:
            return real[0]
    return None


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0 or not shutil.which("unshare") or not libdbus(),
    reason="hiding libdbus needs root, unshare and a system libdbus",
)
def test_without_libdbus_it_ends_in_fail_dbus_not_a_traceback(tmp_path: Path) -> None:
    """libdbus is hidden in a private mount namespace (an empty file bound over it)."""
    hide = f'mount --bind /dev/null {libdbus()} && exec "$@"'
    command = ["unshare", "-m", "sh", "-c", hide, "sh", sys.executable, "-m", "revkiosk"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [*command, "--self-test", str(DECK)], capture_output=True, text=True, env=env, check=False
    )
    if "unshare failed" in done.stderr or "mount:" in done.stderr:
        pytest.skip(f"no mount namespace here: {done.stderr.strip()}")
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert lines[-2].startswith("FAIL dbus: libdbus-1.so.3 cannot be loaded")
    assert "sudo apt install libdbus-1-3" in lines[-2]
    assert lines[-1] == "self-test: 3 passed, 2 failed"
    assert any(line.startswith("FAIL qt: PySide6 cannot load") for line in lines)
