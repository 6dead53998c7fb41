"""Garbage collection on the GUI thread only.

Python's cycle collector runs on whichever thread happens to allocate when a generation is
full. When that is a worker thread (the remote service's lanes, the picture decoder, a test's
HTTP client) and the cycle holds a Qt object, the object's C++ destructor runs on that thread:
it takes Qt's signal-slot lock and then asks for the interpreter lock, while the GUI thread,
holding the interpreter lock, waits for the same Qt lock to delete an object of its own. Both
wait for ever: the show freezes (seen as a hung test run, traced with gdb).

So automatic collection is switched off and the same generational rule is applied from a timer
on the GUI thread, the approach of pyqtgraph's `util.garbage_collector.GarbageCollector` (not
imported: that would load pyqtgraph into every player, charts or not). Worker threads then never
collect; their garbage waits at most one tick for the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import isValid

INTERVAL_MS = 200  # a generation-0 pass is well under a millisecond: five checks a second
_installed: GuiThreadCollector | None = None  # the process's collector, once made


class GuiThreadCollector(QObject):
    """Collects each generation when its count passes the interpreter's own threshold."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """One generational step, as the interpreter would have taken it; objects found."""
        counts, limits = gc.get_count(), self.thresholds
        if limits[0] <= 0 or counts[0] <= limits[0]:
            return 0
        generation = 0
        if counts[1] > limits[1]:
            generation = 2 if counts[2] > limits[2] else 1
        return gc.collect(generation)


def collect_on_gui_thread() -> GuiThreadCollector | None:
    """Install the process's collector (once; parented to the application so it lives as long
    as the event loop). None without a QCoreApplication: then nothing changes."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return None
    # Remembered here, not looked up with `app.findChild`: that wraps every child of the
    # application in Python, the style among them, and creating QStyle's dozen enums cost
    # ~5 ms of the first paint (issue 21).
    existing = _installed
    if existing is not None and isValid(existing) and existing.parent() is app:
        gc.disable()
        return existing
    _installed = GuiThreadCollector(app)
    return _installed


__all__ = ["INTERVAL_MS", "GuiThreadCollector", "collect_on_gui_thread"]
