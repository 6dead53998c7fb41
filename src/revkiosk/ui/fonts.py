"""The bundled faces, registered with Qt once (the licences are in ui/fonts/ and ui/fonts/noto/).

Inter covers Latin, Greek and Cyrillic. Arabic and Hebrew text falls back to the bundled Noto
Sans Arabic and Noto Sans Hebrew (Qt's font substitution for the Inter family, so every `QFont`
made from `load_fonts()`'s family finds them glyph by glyph, in a packaged build too). They are
registered when a deck is shown in a right-to-left language, and otherwise after the first slide
has painted (registering costs ~6 ms), so the first paint of an English deck does not wait.
"""

from __future__ import annotations

from revkiosk.resources import package_file
from revkiosk.theme import FONT_FAMILY

SCRIPT_FAMILIES = ("Noto Sans Arabic", "Noto Sans Hebrew")

_fonts_loaded = False
_script_fonts_loaded = False
_generation = 0  # how many times faces were registered: text measured before may differ now


def generation() -> int:
    """Changes whenever faces are registered (text measures kept across views name it)."""
    return _generation


def load_fonts() -> str:
    """Register the bundled Inter faces with Qt once; returns the family name to use.

    Falls back to the platform's sans-serif if the files are missing (a broken install must
    still show the deck).
    """
    global _fonts_loaded, _generation
    from PySide6.QtGui import QFontDatabase

    if not _fonts_loaded:
        _fonts_loaded = True
        _generation += 1
        for path in sorted(package_file("ui", "fonts").glob("*.otf")):
            QFontDatabase.addApplicationFont(str(path))
    return FONT_FAMILY if FONT_FAMILY in QFontDatabase.families() else "Sans Serif"


def load_script_fonts() -> list[str]:
    """Register the Noto faces once and make them Inter's fallbacks; returns the families
    registered (none when the files are missing: Qt then falls back to the system's fonts)."""
    global _script_fonts_loaded, _generation
    from PySide6.QtGui import QFont, QFontDatabase

    if not _script_fonts_loaded:
        _script_fonts_loaded = True
        _generation += 1
        family = load_fonts()
        for path in sorted(package_file("ui", "fonts", "noto").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(path))
        found = [name for name in SCRIPT_FAMILIES if name in QFontDatabase.families()]
        if found:
            QFont.insertSubstitutions(family, found)
    return [name for name in SCRIPT_FAMILIES if name in QFontDatabase.families()]
