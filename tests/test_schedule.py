"""The schedule without Qt: who plays when, midnight, closed days, overlaps, daylight saving."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from revkiosk.schedule.engine import next_change, state_at
from revkiosk.schedule.hours import opening_hours_schedule
from revkiosk.schedule.load import load_schedule
from revkiosk.schedule.model import Schedule

BERLIN = ZoneInfo("Europe/Berlin")
REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, rules: str, top: str = "timezone: Europe/Berlin\n") -> Schedule:
    for name in ("story.yaml", "kids.yaml", "night.yaml"):
        (tmp_path / name).write_text("not checked here\n", encoding="utf-8")
    path = tmp_path / "schedule.yaml"
    path.write_text(top + "rules:\n" + rules, encoding="utf-8")
    return load_schedule(path)


def at(text: str) -> datetime:
    """A Berlin wall time that exists once (tests of odd times build their moments by hand)."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def deck_at(schedule: Schedule, moment: datetime) -> str | None:
    slot = state_at(schedule, moment)
    if not slot.open:
        return None
    return slot.deck.name if slot.deck else "own"


WEEK = """\
  - days: mon-fri
    hours: 09:00-17:00
    deck: story.yaml
  - days: sat, sun
    hours: 10:00-18:00
    deck: kids.yaml
"""


def test_weekdays_and_hours(tmp_path: Path) -> None:
    schedule = write(tmp_path, WEEK)
    assert deck_at(schedule, at("2026-05-04 08:59")) is None  # a Monday
    assert deck_at(schedule, at("2026-05-04 09:00")) == "story.yaml"
    assert deck_at(schedule, at("2026-05-04 16:59")) == "story.yaml"
    assert deck_at(schedule, at("2026-05-04 17:00")) is None
    assert deck_at(schedule, at("2026-05-09 12:00")) == "kids.yaml"  # a Saturday
    when, slot = next_change(schedule, at("2026-05-08 17:30"))  # Friday evening
    assert when == at("2026-05-09 10:00") and slot.deck.name == "kids.yaml"


def test_midnight_same_deck_either_side_is_no_change(tmp_path: Path) -> None:
    schedule = write(
        tmp_path,
        """\
  - days: fri
    hours: 18:00-24:00
    deck: night.yaml
  - days: sat
    hours: 00:00-02:00
    deck: night.yaml
""",
    )
    assert deck_at(schedule, at("2026-05-08 23:59")) == "night.yaml"
    assert deck_at(schedule, at("2026-05-09 00:00")) == "night.yaml"
    when, slot = next_change(schedule, at("2026-05-08 23:00"))
    assert when == at("2026-05-09 02:00") and not slot.open, "no switch at midnight"


def test_hours_past_midnight_run_into_the_next_day(tmp_path: Path) -> None:
    schedule = write(
        tmp_path,
        WEEK
        + """\
  - date: 2026-05-16
    hours: 18:00-01:00
    deck: night.yaml
""",
    )
    assert deck_at(schedule, at("2026-05-16 12:00")) is None, "that day follows its own rule"
    assert deck_at(schedule, at("2026-05-16 23:30")) == "night.yaml"
    assert deck_at(schedule, at("2026-05-17 00:30")) == "night.yaml"
    assert deck_at(schedule, at("2026-05-17 01:00")) is None
    assert deck_at(schedule, at("2026-05-17 10:00")) == "kids.yaml"


def test_a_closed_day_beats_the_weekly_hours(tmp_path: Path) -> None:
    schedule = write(
        tmp_path,
        WEEK
        + """\
  - dates: [12-25, 2026-12-26]
    closed: true
""",
    )
    christmas = at("2026-12-25 12:00")  # a Friday
    slot = state_at(schedule, christmas)
    assert not slot.open and slot.rule is not None and slot.rule.location.line == 9
    assert deck_at(schedule, at("2027-12-25 12:00")) is None, "12-25 is every year"
    when, slot = next_change(schedule, christmas)
    assert when == at("2026-12-27 10:00") and slot.deck.name == "kids.yaml"


def test_a_one_off_day_with_short_hours_closes_early(tmp_path: Path) -> None:
    schedule = write(
        tmp_path,
        WEEK
        + """\
  - date: 2026-12-24
    hours: 09:00-14:00
""",
    )
    assert deck_at(schedule, at("2026-12-24 13:59")) == "own", "no deck: the kiosk's own"
    assert deck_at(schedule, at("2026-12-24 17:30")) is None
    assert deck_at(schedule, at("2026-12-23 16:30")) == "story.yaml"


def test_a_period_replaces_the_weekly_rules_on_the_days_it_covers(tmp_path: Path) -> None:
    schedule = write(
        tmp_path,
        WEEK
        + """\
  - from: 12-20
    to: 01-06
    days: mon-fri
    hours: 11:00-15:00
    deck: kids.yaml
""",
    )
    assert deck_at(schedule, at("2027-01-04 10:00")) is None  # a Monday in the holidays
    assert deck_at(schedule, at("2027-01-04 11:00")) == "kids.yaml"
    assert deck_at(schedule, at("2027-01-11 10:00")) == "story.yaml"  # term again
    assert deck_at(schedule, at("2027-01-02 10:00")) == "kids.yaml", "weekends keep theirs"


def test_overlapping_rules_first_listed_wins(tmp_path: Path) -> None:
    schedule = write(
        tmp_path,
        WEEK
        + """\
  - days: fri
    hours: 16:00-20:00
    deck: night.yaml
""",
    )
    assert deck_at(schedule, at("2026-05-08 16:30")) == "story.yaml"
    assert deck_at(schedule, at("2026-05-08 17:30")) == "night.yaml"
    (warning,) = schedule.warnings
    assert warning.location.line == 9 and warning.severity == "warning"
    assert "overlaps line 3: mon,tue,wed,thu,fri 09:00-17:00 (on fri 16:00-17:00)" in str(warning)


def test_spring_forward_a_time_that_does_not_exist(tmp_path: Path) -> None:
    """29 March 2026, Berlin: 02:00 CET becomes 03:00 CEST; 02:30 never happens."""
    schedule = write(
        tmp_path,
        """\
  - date: 2026-03-29
    hours: 02:30-05:00
    deck: night.yaml
""",
    )
    before = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)  # 01:59 CET
    assert deck_at(schedule, before) is None
    when, slot = next_change(schedule, before)
    assert when == datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "opens when the clocks jump"
    assert when.astimezone(BERLIN).strftime("%H:%M %Z") == "03:00 CEST"
    assert slot.deck.name == "night.yaml"
    when, _ = next_change(schedule, when)
    assert when.astimezone(BERLIN).strftime("%H:%M %Z") == "05:00 CEST"


def test_fall_back_a_time_that_happens_twice_counts_once(tmp_path: Path) -> None:
    """25 October 2026, Berlin: 03:00 CEST becomes 02:00 CET; 02:00-03:00 happens twice."""
    schedule = write(
        tmp_path,
        """\
  - date: 2026-10-25
    hours: 00:00-02:30
    deck: night.yaml
  - date: 2026-10-25
    hours: 02:30-06:00
    deck: story.yaml
""",
    )
    first_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST
    second_0200 = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)  # 02:00 CET, the repeat starts
    second_0215 = datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    assert deck_at(schedule, first_0230 - (second_0200 - first_0230)) == "night.yaml"
    assert deck_at(schedule, first_0230) == "story.yaml"
    assert deck_at(schedule, second_0200) == "story.yaml", "no switch back in the repeated hour"
    assert deck_at(schedule, second_0215) == "story.yaml"
    when, slot = next_change(schedule, datetime(2026, 10, 24, 22, 0, tzinfo=UTC))
    assert when == first_0230 and slot.deck.name == "story.yaml"
    when, slot = next_change(schedule, first_0230)
    assert when.astimezone(BERLIN).strftime("%H:%M %Z") == "06:00 CET" and not slot.open


def test_open_around_the_clock_has_no_next_change(tmp_path: Path) -> None:
    schedule = write(tmp_path, "  - hours: 00:00-24:00\n")
    assert deck_at(schedule, at("2026-05-04 03:00")) == "own"
    assert next_change(schedule, at("2026-05-04 03:00")) is None


def test_the_example_schedule_is_clean_and_plays_what_it_says() -> None:
    schedule = load_schedule(REPO / "slides" / "schedule.example.yaml")
    assert schedule.warnings == ()
    assert deck_at(schedule, at("2026-05-05 10:00")) == "deep-learning-revolution.yaml"
    assert deck_at(schedule, at("2026-05-04 10:00")) is None, "closed on Mondays"
    assert deck_at(schedule, at("2026-05-09 13:30")) is None, "weekend lunch break"
    assert deck_at(schedule, at("2026-05-09 14:00")) == "example.yaml"
    assert deck_at(schedule, at("2026-07-07 19:30")) == "deep-learning-revolution.yaml"
    assert deck_at(schedule, at("2026-12-24 17:30")) is None
    assert deck_at(schedule, at("2026-12-25 12:00")) is None


@pytest.mark.parametrize(
    ("text", "when", "is_open"),
    [
        ("09:00-17:00", "2026-03-04 08:59", False),
        ("09:00-17:00", "2026-03-04 09:00", True),
        ("09:00-17:00", "2026-03-04 17:00", False),
        ("mon-fri 09:00-17:00; sat 10:00-12:00,13:00-24:00", "2026-03-07 12:30", False),
        ("mon-fri 09:00-17:00; sat 10:00-12:00,13:00-24:00", "2026-03-07 23:59", True),
        ("mon-fri 09:00-17:00", "2026-03-08 12:00", False),  # a Sunday
        ("fri-mon 10:00-11:00", "2026-03-08 10:30", True),  # wraps over the weekend
        ("sat, sun 10:00-18:00", "2026-03-08 10:30", True),
    ],
)
def test_the_opening_hours_setting_is_a_schedule_too(
    text: str, when: str, is_open: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    schedule = opening_hours_schedule(text, Path("settings.yaml"))
    assert state_at(schedule, at(when)).open is is_open


@pytest.mark.parametrize(
    ("text", "reason"),
    [("9-5", "time range"), ("mon-fry 09:00-17:00", "not a day"), ("18:00-09:00", "overnight")],
)
def test_bad_opening_hours_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        opening_hours_schedule(text, Path("settings.yaml"))
