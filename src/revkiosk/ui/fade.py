"""The stage's cross-fade layer: pictures of the old and new slide, blended over the live view.

A key press must change the picture within a frame, so every frame of a fade is made of
pictures taken in idle time (see `Stage.take_snapshot`), never of a repaint of a heavy view.
The first frame, the one the key press waits for, is even composed ahead of time
(`compose_first`): it costs one opaque blit instead of a blit plus a full-screen blend.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

FADE_FROM = 0.85  # opacity of the old slide in the first frame of a cross-fade


def compose_first(under: QPixmap, old: QPixmap, opacity: float = FADE_FROM) -> QPixmap | None:
    """The first frame of a cross-fade from `old` to `under`, as one picture (None if the two
    pictures differ in size: the window was resized between them)."""
    if under.size() != old.size() or under.isNull():
        return None
    frame = QPixmap(under.size())
    frame.setDevicePixelRatio(under.devicePixelRatio())
    painter = QPainter(frame)
    painter.drawPixmap(0, 0, under)
    painter.setOpacity(opacity)
    painter.drawPixmap(0, 0, old)
    painter.end()
    return frame


class FadeLayer(QWidget):
    """The old slide's picture, painted with falling opacity over the new slide.

    With a picture of the new slide as well (`under`) the layer is opaque and paints both, so
    Qt does not repaint the live view under it on every frame of the fade: a heavy slide costs
    two image blits per frame instead of a full repaint. The live view shows when it ends.
    Without an old picture (the old slide was a video) the layer shows the new slide's picture
    alone, a cut: its first frame is still a blit, and the live view takes over at the end.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._pixmap: QPixmap | None = None
        self._under: QPixmap | None = None
        self._first: QPixmap | None = None
        self._opacity = 1.0
        self.hide()

    @property
    def shows_next(self) -> bool:
        """Whether the new slide is drawn from its picture (benchmarks watch this layer then)."""
        return self._under is not None and self.isVisible()

    def start(
        self,
        pixmap: QPixmap | None,
        under: QPixmap | None = None,
        first: QPixmap | None = None,
    ) -> None:
        """Show `pixmap` (the old slide, may be None for a cut) over `under` (the new slide's
        picture, None to fade over the live view); `first` is their first frame, composed."""
        self._pixmap, self._under = pixmap, under
        self._first = first if pixmap is not None and under is not None else None
        self._opacity = FADE_FROM
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, under is not None)
        self.show()
        self.raise_()

    def set_opacity(self, value: float) -> None:
        self._opacity = value
        if self._pixmap is not None:  # a cut shows a still picture: nothing to repaint
            self.update()

    def release(self) -> None:
        """Drop the pictures once hidden (they are the stage's; this only unshares them)."""
        self._pixmap = self._under = self._first = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        if self._first is not None and self._opacity == FADE_FROM:
            painter.drawPixmap(self.rect(), self._first)
        else:
            if self._under is not None:
                painter.drawPixmap(self.rect(), self._under)
            if self._pixmap is not None and self._opacity > 0:
                painter.setOpacity(self._opacity)
                painter.drawPixmap(self.rect(), self._pixmap)
        painter.end()
