"""The self-test's look at languages (`revkiosk --self-test`, on the packaged build too).

What a museum would lose in a build that left something out: CLDR month names and number
formats (Babel's data, trimmed by packaging/babel_data.py), the player's own catalogs, the Noto
faces Arabic and Hebrew fall back to, and the bundled deck's PO files.
"""

from __future__ import annotations

from pathlib import Path


class LanguageCheckFailed(RuntimeError):
    """A part of the languages support is missing or broken."""


def check_languages(deck_path: Path | None = None) -> str:
    """One line saying what works; raises LanguageCheckFailed naming what does not."""
    from PySide6.QtGui import QFont, QTextLayout

    from revkiosk.deck.model import PartialDate
    from revkiosk.i18n import cldr, words
    from revkiosk.i18n.po import read_po_file
    from revkiosk.ui.fonts import load_fonts, load_script_fonts

    month = str(cldr.date_labeller("fr")(PartialDate(2016, 3)))
    names = [cldr.native_name(code) for code in ("fr", "de", "es", "ar")]
    if month != "mars 2016" or names != ["Français", "Deutsch", "Español", "العربية"]:
        raise LanguageCheckFailed(f"CLDR data missing: {month!r}, {names}")
    catalogs = sorted(words.LOCALE_DIR.glob("*.po"))
    broken = [p.name for p in catalogs if not read_po_file(p).ok]
    if not catalogs or broken:
        raise LanguageCheckFailed(f"the player's catalogs: {broken or 'none found'}")
    before = words.language()
    words.activate("ar")
    arabic = words._("Translation")
    words.activate(before)
    if arabic != "الترجمة":
        raise LanguageCheckFailed("the player's Arabic catalog is not read")
    if load_script_fonts() != ["Noto Sans Arabic", "Noto Sans Hebrew"]:
        raise LanguageCheckFailed("the bundled Noto Sans Arabic and Hebrew did not load")
    font = QFont(load_fonts())
    font.setPixelSize(32)
    layout = QTextLayout("العربية עברית", font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    used = {run.rawFont().familyName() for run in layout.glyphRuns()}
    if not {"Noto Sans Arabic", "Noto Sans Hebrew"} <= used:
        raise LanguageCheckFailed(f"Arabic and Hebrew drawn with {sorted(used)}")
    deck_po = 0
    if deck_path is not None:
        folder = deck_path.parent / "locale"
        deck_files = sorted(folder.glob("*.po")) if folder.is_dir() else []
        broken = [p.name for p in deck_files if not read_po_file(p).ok]
        if broken:
            raise LanguageCheckFailed(f"the deck's PO files: {broken}")
        deck_po = len(deck_files)
    return (
        f"CLDR ({month}), {len(catalogs)} player catalogs, Noto Arabic and Hebrew, "
        f"{deck_po} deck PO files"
    )
