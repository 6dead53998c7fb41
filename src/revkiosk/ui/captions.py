"""Narration captions: the words of a slide's `audio:` in a band under the slide, never over it.

A video's captions are painted inside its picture (`ui/media/video.py`); narration has no
picture, and the slide's own text fills the slide, so its captions get a band of their own: while
the captions switch is on and the current slide's narration has captions, the window keeps a
strip free under the slide (the slide shrinks to fit above it) and this widget fills it — white
on black, 21:1 in every theme — with the cue being spoken. The band is as tall as the longest
cue of the narration needs at the current text size, so it does not jump while the words change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.theme import Theme

if TYPE_CHECKING:
    from revkiosk.ui.media.audio import AudioPlayer
    from revkiosk.ui.media.subtitles import CueTrack

CAPTION_PX = 40.0  # design px, the size of a video's captions
MAX_BAND = 0.3  # of the window height
POLL_MS = 100
FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)


class BandHost(Protocol):
    """What the caption band needs of the window: its size and a strip kept free."""

    def height(self) -> int: ...
    def width(self) -> int: ...
    def set_bottom_band(self, pixels: int) -> None: ...


class CaptionBar(QWidget):
    """The narration's captions, following its position (see the module docstring)."""

    def __init__(self, window: QWidget, theme: Theme, captions: bool) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Captions")
        self.theme = theme
        self.captions = captions
        self.narration: AudioPlayer | None = None
        self.text = ""
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self.hide()

    @property
    def cues(self) -> CueTrack | None:
        return getattr(self.narration, "cues", None)

    def font_for(self, height: int) -> QFont:
        font = QFont(self.theme.font_family)
        font.setPixelSize(self.theme.pt(CAPTION_PX, height))
        font.setWeight(QFont.Weight.Medium)
        return font

    # -- what to show ---------------------------------------------------------------------
    def set_narration(self, narration: AudioPlayer | None) -> None:
        """The current slide's narration player changed (None: the slide has none)."""
        if isinstance(narration, QObject) and narration is not self.narration:
            narration.destroyed.connect(self._on_narration_destroyed)
        self.narration = narration
        self.refresh()

    def _on_narration_destroyed(self) -> None:
        self.narration = None
        self.refresh()

    def set_captions(self, on: bool) -> None:
        if on != self.captions:
            self.captions = on
            self.refresh()

    def set_theme(self, theme: Theme) -> None:
        """Another text size or contrast: the band is measured again."""
        if theme != self.theme:
            self.theme = theme
            self.refresh()

    def refresh(self) -> None:
        """Show or hide the band, sized for the narration's longest cue, and paint the cue."""
        window = self.parentWidget()
        shown = self.captions and self.cues is not None and window is not None
        band = self.band_height(window.height(), window.width()) if shown else 0  # type: ignore[union-attr]
        if window is not None:
            window.set_bottom_band(band)  # type: ignore[attr-defined]
        if not band:
            self._poll.stop()
            self.text = ""
            self.hide()
            return
        self.setGeometry(0, window.height() - band, window.width(), band)  # type: ignore[union-attr]
        self.show()
        self.raise_()
        self._poll.start()
        self._on_poll_timeout()
        self.update()

    def band_height(self, height: int, width: int) -> int:
        """Pixels for the longest cue at this window size and text size (padding included)."""
        cues = self.cues
        if cues is None or height <= 0:
            return 0
        metrics = QFontMetricsF(self.font_for(height))
        pad = metrics.height() * 0.45
        wrap = QRectF(0, 0, max(1.0, width * 0.86), 1e6)
        tallest = max(
            (metrics.boundingRect(wrap, FLAGS, cue.text).height() for cue in cues.cues),
            default=metrics.height(),
        )
        return min(round(tallest + 2 * pad), round(height * MAX_BAND))

    def _on_poll_timeout(self) -> None:
        cues, narration = self.cues, self.narration
        text = cues.text_at(narration.position()) if cues and narration is not None else ""
        if text != self.text:
            self.text = text
            self.setAccessibleDescription(text)
            self.update()

    def resize_with(self) -> None:
        """The window was resized: measure again."""
        if self.isVisible():
            self.refresh()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        if self.text:
            window = self.parentWidget()
            painter.setFont(self.font_for(window.height() if window else self.height()))
            painter.setPen(QColor("#ffffff"))
            inner = QRectF(self.rect()).adjusted(self.width() * 0.07, 0, -self.width() * 0.07, 0)
            painter.drawText(inner, FLAGS, self.text)
        painter.end()
