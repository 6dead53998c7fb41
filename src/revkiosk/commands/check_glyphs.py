"""`revkiosk check`'s warning for characters no installed font draws (they show as boxes).

CJK on a machine without a CJK font, emoji, rare scripts and symbols render as empty boxes, with
no error anywhere. The player's fonts are the bundled Inter and, for what Inter lacks, the
system's fonts through fontconfig; each character of a slide's text (and of each translation a
visitor may choose) is shaped once with them, and each slide that has some is named with the
characters, so the author can change them or the museum can install a font (e.g.
`fonts-noto-cjk`). Called by `commands/check_layout.py`, which has started Qt.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

from revkiosk.deck.model import Deck, Location, Problem

_SKIPPED_FIELDS = {"id", "kind", "location", "system", "source", "date", "domain", "fit"}
SHOWN_PER_SLIDE = 8  # characters named in one warning; the rest are counted


def glyph_problems(shown: Deck, deck: Deck, tag: str = "") -> list[Problem]:
    """Warnings for slides of `shown` (the deck, maybe translated; `tag` says which language)
    whose text has characters no font draws, located at `deck`'s own slides."""
    missing = MissingGlyphs()
    problems: list[Problem] = []
    for index, slide in enumerate(shown.slides):
        absent = missing.of("".join(_texts(slide)))
        if not absent:
            continue
        own = deck.slides[index]
        where = own.location or Location(deck.path, 1, 1)
        named = " ".join(f"{c} (U+{ord(c):04X})" for c in absent[:SHOWN_PER_SLIDE])
        more = len(absent) - SHOWN_PER_SLIDE
        named += f" and {more} more" if more > 0 else ""
        message = (
            f"slide {index + 1} ({own.kind}){tag}: no installed font draws {named}; they show"
            " as empty boxes (install a font that has them, e.g. fonts-noto-cjk, or leave"
            " them out)"
        )
        problems.append(Problem(where, "warning", message))
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


class MissingGlyphs:
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
