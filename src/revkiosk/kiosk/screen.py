"""Keep the screen on while the museum is open, and blank it when it is closed.

`ScreenSaverInhibitor` asks the desktop (org.freedesktop.ScreenSaver over D-Bus, which GNOME,
KDE, Xfce and most kiosk sessions implement) not to blank or lock while the show runs. Where
there is no such service — a bare X session, Windows, macOS — it logs how to do it by hand:
`xset s off -dpms` (X11), `systemd-inhibit --what=idle revkiosk kiosk` (systemd), or the OS's
power settings (see docs/KIOSK.md).

`OpeningHours` parses `settings.yaml`'s `opening_hours` ("09:00-17:00", or per day:
"mon-fri 09:00-17:00; sat,sun 10:00-18:00"); `OpeningHoursGate` checks it every 30 s and says
when the museum opens or closes so the kiosk can blank the screen (and let it sleep) at night.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


class ScreenSaverInhibitor:
    """Holds a screensaver inhibition cookie for as long as the show runs."""

    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self, reason: str = "revkiosk kiosk show") -> None:
        self.reason = reason
        self.cookie: int | None = None

    def inhibit(self) -> bool:
        """Ask the desktop not to blank; returns False (and logs what to do) if it cannot."""
        if self.cookie is not None:
            return True
        reply = self._call("Inhibit", "revkiosk", self.reason)
        if reply and isinstance(reply[0], int):
            self.cookie = int(reply[0])
            log.info("screensaver inhibited (cookie %d)", self.cookie)
            return True
        log.warning(
            "cannot inhibit the screensaver (no %s on the session bus); keep the screen on "
            "with `xset s off -dpms` (X11) or `systemd-inhibit --what=idle revkiosk kiosk`",
            self.SERVICE,
        )
        return False

    def release(self) -> None:
        """Let the screen sleep again (closing time, or leaving kiosk mode)."""
        if self.cookie is not None:
            self._call("UnInhibit", self.cookie)
            log.info("screensaver allowed again")
            self.cookie = None

    def _call(self, method: str, *args: object) -> list[object] | None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage
        except ImportError:  # Qt built without D-Bus (Windows, macOS wheels)
            return None
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        iface = QDBusInterface(self.SERVICE, self.PATH, self.SERVICE, bus)
        if not iface.isValid():
            return None
        reply = iface.call(method, *args)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            log.debug("%s.%s failed: %s", self.SERVICE, method, reply.errorMessage())
            return None
        return list(reply.arguments())


@dataclass(frozen=True)
class OpeningHours:
    """Open periods per weekday (0 = Monday) as (start, end) times; end may be 24:00."""

    periods: tuple[tuple[tuple[time, time | None], ...], ...]

    @classmethod
    def parse(cls, text: str) -> OpeningHours:
        """Parse "09:00-17:00" or "mon-fri 09:00-17:00; sat 10:00-13:00,14:00-18:00".

        Raises ValueError naming the part that is wrong. Days not mentioned are closed.
        """
        week: list[list[tuple[time, time | None]]] = [[] for _ in DAYS]
        for part in filter(None, (p.strip() for p in text.split(";"))):
            words = part.split()
            if len(words) == 1:
                days, ranges = list(range(7)), words[0]
            elif len(words) == 2:
                days, ranges = _parse_days(words[0]), words[1]
            else:
                raise ValueError(
                    f"opening_hours: cannot read {part!r} (e.g. 'mon-fri 09:00-17:00')"
                )
            for chunk in ranges.split(","):
                period = _parse_range(chunk)
                for day in days:
                    week[day].append(period)
        if not any(week):
            raise ValueError(f"opening_hours: no opening times in {text!r}")
        return cls(tuple(tuple(day) for day in week))

    def is_open(self, when: datetime) -> bool:
        now = when.time()
        return any(
            start <= now and (end is None or now < end)
            for start, end in self.periods[when.weekday()]
        )


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for item in text.lower().split(","):
        first, _, last = item.partition("-")
        if first[:3] not in DAYS or (last and last[:3] not in DAYS):
            raise ValueError(f"opening_hours: unknown day in {text!r} (use mon, tue, … sun)")
        a = DAYS.index(first[:3])
        b = DAYS.index(last[:3]) if last else a
        days += [d % 7 for d in range(a, b + 1 if b >= a else b + 8)]
    return days


def _parse_range(text: str) -> tuple[time, time | None]:
    match = _RANGE.match(text.strip())
    if not match:
        raise ValueError(f"opening_hours: {text!r} is not a time range like 09:00-17:30")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f"opening_hours: {text!r} has an impossible time")
    start, end = time(h1, m1), None if h2 == 24 else time(h2, m2)
    if end is not None and end <= start:
        raise ValueError(f"opening_hours: {text!r} ends before it starts (split overnight hours)")
    return start, end


class OpeningHoursGate(QObject):
    """Emits `open_changed(bool)` when the museum opens or closes (checked every 30 s)."""

    open_changed = Signal(bool)

    def __init__(
        self,
        hours: OpeningHours | None,
        *,
        clock: Callable[[], datetime] = datetime.now,
        interval_ms: int = 30_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.hours = hours
        self._clock = clock
        self.is_open = self._compute()
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        if hours is not None:
            self._timer.start()

    def _compute(self) -> bool:
        return True if self.hours is None else self.hours.is_open(self._clock())

    def check(self) -> None:
        """Re-read the clock; emit if the state changed."""
        value = self._compute()
        if value != self.is_open:
            self.is_open = value
            log.info("opening hours: %s", "open" if value else "closed, blanking the screen")
            self.open_changed.emit(value)
