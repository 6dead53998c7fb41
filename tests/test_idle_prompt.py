"""The "Still there?" prompt (WCAG 2.2.1): it appears after the idle time, counts down, a touch
keeps the visit where it was, and it never cuts short a video or narration the visitor started.

Times are fractions of a second here (`time_scale`); the behaviour is what a visitor sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from revkiosk.deck.model import Deck, DeckInfo, KioskSettings, TitleSlide
from revkiosk.kiosk.attract import AttractLoop
from revkiosk.navigator import Navigator
from revkiosk.show import Show
from revkiosk.theme import DARK
from revkiosk.ui.idle_prompt import IdlePrompt, countdown_text

SCALE = 0.03  # one "second" is 30 ms


def make_deck(count: int = 5) -> Deck:
    slides = tuple(TitleSlide(kind="title", title=f"Slide {i + 1}") for i in range(count))
    info = DeckInfo(title="Test", slide_seconds=100)  # the loop never steps during a test
    return Deck(Path("deck.yaml"), Path("."), info, (), (), slides)


class Screen(QWidget):
    """Stands in for the window: counts the touches that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.touches = 0
        self.resize(960, 540)

    def mousePressEvent(self, event: object) -> None:  # noqa: N802
        self.touches += 1


@pytest.fixture
def kiosk(qtbot: QtBot):  # type: ignore[no-untyped-def]
    screen = Screen()
    qtbot.addWidget(screen)
    screen.show()
    navigator = Navigator(5)
    show = Show(DARK)
    show.set_deck(make_deck())
    playing = {"media": False}
    loop = AttractLoop(
        navigator,
        show,
        KioskSettings(idle_seconds=10, warning_seconds=20),
        prompt=IdlePrompt(screen),
        media_playing=lambda: playing["media"],
        time_scale=SCALE,
    )
    loop.start()
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)  # a visitor arrives
    navigator.go(3)  # and explores
    yield screen, navigator, loop, playing
    loop.stop()


def test_the_prompt_appears_after_the_idle_time_and_counts_down(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop, _ = kiosk
    prompt = loop.prompt
    assert not prompt.isVisible()
    qtbot.waitUntil(prompt.isVisible, timeout=2000)
    assert prompt.remaining == 20 and navigator.index == 3  # warned, not reset
    assert "Starting again in 20 seconds" in prompt.text()
    qtbot.waitUntil(lambda: prompt.remaining <= 15, timeout=2000)
    assert prompt.isVisible() and navigator.index == 3
    with qtbot.waitSignal(loop.went_idle, timeout=3000):
        pass  # the count reaches 0: the visit ends
    assert not prompt.isVisible()
    assert navigator.index == 0 and loop.attracting  # back to the start, looping


def test_a_touch_keeps_the_visit_where_it_was(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop, _ = kiosk
    qtbot.waitUntil(loop.prompt.isVisible, timeout=2000)
    touches = screen.touches
    idle: list[bool] = []
    loop.went_idle.connect(lambda: idle.append(True))
    qtbot.mouseClick(loop.prompt, Qt.MouseButton.LeftButton)
    assert not loop.prompt.isVisible() and not loop.warning
    assert screen.touches == touches, "the touch that answered the prompt does nothing else"
    assert navigator.index == 3 and not loop.attracting
    # Longer than the countdown had left to run, shorter than a new idle time and countdown.
    qtbot.wait(round(21 * 1000 * SCALE))
    assert idle == [] and navigator.index == 3
    # The idle time starts afresh: the prompt comes back later, not at once.
    qtbot.waitUntil(loop.prompt.isVisible, timeout=2000)


def test_a_key_keeps_the_visit_too(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop, _ = kiosk
    qtbot.waitUntil(loop.prompt.isVisible, timeout=2000)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert not loop.prompt.isVisible() and navigator.index == 3


def test_no_prompt_and_no_reset_while_the_visitors_video_plays(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop, playing = kiosk
    playing["media"] = True  # the visitor started a 3-minute video, then stood watching
    qtbot.wait(round(45 * 1000 * SCALE))  # idle (10) and a whole countdown (20) have passed
    assert not loop.prompt.isVisible() and navigator.index == 3 and not loop.attracting
    playing["media"] = False  # the video ended
    qtbot.waitUntil(loop.prompt.isVisible, timeout=2000)
    assert navigator.index == 3


def test_warning_seconds_zero_resets_without_a_prompt(qtbot: QtBot) -> None:
    screen = Screen()
    qtbot.addWidget(screen)
    screen.show()
    navigator, show = Navigator(5), Show(DARK)
    show.set_deck(make_deck())
    settings = KioskSettings(idle_seconds=5, warning_seconds=0)
    loop = AttractLoop(navigator, show, settings, prompt=IdlePrompt(screen), time_scale=SCALE)
    loop.start()
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
    navigator.go(2)
    with qtbot.waitSignal(loop.went_idle, timeout=2000):
        pass
    assert not loop.prompt.isVisible() and navigator.index == 0
    loop.stop()


def test_the_prompt_is_painted_in_the_windows_theme_and_says_the_count(qtbot: QtBot) -> None:
    from pixels import share_near

    screen = Screen()
    screen.theme = DARK  # type: ignore[attr-defined]
    qtbot.addWidget(screen)
    screen.show()
    prompt = IdlePrompt(screen)
    prompt.show_countdown(20)
    image = prompt.grab().toImage()
    card = prompt.card_rect().toRect()
    assert share_near(image, DARK.surface, 6, card.adjusted(20, 20, -20, -20)) > 0.6
    assert share_near(image, DARK.text, 40, card) > 0.005  # its words are drawn
    assert countdown_text(1).endswith("in 1 second.")
