"""High contrast on the whole default deck: every text a visitor reads measures at least 7:1
against what is behind it, computed from the rendered pixels, charts included.

Each slide is rendered off-screen at 1920x1080 in either theme with the visitor's high
contrast on; the text widgets (titles, bodies, bullets, cards, chips, source lines, chart
legends) are cut out of the picture and measured.
"""

from __future__ import annotations

import pytest
from contrast_pixels import text_contrast
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QPushButton, QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.load import load_deck
from revkiosk.resources import default_deck
from revkiosk.settings import VisitorSettings
from revkiosk.theme import theme_named, visitor_theme
from revkiosk.ui.render import offscreen_view
from revkiosk.ui.slides.chips import DomainChip, SourceLine
from revkiosk.ui.slides.widgets import FitText

SIZE = QSize(1920, 1080)


@pytest.fixture(scope="module")
def deck(qapp):  # type: ignore[no-untyped-def]
    return load_deck(default_deck())


def regions(view: QWidget) -> list[tuple[str, QRect]]:
    """(what, where in the view) for every piece of text the view shows."""
    found: list[tuple[str, QRect]] = []

    def place(widget: QWidget, rect: QRect) -> QRect:
        return rect.translated(widget.mapTo(view, QPoint(0, 0))).intersected(view.rect())

    for text in view.findChildren(FitText):
        if text.isVisible() and text.text():
            found.append((text.text()[:40], place(text, text.text_rect().toAlignedRect())))
    for chip in view.findChildren(DomainChip):
        if chip.isVisible() and chip.name:
            h = chip.height()
            found.append((chip.name, place(chip, QRect(h // 2, 0, h * 3 // 2, h))))
    for line in view.findChildren(SourceLine):
        if line.isVisible():
            found.append(("source line", place(line, line.rect())))
    for button in view.findChildren(QPushButton):  # chart legends
        if button.isVisible() and button.text():
            found.append((button.text(), place(button, button.rect())))
    found += chart_regions(view, place)
    return [(what, rect) for what, rect in found if rect.width() > 4 and rect.height() > 4]


def chart_regions(view: QWidget, place) -> list[tuple[str, QRect]]:  # type: ignore[no-untyped-def]
    """The words inside a chart: its axes (tick labels, titles) and its labels."""
    import pyqtgraph as pg

    found = []
    for plot in view.findChildren(pg.PlotWidget):
        if not plot.isVisible():
            continue
        for item in plot.scene().items():
            if isinstance(item, pg.TextItem) and item.isVisible() and item.toPlainText():
                what = item.toPlainText()
            elif isinstance(item, pg.AxisItem) and item.isVisible() and item.style["showValues"]:
                what = f"{item.orientation} axis"
            else:
                continue
            box = plot.mapFromScene(item.sceneBoundingRect()).boundingRect()
            found.append((what, place(plot, box.intersected(plot.rect()))))
    return found


def measured(deck, contrast: str, theme_name: str = "dark") -> list[tuple[int, str, float]]:  # type: ignore[no-untyped-def]
    visitor = VisitorSettings(contrast=contrast)
    theme = visitor_theme(theme_named(theme_name), visitor)
    context = ViewContext(deck=deck, theme=theme, visitor=visitor)
    results = []
    for number, slide in enumerate(deck.slides, 1):
        with offscreen_view(slide, context, SIZE) as view:
            image = view.grab().toImage()
            for what, rect in regions(view):
                results.append((number, what, text_contrast(image, rect)))
    return results


@pytest.mark.parametrize("theme_name", ["dark", "light"])
def test_every_text_of_the_default_deck_reaches_7_to_1_in_high_contrast(deck, theme_name) -> None:  # type: ignore[no-untyped-def]
    results = measured(deck, "high", theme_name)
    assert len(results) > 150  # the whole deck was measured, not an empty list
    low = [(n, what, round(r, 2)) for n, what, r in results if r < 7.0]
    assert low == []


def test_the_normal_theme_has_text_under_7_to_1(deck) -> None:  # type: ignore[no-untyped-def]
    """What high contrast changes: the normal theme's coloured chips and legends do not all
    reach 7:1 (they meet the 4.5:1 of WCAG AA, which is what they were chosen for)."""
    results = measured(deck, "normal")
    assert any(r < 7.0 for _, _, r in results)
    assert all(r >= 3.0 for _, _, r in results)
