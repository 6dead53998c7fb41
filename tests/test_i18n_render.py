"""Right-to-left slides mirror; `revkiosk export --lang` renders a translation.

Geometry a visitor would see: in Arabic the text column of a milestone slide is on the right and
its picture on the left, text lines end at the right margin, and Arabic letters come from the
bundled Noto face (not a missing-glyph box); an exported French deck shows French text.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from i18n_helpers import translated_deck
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QRawFont, QTextLayout

from revkiosk.commands import export
from revkiosk.context import ViewContext
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import MilestoneSlide
from revkiosk.i18n.catalogs import deck_in
from revkiosk.resources import content_root
from revkiosk.theme import theme_named
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.render import render_slide
from revkiosk.ui.view import create_view

ARABIC = content_root() / "slides" / "example-arabic.yaml"


def milestone_view(qtbot, deck, index: int):
    context = ViewContext(deck=deck, theme=theme_named("dark"), language=deck.info.language)
    view = create_view(deck.slides[index], context)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    return view


def test_an_arabic_milestone_slide_is_mirrored(qtbot) -> None:
    arabic, _problems = deck_in(load_deck(ARABIC), "ar")
    index = next(i for i, s in enumerate(arabic.slides) if isinstance(s, MilestoneSlide))
    english = replace(arabic, info=replace(arabic.info, language="en"))
    rtl, ltr = milestone_view(qtbot, arabic, index), milestone_view(qtbot, english, index)
    assert rtl.isRightToLeft() and not ltr.isRightToLeft()
    for part in ("title", "chip", "body"):
        a, b = getattr(rtl, part).geometry(), getattr(ltr, part).geometry()
        assert a.width() == b.width() and a.top() == b.top()
        assert a.left() == 1920 - b.right() - 1  # reflected about the middle
    assert rtl.title.geometry().left() > 960 > rtl.visual().geometry().right()
    assert ltr.title.geometry().right() < 960 < ltr.visual().geometry().left()
    # The title's lines end at the right edge of its box (they start there, reading leftwards).
    text = rtl.title.text_rect()
    assert abs(text.right() - rtl.title.width()) < 12 and text.left() > 8
    # The chip's coloured pill (the domain's name) is at its right end.
    chip = rtl.chip.grab().toImage()
    accent = rtl.accent
    row = chip.height() // 2
    right = chip.pixelColor(chip.width() - 12 * chip.devicePixelRatio(), row)
    left = chip.pixelColor(12, row)
    assert right.name() == accent.name() and left.name() != accent.name()
    assert str(rtl.slide.milestone.date) == "أكتوبر 2012"


def test_arabic_text_is_drawn_with_the_bundled_noto_face(qtbot) -> None:
    from revkiosk.ui.fonts import load_script_fonts

    assert load_script_fonts() == ["Noto Sans Arabic", "Noto Sans Hebrew"]
    from PySide6.QtGui import QFont

    font = QFont(load_fonts())
    font.setPixelSize(40)
    layout = QTextLayout("ثورة التعلّم العميق — AlexNet · שלום", font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    families = {run.rawFont().familyName() for run in layout.glyphRuns()}
    assert {"Noto Sans Arabic", "Noto Sans Hebrew", "Inter"} <= families
    assert all(isinstance(run.rawFont(), QRawFont) for run in layout.glyphRuns())


def test_an_arabic_slide_renders_its_ink_on_the_right(qtbot) -> None:
    arabic, _problems = deck_in(load_deck(ARABIC), "ar")
    slide = next(i for i, s in enumerate(arabic.slides) if s.kind == "text")
    context = ViewContext(deck=arabic, theme=theme_named("dark"), language="ar")
    image = render_slide(arabic.slides[slide], context, QSize(960, 540))
    background = image.pixelColor(5, 5)

    def ink(x0: int, x1: int) -> int:
        return sum(
            1
            for y in range(40, 300, 3)
            for x in range(x0, x1, 3)
            if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 60
        )

    assert ink(600, 900) > 5 * max(1, ink(60, 360))  # title and bullets hug the right margin


def test_export_with_lang_renders_the_translation(tmp_path: Path) -> None:
    deck, _po = translated_deck(tmp_path)
    err = io.StringIO()
    args = [str(deck.path), "--size", "480x270"]
    assert export.main([*args, "--png", str(tmp_path / "en")], err=err) == export.OK
    assert export.main([*args, "--lang", "fr", "--png", str(tmp_path / "fr")], err=err) == 0
    names = sorted(p.name for p in (tmp_path / "fr").glob("*.png"))
    assert names == sorted(p.name for p in (tmp_path / "en").glob("*.png"))
    assert len(names) == len(deck.slides)
    english = QImage(str(tmp_path / "en" / names[0]))
    french = QImage(str(tmp_path / "fr" / names[0]))
    assert english.size() == french.size() == QSize(480, 270)
    assert english != french  # "Bonjour les visiteurs", not "Hello visitors"
    err = io.StringIO()
    assert export.main([*args, "--lang", "de", "--png", str(tmp_path / "de")], err=err) == 0
    assert "no translation into de; rendering as written" in err.getvalue()
