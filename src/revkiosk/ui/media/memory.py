"""Keep a days-long kiosk's memory flat while videos open and close: glibc's heap settings.

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

Applied once, lazily, when QtMultimedia is first loaded (a deck without video is untouched),
only on glibc, and never over an administrator's own MALLOC_* or GLIBC_TUNABLES setting.
What no setting prevents, pages freed in the middle of a heap staying resident, is handled
after every slide change by revkiosk.kiosk.heap.

One arena rather than two: with the heap trimmed after each slide change, the main heap stays
flat, but a second arena shared by the decoder and worker threads still fragmented around their
small long-lived blocks: trimmed, it held 0.5 → 11 MB over 10,000 attract-speed changes. With
one arena (and the trimmer) the soak's settled growth was -0.1 to +10 MB in three runs; with
two it was +0.4 to +28 MB in six (trimmed or not), at the same rate (69-81 changes a second on
a shared machine). glibc's per-thread tcache serves most small allocations without the lock.
"""

from __future__ import annotations

import logging
import os

from revkiosk.kiosk.heap import glibc as _libc

log = logging.getLogger(__name__)

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
        libc = _libc()
        if libc is None:
            return _tuned
        if not _set_by_admin("MALLOC_MMAP_THRESHOLD_", "mmap_threshold"):
            _tuned = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
        if not _set_by_admin("MALLOC_ARENA_MAX", "arena_max"):
            libc.mallopt(M_ARENA_MAX, ARENA_MAX)
        log.debug("glibc heap tuned for video (mmap threshold fixed: %s)", _tuned)
    return _tuned
