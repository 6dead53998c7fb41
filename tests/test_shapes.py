"""Every slide kind in every screen shape: nothing cut, broken inside a word, overlapping or
under the legibility floor; charts keep their axes and legend whole (issue 23)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSize
from shape_samples import SHAPES, hard_deck, metric_problems

from revkiosk.context import ViewContext
from revkiosk.settings import VisitorSettings
from revkiosk.shape import Shape, floor_cap, shape_of
from revkiosk.theme import theme_named, visitor_theme
from revkiosk.ui.audit import audit_view, view_runs
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.render import offscreen_view

KINDS = range(13)  # the slides of `hard_deck`, one test each (the hub last)


@pytest.fixture(scope="module")
def deck(tmp_path_factory, qapp):
    return hard_deck(tmp_path_factory.mktemp("shapes"))


def laid_out(deck, index: int, size: QSize, text_scale: float = 1.0):
    visitor = VisitorSettings(text_scale=text_scale)
    theme = visitor_theme(theme_named("dark"), visitor)
    return offscreen_view(deck.slides[index], ViewContext(deck, theme, visitor=visitor), size)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("index", KINDS)
def test_no_text_is_cut_broken_overlapping_or_too_small(deck, index, shape):
    size = SHAPES[shape]
    with laid_out(deck, index, size) as view:
        view.grab()  # charts place their labels when they paint
        findings = audit_view(view)
        runs = view_runs(view)
        assert runs, "the audit sees the slide's text"
        assert findings == [], [f"{f.kind}: {f.element} {f.text!r} ({f.detail})" for f in findings]
        assert metric_problems(runs) == []
        side = min(size.width(), size.height())
        smallest = min(p.run.cap_height() for p in runs if p.run.readable)
        assert smallest >= floor_cap(side) - 0.05


@pytest.mark.parametrize("index", [2, 3, 5, 6])  # milestones (picture, excerpt), text, quote
def test_text_is_really_larger_at_150_percent_and_still_whole(deck, index):
    with laid_out(deck, index, SHAPES["16:9"]) as view:
        normal = {p.run.element: p.run.font.pixelSize() for p in view_runs(view)}
    with laid_out(deck, index, SHAPES["16:9"], 1.5) as view:
        view.grab()
        assert audit_view(view) == []
        large = {p.run.element: p.run.font.pixelSize() for p in view_runs(view)}
    body = next(e for e in ("body", "quote", "excerpt") if e in normal)
    assert large[body] >= normal[body] * 1.25  # larger, not shrunk back


def test_portrait_stacks_the_picture_under_the_text(deck):
    with laid_out(deck, 2, SHAPES["9:16"]) as view:
        assert view.shape() is Shape.PORTRAIT
        text, picture = view.body.geometry(), view.picture.geometry()
        assert picture.top() > text.bottom()
        assert picture.width() > view.width() * 0.6
    with laid_out(deck, 2, SHAPES["16:9"]) as view:
        assert view.picture.geometry().left() > view.body.geometry().right()


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("index", [8, 9])  # the compute and the forecast chart
def test_charts_keep_axes_and_legend_whole(deck, index, shape):
    with laid_out(deck, index, SHAPES[shape]) as view:
        view.grab()
        chart = view.chart
        plot = QRectF(chart.plot.geometry())
        runs = chart.text_runs()
        ticks = [r for r in runs if r.element == "tick label"]
        assert len(ticks) >= 4
        assert all(
            plot.adjusted(-1, -1, 1, 1).contains(r.rect)
            for r in ticks + [r for r in runs if r.element == "axis title"]
        )
        for key, button in chart.legend.buttons.items():
            assert button.isVisibleTo(chart), key
            inside = QRectF(button.geometry()).translated(chart.legend.pos())
            assert QRectF(chart.rect()).contains(inside)
        names = [r.text for r in chart.legend.text_runs()]
        assert all(name.split("  ", 1)[1] in name for name in names)  # whole, never "Visi"
        widths = [
            r.rect.width() <= QRectF(b.geometry()).width() + 1
            for r, b in zip(chart.legend.text_runs(), chart.legend.buttons.values(), strict=True)
        ]
        assert all(widths)


def test_type_follows_the_short_side_and_the_floor_scales_with_it(deck):
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        with laid_out(deck, 0, size) as view:
            assert view.short_side() == 1080
            assert view.pt(100) == 100
    assert floor_cap(1080) == 22 and floor_cap(2160) == 44
    assert floor_font_px(1080, "Inter") == 31  # Inter's caps are 0.727 em
    assert shape_of(1440, 1080) is Shape.SQUARE and shape_of(2560, 1080) is Shape.LANDSCAPE
