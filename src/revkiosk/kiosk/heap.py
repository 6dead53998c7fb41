"""Hand freed heap memory back to the system after slide changes, so a kiosk's RSS stays flat.

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
grows into them. It needs the single malloc arena (revkiosk.ui.media.memory): a second arena,
shared by the decoder and worker threads, still fragmented around their small long-lived
blocks even when trimmed. benchmarks/soak_attract.py, 10,000 changes, settled RSS growth after
warm-up: +19 to +28 MB before; -0.1 to +10 MB with both (three runs each), same change rate.
It also keeps the RSS in the status file (which the supervisor recycles the player on) a
measure of memory in use rather than of the allocator's history.
Qt-core only and cheap to import: the kiosk session builds it on the start path.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
import time

from PySide6.QtCore import QObject, QTimer, SignalInstance

# After the stage's deleteLater() of evicted views (next event-loop pass) and the video
# widget's release of the player it left (video.RELEASE_AFTER_MS = 1 s).
TRIM_DELAY_MS = 1500


@functools.cache
def glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (it has `mallopt`), else None (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    # musl has no mallopt (and no per-thread arenas to fragment): nothing to do there.
    return libc if hasattr(libc, "mallopt") else None


def trim_heap() -> bool:
    """Give free heap pages back to the system; False where there is nothing to call (not
    glibc) or glibc found nothing to release."""
    trim = getattr(glibc(), "malloc_trim", None)
    return bool(trim(0)) if trim is not None else False


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
        self.enabled = hasattr(glibc(), "malloc_trim")
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
        trim_heap()
        self.trims += 1
        self.trim_ms += (time.perf_counter() - started) * 1000
        if self._again:
            self._again = False
            self._timer.start()
