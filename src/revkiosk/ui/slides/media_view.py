"""The `media` slide: a title and one picture, animation or video filling the rest of the canvas.

Playback is driven by the slide life cycle: `preload()` opens the video paused on its first
frame, `enter()` plays once the slide has settled (the poster shows until then, see
`ui/media/video.py`), `leave()` rewinds, and key K (`play_pause`) toggles. Rendered offscreen
without `enter()` (export, thumbnails) it shows the poster.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import MediaSlide, Slide
from revkiosk.ui.fit_text import FitText
from revkiosk.ui.media.video import SETTLE_MS
from revkiosk.ui.media.widget import MediaWidget
from revkiosk.ui.slides.canvas import GAP, CanvasView


class MediaView(CanvasView):
    """Title on top (when there is one), the media with its caption and credit below."""

    slide: MediaSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title: FitText | None = None
        if self.slide.title:
            self.title = self.make_title(self.slide.title)
        self.media = MediaWidget(self.slide.media, context, self)

    def arrange(self) -> None:
        area = self.content_rect()
        top = area.top()
        if self.title is not None:
            self.size_text(self.title, 72)
            title_h = self.title.fitted_height(area.width(), round(area.height() * 0.3))
            self.title.setGeometry(area.left(), area.top(), area.width(), title_h)
            top += title_h + self.px(GAP * 1.5)
        self.media.set_short_side(self.short_side())
        self.media.setGeometry(area.left(), top, area.width(), area.bottom() - top)

    # -- life cycle ------------------------------------------------------------------------
    def preload(self) -> None:
        self.media.preload()

    def enter(self) -> None:
        self.media.enter()

    def leave(self) -> None:
        self.media.leave()

    def handle_action(self, action: str) -> bool:
        if action == "play_pause":
            return self.media.play_pause()
        return False

    def attract_seconds(self) -> float | None:
        """A non-looping video's length (capped by the kiosk's `video_cap_seconds`), and the
        moment it waits for the slide to settle before it starts."""
        duration = self.media.duration()
        if duration is None or self.slide.media.loop:
            return None
        return min(duration + SETTLE_MS / 1000, self.context.deck.info.kiosk.video_cap_seconds)
