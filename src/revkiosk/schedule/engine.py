"""What the schedule says at a moment, and when that next changes — daylight saving included.

Rules are written in wall-clock time; the kiosk lives in real moments. `state_at(moment)` turns
a moment into the schedule's wall time and asks the rules (schedule/model.py's precedence).
Two wall-clock oddities, each with one documented answer:

* **A time that does not exist** (clocks go forward, 02:00 → 03:00): nothing can happen at
  02:30, so a change written for 02:30 happens when the clocks jump, at 03:00.
* **A time that happens twice** (clocks go back, 03:00 → 02:00): a change happens the first
  time; during the repeated hour the schedule stays as it was at the end of the first pass, so
  a kiosk never switches back and forth.

`next_change(moment)` finds the first later moment whose answer differs, looking at most a
year ahead. Qt-free: the kiosk's timer and `revkiosk schedule --at` both use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from revkiosk.schedule.model import Rule, Schedule
from revkiosk.schedule.zones import offset_change_between

HORIZON_DAYS = 400


@dataclass(frozen=True)
class Slot:
    """What the kiosk does: play `deck` (None: the kiosk's own deck) or stay closed."""

    open: bool
    deck: Path | None = None
    rule: Rule | None = None  # the rule that decided (closed: the day's first rule, if any)

    def same_as(self, other: Slot) -> bool:
        """Whether switching from `other` to this changes anything on screen."""
        return self.open == other.open and (not self.open or self.deck == other.deck)


CLOSED = Slot(False)


def resolve(schedule: Schedule, wall: datetime) -> Slot:
    """The slot at a wall-clock time (naive, in the schedule's zone)."""
    minute = wall.hour * 60 + wall.minute
    for rule in schedule.plan(wall.date() - timedelta(days=1)):
        if not rule.closed and any(hours.spills_over(minute) for hours in rule.hours):
            return Slot(True, rule.deck, rule)  # late hours run on past midnight
    plan = schedule.plan(wall.date())
    for rule in plan:
        if rule.closed:
            return Slot(False, None, rule)
        if any(hours.covers(minute) for hours in rule.hours):
            return Slot(True, rule.deck, rule)
    return Slot(False, None, plan[0]) if plan else CLOSED  # outside the day's hours


def schedule_wall_time(schedule: Schedule, moment: datetime) -> datetime:
    """The wall time the rules are asked about at `moment` (see "happens twice" above)."""
    local = moment.astimezone(UTC).astimezone(schedule.zone)  # normalised, fold set
    wall = local.replace(tzinfo=None, fold=0)
    if local.fold == 1:
        earlier = local.replace(fold=0)
        shift = (earlier.utcoffset() or timedelta()) - (local.utcoffset() or timedelta())
        if shift > timedelta():
            start = moment - shift
            switch = offset_change_between(start, moment, schedule.zone)
            if switch is not None:  # the end of the first pass through the repeated hour
                first_pass_end = (switch - timedelta(microseconds=1)).astimezone(schedule.zone)
                return first_pass_end.replace(tzinfo=None, fold=0)
    return wall


def state_at(schedule: Schedule, moment: datetime) -> Slot:
    """What the kiosk does at an aware moment."""
    return resolve(schedule, schedule_wall_time(schedule, moment))


def next_change(schedule: Schedule, moment: datetime) -> tuple[datetime, Slot] | None:
    """The first moment after `moment` when the kiosk does something else, and what; None if
    nothing changes within a year (open around the clock, or closed for good)."""
    now = state_at(schedule, moment)
    boundaries = sorted(
        {
            minute
            for rule in schedule.rules
            for h in rule.hours
            for minute in (h.start, h.end % 1440)
        }
        | {0}
    )
    first_day = moment.astimezone(schedule.zone).date()
    for offset in range(HORIZON_DAYS + 1):
        day = first_day + timedelta(days=offset)
        for candidate in _candidates(schedule, day, boundaries):
            if candidate <= moment:
                continue
            slot = state_at(schedule, candidate)
            if not slot.same_as(now):
                return candidate, slot
    return None


def _candidates(schedule: Schedule, day: date, boundaries: list[int]) -> list[datetime]:
    """Moments on `day` where the answer may change: each rule boundary (both readings of a
    repeated time) and the moment the clocks change, if they do that day."""
    zone = schedule.zone
    found = set()
    for minute in boundaries:
        wall = datetime.combine(day, time(minute // 60, minute % 60))
        for fold in (0, 1):
            found.add(wall.replace(tzinfo=zone, fold=fold).astimezone(UTC))
    start = datetime.combine(day, time()).replace(tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time()).replace(tzinfo=zone)
    switch = offset_change_between(start, end.astimezone(UTC), zone)
    if switch is not None:
        found.add(switch)
    return sorted(found)
