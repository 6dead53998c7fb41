"""The kiosk's clock for the schedule: says when the museum opens, closes or changes deck.

`ScheduleGate` asks the schedule (schedule/engine.py) what should happen now and emits
`slot_changed` only when that really changes. It wakes at the exact moment of the next change
and at least every 30 s besides, so a clock set by NTP, a suspend or an edit of the schedule
file is noticed within half a minute. An edited schedule file is re-read when it changes on
disk; a broken edit is reported (`problems_found`) and the last good schedule stays in force.

Where the schedule comes from (`schedule_source`): `schedule:` in settings.yaml (a file),
else `opening_hours:` (the one-line shorthand), else nothing — open around the clock.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from revkiosk.schedule.engine import Slot, next_change, state_at
from revkiosk.schedule.hours import opening_hours_schedule
from revkiosk.schedule.load import ScheduleError, load_schedule
from revkiosk.schedule.model import Schedule
from revkiosk.settings import Settings, settings_path

log = logging.getLogger(__name__)

RECHECK_MS = 30_000
ALWAYS_OPEN = Slot(True)


def utc_now() -> datetime:
    return datetime.now(UTC)


def schedule_source(settings: Settings) -> Schedule | Path | None:
    """A schedule, a schedule file to watch, or None (open around the clock); what is wrong
    with the settings is logged (and so reaches the status file's `last_error`), never shown
    to visitors."""
    if settings.schedule:
        if settings.opening_hours:
            log.warning("opening_hours is ignored: the schedule file says when the kiosk opens")
        path = Path(settings.schedule).expanduser()
        return path if path.is_absolute() else settings_path().parent / path
    if settings.opening_hours:
        try:
            return opening_hours_schedule(settings.opening_hours, settings_path())
        except ValueError as error:
            log.error("%s; the kiosk stays on around the clock", error)
    return None


class ScheduleGate(QObject):
    """Emits `slot_changed(Slot)` when the kiosk should open, close or switch decks."""

    slot_changed = Signal(object)
    problems_found = Signal(list)  # list[str]: the schedule file has errors; the last good stays

    def __init__(
        self,
        source: Schedule | Path | None,
        *,
        clock: Callable[[], datetime] = utc_now,
        recheck_ms: int = RECHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._recheck_ms = recheck_ms
        self.path = source if isinstance(source, Path) else None
        self.schedule = source if isinstance(source, Schedule) else None
        self._stamp: tuple[float, int] | None = None
        self._next: datetime | None = None
        self.problems: list[str] = []
        self.slot = self._compute()  # a file is read by start()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.check)

    @property
    def is_open(self) -> bool:
        return self.slot.open

    def start(self) -> None:
        """Read the schedule file (its problems go to the log, which the kiosk's status file
        copies by then), work out what should happen now (`slot`) and follow the clock."""
        if self.path is not None:
            self._reload(initial=True)
        self.slot = self._compute()
        self._arm()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        """Re-read the clock (and the file, if edited); emit if the kiosk must change."""
        if self.path is not None and self._file_stamp() != self._stamp:
            self._reload(initial=False)
        slot = self._compute()
        if not slot.same_as(self.slot):
            self.slot = slot
            self._next = None
            log.info("schedule: %s", _describe(slot))
            self.slot_changed.emit(slot)
        else:
            self.slot = slot
        self._arm()

    def next_change(self) -> tuple[datetime, Slot] | None:
        if self.schedule is None:
            return None
        return next_change(self.schedule, self._clock())

    # -- internals --------------------------------------------------------------------------
    def _compute(self) -> Slot:
        return ALWAYS_OPEN if self.schedule is None else state_at(self.schedule, self._clock())

    def _arm(self) -> None:
        wait = self._recheck_ms
        now = self._clock()
        if self.schedule is not None:
            if self._next is None or self._next <= now:
                change = next_change(self.schedule, now)
                self._next = change[0] if change else None
            if self._next is not None:
                wait = min(wait, max(0, int((self._next - now).total_seconds() * 1000) + 20))
        self._timer.start(wait)

    def _file_stamp(self) -> tuple[float, int] | None:
        assert self.path is not None
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_mtime, info.st_size

    def _reload(self, *, initial: bool) -> None:
        assert self.path is not None
        self._stamp = self._file_stamp()
        self._next = None
        try:
            schedule = load_schedule(self.path)
        except ScheduleError as error:
            self.problems = [str(p) for p in error.problems if p.severity == "error"]
            keeping = (
                "the kiosk stays on around the clock"
                if self.schedule is None
                else ("the last good schedule stays in force")
            )
            for problem in self.problems:
                log.error("%s", problem)
            log.error("schedule %s not used: %s", self.path, keeping)
            if not initial:
                self.problems_found.emit(self.problems)
            return
        for warning in schedule.warnings:
            log.warning("%s", warning)
        self.schedule = schedule
        self.problems = []
        if not initial:
            log.info("schedule %s re-read", self.path)


def _describe(slot: Slot) -> str:
    where = f" (rule at {slot.rule.describe()})" if slot.rule else ""
    if not slot.open:
        outside = slot.rule is not None and not slot.rule.closed
        return f"closed (outside the hours of {where[2:-1]})" if outside else f"closed{where}"
    return f"open, playing {slot.deck or 'the kiosk deck'}{where}"


__all__ = ["ALWAYS_OPEN", "ScheduleGate", "schedule_source"]
