"""A picture that arrives after its slide is on screen fades in instead of popping in.

Dear pictures are decoded on the worker so that a key press paints its slide at once
(`ui/decoded.py`); the picture follows a frame or two later. Appearing in one frame, mid
cross-fade, reads as a glitch; fading in over the same span as the slide's own cross-fade reads
as part of the transition. A picture that is there when its slide first paints, or arrives
while its slide is not shown (decoded ahead), is simply drawn.

Opacity, not motion: nothing moves, so the visitor's "reduced motion" keeps it (the cross-fade
it matches is a change of opacity too).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QVariantAnimation
from PySide6.QtWidgets import QWidget

FADE_MS = 180  # about the stage's cross-fade (200 ms): the two end together


class ArrivalFade:
    """The opacity of a late picture: 1.0 unless it is fading in now.

    Holds nothing of its widget until a fade starts (then only the animation, a child of the
    widget, holds the repaint callback): a picture widget must stay free of reference cycles,
    or its decoded picture (8 MB at 1080p) outlives its slide until the next full collection.
    """

    def __init__(self) -> None:
        self._animation: QVariantAnimation | None = None

    def arrived(self, widget: QWidget, repaint: Callable[[], None]) -> None:
        """The picture is here: fade it in if its slide is on screen, else show it as is."""
        if not _on_screen(widget):
            return
        if self._animation is None:
            animation = QVariantAnimation(widget)
            animation.setDuration(FADE_MS)
            animation.setStartValue(0.0)
            animation.setEndValue(1.0)
            animation.setEasingCurve(QEasingCurve.Type.OutCubic)
            animation.valueChanged.connect(lambda _value: repaint())
            self._animation = animation
        self._animation.stop()
        self._animation.start()

    def opacity(self) -> float:
        animation = self._animation
        if animation is None or animation.state() != QVariantAnimation.State.Running:
            return 1.0
        return float(animation.currentValue())


def _on_screen(widget: QWidget) -> bool:
    """The widget, or the view that paints it as a backdrop (a hidden child), is shown."""
    if widget.isVisible():
        return True
    parent = widget.parentWidget()
    return parent is not None and parent.isVisible() and widget.isHidden()
