"""Shared helpers for the media generators: paths, the offscreen Qt app, fonts, colours.

Every generator draws with QPainter onto a QImage so the artwork uses the same Inter font and
palette as the app. Output must be deterministic (fixed seeds, no timestamps) so `make_all.py`
can be rerun and produce the same files.

The painter records the smallest cap height of the text it draws on each image, and every PNG
written here carries it as the text chunk `revkiosk:min-text-cap-px` (`TEXT_CAP_KEY`):
`revkiosk check` scales it to the size a slide shows the picture at and holds it to the
legibility floor (`src/revkiosk/ui/picture_text.py`). A video's poster carries the smallest of
every frame of the video (`video_writer.H264Writer.min_text_cap`).
"""

from __future__ import annotations

import functools
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
TEXT_CAP_KEY = "revkiosk:min-text-cap-px"  # the same key as revkiosk.ui.picture_text.KEY


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


def text_cap(img: object) -> float | None:
    """The smallest cap height (px) of the text drawn on `img` so far; None: no text."""
    value = img.text(TEXT_CAP_KEY)
    return float(value) if value else None


def record_text_cap(img: object, cap: float | None) -> None:
    """Note text of cap height `cap` (px) on `img` (the smallest noted is kept)."""
    if cap is None or cap <= 0:
        return
    known = text_cap(img)
    if known is None or cap < known:
        img.setText(TEXT_CAP_KEY, f"{cap:.1f}")


@functools.cache
def _recording_painter_class() -> type:
    from PySide6.QtCore import QRect, QRectF
    from PySide6.QtGui import QFontMetricsF, QImage, QPainter

    class RecordingPainter(QPainter):
        """A QPainter that notes on its image the cap height of every text it draws (scaled
        by its transform: text drawn in a shrunk inset counts at the size it lands)."""

        def __init__(self, img: object) -> None:
            super().__init__(img)
            self._img = img

        def drawText(self, *args: object) -> object:  # noqa: N802 - Qt's name
            text = next((a for a in args if isinstance(a, str)), "")
            if text.strip():
                scale = (self.transform().m22() ** 2 + self.transform().m21() ** 2) ** 0.5
                cap = QFontMetricsF(self.font()).capHeight() * scale
                record_text_cap(self._img, cap)
            return super().drawText(*args)

        def drawImage(self, *args: object) -> object:  # noqa: N802 - Qt's name
            source = next((a for a in args if isinstance(a, QImage)), None)
            cap = text_cap(source) if source is not None else None
            if cap is not None and source.height() > 0:
                target = args[0]
                shrink = (
                    QRectF(target).height() / source.height()
                    if isinstance(target, QRect | QRectF)
                    else 1.0
                )
                if len(args) > 2 and isinstance(args[2], QRect | QRectF):
                    shrink = QRectF(target).height() / max(QRectF(args[2]).height(), 1e-9)
                scale = (self.transform().m22() ** 2 + self.transform().m21() ** 2) ** 0.5
                record_text_cap(self._img, cap * shrink * scale)
            return super().drawImage(*args)

    return RecordingPainter


def painter(img: object) -> object:
    """A QPainter on `img` with antialiasing on (hard edges look cheap on a big screen); it
    records the smallest cap height of the text it draws (`text_cap`)."""
    from PySide6.QtGui import QPainter

    p = _recording_painter_class()(img)
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


def save_png(img: object, path: Path, also_cap: float | None = None) -> Path:
    """Write `img` as an optimised PNG, creating folders; returns the path. The smallest cap
    height of its text goes with it (and `also_cap`: a poster's video frames)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    record_text_cap(img, also_cap)
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
