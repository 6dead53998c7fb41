"""A lecturer's player keeps the screensaver off while it is full screen, not only a kiosk."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import window_for

from revkiosk.deck.model import Deck, DeckInfo, TitleSlide
from revkiosk.kiosk import screen
from revkiosk.settings import Settings


class FakeBus:
    """Stands in for org.freedesktop.ScreenSaver: counts inhibitions held."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    def __call__(self, method: str, *args: object):  # type: ignore[no-untyped-def]
        self.calls.append((method, args))
        return [42] if method == "Inhibit" else []


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> FakeBus:
    fake = FakeBus()
    monkeypatch.setattr(screen.ScreenSaverInhibitor, "_call", fake)
    return fake


def test_full_screen_holds_the_screensaver_off_and_leaving_lets_it_go(qtbot: QtBot, bus) -> None:  # type: ignore[no-untyped-def]
    deck = Deck(Path("d.yaml"), Path("."), DeckInfo(title="T"), (), (),
                (TitleSlide(kind="title", title="Talk"),))  # fmt: skip
    window, _, _ = window_for(deck, Settings(transition="none"))
    qtbot.addWidget(window)
    inhibitor = screen.keep_awake_in_fullscreen(window.fullscreen_changed, window.is_fullscreen())
    assert bus.calls == [] and inhibitor.cookie is None
    window.trigger("fullscreen")  # F
    assert [m for m, _ in bus.calls] == ["Inhibit"] and inhibitor.cookie == 42
    window.trigger("enter_fullscreen")  # F5 while already full screen: nothing more
    assert len(bus.calls) == 1
    window.trigger("leave_fullscreen")  # Esc
    assert [m for m, _ in bus.calls] == ["Inhibit", "UnInhibit"] and inhibitor.cookie is None


def test_a_player_started_full_screen_inhibits_at_once(bus) -> None:  # type: ignore[no-untyped-def]
    class Signal:
        def connect(self, slot: object) -> None:
            self.slot = slot

    inhibitor = screen.keep_awake_in_fullscreen(Signal(), True)
    assert inhibitor.cookie == 42
