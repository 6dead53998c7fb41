"""The schedule's clock in the kiosk: opening, closing, deck switches, edits of the file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from revkiosk.kiosk.gate import ScheduleGate, schedule_source
from revkiosk.settings import Settings

SCHEDULE = """\
timezone: Europe/Berlin
rules:
  - days: mon-fri
    hours: 09:00-17:00
    deck: story.yaml
  - days: sat, sun
    hours: 10:00-18:00
    deck: kids.yaml
"""


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def schedule_file(tmp_path: Path) -> Path:
    for name in ("story.yaml", "kids.yaml"):
        (tmp_path / name).write_text("deck\n", encoding="utf-8")
    path = tmp_path / "schedule.yaml"
    path.write_text(SCHEDULE, encoding="utf-8")
    return path


def berlin(text: str) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/Berlin"))


def test_opening_closing_and_switching_decks(qtbot: QtBot, schedule_file: Path) -> None:
    clock = Clock(berlin("2026-05-08 08:59"))  # a Friday
    gate = ScheduleGate(schedule_file, clock=clock)
    gate.start()
    assert not gate.is_open
    with qtbot.assertNotEmitted(gate.slot_changed):
        gate.check()
    clock.moment = berlin("2026-05-08 09:00")
    with qtbot.waitSignal(gate.slot_changed, timeout=1000) as opened:
        gate.check()
    assert opened.args[0].open and opened.args[0].deck.name == "story.yaml"
    clock.moment = berlin("2026-05-08 17:00")
    with qtbot.waitSignal(gate.slot_changed, timeout=1000) as closed:
        gate.check()
    assert not closed.args[0].open
    clock.moment = berlin("2026-05-09 10:00")
    with qtbot.waitSignal(gate.slot_changed, timeout=1000) as weekend:
        gate.check()
    assert weekend.args[0].deck.name == "kids.yaml"


def test_the_timer_wakes_at_the_next_change(qtbot: QtBot, schedule_file: Path) -> None:
    clock = Clock(berlin("2026-05-08 08:59:59.500"))
    gate = ScheduleGate(schedule_file, clock=clock)
    gate.start()
    assert 400 <= gate._timer.interval() <= 600, "wakes at 09:00, not half a minute later"
    clock.moment = berlin("2026-05-08 12:00")
    gate.check()
    assert gate._timer.interval() == 30_000, "otherwise every 30 s (clock jumps, file edits)"
    gate.stop()


def test_an_edited_file_is_reread_and_a_broken_edit_keeps_the_last_good(
    qtbot: QtBot, schedule_file: Path
) -> None:
    clock = Clock(berlin("2026-05-08 08:30"))
    gate = ScheduleGate(schedule_file, clock=clock)
    gate.start()
    assert not gate.is_open
    schedule_file.write_text(SCHEDULE.replace("09:00-17:00", "08:00-17:00"), encoding="utf-8")
    with qtbot.waitSignal(gate.slot_changed, timeout=1000):
        gate.check()
    assert gate.is_open
    schedule_file.write_text(SCHEDULE.replace("09:00-17:00", "08:00-17:00x"), encoding="utf-8")
    with qtbot.waitSignal(gate.problems_found, timeout=1000) as broken:
        gate.check()
    assert "schedule.yaml:4:12: error: hours:" in broken.args[0][0]
    assert gate.is_open, "the last good schedule stays in force"


def test_a_broken_file_at_start_leaves_the_kiosk_open(schedule_file: Path) -> None:
    schedule_file.write_text("rules: [\n", encoding="utf-8")
    gate = ScheduleGate(schedule_file, clock=Clock(datetime(2026, 5, 8, 2, 0, tzinfo=UTC)))
    gate.start()
    assert gate.is_open and gate.schedule is None
    assert gate.problems and "YAML syntax" in gate.problems[0]


def test_where_the_schedule_comes_from(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert schedule_source(Settings()) is None
    source = schedule_source(Settings(opening_hours="09:00-17:00"))
    assert source is not None and not isinstance(source, Path)
    assert caplog.text == ""
    source = schedule_source(Settings(schedule=str(tmp_path / "s.yaml"), opening_hours="9-5"))
    assert source == tmp_path / "s.yaml"
    assert "opening_hours is ignored: the schedule file says when the kiosk opens" in caplog.text
    caplog.clear()
    assert schedule_source(Settings(opening_hours="9-5")) is None
    assert "stays on around the clock" in caplog.text
    assert caplog.records[0].levelname == "ERROR", "an error reaches status.json's last_error"


def test_without_a_schedule_the_kiosk_is_always_open(qtbot: QtBot) -> None:
    gate = ScheduleGate(None, clock=lambda: datetime(2026, 5, 8, 3, 0, tzinfo=UTC))
    assert gate.is_open
    with qtbot.assertNotEmitted(gate.slot_changed):
        gate.check()
    assert gate.next_change() is None
    assert gate._timer.interval() == 30_000
    gate.stop()
