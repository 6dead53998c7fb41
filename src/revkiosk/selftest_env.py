"""Self-test checks of the machine rather than of revkiosk: Qt loads, libdbus, the display.

These are what a technician meets first on a new PC: a system library missing (Qt's GUI module
links libdbus, so without it nothing Qt can even be imported), or a kiosk user whose session
the player cannot open. Each check raises `CheckFailed` with the fix in words; none of them
needs Qt to report its failure, so a broken install ends in readable FAIL lines, not a
traceback.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

from revkiosk.selftest_report import CheckFailed

DBUS_LIBRARY = "libdbus-1.so.3"
PROBE_TIMEOUT_S = 20.0
# Platforms that never show anything: the self-test itself runs on one of them.
HEADLESS_PLATFORMS = ("", "offscreen", "minimal")


def check_qt_loads() -> str:
    """PySide6's core, GUI and widget modules import (their system libraries are present)."""
    try:
        import PySide6
        from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401 - importing is the check
    except ImportError as error:
        raise CheckFailed(
            f"PySide6 cannot load ({error}): a system library is missing; "
            "packaging/README.md lists what to install"
        ) from None
    return f"PySide6 {PySide6.__version__}, Qt {QtCore.qVersion()}"


def check_dbus() -> str:
    """libdbus loads (Qt needs it) and QtDBus works (screensaver inhibition, Linux desktops)."""
    try:
        ctypes.CDLL(DBUS_LIBRARY)
    except OSError as error:
        raise CheckFailed(
            f"{DBUS_LIBRARY} cannot be loaded ({error}): install it (Debian/Ubuntu: "
            "sudo apt install libdbus-1-3); without it Qt cannot start"
        ) from None
    if "PySide6.QtWidgets" not in sys.modules:
        return f"{DBUS_LIBRARY} loads"
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError as error:
        raise CheckFailed(f"QtDBus cannot load ({error}): no screensaver inhibition") from None
    bus = (
        "session bus connected" if QDBusConnection.sessionBus().isConnected() else "no session bus"
    )
    return f"QtDBus loads ({bus})"


def check_display(platform: str | None) -> str:
    """Open the display the player would use, in a child process, and list its screens.

    Expected when DISPLAY or WAYLAND_DISPLAY is set (a desktop session, cage). `platform` is
    QT_QPA_PLATFORM as the caller found it: the child uses it unless it is a headless one (the
    self-test's own), so Qt picks the platform the way the player would.
    """
    wayland, x11 = os.environ.get("WAYLAND_DISPLAY"), os.environ.get("DISPLAY")
    if not (wayland or x11):
        return "none expected here (no DISPLAY or WAYLAND_DISPLAY): not checked"
    from revkiosk.resources import self_command

    env = dict(os.environ)
    if (platform or "") in HEADLESS_PLATFORMS:
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env["QT_QPA_PLATFORM"] = platform or ""
    where = f"Wayland display {wayland}" if wayland else f"X display {x11}"
    try:
        done = subprocess.run(
            [*self_command(), "probe-display"],
            capture_output=True,
            text=True,
            env=env,
            timeout=PROBE_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"opening the {where} took more than {PROBE_TIMEOUT_S:.0f} s") from None
    if done.returncode != 0:
        reasons = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        useful = [r for r in reasons if "could not connect" in r or "Could not" in r]
        reason = (useful or reasons or [f"exit status {done.returncode}"])[0]
        raise CheckFailed(
            f"cannot open the {where} ({reason}); is the session running, and may this user use it?"
        )
    return done.stdout.strip() or f"{where} opened"


def check_wayland() -> str:
    """Qt's Wayland platform plugin loads with its system libraries (the kiosk under cage).

    Only a failure where Wayland is in use (WAYLAND_DISPLAY, or a wayland platform asked for)
    fails the check: an X11-only machine may lack the libraries and still run the show.
    """
    from PySide6.QtCore import QLibraryInfo

    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    plugin = os.path.join(plugins, "platforms", "libqwayland.so")
    try:
        ctypes.CDLL(plugin)
    except OSError as error:
        wanted = os.environ.get("WAYLAND_DISPLAY") or "wayland" in os.environ.get(
            "QT_QPA_PLATFORM", ""
        )
        reason = str(error).split(": ")[-1] if ": " in str(error) else str(error)
        fix = "install libwayland-client0 libwayland-cursor0 libwayland-egl1"
        if wanted:
            raise CheckFailed(f"Qt's Wayland plugin cannot load ({reason}): {fix}") from None
        return f"not usable here ({reason}); X11 only — for Wayland/cage: {fix}"
    return "Qt's Wayland plugin loads (the kiosk can run under cage)"


def check_updates(deck_path: str | os.PathLike[str]) -> str:
    """Content updates work in this build: the deck bundles, unpacks and verifies, and https
    (OpenSSL) is there for `revkiosk update https://…`."""
    import shutil
    import tempfile
    from pathlib import Path

    from revkiosk.deck.load import load_deck
    from revkiosk.update.collect import deck_file_names, deck_name
    from revkiosk.update.install import check_deck
    from revkiosk.update.manifest import Limits
    from revkiosk.update.pack import make_manifest, write_bundle
    from revkiosk.update.unpack import stage

    deck = load_deck(Path(deck_path))
    root = deck.root
    manifest = make_manifest(root, deck_file_names(deck), deck_name(deck), "", "self-test")
    scratch = Path(tempfile.mkdtemp(prefix="revkiosk-self-test-"))
    try:
        write_bundle(root, manifest, scratch / "bundle.tar.gz")
        copy = stage(scratch / "bundle.tar.gz", scratch / "files", Limits(), lambda _m: None)
        problems = check_deck(scratch / "files", copy)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if problems or copy.id != manifest.id:
        raise CheckFailed(f"the deck does not survive a bundle: {(problems or ['changed'])[0]}")
    return f"a bundle of {len(manifest.files)} files verified; {_https()}"


def _https() -> str:
    """What `revkiosk update https://…` would have: OpenSSL and its certificates (a note only:
    updates from a folder or a USB stick need neither)."""
    try:
        import ssl
    except ImportError as error:
        return f"no https ({error}: install libssl3 for updates from a web server)"
    certificates = ssl.create_default_context().cert_store_stats().get("x509_ca", 0)
    if not certificates:
        return f"{ssl.OPENSSL_VERSION}, but no CA certificates (install ca-certificates for https)"
    return f"https via {ssl.OPENSSL_VERSION} ({certificates} CA certificates)"
