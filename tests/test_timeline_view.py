"""`kind: timeline` slides: the full-size timeline with lane names and titles; taps and drags
jump through the context, T engages it for the keyboard, and odd decks do not crash it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pixels import share_near
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest

from revkiosk.context import ViewContext
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck, DeckInfo, TimelineSlide
from revkiosk.theme import theme_named
from revkiosk.ui.render import render_slide
from revkiosk.ui.slides.timeline_view import TimelineView

REPO = Path(__file__).resolve().parent.parent
NO = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(REPO / "slides" / "deep-learning-revolution.yaml")


def build(qtbot, deck: Deck, slide: TimelineSlide | None = None, size=(1920, 1080)):
    jumps: list[int] = []
    ctx = ViewContext(deck, theme_named("dark"), jump_to=jumps.append)
    slide = slide or next(s for s in deck.slides if isinstance(s, TimelineSlide))
    view = TimelineView(slide, ctx)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.enter()
    return view, jumps


def test_tapping_a_marker_on_the_slide_opens_its_milestone(qtbot, deck) -> None:
    view, jumps = build(qtbot, deck)
    QTest.mouseClick(view.strip, LEFT, NO, view.strip.marker_point("alphago").toPoint())
    assert jumps == [deck.slide_index_of_milestone("alphago")]


def test_dragging_on_the_slide_shows_the_card_and_release_opens_it(qtbot, deck) -> None:
    view, jumps = build(qtbot, deck, size=(1280, 720))
    strip = view.strip
    y = round((strip.style_.axis_top + strip.style_.axis_bottom) / 2)
    QTest.mousePress(strip, LEFT, NO, QPoint(round(strip.layout_.x_of(2013)), y))
    QTest.mouseMove(strip, QPoint(round(strip.layout_.x_of(2020.4)), y))
    card = strip.card
    assert card.isVisible() and card.milestone.id == "gpt-3"
    assert card.parentWidget() is view and view.rect().contains(card.geometry())
    QTest.mouseRelease(strip, LEFT, NO, QPoint(round(strip.layout_.x_of(2020.4)), y))
    assert jumps == [deck.slide_index_of_milestone("gpt-3")]


def test_the_domains_filter_keeps_only_those_lanes(qtbot, deck) -> None:
    slide = TimelineSlide(kind="timeline", title="Games", domains=("games",))
    view, _ = build(qtbot, deck, slide)
    assert [lane.domain.id for lane in view.strip.layout_.lanes] == ["games"]
    assert {m.milestone.domain for m in view.strip.layout_.markers} == {"games"}


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_rendered_slide_shows_every_lane_in_its_colour(qtbot, deck, size) -> None:
    slide = next(s for s in deck.slides if isinstance(s, TimelineSlide))
    ctx = ViewContext(deck, theme_named("dark"))
    image = render_slide(slide, ctx, QSize(*size))
    for domain in deck.domains:
        assert share_near(image, domain.color, 16) > 0.0005, domain.id  # markers and names


def test_a_deck_without_milestones_shows_a_calm_message(qtbot) -> None:
    empty = Deck(Path("x.yaml"), Path("."), DeckInfo("T"), (), (), ())
    slide = TimelineSlide(kind="timeline")
    view, jumps = build(qtbot, empty, slide)
    assert not view.strip.isVisible()
    image = render_slide(slide, ViewContext(empty, theme_named("dark")), QSize(1280, 720))
    assert not image.isNull()
    QTest.mouseClick(view, LEFT, NO, QPoint(640, 500))  # nothing to hit, nothing breaks
    assert jumps == []


def test_t_engages_the_slide_for_the_keyboard_and_esc_releases_it(qtbot, deck) -> None:
    view, jumps = build(qtbot, deck)
    assert view.handle_action("timeline") and view.engaged
    first = view.strip.selected
    event_right = _key(Qt.Key.Key_Right)
    assert view.strip.handle_key(event_right)
    assert view.strip.selected is not first
    assert view.strip.handle_key(_key(Qt.Key.Key_Return))
    assert jumps == [deck.slide_index_of_milestone(view.strip.selected.id)]
    assert not view.engaged  # jumping releases it
    view.handle_action("timeline")
    view.strip.handle_key(_key(Qt.Key.Key_Escape))
    assert not view.engaged


def _key(key: Qt.Key):
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QKeyEvent.Type.KeyPress, key, NO)


def test_thumbnails_are_prepared_only_while_the_slide_is_shown(qtbot, deck) -> None:
    # A background thumbnail render takes 15-20 ms: after the visitor has moved on it would
    # land on a key press now and then, so the work waits for the next visit.
    from revkiosk.ui.timeline.thumbs import IDLE_MS

    view, _ = build(qtbot, deck)
    thumbs = view.strip.thumbs
    assert thumbs is not None and thumbs.pending > 1
    view.leave()
    waiting = thumbs.pending
    qtbot.wait(IDLE_MS * 3)
    assert thumbs.pending == waiting
    view.enter()
    qtbot.waitUntil(lambda: thumbs.pending < waiting, timeout=3000)
