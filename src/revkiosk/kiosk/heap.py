"""One home for the glibc heap policy that keeps a days-long player's memory flat.

Two mechanisms, both only on glibc and never over an administrator's own MALLOC_* or
GLIBC_TUNABLES setting:

1. `tune_allocator()` — a fixed mmap threshold and one malloc arena, applied before the first
   video decoder allocates (the app calls it when the deck shown has video or audio).
2. `HeapTrimmer` — `malloc_trim(0)` in the idle time after each slide change.

## The allocator settings

Why this exists: glibc raises its mmap threshold each time a large block is freed (up to
32 MB), so after the first decoded frames are freed, every later frame buffer and converted
QImage (1280x720: 1.4 MB YUV, 3.7 MB RGB) comes from the heap of whichever decoder thread
allocated it. Those heaps fragment around small long-lived blocks and are never handed back:
cycling video slides grew RSS from ~110 MB to 700-1100 MB with a bounded number of players.
A fixed threshold keeps large buffers in their own mappings, returned to the system on free;
capping the arenas keeps the small blocks of short-lived decoder threads from spreading over
(and pinning) a heap per thread.
Measured (5 players alive, 1,000 video views built and deleted at attract speed): RSS 800 MB
swinging → 265 MB flat; the attract loop's rate is unchanged, a player's destructor costs
~2 ms more (unmapping its buffers), in idle time after the slide change. The arena cap took
the attract soak (10,000 changes) from +43 MB to +12 MB after warm-up.

Applied once per process, when a deck with video or audio is first shown (a deck without
media is untouched). What no setting prevents, pages freed in the middle of a heap staying
resident, is handled after every slide change by `HeapTrimmer`.

One arena rather than two: with the heap trimmed after each slide change, the main heap stays
flat, but a second arena shared by the decoder and worker threads still fragmented around their
small long-lived blocks: trimmed, it held 0.5 → 11 MB over 10,000 attract-speed changes. With
one arena (and the trimmer) the soak's settled growth was -0.1 to +10 MB in three runs; with
two it was +0.4 to +28 MB in six (trimmed or not), at the same rate (69-81 changes a second on
a shared machine). glibc's per-thread tcache serves most small allocations without the lock.

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

Qt-core only and cheap to import: the kiosk session builds it on the start path.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import sys
import time

from PySide6.QtCore import QObject, QTimer, SignalInstance

from revkiosk.deck.model import Deck

log = logging.getLogger(__name__)

# After the stage's deleteLater() of evicted views (next event-loop pass) and the video
# widget's release of the player it left (video.RELEASE_AFTER_MS = 1 s).
TRIM_DELAY_MS = 1500


@functools.cache
def glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (it has `mallopt`), else None (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:  # glibc's soname first: find_library runs ldconfig in a subprocess (~6 ms)
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        from ctypes.util import find_library  # runs ldconfig: only without glibc's soname

        try:
            libc = ctypes.CDLL(find_library("c") or "libc.so.6")
        except OSError:
            return None
    # musl has no mallopt (and no per-thread arenas to fragment): nothing to do there.
    return libc if hasattr(libc, "mallopt") else None


def trim_heap() -> bool:
    """Give free heap pages back to the system; False where there is nothing to call (not
    glibc) or glibc found nothing to release."""
    trim = getattr(glibc(), "malloc_trim", None)
    return bool(trim(0)) if trim is not None else False


M_MMAP_THRESHOLD = -3  # mallopt() parameter numbers from glibc's <malloc.h>
M_ARENA_MAX = -8
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's own starting value, but fixed: no ratchet upwards
ARENA_MAX = 1  # each decoder thread otherwise gets a heap of its own (up to 8 per core)

_tuned: bool | None = None


def _set_by_admin(env: str, tunable: str) -> bool:
    return env in os.environ or tunable in os.environ.get("GLIBC_TUNABLES", "")


def tune_allocator() -> bool:
    """Fix glibc's mmap threshold and cap its arenas (once per process); True if the
    threshold is now in effect."""
    global _tuned
    if _tuned is None:
        _tuned = False
        libc = glibc()
        if libc is None:
            return _tuned
        if not _set_by_admin("MALLOC_MMAP_THRESHOLD_", "mmap_threshold"):
            _tuned = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
        if not _set_by_admin("MALLOC_ARENA_MAX", "arena_max"):
            libc.mallopt(M_ARENA_MAX, ARENA_MAX)
        log.debug("glibc heap tuned for video (mmap threshold fixed: %s)", _tuned)
    return _tuned


def tune_for_deck(deck: Deck) -> None:
    """`tune_allocator()` when `deck` plays video or sound (a deck without media is untouched)."""
    if any(slide.plays_media for slide in deck.slides):
        tune_allocator()


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
