"""Switching the display itself off at closing time and on again at opening.

A black picture still lights the panel all night; a display in power saving does not (and a
projector's lamp lasts longer). Where the desktop has an interface for it, that is used:

* **GNOME** (Wayland or X11): `org.gnome.Mutter.DisplayConfig`'s `PowerSaveMode` on the session
  bus (3 = off, 0 = on) — what GNOME's own power settings use.
* **X11**: the DPMS extension, through libXext's `DPMSForceLevel` (ctypes; what `xset dpms
  force off` does). A kiosk set up with `xset -dpms` gets that setting back at opening, so the
  display does not blank by itself during the day.
* **A command** the technician gives in settings.yaml (`display_off_command` /
  `display_on_command`), for everything else: `vcgencmd display_power 0` on a Raspberry Pi,
  `wlopm --off '*'` under a wlroots compositor such as cage. Run without a shell, 10 s at most.

`display_power: auto` (the default) picks the first that works here, in the order command,
GNOME, X11; `none` leaves the display on (the picture is black while closed either way).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shlex
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

log = logging.getLogger(__name__)

DPMS_ON, DPMS_OFF = 0, 3
COMMAND_TIMEOUT_S = 10


class DisplayPower(Protocol):
    name: str

    def set_on(self, on: bool) -> bool:
        """Switch the display on or off; False (after logging why) when it could not."""
        ...

    def is_off(self) -> bool | None:
        """Whether the display is in power saving now (None: cannot tell)."""
        ...


class NoDisplayPower:
    """Leaves the display alone (no way found, or `display_power: none`)."""

    name = "none"

    def set_on(self, on: bool) -> bool:
        return False

    def is_off(self) -> bool | None:
        return None


class CommandDisplayPower:
    """Runs the technician's commands (see the module docstring)."""

    name = "command"

    def __init__(self, off: str, on: str) -> None:
        self.commands = {False: shlex.split(off), True: shlex.split(on)}
        self.off = False

    def set_on(self, on: bool) -> bool:
        argv = self.commands[on]
        try:
            result = subprocess.run(argv, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as error:
            log.warning("display command %s failed: %s", shlex.join(argv), error)
            return False
        if result.returncode != 0:
            log.warning(
                "display command %s exited %d: %s",
                shlex.join(argv),
                result.returncode,
                result.stderr.strip()[:300],
            )
            return False
        self.off = not on
        return True

    def is_off(self) -> bool | None:
        return None  # a command cannot be asked; trust what we last did


class X11Dpms:
    """DPMS through libX11/libXext with ctypes (no xset needed on the kiosk)."""

    name = "x11"

    def __init__(self, display: str | None = None) -> None:
        self.display = (display or os.environ.get("DISPLAY", "")).encode()
        self.x11 = _library("X11")
        self.xext = _library("Xext")
        self._restore_disabled = False
        if self.x11 is None or self.xext is None:
            raise OSError("libX11 or libXext is not installed")
        x11, xext = self.x11, self.xext
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XSetErrorHandler.restype = ctypes.c_void_p
        x11.XSetErrorHandler.argtypes = [ctypes.c_void_p]
        for name in ("DPMSCapable", "DPMSEnable", "DPMSDisable"):
            getattr(xext, name).argtypes = [ctypes.c_void_p]
        xext.DPMSQueryExtension.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_int)] * 2
        xext.DPMSForceLevel.argtypes = [ctypes.c_void_p, ctypes.c_ushort]
        xext.DPMSInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_ushort),
            ctypes.POINTER(ctypes.c_ubyte),
        ]
        with self._connection() as dpy:
            event, error = ctypes.c_int(), ctypes.c_int()
            if not xext.DPMSQueryExtension(dpy, ctypes.byref(event), ctypes.byref(error)):
                raise OSError("the X server has no DPMS extension")
            if not xext.DPMSCapable(dpy):
                raise OSError("the X server says its display is not DPMS-capable")

    @contextmanager
    def _connection(self) -> Iterator[int]:
        """One short connection per call (the X server may have restarted since the last)."""
        dpy = self.x11.XOpenDisplay(self.display or None)  # type: ignore[union-attr]
        if not dpy:
            raise OSError(f"cannot open X display {self.display.decode() or '(unset)'}")
        errors: list[int] = []

        def on_error(_display: int, _event: int) -> int:
            errors.append(1)
            return 0

        handler = _ERROR_HANDLER_TYPE(on_error)
        # Xlib's default error handler ends the process: hold our own while we talk to X.
        previous = self.x11.XSetErrorHandler(ctypes.cast(handler, ctypes.c_void_p))  # type: ignore[union-attr]
        try:
            yield dpy
            self.x11.XSync(dpy, 0)  # type: ignore[union-attr]
            if errors:
                raise OSError("the X server refused a DPMS request")
        finally:
            self.x11.XSetErrorHandler(previous)  # type: ignore[union-attr]
            self.x11.XCloseDisplay(dpy)  # type: ignore[union-attr]

    def info(self) -> tuple[int, bool]:
        """(power level, DPMS enabled) as the X server reports them (`xset q`)."""
        level, state = ctypes.c_ushort(), ctypes.c_ubyte()
        with self._connection() as dpy:
            self.xext.DPMSInfo(dpy, ctypes.byref(level), ctypes.byref(state))  # type: ignore[union-attr]
        return level.value, bool(state.value)

    def set_on(self, on: bool) -> bool:
        xext = self.xext
        assert xext is not None
        try:
            with self._connection() as dpy:
                if on:
                    xext.DPMSForceLevel(dpy, DPMS_ON)
                    if self._restore_disabled:  # `xset -dpms` was the technician's choice
                        xext.DPMSDisable(dpy)
                        self._restore_disabled = False
                else:
                    level, state = ctypes.c_ushort(), ctypes.c_ubyte()
                    xext.DPMSInfo(dpy, ctypes.byref(level), ctypes.byref(state))
                    if not state.value:  # forcing a level needs DPMS enabled
                        xext.DPMSEnable(dpy)
                        self._restore_disabled = True
                    xext.DPMSForceLevel(dpy, DPMS_OFF)
        except OSError as error:
            log.warning(
                "cannot switch the display %s through DPMS: %s", "on" if on else "off", error
            )
            return False
        return True

    def is_off(self) -> bool | None:
        try:
            return self.info()[0] != DPMS_ON
        except OSError:
            return None


class GnomeDisplayPower:
    """GNOME's own display power switch on the session bus (Mutter)."""

    name = "gnome"
    SERVICE = PATH_INTERFACE = "org.gnome.Mutter.DisplayConfig"
    PATH = "/org/gnome/Mutter/DisplayConfig"

    def __init__(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        self.bus = QDBusConnection.sessionBus()
        registered = self.bus.isConnected() and self.bus.interface().isServiceRegistered(
            self.SERVICE
        )
        if not registered or not registered.value():
            raise OSError("no org.gnome.Mutter.DisplayConfig on the session bus")

    def _call(self, method: str, *args: object) -> list[object] | None:
        from PySide6.QtDBus import QDBusMessage

        message = QDBusMessage.createMethodCall(
            self.SERVICE, self.PATH, "org.freedesktop.DBus.Properties", method
        )
        message.setArguments(list(args))
        reply = self.bus.call(message)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            log.warning("Mutter %s failed: %s", method, reply.errorMessage())
            return None
        return list(reply.arguments())

    def set_on(self, on: bool) -> bool:
        from PySide6.QtDBus import QDBusVariant

        mode = QDBusVariant(DPMS_ON if on else DPMS_OFF)
        return self._call("Set", self.SERVICE, "PowerSaveMode", mode) is not None

    def is_off(self) -> bool | None:
        reply = self._call("Get", self.SERVICE, "PowerSaveMode")
        if not reply:
            return None
        value = reply[0]
        value = getattr(value, "variant", lambda: value)()
        return value not in (DPMS_ON, None)


def choose_display_power(
    mode: str = "auto",
    off_command: str | None = None,
    on_command: str | None = None,
    *,
    platform: str = "",
    factories: dict[str, Callable[[], DisplayPower]] | None = None,
) -> DisplayPower:
    """The backend to use (see the module docstring); never raises."""
    makers: dict[str, Callable[[], DisplayPower]] = factories or {
        "command": lambda: _command(off_command, on_command),
        "gnome": GnomeDisplayPower,
        "x11": X11Dpms,
    }
    if mode == "none":
        return NoDisplayPower()
    order = (
        [mode]
        if mode != "auto"
        else ["command", "gnome"] + (["x11"] if platform in ("xcb", "") else [])
    )
    reasons = []
    for name in order:
        try:
            backend = makers[name]()
        except (OSError, ImportError, ValueError) as error:
            reasons.append(f"{name}: {error}")
            continue
        log.info("display power: %s", backend.name)
        return backend
    log.warning(
        "cannot switch the display off at closing (%s); the screen stays black instead",
        "; ".join(reasons) or "no way known here",
    )
    return NoDisplayPower()


def _command(off: str | None, on: str | None) -> DisplayPower:
    if not off or not on:
        raise ValueError("display_off_command and display_on_command are not both set")
    return CommandDisplayPower(off, on)


_ERROR_HANDLER_TYPE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _library(name: str) -> ctypes.CDLL | None:
    for candidate in (f"lib{name}.so.6", ctypes.util.find_library(name)):
        if not candidate:
            continue
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    return None
