"""The `opening_hours` setting, kept as a one-line shorthand for a schedule.

`opening_hours: "mon-fri 09:00-17:00; sat,sun 10:00-18:00"` in settings.yaml means the same as a
schedule file with one weekly rule per group, all playing the kiosk's own deck: the kiosk has
one mechanism (schedule/engine.py), and existing settings keep working unchanged. Groups are
separated by `;`, each an optional day list and one or more ranges; days not listed are closed;
a range must end after it starts (late nights past midnight need a schedule file).
"""

from __future__ import annotations

from pathlib import Path

from revkiosk.deck.model import Location
from revkiosk.schedule.model import ALL_DAYS, Rule, Schedule
from revkiosk.schedule.values import ValueProblem, parse_days, parse_hours_list
from revkiosk.schedule.zones import local_zone


def opening_hours_schedule(text: str, source: Path) -> Schedule:
    """The schedule `text` stands for; ValueError (starting "opening_hours:") saying what is
    wrong. `source` (settings.yaml) is where messages point."""
    rules = []
    for group in filter(None, (g.strip() for g in text.split(";"))):
        digit = next((i for i, c in enumerate(group) if c.isdigit()), len(group))
        days_text, hours_text = group[:digit].strip(), group[digit:]
        try:
            days = parse_days(days_text) if days_text else ALL_DAYS
            ranges = parse_hours_list(hours_text)
        except ValueProblem as problem:
            raise ValueError(f"opening_hours: {problem.message} in {group!r}") from None
        for hours, _ in ranges:
            if hours.overnight and hours.end != 0:
                raise ValueError(
                    f"opening_hours: {hours} ends before it starts in {group!r} (split overnight "
                    "hours over two days, or use a schedule file)"
                )
        rules.append(Rule(Location(source, 1, 1), days, hours=tuple(h for h, _ in ranges)))
    if not rules:
        raise ValueError(f"opening_hours: no opening times in {text!r}")
    zone, name = local_zone()
    return Schedule(source, zone, name, tuple(rules))
