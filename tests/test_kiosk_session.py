"""Kiosk mode on the real player: status file, live reload keeping the slide, closing time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from revkiosk.app import build_player
from revkiosk.deck.model import KioskSettings
from revkiosk.kiosk.screen import ScreenSaverInhibitor
from revkiosk.kiosk.session import effective_settings, start_kiosk
from revkiosk.kiosk.status import read_json, status_path
from revkiosk.schedule.engine import CLOSED, Slot
from revkiosk.settings import Settings

DECK = """deck:
  title: Live
  slide_seconds: 30
  kiosk: {idle_seconds: 5, start_slide: 1}
slides:
  - {kind: title, title: One}
  - {kind: text, title: Two, body: hello}
  - {kind: text, title: Three, body: hello}
  - {kind: quote, text: Four}
"""


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    player = build_player(["--kiosk", "--start", "3", str(deck)])
    qtbot.addWidget(player.window)
    player.window.show()
    session = start_kiosk(player)
    session.reloader._debounce.setInterval(50)
    yield player, session
    session.stop()
    session.guard.is_exiting = True


def test_kiosk_starts_attracting_on_the_start_slide_given(kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    assert player.navigator.index == 2, "--start 3 (the supervisor's resume) is honoured"
    assert session.attract.attracting
    assert session.attract.hint is not None and session.attract.hint.isVisible()
    assert player.window.isFullScreen()
    assert not player.window.trigger("quit")


def test_status_file_names_the_slide_on_screen(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    player.navigator.go(1)
    session.write_status()
    data = read_json(status_path())
    assert data is not None
    assert data["slide"] == 2 and data["slide_count"] == 4
    assert data["deck"] == str(player.deck_path)
    assert data["attracting"] is True


def test_good_edit_reloads_and_keeps_the_slide(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    player.navigator.go(1)
    text = DECK.replace("title: Two", "title: Two (updated)")
    player.deck_path.write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: player.deck.slides[1].heading == "Two (updated)", timeout=5000)
    assert player.navigator.index == 1
    assert player.window.context.deck is player.deck


def test_broken_edit_keeps_the_last_good_deck(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    good = player.deck
    with qtbot.waitSignal(player.show.load_failed, timeout=5000):
        player.deck_path.write_text(DECK.replace("kind: quote", "kind: qoute"), encoding="utf-8")
    assert player.deck is good
    assert player.window.context.deck is good
    assert "qoute" in (session.status.last_error or "")


def test_closing_time_blanks_and_ignores_visitors(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    session.closing._on_gate_slot_changed(CLOSED)
    assert player.navigator.blank == "black"
    assert not session.attract.attracting
    assert player.window.stage.current_view() is None, "no slide view runs while closed"
    qtbot.keyClick(player.window, Qt.Key.Key_Right)
    qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)
    assert player.navigator.blank == "black", "a passer-by cannot wake the closed kiosk"
    session.closing._on_gate_slot_changed(Slot(True))
    assert player.navigator.blank is None
    assert session.attract.attracting and player.navigator.index == 0
    assert player.window.stage.current_view() is not None


def test_museum_settings_override_the_deck() -> None:
    merged = effective_settings(KioskSettings(pin="1"), Settings(pin="9999", idle_seconds=30))
    assert merged.pin == "9999" and merged.idle_seconds == 30
    assert effective_settings(KioskSettings(pin="1"), Settings()).pin == "1"


def test_without_a_screensaver_service_the_fallbacks_are_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    inhibitor = ScreenSaverInhibitor()
    assert inhibitor.inhibit() is False
    assert "xset s off -dpms" in caplog.text and "systemd-inhibit" in caplog.text
    inhibitor.release()  # nothing held: must not raise


def test_exit_chord_works_during_the_attract_loop(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    """The first key wakes the loop; the chord must not be eaten as that wake-up key."""
    player, session = kiosk
    exits: list[int] = []
    session.guard._on_exit = lambda: exits.append(1)
    assert session.attract.attracting
    mods = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(player.window, Qt.Key.Key_Q, mods)
    assert exits == [1]


def test_a_deck_can_ask_for_kiosk_mode_itself(qtbot: QtBot, tmp_path: Path) -> None:
    """`deck: kiosk: {enabled: true}` makes `revkiosk DECK` a kiosk without `--kiosk`."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK.replace("kiosk: {", "kiosk: {enabled: true, "), encoding="utf-8")
    player = build_player([str(deck)])
    qtbot.addWidget(player.window)
    assert player.settings.kiosk
    plain = tmp_path / "plain.yaml"
    plain.write_text(DECK, encoding="utf-8")
    other = build_player([str(plain)])
    qtbot.addWidget(other.window)
    assert not other.settings.kiosk
