"""The shared slide parts: fitting text, source shortening, colours and the still image."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pixels import distinct_colors, share_near
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from view_samples import write_png

from revkiosk.theme import DARK, LIGHT
from revkiosk.ui.colors import contrast, ink_on, readable_on
from revkiosk.ui.slides.still import StillImage
from revkiosk.ui.slides.widgets import FitText, inline_markup, short_source

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
<rect width="200" height="100" fill="#2a9d8f"/></svg>"""


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://arxiv.org/abs/2005.14165", "arxiv.org/abs/2005.14165"),
        ("https://www.nature.com/articles/nature16961", "nature.com/articles/nature16961"),
        (
            "https://example.org/a/very/deep/path/that/goes/on/and/on/forever/paper.pdf",
            "example.org/a/…/paper.pdf",
        ),
        ("GPT-2 paper, 2019", "GPT-2 paper, 2019"),
    ],
)
def test_short_source(url, expected):
    assert short_source(url) == expected


def test_short_source_never_exceeds_its_limit():
    assert len(short_source("https://x.org/" + "a" * 200)) <= 48


def test_inline_markup_escapes_html_and_keeps_emphasis():
    assert inline_markup("**GPT-3** is <big> & *new*") == (
        "<b>GPT-3</b> is &lt;big&gt; &amp; <i>new</i>"
    )
    assert inline_markup("2 * 3 * 4") == "2 * 3 * 4"  # arithmetic is not emphasis


def fit_text(qtbot, text: str, width: int, height: int, max_px: int = 48) -> FitText:
    label = FitText(color="#000000")
    qtbot.addWidget(label)
    label.set_content(text)
    label.set_max_pixel_size(max_px)
    label.resize(width, height)
    return label


def test_fit_text_keeps_its_size_when_it_fits(qtbot):
    assert fit_text(qtbot, "Short", 600, 200).pixel_size() == 48


def test_fit_text_shrinks_until_the_text_fits(qtbot):
    label = fit_text(qtbot, "word " * 40, 600, 300)
    assert label.pixel_size() < 48
    assert QRectF(label.rect()).contains(label.text_rect())


def test_fit_text_never_shrinks_under_the_floor(qtbot):
    """Text that cannot fit at the floor is not drawn smaller: it does not fit, and says so."""
    label = fit_text(qtbot, "word " * 200, 600, 200)
    label.set_floor(31)
    assert label.pixel_size() == 31
    assert not label.fits(600, 200)


def test_pageable_text_shows_pages_of_whole_lines(qtbot):
    label = fit_text(qtbot, " ".join(f"word{i}" for i in range(200)), 600, 300)
    label.set_floor(31)
    label.pageable = True
    label.resize(600, 301)  # a new size lays it out again
    assert label.page_count() > 1
    assert label.pixel_size() >= 35  # it stops shrinking at 72 % of 48 px and pages instead
    shown = [run for run in label.text_runs() if run.element == "text"]
    assert all(QRectF(label.rect()).contains(run.rect) for run in shown)
    first = [run.text for run in shown]
    assert label.set_page(1)
    assert [run.text for run in label.text_runs() if run.element == "text"] != first
    indicator = [run for run in label.text_runs() if run.element == "page indicator"]
    assert indicator and indicator[0].text.startswith("2 / ")


def test_fit_text_never_breaks_inside_a_word(qtbot):
    """A word wider than the box is hyphenated where English allows, never cut anywhere."""
    label = fit_text(qtbot, "Internationalization", 260, 400)
    label.set_floor(31)
    runs = label.text_runs()
    assert len(runs) > 1 and all(not run.broken_word for run in runs)
    assert all(run.rect.right() <= 261 for run in runs)


def test_an_unbreakable_string_does_not_fit(qtbot):
    label = fit_text(qtbot, "x" * 300, 300, 400)
    label.set_floor(12)
    assert not label.fits(300, 400)


def test_fitted_height_is_what_the_text_needs(qtbot):
    label = fit_text(qtbot, "One line", 800, 400)
    assert 40 <= label.fitted_height(800, 400) <= 80  # one line of 48 px type, not the box
    assert label.fitted_height(800, 30) <= 30


@pytest.mark.parametrize("fill", ["#4cc9f0", "#f72585", "#7bd88f", "#1d3557", "#ffb703"])
def test_ink_on_a_domain_colour_is_readable(fill):
    assert contrast(ink_on(QColor(fill)), QColor(fill)) >= 4.5


@pytest.mark.parametrize("theme", [DARK, LIGHT])
def test_accent_text_is_nudged_to_readable(theme):
    background = QColor(theme.background)
    assert contrast(readable_on(QColor("#4cc9f0"), background), background) >= 3.0


def still(qtbot, path: Path | None, fit: str = "fit", size=(400, 400)) -> StillImage:
    widget = StillImage(path, DARK, fit=fit)  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.resize(*size)
    return widget


def test_still_image_fit_letterboxes_and_fill_covers(qtbot, tmp_path):
    png = write_png(tmp_path / "wide.png", "#e63946", (320, 160))
    fit = still(qtbot, png, "fit")
    assert fit.ok
    assert fit.target_rect() == QRectF(0, 100, 400, 200)
    fill = still(qtbot, png, "fill")
    assert fill.target_rect() == QRectF(-200, 0, 800, 400)
    image = fill.grab().toImage()
    assert share_near(image, "#e63946", 8) > 0.98
    image = fit.grab().toImage()
    assert 0.45 < share_near(image, "#e63946", 8) < 0.55


def test_still_image_draws_svg(qtbot, tmp_path):
    svg = tmp_path / "diagram.svg"
    svg.write_text(SVG, encoding="utf-8")
    widget = still(qtbot, svg, "fill")
    assert widget.ok
    assert share_near(widget.grab().toImage(), "#2a9d8f", 8) > 0.95


@pytest.mark.qt_log_ignore("Cannot read file .*broken.svg")  # the broken file is the point
@pytest.mark.parametrize(
    "name,content", [("missing.png", None), ("broken.png", b"not a png"), ("broken.svg", b"<svg")]
)
def test_unusable_image_shows_the_placeholder(qtbot, tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    widget = still(qtbot, path)
    assert not widget.ok
    image = widget.grab().toImage()
    assert share_near(image, DARK.surface, 2) > 0.8  # the neutral card …
    assert distinct_colors(image) > 5  # … with its glyph and label drawn on it


def test_still_image_without_a_path_is_a_placeholder(qtbot):
    assert not still(qtbot, None).ok


def test_hyphenation_patterns_are_read_ahead_on_a_thread(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 21: the first word broken on a slide waited ~60 ms for pyphen's patterns (import and
    parse, on the GUI thread; German's ~0.45 s); read ahead after the first paint, that word
    finds them ready — or waits for the reading under way, never reads them a second time."""
    from revkiosk.ui import hyphenate

    monkeypatch.setattr(hyphenate, "_loaded", {})
    reads: list[tuple[str, str]] = []
    read = hyphenate.read_patterns

    def counted(language: str):  # type: ignore[no-untyped-def]
        reads.append((language, threading.current_thread().name))
        return read(language)

    monkeypatch.setattr(hyphenate, "read_patterns", counted)
    worker = hyphenate.preload("de")
    assert worker is not None and worker.daemon
    assert hyphenate.preload("de") is None  # being read: not a second reader
    # a word that needs them now waits for that reading
    assert hyphenate.SOFT_HYPHEN in hyphenate.hyphenate("Bildklassifikationswettbewerb", "de")
    assert reads == [("de", "hyphenation")]
    assert hyphenate.preload("de") is None  # read: nothing to do
    assert hyphenate.SOFT_HYPHEN in hyphenate.hyphenate("Bildklassifikationswettbewerb", "de")
    assert reads == [("de", "hyphenation")]
