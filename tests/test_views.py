"""Every slide kind renders a readable, non-blank slide at both sizes and in both themes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pixels import corners, distinct_colors, share_near
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from view_samples import LONG_BODY, sample_deck, words

from revkiosk.context import ViewContext
from revkiosk.theme import theme_named
from revkiosk.ui.render import offscreen_view, render_slide

SIZES = [QSize(1920, 1080), QSize(1280, 720)]
THEMES = ["dark", "light"]


def context(tmp_path: Path, theme: str = "dark") -> ViewContext:
    return ViewContext(deck=sample_deck(tmp_path), theme=theme_named(theme))


def slide_of(ctx: ViewContext, kind: str, nth: int = 0):
    return [s for s in ctx.deck.slides if s.kind == kind][nth]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_kind_renders_without_an_error_card(qapp, tmp_path, caplog, size, theme):
    ctx = context(tmp_path, theme)
    caplog.set_level(logging.ERROR, logger="revkiosk.ui.render")
    for slide in ctx.deck.slides:
        image = render_slide(slide, ctx, size)
        assert image.size() == size
        assert distinct_colors(image) > 20, f"{slide.kind} slide looks blank"
    assert not [r for r in caplog.records if r.name == "revkiosk.ui.render"], caplog.text


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize(
    "kind,nth",
    [("title", 0), ("milestone", 0), ("milestone", 1), ("milestone", 2), ("text", 0), ("quote", 0)],
)
def test_themed_background_and_title_ink(qapp, tmp_path, size, theme, kind, nth):
    """The slide sits on the theme's background and its headline is drawn in the theme's ink."""
    ctx = context(tmp_path, theme)
    with offscreen_view(slide_of(ctx, kind, nth), ctx, size) as view:
        image = view.grab().toImage()
        headline = (view.quote if kind == "quote" else view.title).geometry()
    background = QColor(ctx.theme.background)
    for corner in corners(image)[:2]:  # the title slide's foot carries the domain strip
        assert corner == background
    assert headline.height() > 0.03 * size.height()
    assert share_near(image, ctx.theme.text, 40, headline) > 0.04


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_section_is_a_field_of_its_domain_colour(qapp, tmp_path, size):
    ctx = context(tmp_path)
    image = render_slide(slide_of(ctx, "section"), ctx, size)
    assert share_near(image, "#4cc9f0", 30) > 0.5
    for corner in corners(image):
        assert abs(corner.hslHue() - QColor("#4cc9f0").hslHue()) < 8


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("nth,color", [(0, "#4cc9f0"), (1, "#7bd88f"), (2, "#f72585")])
def test_milestone_shows_its_domain_colour(qapp, tmp_path, theme, nth, color):
    ctx = context(tmp_path, theme)
    with offscreen_view(slide_of(ctx, "milestone", nth), ctx, QSize(1280, 720)) as view:
        image = view.grab().toImage()
        chip = view.chip.geometry()
    assert share_near(image, color, 20, chip) > 0.05


def test_milestone_visual_follows_media_then_excerpt_then_year(qapp, tmp_path):
    ctx = context(tmp_path)
    kinds = []
    for nth in range(3):
        with offscreen_view(slide_of(ctx, "milestone", nth), ctx, QSize(1280, 720)) as view:
            kinds.append(type(view.visual()).__name__)
            assert view.visual().geometry().left() > view.width() // 2 - 1
    assert kinds == ["MediaWidget", "ExcerptCard", "YearCard"]


def test_milestone_picture_is_on_the_slide(qapp, tmp_path):
    """The sample image is solid red: a fair share of the right half must be that red."""
    ctx = context(tmp_path)
    with offscreen_view(slide_of(ctx, "milestone", 0), ctx, QSize(1920, 1080)) as view:
        image = view.grab().toImage()
        box = view.visual().geometry()
    assert share_near(image, "#e63946", 12, box) > 0.9


def test_milestone_source_line_is_shortened(qapp, tmp_path):
    ctx = context(tmp_path)
    with offscreen_view(slide_of(ctx, "milestone", 0), ctx, QSize(1280, 720)) as view:
        assert view.source.text() == "Source: papers.nips.cc/paper/4824"


def assert_fits(view) -> None:
    body = view.body
    drawn = body.text_rect()
    assert not drawn.isEmpty()
    assert body.rect().toRectF().contains(drawn), (drawn, body.rect())
    assert view.rect().contains(body.geometry())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_120_word_body_fits_inside_its_box(qapp, tmp_path, size):
    from revkiosk.deck.model import TextSlide

    assert words(LONG_BODY) == 120
    slide = TextSlide(kind="text", title="A long body", body=LONG_BODY)
    with offscreen_view(slide, context(tmp_path), size) as view:
        assert_fits(view)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_overlong_body_shrinks_instead_of_clipping(qapp, tmp_path, size):
    from revkiosk.deck.model import TextSlide

    slide = TextSlide(kind="text", title="Too much", body=LONG_BODY * 3, bullets=("one", "two"))
    ctx = context(tmp_path)
    with offscreen_view(slide, ctx, size) as view:
        assert_fits(view)
        assert view.body.pixel_size() < ctx.theme.pt(46, size.height())
        assert view.body.text_rect().height() > view.body.height() * 0.6  # fills the box


def test_short_body_keeps_its_full_size(qapp, tmp_path):
    ctx = context(tmp_path)
    with offscreen_view(slide_of(ctx, "text"), ctx, QSize(1280, 720)) as view:
        assert view.body.pixel_size() == ctx.theme.pt(46, 720)


def test_long_title_wraps_and_stays_on_the_slide(qapp, tmp_path):
    from revkiosk.deck.model import TitleSlide

    title = "A remarkably long title about " + "convolutional networks " * 8
    ctx = context(tmp_path)
    with offscreen_view(TitleSlide(kind="title", title=title), ctx, QSize(1280, 720)) as view:
        geometry = view.title.geometry()
        assert view.rect().contains(geometry)
        assert geometry.toRectF().contains(view.title.text_rect().translated(geometry.topLeft()))


def test_missing_media_shows_a_placeholder(qapp, tmp_path):
    from revkiosk.deck.model import Media, TitleSlide

    ctx = context(tmp_path)
    gone = TitleSlide(kind="title", title="Gone", media=Media(image=tmp_path / "missing.png"))
    with offscreen_view(gone, ctx, QSize(1280, 720)) as view:
        assert view.backdrop is not None and not view.backdrop.ok
        image = view.grab().toImage()
    assert distinct_colors(image) > 20
