"""Visitor statistics from a real kiosk player: a scripted visit, then `revkiosk stats`."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from stats_helpers import BERLIN, FakeClock

from revkiosk.app import build_player
from revkiosk.commands import stats
from revkiosk.kiosk.session import KioskSession
from revkiosk.settings import config_dir
from revkiosk.stats import stats_dir

DECK = """deck:
  title: Visits
  slide_seconds: 30
  kiosk: {idle_seconds: 5, start_slide: 1}
slides:
  - {kind: title, id: welcome, title: Welcome}
  - {kind: text, id: gpus, title: GPUs, body: hello}
  - {kind: text, id: data, title: Data, body: hello}
  - {kind: quote, text: Four}
"""


def _kiosk(qtbot: QtBot, tmp_path: Path, clock: FakeClock) -> KioskSession:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    player = build_player(["--kiosk", str(deck)])
    qtbot.addWidget(player.window)
    player.window.show()
    session = KioskSession(player, time_scale=0.02)  # idle after 5 s x 0.02 = 100 ms
    assert session.visits is not None
    session.visits.recorder.clock = clock
    session.start()
    return session


def _summary() -> dict:
    out = io.StringIO()
    assert stats.main(["--json"], out=out) == 0
    return json.loads(out.getvalue())


def test_a_scripted_visit_is_recorded_and_summarised(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 5, 4, 14, 5, tzinfo=BERLIN))
    session = _kiosk(qtbot, tmp_path, clock)
    player, attract = session.player, session.attract
    try:
        assert attract.attracting and player.navigator.index == 0
        with qtbot.waitSignal(attract.visitor_arrived, timeout=2000):
            qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)  # wakes, changes nothing
        assert player.navigator.index == 0
        clock.advance(12)
        qtbot.keyClick(player.window, Qt.Key.Key_Right)
        assert player.navigator.index == 1
        clock.advance(30)
        qtbot.keyClick(player.window, Qt.Key.Key_Right)
        clock.advance(8)
        qtbot.keyClick(player.window, Qt.Key.Key_Left)  # back to "gpus" for another look
        clock.advance(20)
        qtbot.keyClick(player.window, Qt.Key.Key_Space)  # and on: "data" again, read 15 s
        clock.advance(15)
        qtbot.keyClick(player.window, Qt.Key.Key_PageUp)  # a clicker's "back": "gpus" again
        with qtbot.waitSignal(attract.went_idle, timeout=3000):
            pass  # nobody touches: the kiosk goes idle and the loop starts again
        assert attract.attracting and player.navigator.index == 0
    finally:
        session.stop()
        session.guard.is_exiting = True
    files = sorted(stats_dir().glob("*.jsonl"))
    assert [f.name for f in files] == ["2026-05-04.jsonl"]
    summary = _summary()
    assert summary["visits"] == 1
    assert summary["visits_per_day"] == {"2026-05-04": 1}
    assert summary["visits_per_hour"]["14"] == 1
    assert summary["median_visit_seconds"] == 85.0  # first touch to last touch
    views = {s["slide"]: (s["views"], s["median_seconds"]) for s in summary["slides"]}
    assert views == {
        "welcome": (1, 12.0),
        "gpus": (3, 20.0),  # 30 s, 20 s, then 0 s before the visitor left
        "data": (2, 11.5),  # 8 s and 15 s
    }
    assert summary["languages"] == {"en": 1}


def test_language_and_comfort_choices_are_the_visitors_only(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 5, 4, 15, 0, tzinfo=BERLIN))
    session = _kiosk(qtbot, tmp_path, clock)
    player, show = session.player, session.player.show
    try:
        qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)
        clock.advance(4)
        show.update_visitor(text_scale=1.5, contrast="high")  # what the comfort menu will do
        show.set_language("fr")
        clock.advance(6)
        with qtbot.waitSignal(session.attract.went_idle, timeout=3000):
            pass
        show.reset_visitor()  # the kiosk's reset at idle is not a visitor's choice
    finally:
        session.stop()
        session.guard.is_exiting = True
    summary = _summary()
    assert summary["languages"] == {"fr": 1}
    assert summary["comfort"] == {"text_scale = 1.5": 1, "contrast = high": 1}
    assert summary["median_visit_seconds"] == 4.0, "the choices were the last touches"


def test_a_crash_mid_visit_is_closed_at_the_next_start(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 5, 4, 11, 0, tzinfo=BERLIN))
    session = _kiosk(qtbot, tmp_path, clock)
    player = session.player
    qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)
    clock.advance(25)
    qtbot.keyClick(player.window, Qt.Key.Key_Right)
    # The player dies here: no end of visit is written, only what was already on disk stays.
    assert session.visits is not None
    session.visits.log.close()
    session.visits = None
    session.stop()
    session.guard.is_exiting = True
    assert _summary()["unclosed_visits"] == 1

    clock.advance(3)
    again = _kiosk(qtbot, tmp_path, clock)  # the supervisor's restart
    again.stop()
    again.guard.is_exiting = True
    summary = _summary()
    assert summary["visits"] == 1 and summary["restarted_visits"] == 1
    assert summary["unclosed_visits"] == 0
    assert summary["median_visit_seconds"] == 25.0


def test_statistics_false_records_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "settings.yaml").write_text("statistics: false\n", encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    player = build_player(["--kiosk", str(deck)])
    qtbot.addWidget(player.window)
    session = KioskSession(player)
    assert session.visits is None
    session.start()
    qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)
    qtbot.keyClick(player.window, Qt.Key.Key_Right)
    session.stop()
    session.guard.is_exiting = True
    assert not stats_dir().exists() or not any(stats_dir().iterdir())


@pytest.fixture(autouse=True)
def _no_display_power(monkeypatch: pytest.MonkeyPatch) -> None:
    """These kiosks are always open; make sure nothing reaches for a real display anyway."""
    monkeypatch.setattr("revkiosk.kiosk.closing.choose_display_power", _refuse)


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("an always-open kiosk never switches the display")
