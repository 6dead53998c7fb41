"""Rules that claim the same time: what `revkiosk check` warns about.

Only rules that compete are compared — those of the same kind (weekly, period, one-off) on a
day where that kind makes the day's plan, and hours running on past midnight against the next
day's plan. A one-off day replacing the weekly hours is the point of one-off days, not an
overlap. The days looked at: one whole leap year (every weekday on every date), the one-off
dates written, and the days of each dated period (up to three years of it).
"""

from __future__ import annotations

from datetime import date, timedelta

from revkiosk.deck.model import Problem
from revkiosk.schedule.model import DAY_NAMES, ONE_OFF, WEEKLY, Hours, Rule, Schedule, clock_text

REFERENCE_YEAR = 2028  # a leap year starting on a Saturday
MAX_PERIOD_DAYS = 3 * 366
FULL_DAY = Hours(0, 1440)


def days_to_check(schedule: Schedule) -> list[date]:
    days = {date(REFERENCE_YEAR, 1, 1) + timedelta(days=n) for n in range(366)}
    for rule in schedule.rules:
        for day in rule.dates:
            if day.year is not None:
                days.add(date(day.year, day.month, day.day))
        if rule.period is not None and rule.period[0].year is not None:
            first, last = rule.period
            start = date(first.year, first.month, first.day)  # type: ignore[arg-type]
            stop = date(last.year, last.month, last.day)  # type: ignore[arg-type]
            span = min((stop - start).days, MAX_PERIOD_DAYS)
            days.update(start + timedelta(days=n) for n in range(span + 1))
    return sorted(days)


def _day_parts(rule: Rule) -> list[tuple[int, int]]:
    """The minutes a rule claims on its own day, as [start, end) pairs."""
    if rule.closed:
        return [(0, 1440)]
    return [(h.start, 1440 if h.overnight else h.end) for h in rule.hours]


def _first_shared(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> tuple[int, int] | None:
    shared = [
        (max(s1, s2), min(e1, e2)) for s1, e1 in a for s2, e2 in b if max(s1, s2) < min(e1, e2)
    ]
    return min(shared) if shared else None


def find_overlaps(schedule: Schedule) -> list[Problem]:
    """One warning per pair of rules that claim the same time somewhere."""
    reported: dict[tuple[int, int], Problem] = {}
    for day in days_to_check(schedule):
        plan = schedule.plan(day)
        for i, first in enumerate(plan):
            for second in plan[i + 1 :]:
                key = (id(first), id(second))
                if key in reported:
                    continue
                shared = _first_shared(_day_parts(first), _day_parts(second))
                if shared is not None:
                    reported[key] = _warning(second, first, day, shared)
        yesterday = [r for r in schedule.plan(day - timedelta(days=1)) if not r.closed]
        for late in yesterday:
            spill = [(0, h.end) for h in late.hours if h.overnight]
            for rule in plan:
                key = (id(late), id(rule))
                if not spill or key in reported or rule is late:
                    continue
                shared = _first_shared(spill, _day_parts(rule))
                if shared is not None:
                    reported[key] = Problem(
                        rule.location,
                        "warning",
                        f"overlaps the hours after midnight of {late.describe()} "
                        f"({_when(rule, day)} {_span(shared)}); those run on until "
                        f"{clock_text(shared[1])}, then this rule applies",
                    )
    return sorted(reported.values(), key=lambda p: p.location.line)


def _warning(later: Rule, earlier: Rule, day: date, shared: tuple[int, int]) -> Problem:
    return Problem(
        later.location,
        "warning",
        f"overlaps {earlier.describe()} ({_when(later, day)} {_span(shared)}); the rule listed "
        f"first wins, so this one does not apply then",
    )


def _when(rule: Rule, day: date) -> str:
    if rule.tier == WEEKLY:
        return f"on {DAY_NAMES[day.weekday()]}"
    if rule.tier == ONE_OFF and all(d.year is None for d in rule.dates):
        return f"on {day.month:02d}-{day.day:02d}"
    return f"on {day.isoformat()}"


def _span(shared: tuple[int, int]) -> str:
    return f"{clock_text(shared[0])}-{clock_text(shared[1])}"
