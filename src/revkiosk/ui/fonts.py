"""The bundled Inter faces, registered with Qt once (the licence is in ui/fonts/)."""

from __future__ import annotations

from revkiosk.resources import package_file
from revkiosk.theme import FONT_FAMILY

_fonts_loaded = False


def load_fonts() -> str:
    """Register the bundled Inter faces with Qt once; returns the family name to use.

    Falls back to the platform's sans-serif if the files are missing (a broken install must
    still show the deck).
    """
    global _fonts_loaded
    from PySide6.QtGui import QFontDatabase

    if not _fonts_loaded:
        _fonts_loaded = True
        for path in sorted(package_file("ui", "fonts").glob("*.otf")):
            QFontDatabase.addApplicationFont(str(path))
    return FONT_FAMILY if FONT_FAMILY in QFontDatabase.families() else "Sans Serif"
