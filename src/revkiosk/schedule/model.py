"""The schedule model: rules saying which deck plays (or that the museum is closed) when.

A rule applies on some days — every week (`days:`), within a period (`from:`/`to:`), or on
one-off days (`date:`/`dates:`, such as holidays) — and says either when the kiosk plays
(`hours:`, with an optional `deck:`) or that it is `closed:` all day.

Precedence, the same at run time as in `revkiosk schedule --at`:

1. Each day follows the most specific kind of rule that applies to it: one-off days beat
   periods, periods beat weekly rules. The chosen rules make the whole day's plan: where they
   give no hours, the museum is closed that day (a holiday with short hours closes early).
2. Within that plan, the rule listed first wins where two cover the same time (`revkiosk
   check` warns about such overlaps).
3. Hours running past midnight ("20:00-02:00") continue into the next day before that day's
   own plan starts.

Times are minutes after midnight in the schedule's time zone; 24:00 ends a day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path

from revkiosk.deck.model import Location, Problem

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAYS = frozenset(range(7))
WEEKLY, PERIOD, ONE_OFF = 1, 2, 3  # tiers: a higher tier's rules replace a lower's for a day
TIER_NAMES = {WEEKLY: "weekly", PERIOD: "period", ONE_OFF: "one-off day"}


@dataclass(frozen=True)
class Hours:
    """Open from `start` to `end` minutes after midnight; `end <= start` runs past midnight."""

    start: int
    end: int  # 1..1440

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def covers(self, minute: int) -> bool:
        """Whether the day's own part (up to midnight) covers `minute`."""
        return self.start <= minute < (1440 if self.overnight else self.end)

    def spills_over(self, minute: int) -> bool:
        """Whether the part after midnight (on the next day) covers `minute`."""
        return self.overnight and minute < self.end

    def __str__(self) -> str:
        return f"{clock_text(self.start)}-{clock_text(self.end)}"


@dataclass(frozen=True)
class DayOfYear:
    """A calendar day, either once (`year` set) or every year (`year` None: "12-25")."""

    month: int
    day: int
    year: int | None = None

    def key(self) -> tuple[int, int]:
        return (self.month, self.day)

    def matches(self, when: date) -> bool:
        if self.year is not None:
            return (when.year, when.month, when.day) == (self.year, self.month, self.day)
        return (when.month, when.day) == (self.month, self.day)

    def __str__(self) -> str:
        text = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{text}" if self.year is not None else text


@dataclass(frozen=True)
class Rule:
    """One entry of `rules:`; `deck` None plays the kiosk's own deck."""

    location: Location
    days: frozenset[int] = ALL_DAYS
    dates: tuple[DayOfYear, ...] = ()
    period: tuple[DayOfYear, DayOfYear] | None = None
    hours: tuple[Hours, ...] = ()
    closed: bool = False
    deck: Path | None = None
    note: str = ""

    @property
    def tier(self) -> int:
        return ONE_OFF if self.dates else PERIOD if self.period else WEEKLY

    def applies_on(self, when: date) -> bool:
        if when.weekday() not in self.days:
            return False
        if self.dates:
            return any(day.matches(when) for day in self.dates)
        if self.period is not None:
            return _in_period(when, *self.period)
        return True

    def describe(self) -> str:
        """How a technician would say it: 'line 12: sat,sun 10:00-13:00, 14:00-18:00'."""
        parts = []
        if self.dates:
            parts.append(", ".join(str(d) for d in self.dates))
        if self.period:
            parts.append(f"{self.period[0]} to {self.period[1]}")
        if self.days != ALL_DAYS:
            parts.append(",".join(DAY_NAMES[d] for d in sorted(self.days)))
        parts.append("closed" if self.closed else ", ".join(str(h) for h in self.hours))
        return f"line {self.location.line}: {' '.join(parts)}"


def _in_period(when: date, first: DayOfYear, last: DayOfYear) -> bool:
    if first.year is not None and last.year is not None:
        return (
            (first.year, first.month, first.day)
            <= (when.year, when.month, when.day)
            <= (last.year, last.month, last.day)
        )
    here = (when.month, when.day)
    if first.key() <= last.key():
        return first.key() <= here <= last.key()
    return here >= first.key() or here <= last.key()  # wraps over New Year: 12-20 to 01-06


@dataclass(frozen=True)
class Schedule:
    """A checked schedule file; `zone` is the time zone its hours are in."""

    path: Path
    zone: tzinfo
    zone_name: str
    rules: tuple[Rule, ...]
    default_deck: Path | None = None
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    def plan(self, when: date) -> list[Rule]:
        """The rules that make up `when`'s plan (the most specific tier that applies), in order."""
        applying = [rule for rule in self.rules if rule.applies_on(when)]
        if not applying:
            return []
        tier = max(rule.tier for rule in applying)
        return [rule for rule in applying if rule.tier == tier]

    def decks(self) -> list[Path]:
        """Every deck the schedule may play, once each, in the order written."""
        found = [self.default_deck] + [rule.deck for rule in self.rules]
        return list(dict.fromkeys(deck for deck in found if deck is not None))


class ScheduleError(Exception):
    """A schedule file could not be used; `problems` holds every error and warning found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(str(errors[0]) if errors else "schedule could not be loaded")


def clock_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
