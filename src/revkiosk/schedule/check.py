"""What `revkiosk check` asks of a schedule file: is it one, is it right, which decks it names."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from revkiosk.deck.model import Problem
from revkiosk.deck.yaml_safe import YamlProblem, compose, read_text
from revkiosk.schedule.load import ScheduleUnreadable, read_schedule


def looks_like_schedule(path: Path) -> bool:
    """A file whose top level has `rules:` and no `slides:` is a schedule, not a deck."""
    try:
        root, _ = compose(read_text(path))
    except (OSError, YamlProblem):
        return False
    if not isinstance(root, MappingNode):
        return False
    keys = {key.value for key, _ in root.value if isinstance(key, ScalarNode)}
    return "rules" in keys and "slides" not in keys


def check_schedule(path: Path) -> tuple[int, list[Problem]]:
    """For `revkiosk check`: (0 clean, 1 errors, 2 unreadable) and the problems."""
    try:
        schedule, problems, _ = read_schedule(path)
    except ScheduleUnreadable as error:
        return 2, list(error.problems)
    return (0 if schedule is not None else 1), problems


def scheduled_decks(path: Path) -> list[Path]:
    """The deck files a schedule names that exist (even if the schedule has other errors)."""
    try:
        return list(dict.fromkeys(read_schedule(path)[2]))
    except ScheduleUnreadable:
        return []
