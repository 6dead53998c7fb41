"""Captions of the current slide's narration or video, in a band under the slide, never over it.

The slide's own text fills the slide (and a film may carry words of its own), so captions get a
band of their own: while the captions switch is on and the current slide's narration (or, when
it has none, its video) has captions, this widget is a dock of the window (`add_dock`, like the
kiosk's control bar): it takes a strip under the slide, the slide shrinks to fit above it, and
it shows the cue being spoken there, white on black (21:1 in every theme). The band is as tall
as the longest cue of the clip needs at the current text size, so it does not jump while the
words change. A video whose captions show here stops painting them over its picture (it still
does where there is no band: previews, exports).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import _
from revkiosk.theme import Theme

if TYPE_CHECKING:
    from revkiosk.ui.media.subtitles import CueTrack


class CaptionSource(Protocol):
    """A narration player or a video widget: its captions and where it is."""

    cues: CueTrack | None

    def position(self) -> float: ...


CAPTION_PX = 40.0  # design px, the size of a video's captions
MAX_BAND = 0.3  # of the window height
POLL_MS = 100
FLAGS = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)


class CaptionBar(QWidget):
    """The narration's captions, following its position (see the module docstring)."""

    changed = Signal()  # the band appeared, went or changed height: the window lays out again

    def __init__(self, window: QWidget, theme: Theme, captions: bool) -> None:
        super().__init__(window)
        self.band = 0  # pixels it takes from the stage (0: hidden)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.theme = theme
        self.captions = captions
        self.source: CaptionSource | None = None
        self.text = ""
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self.hide()

    @property
    def cues(self) -> CueTrack | None:
        return self.source.cues if self.source is not None else None

    def font_for(self, height: int) -> QFont:
        font = QFont(self.theme.font_family)
        font.setPixelSize(self.theme.pt(CAPTION_PX, height))
        font.setWeight(QFont.Weight.Medium)
        return font

    # -- what to show ---------------------------------------------------------------------
    def set_source(self, source: CaptionSource | None) -> None:
        """Caption this narration or video from now on (None: the slide has neither)."""
        if source is self.source:
            return
        old = self.source
        if old is not None and hasattr(old, "set_captions_here"):
            old.set_captions_here(True)  # a video left behind paints its own again
        if isinstance(source, QObject):
            source.destroyed.connect(self._on_source_destroyed)
        self.source = source
        self.refresh()

    def _on_source_destroyed(self, gone: QObject) -> None:
        if gone is self.source:
            self.source = None
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
        """Show or hide the band, sized for the clip's longest cue, and paint the cue."""
        self.setAccessibleName(_("Captions"))  # in the language of the slide it captions
        window = self.parentWidget()
        shown = self.captions and self.cues is not None and window is not None
        if self.source is not None and hasattr(self.source, "set_captions_here"):
            self.source.set_captions_here(not shown)
        band = self.band_height(window.height(), window.width()) if shown else 0  # type: ignore[union-attr]
        if not band:
            self._poll.stop()
            self.text = ""
        else:
            self._poll.start()
            self._on_poll_timeout()
        if band != self.band or self.isHidden() == bool(band):
            self.band = band
            self.setVisible(bool(band))
            self.changed.emit()
        self.update()

    def place(self, area: QRect) -> QRect:
        """Take the band from the bottom of `area` (the window's dock protocol); the rest."""
        if not self.band:
            return area
        self.setGeometry(area.left(), area.bottom() + 1 - self.band, area.width(), self.band)
        return area.adjusted(0, 0, 0, -self.band)

    def band_height(self, height: int, width: int) -> int:
        """Pixels for the longest cue at this window size and text size (padding included)."""
        cues = self.cues
        if cues is None or height <= 0:
            return 0
        metrics = QFontMetricsF(self.font_for(min(height, width)))  # type by the short side
        pad = metrics.height() * 0.45
        wrap = QRectF(0, 0, max(1.0, width * 0.86), 1e6)
        tallest = max(
            (metrics.boundingRect(wrap, FLAGS, cue.text).height() for cue in cues.cues),
            default=metrics.height(),
        )
        return min(round(tallest + 2 * pad), round(height * MAX_BAND))

    def _on_poll_timeout(self) -> None:
        cues, source = self.cues, self.source
        text = cues.text_at(source.position()) if cues and source is not None else ""
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
            shown_on = window if window else self
            painter.setFont(self.font_for(min(shown_on.width(), shown_on.height())))
            painter.setPen(QColor("#ffffff"))
            inner = QRectF(self.rect()).adjusted(self.width() * 0.07, 0, -self.width() * 0.07, 0)
            painter.drawText(inner, FLAGS, self.text)
        painter.end()
