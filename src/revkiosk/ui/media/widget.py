"""`MediaWidget`: any slide's `media` — picture, animation or video — with caption and credit.

The one widget every view uses for `slide.media`, so a milestone, title or media slide gets the
same fit/fill, poster, subtitles, failure card and credit line. It forwards the slide life cycle
(`preload`, `enter`, `leave`, `release`, `play_pause`) to what it shows.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Media
from revkiosk.i18n.words import _
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.media.images import ImageWidget, fit_rect
from revkiosk.ui.media.placeholder import PlaceholderWidget
from revkiosk.ui.media.video import VideoWidget
from revkiosk.ui.view import SlideView

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
    """Muted when the visitor's sound is off (a kiosk starts with it off, see
    `settings.visitor_defaults`); the clip's own `muted:` overrides it."""
    return media.muted if media.muted is not None else context.muted


def credit_line(media: Media) -> str:
    parts = [p for p in (media.credit, media.licence) if p]
    return _("Credit: {credit}", credit=" · ".join(parts)) if parts else ""


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
            self.visual.ready.connect(self._on_visual_ready)

    def _on_visual_ready(self) -> None:
        self._arrange()  # the first frame may have another shape than the poster
        self.ready.emit()

    def _build_visual(self) -> ImageWidget | VideoWidget | PlaceholderWidget:
        media = self.media
        if media is not None and media.video is not None:
            return VideoWidget(
                media,
                self.theme,
                muted=video_muted(media, self.context),
                volume=self.context.visitor.volume,
                captions=self.context.visitor.captions,
                family=self.family,
                parent=self,
            )
        if media is not None and media.image is not None:
            return ImageWidget(
                media.image, self.theme, fit=media.fit, family=self.family, parent=self
            )
        return PlaceholderWidget(self.theme, _("No picture"), family=self.family, parent=self)

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

    def apply_visitor(self, context: ViewContext) -> None:
        """Sound, volume and captions changed: the video plays on with them (no rebuild)."""
        self.context = context
        if isinstance(self.visual, VideoWidget) and self.media is not None:
            self.visual.set_sound(video_muted(self.media, context), context.visitor.volume)
            self.visual.set_captions(context.visitor.captions)

    def playing_media(self) -> bool:
        """Whether a video that ends by itself is playing (a looping one plays for ever)."""
        if not isinstance(self.visual, VideoWidget) or self.media is None or self.media.loop:
            return False
        return self.visual.clip.is_playing()

    # -- the StillImage surface MilestoneView already uses (drop-in replacement) ------------
    @property
    def ok(self) -> bool:
        """False when a placeholder card is shown instead of the media."""
        return self.media is not None and not self.notice

    @property
    def fit(self) -> str:
        return self.media.fit if self.media is not None else "fit"

    @property
    def radius(self) -> float:
        return getattr(self.visual, "radius", 0.0)

    @radius.setter
    def radius(self, value: float) -> None:
        self.visual.radius = value
        self.visual.update()

    def target_rect(self, box: QRectF | None = None) -> QRectF:
        """Where the picture lands in `box` (default: this widget) at its own aspect."""
        box = QRectF(self.rect()) if box is None else box
        return fit_rect(QSizeF(self.aspect(), 1.0), box, "fill" if self.fit == "fill" else "fit")

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

    def aspect(self) -> float:
        """Width / height of what is shown (16:9 until a picture or frame says otherwise)."""
        size = self.visual.source_size() if hasattr(self.visual, "source_size") else None
        if size is None or size.isEmpty():
            return 16 / 9
        return size.width() / size.height()

    def _text_height(
        self, text: str, design_px: float, weight: QFont.Weight, width: float
    ) -> float:
        if not text:
            return 0.0
        metrics = QFontMetricsF(self._font(design_px, weight))
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, max(1.0, width), 1e6), flags, text).height()

    def _lines_height(self, width: float) -> float:
        """Caption plus credit height at `width`, capped so the picture keeps most of the box."""
        if not self.show_caption or self.media is None:
            return 0.0
        caption = self._text_height(self.media.caption, CAPTION_PX, QFont.Weight.Medium, width)
        credit = self._text_height(credit_line(self.media), CREDIT_PX, QFont.Weight.Normal, width)
        if not caption and not credit:
            return 0.0
        return min(caption + credit + self._gap(), self.height() * 0.35)

    def _gap(self) -> float:
        return self.theme.scale_for(self.stage_height()) * 14

    def layout_rects(self) -> tuple[QRectF, QRectF]:
        """(picture, text) rects: the picture fitted to its aspect, the caption right under it
        and aligned with it, the pair centred vertically in this widget."""
        box = QRectF(self.rect())
        fill = self.media is not None and self.media.fit == "fill"
        picture, lines = box, 0.0
        for _round in range(2):  # caption height depends on picture width and vice versa
            text_width = max(picture.width(), box.width() * 0.5)
            lines = self._lines_height(text_width)
            area = QRectF(box.left(), box.top(), box.width(), max(1.0, box.height() - lines))
            picture = area if fill else fit_rect(QSizeF(self.aspect(), 1.0), area, "fit")
        picture.moveTop(box.top() + (box.height() - picture.height() - lines) / 2)
        text_width = min(box.width(), max(picture.width(), box.width() * 0.5))
        text = QRectF(0, picture.bottom() + self._gap(), text_width, max(0.0, lines - self._gap()))
        text.moveLeft(min(max(box.left(), picture.left()), box.right() - text_width))
        return picture, text if lines else QRectF()

    def _arrange(self) -> None:
        picture, _text = self.layout_rects()
        self.visual.setGeometry(picture.toRect())
        if hasattr(self.visual, "set_stage_height"):
            self.visual.set_stage_height(self.stage_height())
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        _picture, text = self.layout_rects()
        if text.isEmpty() or self.media is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setClipRect(text)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        top = text.top()
        if self.media.caption:
            font = self._font(CAPTION_PX, QFont.Weight.Medium)
            painter.setFont(font)
            painter.setPen(QColor(self.theme.text))
            rect = QRectF(text.left(), top, text.width(), text.bottom() - top)
            drawn = painter.boundingRect(rect, flags, self.media.caption)
            painter.drawText(rect, flags, self.media.caption)
            top = drawn.bottom()
        credit = credit_line(self.media)
        if credit:
            painter.setFont(self._font(CREDIT_PX, QFont.Weight.Normal))
            painter.setPen(QColor(self.theme.muted))
            painter.drawText(
                QRectF(text.left(), top, text.width(), text.bottom() - top), flags, credit
            )
        painter.end()


def media_picture(view: SlideView, media: Media | None) -> MediaWidget | None:
    """The slide's media without its own caption (the view prints the credit), or None."""
    if media is None or (media.image is None and media.video is None):
        return None
    return MediaWidget(media, view.context, view, show_caption=False)


class MediaHost:
    """Mixin for slide views: forwards the life cycle to every MediaWidget they contain.

    `class MilestoneView(MediaHost, CanvasView)` is all a view needs to play its video on
    entering, stop it on leaving, preload it, and toggle it with K.
    """

    def _media_widgets(self) -> list[MediaWidget]:
        return self.findChildren(MediaWidget)  # type: ignore[attr-defined]

    def preload(self) -> None:
        for widget in self._media_widgets():
            widget.preload()

    def enter(self) -> None:
        for widget in self._media_widgets():
            widget.enter()

    def leave(self) -> None:
        for widget in self._media_widgets():
            widget.leave()

    def handle_action(self, action: str) -> bool:
        if action == "play_pause":
            return any([widget.play_pause() for widget in self._media_widgets()])
        return super().handle_action(action)  # type: ignore[misc]

    def playing_media(self) -> bool:
        """A video that ends by itself is playing (the kiosk waits for it before resetting)."""
        return any(widget.playing_media() for widget in self._media_widgets())
