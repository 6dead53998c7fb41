"""What `revkiosk check` can only see by laying slides out: text cut off, glyphs no font has.

Two silent losses on screen are found here, with the fonts this machine has (the bundled Inter
and, for what Inter lacks, the system's fonts through fontconfig, as the player uses them):

* text that does not fit its box even at its smallest legible size: the player ends it with
  "…" (`FitText.elided`); the slide is built offscreen at 1920x1080 to know;
* characters no font draws (they would show as empty boxes): CJK on a machine without a CJK
  font, rare symbols. Each slide is named with the characters, so the author can change them or
  the museum can install a font (e.g. `fonts-noto-cjk`).

Needs Qt: without PySide6 (a Qt-free check) these warnings are simply not given.
"""

from __future__ import annotations

import dataclasses
import os
import unicodedata
from pathlib import Path

from revkiosk.deck.model import Deck, Location, Problem, Slide

TEXT_PREFILTER = 200  # characters of text on a slide below which nothing can overflow
TITLE_PREFILTER = 60
_SKIPPED_FIELDS = {"id", "kind", "location", "system", "source", "date", "domain", "fit"}


def visual_problems(deck: Deck) -> list[Problem]:
    """Warnings for text that is cut and characters no font draws (empty without Qt)."""
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return []
    app = QApplication.instance() or QApplication(["revkiosk-check"])  # noqa: F841 - kept alive
    problems: list[Problem] = []
    missing = _MissingGlyphs()
    for number, slide in enumerate(deck.slides, 1):
        where = slide.location or Location(deck.path, 1, 1)
        label = f"slide {number} ({slide.kind})"
        texts = list(_texts(slide))
        absent = missing.of("".join(texts))
        if absent:
            shown = " ".join(f"{c} (U+{ord(c):04X})" for c in absent[:8])
            more = f" and {len(absent) - 8} more" if len(absent) > 8 else ""
            problems.append(
                Problem(
                    where,
                    "warning",
                    f"{label}: no installed font draws {shown}{more}; they show as empty boxes "
                    "(install a font that has them, e.g. fonts-noto-cjk, or leave them out)",
                )
            )
        if _may_overflow(texts):
            cut = _cut_texts(deck, slide)
            for text in cut:
                start = " ".join(text.split())[:40]
                problems.append(
                    Problem(
                        where,
                        "warning",
                        f"{label}: text does not fit the slide even at its smallest size: "
                        f'"{start}…" is cut off with "…"; shorten it or split the slide',
                    )
                )
    return problems


def _texts(value: object) -> list[str]:
    """Every text a slide shows (and its notes), walking its frozen dataclasses."""
    found: list[str] = []
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, tuple):
        for item in value:
            found += _texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in _SKIPPED_FIELDS:
                item = getattr(value, field.name)
                if not isinstance(item, Path):
                    found += _texts(item)
    return found


def _may_overflow(texts: list[str]) -> bool:
    return sum(map(len, texts)) > TEXT_PREFILTER or any(len(t) > TITLE_PREFILTER for t in texts)


def _cut_texts(deck: Deck, slide: Slide) -> list[str]:
    """The texts of `slide` that the player would end with "…" at 1920x1080."""
    from PySide6.QtCore import QSize

    from revkiosk.context import ViewContext
    from revkiosk.theme import theme_named
    from revkiosk.ui.render import offscreen_view
    from revkiosk.ui.slides.widgets import FitText

    if slide.kind in ("plot", "timeline"):  # charts and the timeline lay out no long text
        return []
    context = ViewContext(deck=deck, theme=theme_named(deck.info.theme))
    try:
        with offscreen_view(slide, context, QSize(1920, 1080)) as view:
            return [t.text() for t in view.findChildren(FitText) if t.isVisible() and t.is_elided()]
    except Exception:  # noqa: BLE001 - a view that cannot be built is reported by the player
        return []


class _MissingGlyphs:
    """Which characters no available font draws (asked once per character)."""

    def __init__(self) -> None:
        from PySide6.QtGui import QFont

        from revkiosk.ui.fonts import load_fonts

        self.font = QFont(load_fonts())
        self.font.setPixelSize(48)
        self.known: dict[str, bool] = {}

    def of(self, text: str) -> list[str]:
        absent = []
        for char in dict.fromkeys(text):
            if unicodedata.category(char)[0] in "CZ":  # controls, format marks, spaces
                continue
            if char not in self.known:
                self.known[char] = self._missing(char)
            if self.known[char]:
                absent.append(char)
        return absent

    def _missing(self, char: str) -> bool:
        from PySide6.QtGui import QTextLayout

        layout = QTextLayout(char, self.font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        runs = layout.glyphRuns()
        return not runs or any(0 in run.glyphIndexes() for run in runs)
