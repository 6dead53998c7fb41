"""`MediaWidget`: any slide's `media` — picture, animation or video — with caption and credit.

The one widget every view uses for `slide.media`, so a milestone, title or media slide gets the
same fit/fill, poster, subtitles, failure card and credit line. It forwards the slide life cycle
(`preload`, `enter`, `leave`, `release`, `play_pause`) to what it shows.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Signal
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Media
from revkiosk.i18n.words import _
from revkiosk.ui.fit_text import FitText
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.media.images import ImageWidget, fit_rect
from revkiosk.ui.media.placeholder import PlaceholderWidget
from revkiosk.ui.media.video import VideoWidget
from revkiosk.ui.view import SlideView

CAPTION_PX = 31.0  # design px: readable from three metres on a 1080p screen
CREDIT_PX = 31.0  # a credit is read too: at the floor
TEXT_SHARE = 0.75  # caption and credit may take this much of the height (rather than be cut)


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
        self.show_caption = show_caption and self.media is not None
        self._short_side: int | None = None
        self.caption = self._text(self.media.caption if self.media else "", "caption",
                                  QColor(self.theme.text), QFont.Weight.Medium)  # fmt: skip
        self.credit = self._text(credit_line(self.media) if self.media else "", "credit",
                                 QColor(self.theme.muted), QFont.Weight.Normal)  # fmt: skip
        self.visual: ImageWidget | VideoWidget | PlaceholderWidget = self._build_visual()
        if isinstance(self.visual, VideoWidget):
            self.visual.ready.connect(self._on_visual_ready)
            self.visual.poster_arrived.connect(self._arrange)

    def _text(self, text: str, element: str, color: QColor, weight: QFont.Weight) -> FitText:
        box = FitText(self, family=self.family, weight=weight, color=color, line_height=1.2,
                      element=element)  # fmt: skip
        box.language = self.context.language
        box.set_content(text if self.show_caption else "")
        box.setVisible(bool(text) and self.show_caption)
        return box

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

    def start(self) -> None:
        """Play a video now, without waiting for the slide to settle (the compare grid starts
        its cells together once each has a frame); stills and animations simply enter."""
        if isinstance(self.visual, VideoWidget):
            self.visual.start()
        else:
            self.enter()

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
    def set_short_side(self, side: int) -> None:
        """Type is sized from the slide's short side, not this widget's (like other parts)."""
        self._short_side = max(1, side)
        self._arrange()

    def short_side(self) -> int:
        if self._short_side is not None:
            return self._short_side
        widget = self.parentWidget()
        while widget is not None:
            if isinstance(widget, SlideView):
                return widget.short_side()
            widget = widget.parentWidget()
        return min(self.window().width(), self.window().height())

    def aspect(self) -> float:
        """Width / height of what is shown (16:9 until a picture or frame says otherwise)."""
        size = self.visual.source_size() if hasattr(self.visual, "source_size") else None
        if size is None or size.isEmpty():
            return 16 / 9
        return size.width() / size.height()

    def _size_texts(self) -> None:
        side = self.short_side()
        floor = floor_font_px(side, self.family)
        for box, design in ((self.caption, CAPTION_PX), (self.credit, CREDIT_PX)):
            box.set_max_pixel_size(self.theme.pt(design, side))
            box.set_floor(floor)

    def _text_heights(self, width: float) -> tuple[int, int]:
        """Caption and credit heights at `width` (at most `TEXT_SHARE` of the height)."""
        if not self.show_caption:
            return 0, 0
        room = round(self.height() * TEXT_SHARE)
        caption = self.caption.fitted_height(round(width), room)
        credit = self.credit.fitted_height(round(width), max(0, room - caption - self._gap()))
        return caption, credit

    def _gap(self) -> int:
        return round(self.theme.scale_for(self.short_side()) * 14)

    def layout_rects(self) -> tuple[QRectF, QRectF]:
        """(picture, text) rects: the picture fitted to its aspect, the caption and credit
        right under it and aligned with it, the pair centred vertically in this widget."""
        box = QRectF(self.rect())
        fill = self.media is not None and self.media.fit == "fill"
        # The text's width comes from the picture without text under it (the widest it can
        # be); the picture then gives up the height the text takes at that width.
        widest = box if fill else fit_rect(QSizeF(self.aspect(), 1.0), box, "fit")
        text_width = min(box.width(), max(widest.width(), box.width() * 0.5))
        caption, credit = self._text_heights(text_width)
        lines = caption + credit + (self._gap() * (1 + bool(caption and credit))
                                    if caption or credit else 0)  # fmt: skip
        area = QRectF(box.left(), box.top(), box.width(), max(1.0, box.height() - lines))
        picture = area if fill else fit_rect(QSizeF(self.aspect(), 1.0), area, "fit")
        picture.moveTop(box.top() + (box.height() - picture.height() - lines) / 2)
        text = QRectF(0, picture.bottom() + self._gap(), text_width, max(0.0, lines - self._gap()))
        text.moveLeft(min(max(box.left(), picture.left()), box.right() - text_width))
        return picture, text if lines else QRectF()

    def _arrange(self) -> None:
        self._size_texts()
        picture, text = self.layout_rects()
        self.visual.setGeometry(picture.toRect())
        if hasattr(self.visual, "set_short_side"):
            self.visual.set_short_side(self.short_side())
        if not text.isEmpty():
            caption, credit = self._text_heights(text.width())
            left, width = round(text.left()), round(text.width())
            self.caption.setGeometry(left, round(text.top()), width, caption)
            credit_top = round(text.top()) + caption + (self._gap() if caption else 0)
            self.credit.setGeometry(left, credit_top, width, credit)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._arrange()


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
