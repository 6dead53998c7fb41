"""Work cut into pieces, one per event-loop turn, that waits while its widget is off screen.

Why: building a chart at once holds the GUI thread 50-140 ms, and a key pressed meanwhile waits
for all of it. Cut into pieces run one per turn, after the slide's frame is on screen, a key
waits for one piece at most. A slide passed by (hidden) stops its pieces — no work for what
nobody sees — and `resume()` goes on when it is shown again; the pieces are dropped with their
widget (`soon` never keeps it alive).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QWidget

from revkiosk.ui.pyside_fixes import soon


class Slices:
    """Runs `steps` one per event-loop turn while `owner` is visible; `done` once all ran."""

    def __init__(self, owner: QWidget, steps: Iterator[Callable[[], None]]) -> None:
        self._owner = weakref.ref(owner)
        self._steps = steps
        self._queued = False
        self.done = False

    def resume(self) -> None:
        """Run the next piece on the next turn (again after a hide, once shown)."""
        owner = self._owner()
        if self._queued or self.done or owner is None:
            return
        self._queued = True
        soon(owner, self._run)

    def finish(self) -> None:
        """Run every piece left, now (someone needs the result: a zoom key, a resize)."""
        for step in self._steps:
            step()
        self.done = True

    def _run(self, owner: object) -> None:
        self._queued = False
        if self.done or not isinstance(owner, QWidget) or not owner.isVisible():
            return  # passed by: `resume()` when shown again
        step = next(self._steps, None)
        if step is None:
            self.done = True
            return
        step()
        self.resume()
