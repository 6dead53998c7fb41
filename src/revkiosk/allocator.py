"""glibc's heap policy that keeps a days-long player's memory flat (Qt-free, cheap to import).

Only on glibc and never over an administrator's own MALLOC_* or GLIBC_TUNABLES setting:
`tune_allocator()` fixes the mmap threshold and caps the malloc arenas. The player calls it
first thing (`app.main`, ~2 ms for ctypes), before any thread has allocated; QtMultimedia's
loader calls it too (`ui/media/player.py`), so any other process that plays media (the
self-test, a benchmark, a test) is tuned before its first decoder allocates. `trim_heap()`
gives freed pages back; the player calls it after slide changes (`kiosk/heap.py:
HeapTrimmer`).

Why first thing: the arena cap only binds threads that have not allocated yet. Applied at the
first film (or a second after the first paint), the threads started before it (the picture
decoder, the chart-picture writer, Qt's own) kept an arena each for life; one of them, ~18 MB in
use in small blocks, held 0 or 12 MB of free pages no trim could return (they lie between live
blocks), so the attract soak's settled RSS swung between 128 and 141 MB from one sample to the
next (the soak's verdict a coin flip: +12.0, +0.8, -3.3 MB in three runs). With the cap from the
start (as the supervisor's MALLOC_ARENA_MAX=1 gives a kiosk player): 126.0, 127.2, 127.6, 127.4,
127.7 MB over 8,000 changes.

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

Applied once per process. The restructure of issue 14 had left only a call a second after the
first paint (for decks with media), so any process built another way (a benchmark) decoded on
the untuned heap: 356 MB after a presenter pass instead of ~235 MB. What no setting prevents,
pages freed in the middle of a heap staying resident, is handled after every slide change by
`HeapTrimmer`.

One arena rather than two: with the heap trimmed after each slide change, the main heap stays
flat, but a second arena shared by the decoder and worker threads still fragmented around their
small long-lived blocks: trimmed, it held 0.5 → 11 MB over 10,000 attract-speed changes. With
one arena (and the trimmer) the soak's settled growth was -0.1 to +10 MB in three runs; with
two it was +0.4 to +28 MB in six (trimmed or not), at the same rate (69-81 changes a second on
a shared machine). glibc's per-thread tcache serves most small allocations without the lock.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import sys

log = logging.getLogger(__name__)


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


def set_by_admin(env: str, tunable: str) -> bool:
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
        if not set_by_admin("MALLOC_MMAP_THRESHOLD_", "mmap_threshold"):
            _tuned = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
        if not set_by_admin("MALLOC_ARENA_MAX", "arena_max"):
            libc.mallopt(M_ARENA_MAX, ARENA_MAX)
        log.debug("glibc heap tuned for video (mmap threshold fixed: %s)", _tuned)
    return _tuned
