"""Thumbnail cache for the timeline card: slides are rendered once, later runs read the PNGs,
and a drag never renders a slide (it shows a placeholder until the thumbnail exists)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from revkiosk.context import ViewContext
from revkiosk.deck.load import load_deck
from revkiosk.settings import cache_dir
from revkiosk.theme import theme_named
from revkiosk.ui.timeline.strip import TimelineStrip
from revkiosk.ui.timeline.thumbs import THUMB_SIZE, ThumbCache, thumbs_for

DECK = """\
deck:
  title: Thumbs
domains:
  - {id: vision, name: Vision, color: "#4cc9f0"}
  - {id: games, name: Games, color: "#f72585"}
milestones:
  - {id: alexnet, date: 2012-09, domain: vision, title: AlexNet, org: U of T,
     summary: Wins ImageNet., source: "https://example.org/a"}
  - {id: alphago, date: 2016-03, domain: games, title: AlphaGo, org: DeepMind,
     summary: Beats Lee Sedol., source: "https://example.org/b"}
  - {id: gpt-3, date: 2020-05, domain: vision, title: GPT-3, org: OpenAI,
     summary: Few-shot learner., source: "https://example.org/c"}
slides:
  - {kind: title, title: Thumbs}
  - {kind: milestone, milestone: alexnet}
  - {kind: milestone, milestone: alphago}
  - {kind: milestone, milestone: gpt-3}
  - {kind: timeline, title: All of it}
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def context(deck_file: Path) -> ViewContext:
    deck = load_deck(deck_file)
    return ViewContext(deck, theme_named("dark"))


def test_slides_render_once_and_a_second_run_reads_the_cache(qtbot, deck_file) -> None:
    first = ThumbCache(context(deck_file))
    first.prerender([1, 2, 3])
    first.finish()
    assert first.renders == 3
    assert first.path(1).parent == cache_dir() / "thumbs"  # platformdirs user cache
    assert sorted(p.name for p in first.folder.glob("*.png")) == sorted(
        first.path(i).name for i in (1, 2, 3)
    )
    second = ThumbCache(context(deck_file))  # a new run: fresh objects, same deck file
    second.prerender([1, 2, 3])
    second.finish()
    assert second.renders == 0 and second.disk_reads == 3
    image = second.get(2)
    assert image is not None and image.size() == THUMB_SIZE


def test_editing_the_deck_file_gives_new_thumbnails(qtbot, deck_file) -> None:
    before = ThumbCache(context(deck_file))
    deck_file.write_text(DECK.replace("Beats Lee Sedol.", "Wins 4-1."), encoding="utf-8")
    after = ThumbCache(context(deck_file))
    assert before.key(2) != after.key(2)
    assert before.key(2) != before.key(3)  # and each slide has its own


def test_a_drag_never_renders_a_slide(qtbot, deck_file) -> None:
    ctx = context(deck_file)
    host = _host(qtbot, ctx)
    strip = host.strip
    _drag_to(strip, 2016.2)
    assert strip.card.isVisible() and strip.card.milestone.id == "alphago"
    assert strip.card.thumb is None and strip.thumbs.renders == 0  # placeholder, no render
    QTest.mouseRelease(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    strip.thumbs.prerender([1, 2, 3])
    strip.thumbs.finish()
    rendered = strip.thumbs.renders
    _drag_to(strip, 2016.2)
    assert strip.card.thumb is not None
    assert strip.thumbs.renders == rendered  # read from memory: nothing rendered on drag


def test_an_unwritable_cache_folder_still_gives_thumbnails(qtbot, deck_file, tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    cache = ThumbCache(context(deck_file), folder=blocker / "thumbs")
    cache.prerender([1])
    cache.finish()
    assert cache.get(1) is not None  # kept in memory; the next run re-renders


def test_the_cache_is_shared_through_the_context(qtbot, deck_file) -> None:
    ctx = context(deck_file)
    assert thumbs_for(ctx) is thumbs_for(ctx)


class _Host:
    def __init__(self, ctx: ViewContext) -> None:
        from PySide6.QtWidgets import QWidget

        self.widget = QWidget()
        self.widget.resize(1280, 720)
        self.strip = TimelineStrip(ctx, card_parent=self.widget, parent=self.widget)
        self.strip.thumbs = thumbs_for(ctx)
        self.strip.set_short_side(720)
        height = self.strip.preferred_height(720)
        self.strip.setGeometry(0, 720 - height, 1280, height)


def _host(qtbot, ctx: ViewContext) -> _Host:
    host = _Host(ctx)
    qtbot.addWidget(host.widget)
    host.widget.show()
    return host


def _drag_to(strip: TimelineStrip, year: float) -> None:
    style = strip.style_
    y = round((style.axis_top + style.axis_bottom) / 2)
    start = QPoint(round(strip.layout_.x_of(2013)), y)
    QTest.mousePress(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(strip, QPoint(round(strip.layout_.x_of(year)), y))
