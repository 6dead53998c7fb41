"""The schedule in a real kiosk player: closing (display off, asleep), opening, deck switches."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from revkiosk.app import build_player
from revkiosk.kiosk.session import KioskSession
from revkiosk.kiosk.status import read_json, status_path
from revkiosk.settings import config_dir

BERLIN = ZoneInfo("Europe/Berlin")
DECK = """deck:
  title: {title}
  slide_seconds: 30
  kiosk: {{idle_seconds: 5, start_slide: 1}}
slides:
  - {{kind: title, title: {title}}}
  - {{kind: text, title: Two, body: hello}}
  - {{kind: text, title: Three, body: hello}}
"""
SCHEDULE = """\
timezone: Europe/Berlin
rules:
  - days: mon-fri
    hours: 09:00-17:00
    deck: weekday.yaml
  - days: sat, sun
    hours: 10:00-18:00
    deck: weekend.yaml
"""


class Clock:
    def __init__(self, text: str) -> None:
        self.set(text)

    def set(self, text: str) -> None:
        self.moment = datetime.fromisoformat(text).replace(tzinfo=BERLIN)

    def __call__(self) -> datetime:
        return self.moment


class FakeDisplay:
    name = "fake"

    def __init__(self) -> None:
        self.calls: list[bool] = []
        self.asleep = False

    def set_on(self, on: bool) -> bool:
        self.calls.append(on)
        self.asleep = not on
        return True

    def is_off(self) -> bool | None:
        return self.asleep


def _settings(text: str) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "settings.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A kiosk on `weekday.yaml` with the schedule above; start it with `run(clock)`."""
    for name in ("weekday", "weekend"):
        (tmp_path / f"{name}.yaml").write_text(DECK.format(title=name), encoding="utf-8")
    (tmp_path / "schedule.yaml").write_text(SCHEDULE, encoding="utf-8")
    _settings(f"schedule: {tmp_path / 'schedule.yaml'}\nstatistics: false\n")
    sessions: list[KioskSession] = []

    def run(clock: Clock) -> tuple[KioskSession, FakeDisplay]:
        player = build_player(["--kiosk", str(tmp_path / "weekday.yaml")])
        qtbot.addWidget(player.window)
        player.window.show()
        session = KioskSession(player, clock=clock, time_scale=0.02)
        display = FakeDisplay()
        session.closing.display = display
        session.start()
        sessions.append(session)
        return session, display

    yield run
    for session in sessions:
        session.stop()
        session.guard.is_exiting = True


def test_started_at_night_it_sleeps_then_opens_in_the_morning(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    clock = Clock("2026-05-08 07:00")  # a Friday; the machine boots before opening
    session, display = kiosk(clock)
    player = session.player
    assert display.calls == [False], "the display is switched off"
    assert player.navigator.blank == "black" and not session.attract.attracting
    assert player.window.stage.current_view() is None, "nothing runs behind the black"
    with qtbot.waitSignal(player.window.first_slide_painted, timeout=3000):
        pass  # the black screen counts as the first paint: the log file opens, and so on
    qtbot.keyClick(player.window, Qt.Key.Key_Right)
    qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)
    assert player.navigator.blank == "black" and player.navigator.index == 0, "input ignored"
    session.write_status()
    status = read_json(status_path())
    assert status is not None and status["open"] is False
    assert status["next_change"] == "2026-05-08 09:00 CEST: open, weekday.yaml"

    clock.set("2026-05-08 09:00")
    session.gate.check()
    assert display.calls == [False, True], "and on again at opening"
    assert player.navigator.blank is None and session.attract.attracting
    assert player.navigator.index == 0 and player.window.stage.current_view() is not None


def test_closing_and_a_weekend_deck_next_morning(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    clock = Clock("2026-05-08 16:59")
    session, display = kiosk(clock)
    player = session.player
    assert display.calls == [] and player.deck_path.name == "weekday.yaml"
    clock.set("2026-05-08 17:00")
    session.gate.check()
    assert display.calls == [False] and player.navigator.blank == "black"
    qtbot.wait(100)  # the night passes: the dropped views are really deleted
    clock.set("2026-05-09 10:00")
    session.gate.check()
    assert display.calls == [False, True]
    assert player.deck_path.name == "weekend.yaml", "switched through the Show's load()"
    session.write_status()
    assert read_json(status_path())["deck"] == str(player.deck_path)
    assert player.deck is not None and player.deck.info.title == "weekend"
    assert session.attract.attracting and player.navigator.index == 0


def test_a_deck_switch_waits_for_the_visitor_to_leave(qtbot: QtBot, kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "schedule.yaml").write_text(
        SCHEDULE.replace(
            "09:00-17:00\n    deck: weekday.yaml",
            "09:00-12:00\n    deck: weekday.yaml\n"
            "  - days: mon-fri\n    hours: 12:00-17:00\n    deck: weekend.yaml",
        ),
        encoding="utf-8",
    )  # fmt: skip
    clock = Clock("2026-05-08 11:59")
    session, display = kiosk(clock)
    player = session.player
    qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)  # a visitor arrives
    qtbot.keyClick(player.window, Qt.Key.Key_Right)
    clock.set("2026-05-08 12:00")
    session.gate.check()
    assert player.deck_path.name == "weekday.yaml" and player.navigator.index == 1, (
        "the visitor keeps the deck they are reading"
    )
    with qtbot.waitSignal(session.attract.went_idle, timeout=3000):
        pass
    assert player.deck_path.name == "weekend.yaml"
    assert player.navigator.index == 0 and session.attract.attracting
    assert display.calls == [], "open all along"


def test_a_touch_at_night_that_woke_the_panel_is_put_back_to_sleep(kiosk) -> None:  # type: ignore[no-untyped-def]
    session, display = kiosk(Clock("2026-05-08 22:00"))
    display.asleep = False  # X11 wakes the panel on any input
    session.closing._on_reassert_timeout()
    assert display.calls == [False, False]


def test_opening_hours_setting_still_works(qtbot: QtBot, tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK.format(title="one"), encoding="utf-8")
    _settings('opening_hours: "mon-fri 09:00-17:00"\nstatistics: false\n')
    player = build_player(["--kiosk", str(deck)])
    qtbot.addWidget(player.window)
    session = KioskSession(player, clock=Clock("2026-05-09 12:00"))  # Saturday: closed
    session.closing.display = FakeDisplay()
    session.start()
    try:
        assert not session.closing.is_open and player.navigator.blank == "black"
    finally:
        session.stop()
        session.guard.is_exiting = True


def test_a_broken_schedule_keeps_the_kiosk_open_and_tells_the_technician(
    qtbot: QtBot, tmp_path: Path
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK.format(title="one"), encoding="utf-8")
    (tmp_path / "schedule.yaml").write_text("rules:\n  - hours: 25:00-26:00\n", encoding="utf-8")
    _settings(f"schedule: {tmp_path / 'schedule.yaml'}\nstatistics: false\n")
    player = build_player(["--kiosk", str(deck)])
    qtbot.addWidget(player.window)
    session = KioskSession(player, clock=Clock("2026-05-09 03:00"))
    session.start()
    try:
        assert session.closing.is_open and player.navigator.blank is None
        assert not player.window.is_shown("notice"), "visitors are not told"
        session.write_status()
        status = read_json(status_path())
        assert status is not None and status["open"] is True
        assert (
            "schedule" in status["last_error"]
            and "stays on around the clock" in (status["last_error"])
        )
    finally:
        session.stop()
        session.guard.is_exiting = True
