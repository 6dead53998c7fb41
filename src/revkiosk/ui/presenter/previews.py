"""Current/next slide previews for the presenter view, rendered off the hot path.

Rendering a slide builds its view offscreen (a chart can take a tenth of a second), so a key
press never waits for one: navigation only marks previews stale and queues renders, and a
zero-delay timer renders one slide per event-loop turn (keys in between are handled first).
Images are cached per slide index at one canonical size and scaled when painted, so resizing
the window costs nothing.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import _
from revkiosk.timing import format_duration

log = logging.getLogger(__name__)


def video_status(slide_view: QWidget | None) -> str:
    """`"▶ Video 0:12 / 0:25"` while the audience view shows a video, else "".

    Videos play on the audience screen only (one decoder, one sound); the presenter sees the
    poster in the preview and this line, read from the audience view's own player.
    """
    if slide_view is None:
        return ""
    from revkiosk.ui.media.video import VideoWidget

    for video in slide_view.findChildren(VideoWidget):
        clip = video.clip
        duration = clip.duration()
        total = format_duration(duration) if duration else "–:––"
        mark = "▶" if clip.is_playing() else "❚❚"
        position = format_duration(clip.position())
        shown = _("Video {position} / {total} (audience screen)", position=position, total=total)
        return f"{mark} {shown}"
    return ""


RENDER_SIZE = QSize(960, 540)
CACHE_SLIDES = 12  # 2 MB each at 960x540; back-and-forth within a dozen slides is instant


def preview_size(slide: QSize) -> QSize:
    """The size previews are rendered at: the audience slide's shape (a portrait totem's
    previews are portrait), with about as many pixels as 960x540."""
    if slide.isEmpty():
        return QSize(RENDER_SIZE)
    scale = (RENDER_SIZE.width() * RENDER_SIZE.height() / (slide.width() * slide.height())) ** 0.5
    return QSize(max(16, round(slide.width() * scale)), max(16, round(slide.height() * scale)))


class PreviewCache(QObject):
    """Slide index → rendered QImage, filled lazily by a queue of pending renders.

    `render(index, size)` is injected (the presenter passes `revkiosk.ui.render.render_slide`
    bound to the deck), so tests can count renders without building views.
    """

    rendered = Signal(int)  # a slide's image is ready

    def __init__(self, render: Callable[[int, QSize], QImage], parent: QObject | None = None):
        super().__init__(parent)
        self._render = render
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._queue: list[int] = []
        self.size = QSize(RENDER_SIZE)
        self._busy = False
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self._render_one)

    def image(self, index: int) -> QImage | None:
        """The cached image, or None (then ask `request`)."""
        image = self._images.get(index)
        if image is not None:
            self._images.move_to_end(index)
        return image

    def request(self, *indices: int) -> None:
        """Render these slides soon, in this order (earlier requests wait behind them)."""
        wanted = [i for i in indices if i >= 0 and i not in self._images]
        self._queue = wanted + [i for i in self._queue if i not in wanted]
        if self._queue and not self._timer.isActive():
            self._timer.start()

    def set_size(self, size: QSize) -> bool:
        """Render at `size` from now on (the audience slide changed shape): True if it
        changed, and then every image is stale."""
        if size == self.size:
            return False
        self.size = QSize(size)
        self.clear()
        return True

    def clear(self) -> None:
        """The deck changed: every image is stale."""
        self._images.clear()
        self._queue.clear()

    def pending(self) -> list[int]:
        return list(self._queue)

    def _render_one(self) -> None:
        # render_slide processes (non-input) events while a view settles; a request arriving
        # then must not start a second, nested render: it waits in the queue.
        if not self._queue or self._busy:
            return
        index = self._queue.pop(0)
        self._busy = True
        try:
            image = self._render(index, self.size)
        except Exception:  # a preview must never stop the talk
            log.exception("preview of slide %d failed", index + 1)
            image = QImage()
        finally:
            self._busy = False
        self._images[index] = image
        while len(self._images) > CACHE_SLIDES:
            self._images.popitem(last=False)
        self.rendered.emit(index)
        if self._queue:
            self._timer.start()


class SlidePreview(QWidget):
    """One slide image kept at the audience slide's shape (`aspect`), with a caption above; or a
    card saying why there is none.

    A click emits `clicked` (the next-slide preview advances the talk, as in pympress).
    """

    clicked = Signal()

    def __init__(self, family: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family = family
        self.caption = caption
        self.caption_colour = QColor("#8b95a8")
        self.accent = QColor("#ffb703")
        self.image: QImage | None = None
        self.message = ""
        self.aspect = 16 / 9
        self.caption_px = 24  # the window sets it from its height
        self.fit_width = False  # True: height follows width (the next-slide preview)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.slide_rect().contains(
            event.position()
        ):
            self.clicked.emit()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return self.fit_width

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self.caption_height() + 6 + round(width / self.aspect)

    def show_image(self, image: QImage | None, message: str = "") -> None:
        """Show `image`; with None show `message` ("Rendering…", "End of deck") on a card."""
        self.image = image if image is not None and not image.isNull() else None
        self.message = message if self.image is None else ""
        self.update()

    def caption_height(self) -> int:
        return round(self.caption_px * 1.5)

    def slide_rect(self) -> QRectF:
        top = self.caption_height() + 6
        width, height = float(self.width()), float(self.height() - top)
        if width / max(height, 1.0) > self.aspect:
            width = height * self.aspect
        else:
            height = width / self.aspect
        return QRectF(0, top, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.family)
        font.setPixelSize(self.caption_px)
        font.setWeight(QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        painter.setFont(font)
        painter.setPen(self.caption_colour)
        box = self.slide_rect()
        caption = painter.fontMetrics().elidedText(
            self.caption, Qt.TextElideMode.ElideRight, round(box.width())
        )
        painter.drawText(
            QRectF(0, 0, box.width(), self.caption_height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            caption,
        )
        if self.image is not None:
            painter.drawImage(box, self.image)
            painter.setPen(QPen(QColor("#2a3344"), 1))
        else:
            painter.fillRect(box, QColor("#111723"))
            painter.setPen(QPen(QColor("#2a3344"), 2))
            painter.drawRect(box)
            font.setPixelSize(max(14, round(box.height() * 0.08)))
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100)
            painter.setFont(font)
            painter.setPen(QColor("#a4adbd"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.message)
        painter.end()
