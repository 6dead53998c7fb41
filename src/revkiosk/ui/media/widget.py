"""`MediaWidget`: any slide's `media` — picture, animation or video — with caption and credit.

The one widget every view uses for `slide.media`, so a milestone, title or media slide gets the
same fit/fill, poster, subtitles, failure card and credit line. It forwards the slide life cycle
(`preload`, `enter`, `leave`, `release`, `play_pause`) to what it shows.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import Media
from revkiosk.ui.media.images import ImageWidget
from revkiosk.ui.media.placeholder import PlaceholderWidget
from revkiosk.ui.media.video import VideoWidget
from revkiosk.ui.slides.base import SlideView, ViewContext
from revkiosk.ui.theme import load_fonts

CAPTION_PX = 30.0  # design px: readable from three metres on a 1080p screen
CREDIT_PX = 22.0


def resolve_media(media: Media, root: Path) -> Media:
    """`media` with relative paths made absolute against the deck root (the loader normally
    does this; views built by hand in tests or tools may not have)."""
    changes = {}
    for name in ("image", "video", "audio", "poster", "subtitles"):
        value = getattr(media, name)
        if value is not None and not Path(value).is_absolute():
            changes[name] = root / value
    return dataclasses.replace(media, **changes) if changes else media


def video_muted(media: Media, context: ViewContext) -> bool:
    """Muted by default in kiosk mode or when the user muted; `media.muted` overrides both."""
    return media.muted if media.muted is not None else (context.kiosk or context.muted)


def credit_line(media: Media) -> str:
    parts = [p for p in (media.credit, media.licence) if p]
    return ("Credit: " + " · ".join(parts)) if parts else ""


class MediaWidget(QWidget):
    """Shows `media` (None → a neutral placeholder) and, below it, its caption and credit."""

    ready = Signal()

    def __init__(
        self,
        media: Media | None,
        context: ViewContext,
        parent: QWidget | None = None,
        *,
        show_caption: bool = True,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.theme = context.theme
        self.family = load_fonts()
        self.media = resolve_media(media, context.deck.root) if media is not None else None
        self.show_caption = show_caption
        self._stage_height: int | None = None
        self.visual: ImageWidget | VideoWidget | PlaceholderWidget = self._build_visual()
        if isinstance(self.visual, VideoWidget):
            self.visual.ready.connect(self.ready)

    def _build_visual(self) -> ImageWidget | VideoWidget | PlaceholderWidget:
        media = self.media
        if media is not None and media.video is not None:
            return VideoWidget(
                media,
                self.theme,
                muted=video_muted(media, self.context),
                family=self.family,
                parent=self,
            )
        if media is not None and media.image is not None:
            return ImageWidget(
                media.image, self.theme, fit=media.fit, family=self.family, parent=self
            )
        return PlaceholderWidget(self.theme, "No picture", family=self.family, parent=self)

    # -- life cycle ------------------------------------------------------------------------
    @property
    def is_video(self) -> bool:
        return isinstance(self.visual, VideoWidget)

    @property
    def notice(self) -> str:
        """'' when the media shows, else the short notice on screen (also tested)."""
        return getattr(self.visual, "notice", "")

    @property
    def is_ready(self) -> bool:
        """True once a video shows its first frame or has failed (stills are always ready)."""
        if isinstance(self.visual, VideoWidget):
            return self.visual.frames_shown > 0 or bool(self.visual.notice)
        return True

    def preload(self) -> None:
        if isinstance(self.visual, VideoWidget):
            self.visual.preload()

    def enter(self) -> None:
        if isinstance(self.visual, VideoWidget | ImageWidget):
            self.visual.enter()

    def leave(self) -> None:
        if isinstance(self.visual, VideoWidget | ImageWidget):
            self.visual.leave()

    def release(self) -> None:
        if isinstance(self.visual, VideoWidget):
            self.visual.release()

    def play_pause(self) -> bool:
        if isinstance(self.visual, VideoWidget | ImageWidget):
            return self.visual.play_pause()
        return False

    def duration(self) -> float | None:
        """Seconds of video (start..end), once known; None for stills."""
        return self.visual.clip.duration() if isinstance(self.visual, VideoWidget) else None

    # -- layout ----------------------------------------------------------------------------
    def set_stage_height(self, height: int) -> None:
        """Type is sized from the slide's height, not this widget's (same as other parts)."""
        self._stage_height = max(1, height)
        self._arrange()

    def stage_height(self) -> int:
        if self._stage_height is not None:
            return self._stage_height
        widget = self.parentWidget()
        while widget is not None:
            if isinstance(widget, SlideView):
                return widget.height()
            widget = widget.parentWidget()
        return self.window().height()

    def _font(self, design_px: float, weight: QFont.Weight) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(self.theme.pt(design_px, self.stage_height()))
        font.setWeight(weight)
        return font

    def _caption_layout(self) -> tuple[QRectF, QRectF]:
        """Rects for caption and credit under the visual (empty when there is nothing)."""
        if not self.show_caption or self.media is None:
            return QRectF(), QRectF()
        width = float(self.width())
        flags = int(Qt.TextFlag.TextWordWrap)
        top = float(self.height())
        credit = credit_line(self.media)
        credit_rect = QRectF()
        if credit:
            metrics = QFontMetricsF(self._font(CREDIT_PX, QFont.Weight.Normal))
            h = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, credit).height()
            top -= h
            credit_rect = QRectF(0, top, width, h)
        caption_rect = QRectF()
        if self.media.caption:
            metrics = QFontMetricsF(self._font(CAPTION_PX, QFont.Weight.Medium))
            h = metrics.boundingRect(QRectF(0, 0, width, 1e6), flags, self.media.caption).height()
            h = min(h, self.height() * 0.3)
            gap = metrics.height() * 0.2
            top -= h + gap
            caption_rect = QRectF(0, top + gap * 0.0, width, h)
        return caption_rect, credit_rect

    def _arrange(self) -> None:
        caption, credit = self._caption_layout()
        tops = [r.top() for r in (caption, credit) if not r.isEmpty()]
        gap = self.theme.scale_for(self.stage_height()) * 16 if tops else 0
        bottom = (min(tops) - gap) if tops else self.height()
        self.visual.setGeometry(QRect(0, 0, self.width(), max(1, round(bottom))))
        if hasattr(self.visual, "set_stage_height"):
            self.visual.set_stage_height(self.stage_height())
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        caption, credit = self._caption_layout()
        if caption.isEmpty() and credit.isEmpty():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        assert self.media is not None
        if not caption.isEmpty():
            painter.setFont(self._font(CAPTION_PX, QFont.Weight.Medium))
            painter.setPen(QColor(self.theme.text))
            painter.drawText(caption, flags, self.media.caption)
        if not credit.isEmpty():
            painter.setFont(self._font(CREDIT_PX, QFont.Weight.Normal))
            painter.setPen(QColor(self.theme.muted))
            painter.drawText(credit, flags, credit_line(self.media))
        painter.end()
