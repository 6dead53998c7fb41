"""Freed heap pages back to the system after each slide change: RSS stays flat for weeks.

The allocator's settings themselves are in `revkiosk.allocator` (Qt-free, applied where
QtMultimedia loads); this module holds what needs the event loop.

## Trimming after slide changes

glibc returns freed memory to the system only from the top of a heap: pages freed in the
middle stay resident, counted in RSS, for the life of the process. Every slide change frees a
view and, a second later, a video player with its decoder threads, while longer-lived blocks
stay put around them; so each new high-water mark of that churn stayed resident. Measured at
attract speed (2,000 changes after warm-up): heap in use flat at ~35 MB while free-but-held
heap rose 16 → 31 MB, 9 → 17 MB of it in the decoder threads' arena; Python objects (tracemalloc,
gc), Qt objects, threads and mapped files stayed flat. That was the soak's +10 % "growth".

`HeapTrimmer` calls glibc's `malloc_trim(0)` in the idle time after a slide change, once the
stage has deleted the views it evicted and the video widget has given up the player it left.
It costs ~1.7 ms and gives back 10-17 MB; pages are faulted in again only when the heap
grows into them. It needs the single malloc arena (`tune_allocator`): a second arena,
shared by the decoder and worker threads, still fragmented around their small long-lived
blocks even when trimmed. benchmarks/soak_attract.py, 10,000 changes, settled RSS growth after
warm-up: +19 to +28 MB before; -0.1 to +10 MB with both (three runs each), same change rate.
It also keeps the RSS in the status file (which the supervisor recycles the player on) a
measure of memory in use rather than of the allocator's history.

Qt-core only and cheap to import. The kiosk session builds its own on the start path (it stops
it when the kiosk locks); a presenter's player gets one after its first paint (`first_paint`).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, SignalInstance

from revkiosk import allocator

# After the stage's deleteLater() of evicted views (next event-loop pass) and the video
# widget's release of the player it left (video.RELEASE_AFTER_MS = 1 s).
TRIM_DELAY_MS = 1500


class HeapTrimmer(QObject):
    """Trims the heap `TRIM_DELAY_MS` after a change, at most once per `TRIM_DELAY_MS`.

    Connect a change signal (the navigator's `current_changed`). A change while a trim is
    pending does not postpone it (quick flicking, or the soak at top speed, still trims every
    1.5 s rather than never), but earns one more trim after it, so the last change of a burst
    is always followed by a trim once its memory is free. `trims` and `trim_ms` (total time
    spent) are for benchmarks.
    """

    def __init__(self, signal: SignalInstance | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = hasattr(allocator.glibc(), "malloc_trim")
        self.trims = 0
        self.trim_ms = 0.0
        self._again = False
        self._timer = QTimer(self, singleShot=True, interval=TRIM_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        if signal is not None:
            signal.connect(self.changed)

    def changed(self, *_: object) -> None:
        """Something was let go (a slide left): trim once it has really been freed."""
        if not self.enabled:
            return
        if self._timer.isActive():
            self._again = True
        else:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._again = False

    def _on_timer_timeout(self) -> None:
        started = time.perf_counter()
        allocator.trim_heap()
        self.trims += 1
        self.trim_ms += (time.perf_counter() - started) * 1000
        if self._again:
            self._again = False
            self._timer.start()
