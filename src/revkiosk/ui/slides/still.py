"""A still image (PNG, JPEG, SVG) drawn fit or fill, with a calm placeholder when it cannot be.

Deliberately small and self-contained: slides need a picture or a poster frame now; the media
stack (video, audio, captions) lives in `ui/media/` and may replace this for richer cases.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import Media
from revkiosk.i18n.words import _
from revkiosk.safe_files import is_regular
from revkiosk.theme import Theme
from revkiosk.ui.arrival import ArrivalFade
from revkiosk.ui.picture_text import PictureRun

if TYPE_CHECKING:
    from revkiosk.ui.slides.canvas import CanvasView

log = logging.getLogger(__name__)
SVG_SUFFIXES = {".svg", ".svgz"}


def load_image(path: Path) -> QImage | None:
    """Decode a raster image at screen size (EXIF rotation applied), or None with the reason
    logged. The stage has usually had it decoded ahead on a worker thread (`ui/decoded.py`)."""
    from revkiosk.ui.decoded import IMAGES, box_of, display_box

    image, notice = IMAGES.decode_now(path, box_of(*display_box()))
    if image is None:
        log.warning("cannot show image %s: %s", path, notice)
    return image


class StillImage(QWidget):
    """Draws `path` scaled to fit (letterboxed) or to fill (centre-cropped) its rectangle.

    A missing or undecodable file shows a neutral card naming the file instead of failing: a
    kiosk must keep running when one picture is broken. `scrim` darkens the picture (0…1) so
    text laid over it stays readable.
    """

    def __init__(
        self,
        path: Path | None,
        theme: Theme,
        *,
        fit: Literal["fit", "fill"] = "fit",
        family: str = "Inter",
        radius: float = 0.0,
        scrim: float = 0.0,
        label: str = "Image unavailable",
        light: bool = True,
        box: tuple[int, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._light = light  # False: always decoded on the worker (see `DecodedImages.request`)
        self.box = box  # what the picture is decoded to cover (None: the screen)
        self.path, self.theme, self.fit, self.family = path, theme, fit, family
        self.radius, self.scrim, self.label = radius, scrim, label
        self._svg = None
        self._image: QImage | None = None
        self._scaled: QImage | None = None
        self.loading = False  # a heavy picture is on its way from the worker
        self._fade = ArrivalFade()
        self.ok = self._load()

    def _load(self) -> bool:
        """Read through the checked path (regular files only, SVGs self-contained, heavy
        pictures decoded off the GUI thread); False shows the placeholder card."""
        if self.path is None:
            return False
        if not is_regular(self.path):
            log.warning("image not found or not a regular file: %s", self.path)
            return False
        if self.path.suffix.lower() in SVG_SUFFIXES:
            from revkiosk.ui.media.svg import SvgPicture

            self._svg = SvgPicture(self.path, self._on_arrived, parent=self)
            self.loading = self._svg.loading
            return not self._svg.notice
        from revkiosk.ui.decoded import IMAGES, box_of, display_box

        box = self.box or box_of(*display_box())
        outcome = IMAGES.request(
            self.path, box, self, self._on_decoded, light=self._light, fades=True
        )
        if outcome is None:
            self.loading = True
            return True
        self._image = outcome[0]
        return self._image is not None

    def _on_decoded(self, outcome: tuple[QImage | None, str]) -> None:
        self._image, self._scaled = outcome[0], None
        self._on_arrived()

    def _on_arrived(self) -> None:
        self.loading = False
        self.ok = self._image is not None or (self._svg is not None and not self._svg.notice)
        self._fade.arrived(self, self._repaint)
        self._repaint()

    def _repaint(self) -> None:
        self.update()
        parent = self.parentWidget()
        if parent is not None and not self.isVisible():
            parent.update()  # a backdrop is painted by its slide, not by itself

    def source_size(self) -> QSize:
        """The picture's own size (its aspect decides fit and fill)."""
        if self._svg is not None:
            return self._svg.size()
        return self._image.size() if self._image is not None else QSize()

    def target_rect(self, box: QRectF | None = None) -> QRectF:
        """Where the picture lands in `box` (the widget by default); exceeds it when filling."""
        box = QRectF(self.rect()) if box is None else QRectF(box)
        source = self.source_size()
        if source.isEmpty() or box.isEmpty():
            return box
        mode = (
            Qt.AspectRatioMode.KeepAspectRatioByExpanding
            if self.fit == "fill"
            else Qt.AspectRatioMode.KeepAspectRatio
        )
        size = source.scaled(box.size().toSize(), mode)
        rect = QRectF(0, 0, size.width(), size.height())
        rect.moveCenter(box.center())
        return rect

    def picture_runs(self) -> list[PictureRun]:
        """The picture as shown, for the audit of text inside pictures (`ui/picture_text.py`)."""
        if self.path is None or not self.ok or self.source_size().isEmpty():
            return []
        return [PictureRun("picture", self.path, self.target_rect())]

    def paint_into(self, painter: QPainter, box: QRectF) -> None:
        """Draw the picture (or the placeholder) into `box` of any painter: views use this to
        put a backdrop under their own drawing."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        clip = QPainterPath()
        clip.addRoundedRect(box, self.radius, self.radius)
        painter.setClipPath(clip)
        if self.ok:
            painter.setOpacity(painter.opacity() * self._fade.opacity())
            self._paint_picture(painter, box)
            if self.scrim > 0:
                painter.fillRect(box, QColor(0, 0, 0, round(255 * self.scrim)))
        else:
            self._paint_placeholder(painter, box)
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        self.paint_into(painter, QRectF(self.rect()))
        painter.end()

    def _paint_picture(self, painter: QPainter, box: QRectF) -> None:
        target = self.target_rect(box)
        if self._svg is not None:
            self._svg.paint(painter, target)
            return
        if self._image is None:  # still on its way: the slide's own background shows
            return
        size = target.size().toSize()
        if self._scaled is None or self._scaled.size() != size:
            from revkiosk.ui.decoded import IMAGES

            self._scaled = IMAGES.scaled(self._image, size)
        painter.drawImage(target.topLeft(), self._scaled)

    def _paint_placeholder(self, painter: QPainter, rect: QRectF) -> None:
        """A quiet card: a drawn picture glyph, the label and the file name."""
        painter.fillRect(rect, QColor(self.theme.surface))
        muted = QColor(self.theme.muted)
        # A hairline edge keeps the card visible on the light theme's near-white paper.
        painter.setPen(QPen(QColor(self.theme.grid), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), self.radius, self.radius)
        unit = min(rect.width(), rect.height()) / 10
        glyph = QRectF(0, 0, unit * 2.4, unit * 1.8)
        glyph.moveCenter(rect.center())
        glyph.moveTop(rect.center().y() - unit * 2.2)
        painter.setPen(QPen(muted, max(1.0, unit * 0.12)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(glyph, unit * 0.2, unit * 0.2)
        peak = QPainterPath()
        peak.moveTo(glyph.left() + unit * 0.3, glyph.bottom() - unit * 0.3)
        peak.lineTo(glyph.left() + unit * 1.0, glyph.top() + unit * 0.7)
        peak.lineTo(glyph.left() + unit * 1.5, glyph.bottom() - unit * 0.6)
        peak.lineTo(glyph.left() + unit * 1.8, glyph.top() + unit * 1.0)
        peak.lineTo(glyph.right() - unit * 0.3, glyph.bottom() - unit * 0.3)
        painter.drawPath(peak)
        painter.drawEllipse(
            glyph.topRight() + QRectF(-unit * 0.8, unit * 0.35, 0, 0).topLeft(),
            unit * 0.2,
            unit * 0.2,
        )
        font = QFont(self.family)
        font.setPixelSize(max(8, round(unit * 0.55)))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(muted)
        text_rect = QRectF(rect.left(), glyph.bottom() + unit * 0.4, rect.width(), unit * 0.9)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self.label)
        if self.path is not None:
            font.setWeight(QFont.Weight.Normal)
            font.setPixelSize(max(7, round(unit * 0.38)))
            painter.setFont(font)
            painter.drawText(
                text_rect.translated(0, unit * 0.8), Qt.AlignmentFlag.AlignCenter, self.path.name
            )


def picture_of(view: CanvasView, media: Media | None, **options: object) -> StillImage | None:
    """A still for a slide's media: the image, or a video's poster; None when there is none."""
    if media is None or (media.image is None and media.video is None):
        return None
    path = media.image or media.poster
    if path is not None and not path.is_absolute():
        path = view.context.deck.root / path
    label = _("Image unavailable") if media.image else _("Video")
    return StillImage(
        path, view.theme, fit=media.fit, family=view.family, label=label, parent=view, **options
    )
