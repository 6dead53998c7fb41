"""`load_schedule(path) -> Schedule`: read a schedule file, or say everything wrong with it.

Read with the project's bounded, safe YAML reader (deck/yaml_safe.py), so a schedule gets the
same protection as a deck and every problem its `file:line:col`. Values are taken from the text
as written, never from YAML's guesses (`9:00` is not the number 540 here). Every problem is
collected before one `ScheduleError` is raised; overlapping rules are warnings (schedule/model.py
says who wins).
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from revkiosk.deck.model import Location, Problem, Severity
from revkiosk.deck.yaml_safe import YamlProblem, compose, read_text
from revkiosk.schedule.model import ALL_DAYS, DayOfYear, Hours, Rule, Schedule, ScheduleError
from revkiosk.schedule.values import (
    ValueProblem,
    item_at,
    offset_in_item,
    overnight_warning,
    parse_day_of_year,
    parse_days,
    parse_hours_list,
)
from revkiosk.schedule.zones import local_zone, named_zone

TOP_KEYS = ("timezone", "deck", "rules")
RULE_KEYS = ("days", "hours", "date", "dates", "from", "to", "closed", "deck", "note")
_STD = "tag:yaml.org,2002:"
Period = tuple[DayOfYear, DayOfYear] | None


class ScheduleUnreadable(ScheduleError):
    """The file itself cannot be read (missing, a folder, permission): `check` exits 2."""


def load_schedule(path: Path | str) -> Schedule:
    """Load and check a schedule file; raises ScheduleError listing every problem."""
    schedule, problems, _ = read_schedule(Path(path))
    if schedule is None:
        raise ScheduleError(problems)
    return schedule


def read_schedule(path: Path) -> tuple[Schedule | None, list[Problem], list[Path]]:
    """(the schedule or None, every problem in line order, the deck files it names)."""
    try:
        text = read_text(path)
    except YamlProblem as problem:
        where = Location(path, problem.line, problem.column)
        return None, [Problem(where, "error", problem.message)], []
    except OSError as error:
        reason = "no such file" if isinstance(error, FileNotFoundError) else error.strerror
        message = f"cannot read the schedule: {reason}"
        raise ScheduleUnreadable([Problem(Location(path, 1, 1), "error", message)]) from None
    reader = _Reader(path)
    try:
        root, refused = compose(text)
    except YamlProblem as problem:
        where = Location(path, problem.line, problem.column)
        return None, [Problem(where, "error", problem.message)], []
    for tag_problem in refused:
        where = Location(path, tag_problem.line, tag_problem.column)
        reader.problems.append(Problem(where, "error", tag_problem.message))
    schedule = reader.read(root)
    problems = sorted(reader.problems, key=lambda p: (p.location.line, p.location.column))
    if schedule is None or any(p.severity == "error" for p in problems):
        return None, problems, reader.decks
    from revkiosk.schedule.overlaps import find_overlaps

    problems = sorted(problems + find_overlaps(schedule), key=lambda p: p.location.line)
    return replace(schedule, warnings=tuple(problems)), problems, reader.decks


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.decks: list[Path] = []

    def loc(self, node: Node | None, line: int = 1, column: int = 1, offset: int = 0) -> Location:
        if node is None or node.start_mark is None:
            return Location(self.path, line, column)
        mark = node.start_mark
        column = mark.column + 1
        if offset and isinstance(node, ScalarNode) and "\n" not in node.value[:offset]:
            column += offset + (1 if node.style in ("'", '"') else 0)
        return Location(self.path, mark.line + 1, column)

    def add(
        self, node: Node | None, message: str, severity: Severity = "error", offset: int = 0
    ) -> None:
        self.problems.append(Problem(self.loc(node, offset=offset), severity, message))

    # -- structure --------------------------------------------------------------------------
    def entries(self, node: Node, keys: tuple[str, ...], what: str) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.add(node, f"{what}: expected keys and values ({', '.join(keys)})")
            return None
        found: dict[str, Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name not in keys:
                close = difflib.get_close_matches(str(name), keys, n=1, cutoff=0.6)
                hint = f' (did you mean "{close[0]}"?)' if close else f" (known: {', '.join(keys)})"
                self.add(key, f'{what}: unknown key "{name}"{hint}')
            elif name in found:
                self.add(key, f'{what}: "{name}" is given twice')
            else:
                found[name] = value
        return found

    def text(self, node: Node, what: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag != _STD + "null" and node.value.strip():
            return str(node.value)
        self.add(
            node, f"{what}: expected text, got {'nothing' if _empty(node) else 'a list or mapping'}"
        )
        return None

    def read(self, root: Node | None) -> Schedule | None:
        if root is None:
            self.add(
                None, "the schedule is empty: it needs rules: (see slides/schedule.example.yaml)"
            )
            return None
        top = self.entries(root, TOP_KEYS, "schedule")
        if top is None:
            return None
        zone, zone_name = local_zone()
        if "timezone" in top:
            name = self.text(top["timezone"], "timezone")
            if name is not None:
                try:
                    zone, zone_name = named_zone(name.strip()), name.strip()
                except ValueError as error:
                    self.add(top["timezone"], f"timezone: {error}")
        default = self.deck(top["deck"], "deck") if "deck" in top else None
        rules = self.rules(top.get("rules"), default, root)
        return Schedule(self.path, zone, zone_name, tuple(rules), default)

    def rules(self, node: Node | None, default: Path | None, root: Node) -> list[Rule]:
        if node is None or _empty(node):
            self.add(node or root, "rules: none given; the museum would never open")
            return []
        if not isinstance(node, SequenceNode):
            self.add(node, "rules: expected a list of rules (lines starting with -)")
            return []
        rules = [self.rule(item, default) for item in node.value]
        found = [rule for rule in rules if rule is not None]
        if found and all(rule.closed for rule in found):
            self.add(node, "rules: every rule says closed; the museum would never open", "warning")
        return found

    def rule(self, node: Node, default: Path | None) -> Rule | None:
        what = f"rule at line {node.start_mark.line + 1}"
        keys = self.entries(node, RULE_KEYS, "rule")
        if keys is None:
            return None
        errors = len(self.problems)
        days = self.days(keys["days"]) if "days" in keys else ALL_DAYS
        hours = self.hours(keys["hours"]) if "hours" in keys else ()
        closed = self.closed(keys["closed"]) if "closed" in keys else False
        deck = self.deck(keys["deck"], "deck") if "deck" in keys else None
        dates, period = self.when(keys, node)
        if closed and "hours" in keys:
            self.add(
                keys["hours"],
                "closed: true closes the whole day; to close early, give "
                "that day's hours instead (hours: 09:00-14:00)",
            )
        if closed and "deck" in keys:
            self.add(keys["deck"], "a closed rule plays no deck; remove deck: or closed:")
        if not closed and "hours" not in keys:
            self.add(
                node,
                f"{what}: say when it plays (hours: 09:00-17:00) or that the museum "
                "is closed (closed: true)",
            )
        if "note" in keys:
            self.text(keys["note"], "note")
        if len(self.problems) > errors and any(
            p.severity == "error" for p in self.problems[errors:]
        ):
            return None
        return Rule(
            self.loc(node),
            days,
            dates,
            period,
            hours,
            closed,
            None if closed else deck or default,
            keys["note"].value if "note" in keys else "",
        )

    # -- values -----------------------------------------------------------------------------
    def days(self, node: Node) -> frozenset[int]:
        text = self.joined(node, "days")
        if text is None:
            return ALL_DAYS
        try:
            return parse_days(text)
        except ValueProblem as problem:
            self.add(node, f"days: {problem.message}", offset=problem.offset)
            return ALL_DAYS

    def hours(self, node: Node) -> tuple[Hours, ...]:
        text = self.joined(node, "hours")
        if text is None:
            return ()
        try:
            found = parse_hours_list(text)
        except ValueProblem as problem:
            self.add(
                item_at(node, problem.offset),
                f"hours: {problem.message}",
                offset=offset_in_item(node, problem.offset),
            )
            return ()
        for hours, offset in found:
            warning = overnight_warning(hours)
            if warning:
                self.add(
                    item_at(node, offset),
                    f"hours: {warning}",
                    "warning",
                    offset=offset_in_item(node, offset),
                )
        return tuple(hours for hours, _ in found)

    def closed(self, node: Node) -> bool:
        if isinstance(node, ScalarNode) and node.tag == _STD + "bool":
            return node.value.lower() in ("true", "yes", "on")
        self.add(node, "closed: expected true or false")
        return False

    def deck(self, node: Node, what: str) -> Path | None:
        text = self.text(node, what)
        if text is None:
            return None
        path = Path(text.strip()).expanduser()
        path = path if path.is_absolute() else self.path.parent.absolute() / path
        if not path.is_file():
            state = "is a folder, not a deck file" if path.is_dir() else "not found"
            self.add(node, f'{what}: "{text.strip()}" {state} (looked for {path})')
            return None
        self.decks.append(path)
        return path

    def when(self, keys: dict[str, Node], node: Node) -> tuple[tuple[DayOfYear, ...], Period]:
        if "date" in keys and "dates" in keys:
            self.add(keys["dates"], 'give one-off days as either "date:" or "dates:", not both')
        one_off = keys.get("date") or keys.get("dates")
        dates = tuple(self.day_list(one_off)) if one_off is not None else ()
        if ("from" in keys) != ("to" in keys):
            given, missing = ("from", "to") if "from" in keys else ("to", "from")
            self.add(keys[given], f'{given}: a period needs "{missing}:" too')
            return dates, None
        if "from" not in keys:
            return dates, None
        first, last = self.day_of_year(keys["from"], "from"), self.day_of_year(keys["to"], "to")
        if one_off is not None:
            self.add(
                node,
                "one-off days (dates:) and a period (from:/to:) in one rule; "
                "split them into two rules",
            )
        if first is None or last is None:
            return dates, None
        if (first.year is None) != (last.year is None):
            self.add(
                keys["to"],
                "from: and to: must both have a year (2026-07-01) or both not (07-01, every year)",
            )
            return dates, None
        if first.year is not None and (first.year, *first.key()) > (last.year or 0, *last.key()):
            self.add(keys["to"], f"to: {last} is before from: {first}")
            return dates, None
        return dates, (first, last)

    def day_list(self, node: Node) -> list[DayOfYear]:
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for item in items:
            day = self.day_of_year(item, "dates")
            if day is not None:
                found.append(day)
        if not items:
            self.add(node, "dates: the list is empty")
        return found

    def day_of_year(self, node: Node, what: str) -> DayOfYear | None:
        text = self.text(node, what)
        if text is None:
            return None
        try:
            return parse_day_of_year(text)
        except ValueProblem as problem:
            self.add(node, f"{what}: {problem.message}")
            return None

    def joined(self, node: Node, what: str) -> str | None:
        """A scalar as written, or a list of scalars joined by commas."""
        if isinstance(node, SequenceNode):
            if not node.value or not all(isinstance(i, ScalarNode) for i in node.value):
                self.add(node, f"{what}: expected a list of texts")
                return None
            return ", ".join(item.value for item in node.value)
        return self.text(node, what)


def _empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and (node.tag == _STD + "null" or not node.value.strip())


__all__ = ["ScheduleError", "ScheduleUnreadable", "load_schedule", "read_schedule"]
