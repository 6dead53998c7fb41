"""Shared helpers for the media generators: paths, the offscreen Qt app, fonts, colours.

Every generator draws with QPainter onto a QImage so the artwork uses the same Inter font and
palette as the app. Output must be deterministic (fixed seeds, no timestamps) so `make_all.py`
can be rerun and produce the same files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MEDIA = REPO / "media"
SRC = REPO / "src"

BG = "#0b0f17"
SURFACE = "#161c28"
TEXT = "#f2f4f8"
MUTED = "#a4adbd"
ACCENT = "#ffb703"
GRID = "#2a3344"
DOMAIN_COLORS = {
    "vision": "#4cc9f0",
    "games": "#f72585",
    "language": "#90e0a0",
    "science": "#ffb347",
}

_app = None
_family = "Sans Serif"


def app() -> object:
    """The one QGuiApplication (offscreen), created on first use with Inter registered.

    Generators run headless on build machines; `offscreen` avoids needing a display.
    """
    global _app, _family
    if _app is None:
        if str(SRC) not in sys.path:
            sys.path.insert(0, str(SRC))
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtGui import QGuiApplication

        _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        from revkiosk.ui.fonts import load_fonts

        _family = load_fonts()
    return _app


def font(px: float, weight: str = "regular", italic: bool = False) -> object:
    """An Inter QFont at a pixel size; weight is regular, semibold or bold."""
    from PySide6.QtGui import QFont

    app()
    f = QFont(_family)
    f.setPixelSize(max(1, round(px)))
    f.setWeight(
        {
            "regular": QFont.Weight.Normal,
            "semibold": QFont.Weight.DemiBold,
            "bold": QFont.Weight.Bold,
        }[weight]
    )
    f.setItalic(italic)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def new_image(width: int, height: int, color: str = BG) -> object:
    """A QImage filled with `color` in a format both PNG and the video writer accept."""
    from PySide6.QtGui import QColor, QImage

    app()
    img = QImage(width, height, QImage.Format.Format_RGB888)
    img.fill(QColor(color))
    return img


def painter(img: object) -> object:
    """A QPainter on `img` with antialiasing on (hard edges look cheap on a big screen)."""
    from PySide6.QtGui import QPainter

    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    return p


def color(hex_code: str, alpha: float = 1.0) -> object:
    """A QColor from #rrggbb with an alpha in 0..1."""
    from PySide6.QtGui import QColor

    c = QColor(hex_code)
    c.setAlphaF(max(0.0, min(1.0, alpha)))
    return c


def save_png(img: object, path: Path) -> Path:
    """Write `img` as an optimised PNG, creating folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not img.save(str(path), "PNG", 0):  # for PNG, Qt quality 0 = strongest zlib compression
        raise OSError(f"could not write {path}")
    return path


def rel(path: Path) -> str:
    """A path relative to the repository root, for logs and credits."""
    return path.resolve().relative_to(REPO).as_posix()


def shrunk(img: object, width: int, height: int) -> object:
    """`img` scaled down smoothly to `width` x `height`: the small models' films are drawn at
    a comfortable size and shipped at two thirds of it (their clips are 24 pixels across, so
    nothing is lost, and every kilobyte counts in the release archive)."""
    from PySide6.QtCore import Qt

    return img.scaled(
        width,
        height,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def save_poster(img: object, path: Path) -> Path:
    """A film's poster: its frame at two thirds of the film's size (it shows only until the
    film starts, and in the printed handout; the release archive has no room to spare)."""
    return save_png(shrunk(img, img.width() * 2 // 3, img.height() * 2 // 3), path)
