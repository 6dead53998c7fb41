"""The one owner of "which slide is shown" and whether the audience screen is blanked.

Every input (keys, clicker, mouse, touch, timeline, plots, presenter view, kiosk attract loop)
asks the navigator; every view listens to its signals. It holds no widgets, so it is tested
without a window.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QObject, Signal

Blank = Literal["black", "white"] | None


class Navigator(QObject):
    """Current slide index (0-based), blanking and history.

    Signals fire only when the value really changes, so listeners can repaint unconditionally.
    """

    current_changed = Signal(int, int)  # new index, old index
    blank_changed = Signal(object)  # "black", "white" or None
    count_changed = Signal(int)

    def __init__(self, count: int, start: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = max(0, count)
        self._index = self._clamp(start)
        self._blank: Blank = None
        self._history: list[int] = []

    @property
    def index(self) -> int:
        return self._index

    @property
    def count(self) -> int:
        return self._count

    @property
    def blank(self) -> Blank:
        return self._blank

    @property
    def at_end(self) -> bool:
        return self._index >= self._count - 1

    def _clamp(self, index: int) -> int:
        return min(max(index, 0), max(self._count - 1, 0))

    def go(self, index: int) -> bool:
        """Show slide `index` (clamped). Returns True if the slide changed. Unblanks."""
        self.set_blank(None)
        new = self._clamp(index)
        if new == self._index:
            return False
        old, self._index = self._index, new
        self._history.append(old)
        del self._history[:-100]
        self.current_changed.emit(new, old)
        return True

    def next(self) -> bool:
        return self.go(self._index + 1)

    def previous(self) -> bool:
        return self.go(self._index - 1)

    def first(self) -> bool:
        return self.go(0)

    def last(self) -> bool:
        return self.go(self._count - 1)

    def back(self) -> bool:
        """Return to the slide shown before the last jump (after a go-to or a plot click)."""
        if not self._history:
            return False
        target = self._history.pop()
        changed = self.go(target)
        if changed:
            self._history.pop()
        return changed

    def clear_history(self) -> None:
        """Forget where `back` leads (the kiosk went idle: the next visitor starts afresh)."""
        self._history.clear()

    def set_blank(self, mode: Blank) -> None:
        if mode != self._blank:
            self._blank = mode
            self.blank_changed.emit(mode)

    def toggle_blank(self, mode: Literal["black", "white"]) -> None:
        self.set_blank(None if self._blank == mode else mode)

    def set_count(self, count: int) -> None:
        """A new deck was loaded: keep the index if it still exists (reload keeps the place)."""
        count = max(0, count)
        if count == self._count:
            return
        self._count = count
        self._history.clear()
        self.count_changed.emit(count)
        new = self._clamp(self._index)
        if new != self._index:
            old, self._index = self._index, new
            self.current_changed.emit(new, old)
