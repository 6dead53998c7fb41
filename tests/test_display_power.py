"""Switching the display off at closing: choosing the way, GNOME's D-Bus switch, X11 DPMS."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from x11_support import XServer

from revkiosk.kiosk.display import (
    CommandDisplayPower,
    NoDisplayPower,
    X11Dpms,
    choose_display_power,
)

REPO = Path(__file__).resolve().parent.parent


class Fake:
    def __init__(self, name: str) -> None:
        self.name = name


def test_auto_takes_the_first_way_that_works(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> Fake:
        raise OSError("not here")

    chosen = choose_display_power(
        "auto",
        platform="xcb",
        factories={"command": broken, "gnome": broken, "x11": lambda: Fake("x11")},
    )
    assert chosen.name == "x11"
    chosen = choose_display_power(
        "auto",
        platform="wayland",
        factories={"command": broken, "gnome": broken, "x11": lambda: Fake("x11")},
    )
    assert isinstance(chosen, NoDisplayPower), "no DPMS under Wayland"
    assert "the screen stays black instead" in caplog.text
    assert isinstance(choose_display_power("none"), NoDisplayPower)


def test_commands_run_without_a_shell(tmp_path: Path) -> None:
    log = tmp_path / "log"
    power = CommandDisplayPower(f"sh -c 'echo off >> {log}'", f"sh -c 'echo on >> {log}'")
    assert power.set_on(False) and power.set_on(True)
    assert log.read_text().split() == ["off", "on"]
    failing = CommandDisplayPower("false", "no-such-program-here")
    assert not failing.set_on(False) and not failing.set_on(True)


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_x11_without_the_dpms_extension_is_reported_not_fatal() -> None:
    """Xvfb has no DPMS extension (Debian's build): the kiosk must say so and carry on."""
    server = XServer(640, 480).start()
    try:
        with pytest.raises(OSError, match="no DPMS extension"):
            X11Dpms(server.display)
        with pytest.raises(OSError, match="cannot open X display"):
            X11Dpms(":4711")
    finally:
        server.stop()


FAKE_MUTTER = textwrap.dedent("""
    import sys
    from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject
    from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection

    @ClassInfo({"D-Bus Interface": "org.gnome.Mutter.DisplayConfig"})
    class Adaptor(QDBusAbstractAdaptor):
        mode = 0
        def get_mode(self):
            return self.mode
        def set_mode(self, value):
            print("PowerSaveMode", value, flush=True)
            self.mode = value
        PowerSaveMode = Property(int, get_mode, set_mode)

    app = QCoreApplication(sys.argv)
    root = QObject()
    adaptor = Adaptor(root)
    bus = QDBusConnection.sessionBus()
    assert bus.registerService("org.gnome.Mutter.DisplayConfig")
    assert bus.registerObject("/org/gnome/Mutter/DisplayConfig", root)
    print("ready", flush=True)
    app.exec()
""")

CLIENT = textwrap.dedent("""
    from PySide6.QtCore import QCoreApplication
    from revkiosk.kiosk.display import choose_display_power
    app = QCoreApplication([])
    power = choose_display_power("auto", platform="wayland")
    print(power.name, power.set_on(False), power.is_off(), power.set_on(True), power.is_off())
""")


@pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")
def test_gnome_display_power_over_d_bus(tmp_path: Path) -> None:
    """Against a stand-in for GNOME's Mutter on a private session bus."""
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": bus.stdout.readline().strip(),
        "PYTHONPATH": str(REPO / "src"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    service = subprocess.Popen(
        [sys.executable, "-c", FAKE_MUTTER], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert service.stdout is not None and service.stdout.readline().strip() == "ready"
        result = subprocess.run(
            [sys.executable, "-c", CLIENT], capture_output=True, text=True, env=env, timeout=60
        )
        assert result.stdout.split() == ["gnome", "True", "True", "True", "False"], result.stderr
        time.sleep(0.2)
    finally:
        service.terminate()
        bus.terminate()
        seen = service.communicate(timeout=10)[0]
        bus.communicate(timeout=10)  # reaps it and closes its pipe
    assert seen.split() == ["PowerSaveMode", "3", "PowerSaveMode", "0"], "off, then on"
