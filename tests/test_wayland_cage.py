"""The kiosk alone under cage, on Qt's Wayland platform: what `--session cage` installs.

Headless (wlroots' headless backend, software rendering), screenshots with grim. The launcher
is packaging/revkiosk-cage, as the installed unit runs it; the player is this checkout's.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from cage_support import REPO, CageKiosk, missing

DECK = REPO / "slides" / "example.yaml"
pytestmark = pytest.mark.skipif(bool(missing()), reason=missing() or "")


@pytest.fixture
def kiosk() -> Iterator[CageKiosk]:
    running = CageKiosk()
    yield running
    running.close()


def start(kiosk: CageKiosk) -> dict:
    found = kiosk.python()
    if found is None:
        pytest.skip("no Python the kiosk user may run that imports revkiosk and PySide6")
    python, env = found
    kiosk.start([*python, "-m", "revkiosk", "kiosk", str(DECK), "--hang-timeout", "10"], env)
    return kiosk.status()


def supervisor_of(player: int) -> int:
    return int(Path(f"/proc/{player}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_the_kiosk_shows_the_deck_on_wayland_under_cage(kiosk: CageKiosk, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    status = start(kiosk)
    player = status["pid"]
    environ = Path(f"/proc/{player}/environ").read_bytes().split(b"\0")
    assert b"QT_QPA_PLATFORM=wayland" in environ
    assert "libqwayland" in Path(f"/proc/{player}/maps").read_text(), "Qt's Wayland plugin"
    shot = kiosk.screenshot("kiosk.png")
    shutil.copy(shot, tmp_path / "kiosk.png")  # for a person to look at
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 720), "full screen"
    colours = {image.pixel(x * 1280 // 48, y * 720 // 27) for x in range(48) for y in range(27)}
    assert len(colours) > 4, "a slide, not a black or empty screen"
    background = image.pixel(1270, 360)
    assert background != 0xFF000000, "the deck's own background, not cage's black"
    os.kill(supervisor_of(player), signal.SIGTERM)  # what systemd does to stop the unit
    assert kiosk.wait() == 0, kiosk.log()


def test_a_supervisor_killed_under_cage_ends_the_session_with_a_failure(kiosk: CageKiosk) -> None:
    """cage itself exits 0 whatever happened; revkiosk-cage must not, or systemd would take a
    dead kiosk for the technician's exit chord and leave the screen dark."""
    status = start(kiosk)
    os.kill(supervisor_of(status["pid"]), signal.SIGKILL)
    assert kiosk.wait() == 128 + signal.SIGKILL
