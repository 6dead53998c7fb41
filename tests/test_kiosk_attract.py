"""Idle → attract loop → a touch hands control back → idle again → back to the start slide.

Idle and slide times are a fraction of a second here; the behaviour is what a visitor sees.
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
from revkiosk.ui.attract_hint import AttractHint


def make_deck(count: int = 4, seconds: dict[int, float] | None = None) -> Deck:
    seconds = seconds or {}
    slides = tuple(
        TitleSlide(kind="title", title=f"Slide {i + 1}", seconds=seconds.get(i))
        for i in range(count)
    )
    return Deck(
        path=Path("deck.yaml"),
        root=Path("."),
        info=DeckInfo(title="Test", slide_seconds=0.08),
        domains=(),
        milestones=(),
        slides=slides,
    )


def showing(deck: Deck) -> Show:
    show = Show(DARK)
    show.set_deck(deck)
    return show


class Clicks(QWidget):
    """Stands in for the stage: counts the clicks that reach it."""

    def __init__(self) -> None:
        super().__init__()
        self.clicks = 0
        self.resize(640, 360)

    def mousePressEvent(self, event: object) -> None:  # noqa: N802
        self.clicks += 1


@pytest.fixture
def setup(qtbot: QtBot):  # type: ignore[no-untyped-def]
    screen = Clicks()
    qtbot.addWidget(screen)
    screen.show()
    navigator = Navigator(4)
    settings = KioskSettings(idle_seconds=0.25, start_slide=1)
    loop = AttractLoop(
        navigator, showing(make_deck()), settings, hint=AttractHint(settings.hint, screen)
    )
    yield screen, navigator, loop
    loop.stop()


def test_attract_advances_and_loops_back_to_the_start(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop = setup
    seen: list[int] = []
    loop.stepped.connect(seen.append)
    loop.start()
    assert loop.attracting
    assert loop.hint is not None and loop.hint.isVisible()
    qtbot.waitUntil(lambda: seen[-4:] == [1, 2, 3, 0], timeout=5000)


def test_touch_hands_control_back_then_idle_returns_to_start(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop = setup
    loop.start()
    qtbot.waitUntil(lambda: navigator.index == 2, timeout=5000)
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
    assert not loop.attracting, "control is back at once"
    assert not loop.hint.isVisible()
    assert screen.clicks == 0, "the waking touch does not also act on the slide"
    here = navigator.index
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
    assert screen.clicks == 1, "later touches reach the slide"
    navigator.go(3)  # the visitor explores
    with qtbot.waitSignal(loop.attracting_changed, timeout=5000) as blocker:
        pass
    assert blocker.args == [True]
    assert navigator.index == 0, "after idle the loop starts again from the start slide"
    assert here in (2, 3)


def test_a_key_also_wakes_it(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop = setup
    loop.start()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert not loop.attracting


def test_no_auto_advance_while_a_visitor_is_active(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop = setup
    loop.start()
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
    moved: list[int] = []
    loop.stepped.connect(moved.append)
    for _ in range(5):  # keep touching more often than the idle time
        qtbot.wait(60)
        qtbot.mouseMove(screen)
        qtbot.keyClick(screen, Qt.Key.Key_Shift)
    assert moved == []
    assert not loop.attracting


def test_slide_seconds_and_video_length_with_cap(qtbot: QtBot) -> None:
    class Video:
        def __init__(self, seconds: float | None) -> None:
            self.seconds = seconds

        def attract_seconds(self) -> float | None:
            return self.seconds

    view = Video(None)
    loop = AttractLoop(
        Navigator(3),
        showing(make_deck(3, seconds={1: 20.0})),
        KioskSettings(video_cap_seconds=120),
        current_view=lambda: view,
    )
    assert loop.seconds_for(0) == pytest.approx(0.08), "deck default"
    assert loop.seconds_for(1) == 20.0, "the slide's own seconds"
    view.seconds = 45.0
    assert loop.seconds_for(1) == 45.0, "a video plays through once"
    view.seconds = 600.0
    assert loop.seconds_for(1) == 120.0, "… up to the cap"


def test_pause_stops_the_loop_and_resume_restarts_from_the_start(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    screen, navigator, loop = setup
    loop.start()
    qtbot.waitUntil(lambda: navigator.index == 2, timeout=5000)
    loop.pause()
    assert not loop.attracting
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton)
    assert not loop.attracting
    loop.resume()
    assert loop.attracting and navigator.index == 0


def test_start_slide_is_clamped_to_the_deck(qtbot: QtBot) -> None:
    loop = AttractLoop(Navigator(4), showing(make_deck()), KioskSettings(start_slide=99))
    assert loop.start_index == 3


def test_hint_shows_the_configured_text_in_the_top_margin(qtbot: QtBot) -> None:
    """At the bottom it would cover slide credits and licences, which must stay readable."""
    screen = Clicks()
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    settings = KioskSettings(hint="Berühren Sie den Bildschirm")
    hint = AttractHint(settings.hint, screen)
    loop = AttractLoop(Navigator(4), showing(make_deck()), settings, hint=hint)
    loop.start()
    try:
        hint = loop.hint
        assert hint is not None and hint.text == "Berühren Sie den Bildschirm"
        box = hint.geometry()
        assert screen.rect().contains(box)
        assert box.bottom() < 1080 * 0.09
        assert box.height() >= 1080 * 0.05, "readable from three metres"
    finally:
        loop.stop()


PAGED_DECK = """deck:
  title: Pages
  aspect: auto
  slide_seconds: 1
slides:
  - {kind: title, title: One}
  - kind: text
    title: Why the deep learning revolution happened when it did
    body: "Three things came together around 2012. Graphics processors built for games turned
      out to be very good at the arithmetic neural networks need, large labelled data sets such
      as ImageNet were collected, and a handful of simple ideas about training deep networks
      finally worked at scale."
    bullets:
      - "Compute for the largest training runs doubled about every six months after 2010."
      - "Data sets grew from thousands to millions and then billions of examples."
      - "Methods dismissed for decades came back once they could be run big enough."
      - "Companies and universities raced to hire the few people who could train them."
      - "Few predicted how fast it would go, and many who did also warned of the risks."
  - {kind: title, title: Three}
"""


def test_the_loop_shows_every_page_of_a_paged_slide_on_a_5_4_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """`aspect: auto` at 1280x1024: the long text slide comes in pages; an unattended visitor
    sees each one, for the time its words take to read, before the next slide."""
    from revkiosk.app import build_player
    from revkiosk.deck.pace import page_seconds

    deck = tmp_path / "deck.yaml"
    deck.write_text(PAGED_DECK, encoding="utf-8")
    player = build_player(["--no-resume", "--start", "2", str(deck)])
    window = player.window
    qtbot.addWidget(window)
    window.resize(1280, 1024)
    window.show()
    qtbot.waitExposed(window)
    view = window.stage.current_view()
    assert view.size().width() == 1280, "aspect: auto fills the 5:4 screen"
    pages = view.page_count()
    assert pages > 1, "the body comes in pages at 1280x1024"
    loop = AttractLoop(
        player.navigator,
        player.show,
        KioskSettings(idle_seconds=60, start_slide=2),
        current_view=window.stage.current_view,
        time_scale=0.01,  # 1 s of deck time is 10 ms here
    )
    first = loop.seconds_for(1)
    assert first == pytest.approx(page_seconds(1.0, pages, view.shown_text()))
    assert first > 1.0 / pages, "the first page's words take longer than its share to read"
    seen: list[tuple[int, int]] = []
    view.page_changed.connect(lambda page, _count: seen.append((player.navigator.index, page)))
    loop.stepped.connect(lambda index: seen.append((index, 0)))
    loop.start()
    try:
        qtbot.waitUntil(lambda: (2, 0) in seen, timeout=10_000)
    finally:
        loop.stop()
    shown = seen[: seen.index((2, 0)) + 1]
    assert shown == [(1, page) for page in range(1, pages)] + [(2, 0)]
