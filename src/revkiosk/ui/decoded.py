"""Slide pictures: read safely, decoded at display size on a worker thread, shared.

Three things used to go wrong with pictures, and all three are decided here:

* Opening before looking. A picture path that names a FIFO hung the decoder (and then the
  exit, which waits for the worker); a device or a huge file filled the memory. Files are read
  through `revkiosk.safe_files` (regular files only, size cap) and decoded from memory.
* Decoding at full size. A 12-megapixel photo decoded to 48 MB for a box of 1920x1080; a grid
  of 200 such cells took gigabytes. `QImageReader.setScaledSize` decodes to the box the picture
  is shown in (never larger than the source: JPEG even decodes at that size directly), and the
  same picture at the same box is decoded once and shared (QImage is implicitly shared).
* Decoding on the GUI thread. A slide of heavy pictures blocked the event loop for seconds (the
  supervisor took that for a hang). The stage asks for the next slides' pictures ahead
  (`prefetch_after`), views ask with `request()` and paint the picture when it arrives; only a
  little decoding is done synchronously per moment (`SYNC_BUDGET_S`), and none while rendering
  offscreen needs the pixels now (`synchronous()`, used by export and thumbnails). A picture
  known to be dear (its last decode took over `SYNC_ONE_S`: a full-screen PNG takes 14-22 ms)
  comes from the worker when its view can fade it in (`ui/arrival.py`): a jump onto a
  section slide paints its title at once and its full-screen art a frame or two later, rather
  than everything ~40 ms late (issue 21).

Entries are keyed by the file's identity (resolved target, inode, size, mtime) and the box, so
an edited or replaced picture is decoded afresh; the pictures not shown are bounded in bytes.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QGuiApplication, QImage

from revkiosk.safe_files import PICTURE_BYTES, Identity, file_identity, read_bytes
from revkiosk.ui.qt_bytes import image_reader

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

# Decoded pictures kept that no view holds, and pictures scaled to a cell: 24 MB in all, three
# 1080p pictures' worth (hub tiles are decoded for their cell: 2 MB each, not 8).
BUDGET_BYTES = 20 * 1024 * 1024
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp"}  # SVG renders per size, GIF/WebP animate
AHEAD = 3  # slides after the current one whose pictures are decoded ahead
# Synchronous decoding allowed per SYNC_WINDOW_S, beyond which pictures arrive from the worker:
# one frame's worth (issue 21: a hub of five tiles decoded at once held a key press ~90 ms).
SYNC_BUDGET_S = 0.016
SYNC_WINDOW_S = 0.5
SYNC_ONE_S = 0.008  # a picture whose last decode took longer comes from the worker
# A picture never decoded yet is decoded now only from a file this small: a file's size says
# little of its decode, but a large one is never cheap (a 1080p PNG of 150-300 KB: 14-22 ms).
SMALL_FILE_BYTES = 64 * 1024
SCALED_BUDGET_BYTES = 4 * 1024 * 1024  # a hub's tiles at 1080p: ~3 MB
COSTS_KEPT = 512  # decode costs remembered (a float each), beyond the pictures kept
MAX_BOX = 7680  # a 8K screen: larger boxes decode no finer
_GRID = 16  # boxes are rounded up to this, so the stage's prefetch and the view agree

Box = tuple[int, int]
Key = tuple[Identity, int, int, str]  # the file, the box, the decoder
Outcome = tuple[QImage | None, str]  # the picture, or None and why not (a visitor notice)
Decoder = Callable[[Path | str, "Box | None"], Outcome]


def display_box() -> Box:
    """The largest screen in device pixels (1920x1080 without a screen): what a full-slide
    picture is decoded to cover."""
    app = QGuiApplication.instance()
    screens = QGuiApplication.screens() if app is not None else []
    best = (1920, 1080)
    for screen in screens:
        size, ratio = screen.size(), screen.devicePixelRatio()
        box = (round(size.width() * ratio), round(size.height() * ratio))
        if box[0] * box[1] > best[0] * best[1]:
            best = box
    return best


def box_of(width: float, height: float) -> Box:
    """A box rounded up to the grid and capped (callers compute boxes the same way)."""
    w = min(MAX_BOX, max(_GRID, math.ceil(width / _GRID) * _GRID))
    h = min(MAX_BOX, max(_GRID, math.ceil(height / _GRID) * _GRID))
    return (w, h)


def _cover_scale(source: QSize, box: Box) -> float:
    """The scale at which `source` just covers `box` in either orientation (EXIF may turn the
    picture), never above 1: fit and fill both look sharp, nothing is upscaled in memory."""
    sides = sorted((source.width(), source.height()))
    short_side, long_side = sides
    if long_side <= 0 or short_side <= 0:
        return 1.0
    need = max(max(box) / long_side, min(box) / short_side)
    return min(1.0, need)


def decode_file(path: Path | str, box: Box | None) -> Outcome:
    """Read and decode one picture (any thread), scaled to cover `box` (None: full size)."""
    try:
        data = read_bytes(path, PICTURE_BYTES)
    except FileNotFoundError:
        return None, "Image missing"
    except OSError as error:
        log.warning("picture %s not read: %s", path, error.strerror or error)
        return None, "Image unavailable"
    reader, _stream = image_reader(data)
    reader.setAutoTransform(True)
    source = reader.size()
    if box is not None and source.isValid():
        scale = _cover_scale(source, box)
        if scale < 1.0:
            reader.setScaledSize(
                QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
            )
    image = reader.read()
    if image.isNull():
        log.warning("cannot decode picture %s: %s", path, reader.errorString())
        return None, "Image could not be read"
    return image, ""


class _Relay(QObject):
    """Carries finished work from the worker thread to the GUI thread (a queued signal).

    One for the process, made on the GUI thread and never deleted: a relay owned by each cache
    could be collected with its cache while a queued signal was still on its way to it (a crash
    in the garbage collector, about one benchmark run in four). It holds the caches weakly: a
    result for a cache that is gone is dropped."""

    arrived = Signal(object, object, object)  # weakref to the DecodedImages, Key, Outcome

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._on_arrived)

    def _on_arrived(self, owner: weakref.ref[DecodedImages], key: object, outcome: object) -> None:
        images = owner()
        if images is not None:
            images._deliver(key, outcome)  # type: ignore[arg-type]


_RELAY: list[_Relay] = []  # the process's one relay, once a QGuiApplication exists


def _relay() -> _Relay | None:
    """The relay, made on first use (on the GUI thread: its slot runs there)."""
    if not _RELAY and QGuiApplication.instance() is not None:
        _RELAY.append(_Relay())
    return _RELAY[0] if _RELAY else None


class DecodedImages:
    """The process's decoded pictures: asked for on the GUI thread, decoded on one worker."""

    def __init__(self, budget: int = BUDGET_BYTES) -> None:
        self.budget = budget
        self._images: OrderedDict[Key, QImage] = OrderedDict()
        self._pending: dict[Key, Future[Outcome]] = {}
        self._jobs: dict[Key, tuple[str, Box | None, Decoder]] = {}  # what each pending is
        self._waiting: dict[Key, list[tuple[QObject, Callable[[Outcome], None]]]] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._ref = weakref.ref(self)  # what the relay carries back
        self._sync_spent: list[tuple[float, float]] = []  # (when, seconds) of recent decodes
        self._forced_sync = 0
        self._costs: OrderedDict[Key, float] = OrderedDict()  # CPU seconds of the last decode
        self._lent: dict[Key, QImage] = {}  # pictures of a view being rebuilt
        self._scaled: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()

    # -- asking for a picture -------------------------------------------------------------
    def bytes_held(self) -> int:
        with self._lock:
            return sum(image.sizeInBytes() for image in self._images.values())

    def cached(
        self, path: Path, box: Box | None = None, decoder: Decoder = decode_file
    ) -> QImage | None:
        """The decoded picture if it is here now (shared: it stays for the next asker)."""
        key = file_key(path, box, decoder)
        if key is None:
            return None
        with self._lock:
            image = self._lent.get(key) or self._images.get(key)
            if image is not None and key in self._images:
                self._images.move_to_end(key)
            return image

    def decode_now(
        self, path: Path, box: Box | None = None, decoder: Decoder = decode_file
    ) -> Outcome:
        """The picture now: from the cache, from a decode under way, or decoded here."""
        key = file_key(path, box, decoder)
        if key is None:
            return decoder(path, box)  # says why (missing, not a file)
        image = self.cached(path, box, decoder)
        if image is not None:
            return image, ""
        with self._lock:
            pending = self._pending.get(key)
        if pending is not None and not pending.cancel():
            with contextlib.suppress(Exception):
                return pending.result()
        started = time.monotonic()
        outcome = self._timed(key, decoder, path, box)
        self._sync_spent.append((time.monotonic(), time.monotonic() - started))
        if outcome[0] is not None:
            with self._lock:
                self._store(key, outcome[0])
        return outcome

    def may_decode_now(self, key: Key | None = None) -> bool:
        """True while little was decoded on this thread lately (or rendering needs it now):
        a slide with a few pictures shows them at once, a heavy one gets them as they come.
        With `key`, also False for a picture whose last decode was dear or would overrun the
        budget, or that was never decoded and is no small file: the rule counts what a decode
        will cost, not only what was spent (a section slide's full-screen PNG held a jump
        ~40 ms)."""
        if self._forced_sync:
            return True
        now = time.monotonic()
        self._sync_spent = [(t, s) for t, s in self._sync_spent if now - t < SYNC_WINDOW_S]
        spent = sum(s for _, s in self._sync_spent)
        with self._lock:
            cost = self._costs.get(key) if key is not None else None
        if cost is not None:
            return cost <= SYNC_ONE_S and spent + cost <= SYNC_BUDGET_S
        if key is not None and key[0][2] > SMALL_FILE_BYTES:
            return False  # never decoded yet, and no small file: likely dear
        return spent < SYNC_BUDGET_S

    def cost_of(self, path: Path, box: Box | None = None, decoder: Decoder = decode_file) -> float:
        """What the last decode of this picture took (CPU seconds; 0.0: not decoded yet)."""
        key = file_key(path, box, decoder)
        with self._lock:
            return self._costs.get(key, 0.0) if key is not None else 0.0

    def request(
        self,
        path: Path,
        box: Box | None,
        receiver: QObject,
        done: Callable[[Outcome], None],
        decoder: Decoder = decode_file,
        *,
        light: bool = True,
        fades: bool = False,
    ) -> Outcome | None:
        """The picture now if that is cheap; else None, and `done(outcome)` is called on the
        GUI thread once the worker has decoded it (not if `receiver` was deleted meanwhile).
        `light=False` always goes to the worker (unless rendering offscreen). `fades=True`:
        the asker fades a late picture in (`ui/arrival.py`), so a picture known or likely to
        be dear goes to the worker too; a chart's picture, which is the slide, does not fade
        and keeps the budget's rule only."""
        image = self.cached(path, box, decoder)
        if image is not None:
            return image, ""
        key = file_key(path, box, decoder)
        rule_key = key if fades else None
        if key is None or self._forced_sync or (light and self.may_decode_now(rule_key)):
            return self.decode_now(path, box, decoder)
        behind = self._step_aside()
        with self._lock:
            self._waiting.setdefault(key, []).append((receiver, done))
        self._submit(key, str(path), box, decoder)
        for job in behind:
            self._submit(*job)
        return None

    def _step_aside(self) -> list[tuple[Key, str, Box | None, Decoder]]:
        """A view waits for a picture: the decodes queued ahead for no one (the slides after
        an earlier slide) step aside, to be queued again behind it. After a few quick jumps
        the picture of the slide on screen came 0.4-0.7 s late, behind them. A decode under
        way finishes."""
        with self._lock:
            queued = [(k, f) for k, f in self._pending.items() if k not in self._waiting]
        behind = []
        for key, future in queued:
            job = self._jobs.get(key)
            if job is not None and future.cancel():  # not started: its callback files nothing
                behind.append((key, *job))
        return behind

    def scaled(self, image: QImage, size: QSize) -> QImage:
        """`image` smoothly scaled to `size` (GUI thread), shared by the views that show it
        so: a hub or a compare grid rebuilt at rapid pace rescaled each of its pictures
        (1-1.5 ms each) in the key's frame. Bounded in bytes; a source is known by its
        `cacheKey()`, which no other picture ever gets."""
        if image.size() == size or size.isEmpty():
            return image
        key = (image.cacheKey(), size.width(), size.height())
        known = self._scaled.get(key)
        if known is not None:
            self._scaled.move_to_end(key)
            return known
        from PySide6.QtCore import Qt

        done = image.scaled(
            size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        if done.sizeInBytes() <= SCALED_BUDGET_BYTES // 4:  # never a full screen's
            self._scaled[key] = done
            total = sum(i.sizeInBytes() for i in self._scaled.values())
            while total > SCALED_BUDGET_BYTES:
                _, old = self._scaled.popitem(last=False)
                total -= old.sizeInBytes()
        return done

    def release_scaled(self) -> None:
        """The show has settled: the scaled copies no view holds are let go. They serve views
        rebuilt at rapid pace; at a settled pace the next view is built ahead, in idle time,
        and the memory after a pass stays as it was without them."""
        self._scaled.clear()

    @property
    def offscreen(self) -> bool:
        """True inside `synchronous()`: an offscreen render that needs everything now."""
        return self._forced_sync > 0

    @contextlib.contextmanager
    def synchronous(self) -> Iterator[None]:
        """Within: every request decodes at once (offscreen rendering needs the pixels now)."""
        self._forced_sync += 1
        try:
            yield
        finally:
            self._forced_sync -= 1

    def prefetch(
        self, paths: Iterable[Path], box: Box | None = None, decoder: Decoder = decode_file
    ) -> None:
        """Decode `paths` on the worker, in order, unless cached or already on their way."""
        for path in paths:
            if decoder is decode_file and path.suffix.lower() not in RASTER_SUFFIXES:
                continue
            key = file_key(path, box, decoder)
            if key is not None:
                self._submit(key, str(path), box, decoder)

    def lend(self, path: Path, image: QImage, box: Box | None = None) -> None:
        """Offer a picture a view being dropped holds, until `end_loan()`: the view rebuilt in
        its place (another language, text size or contrast) takes it instead of decoding it
        again. Both share the one QImage, so this costs no memory. `box` is the box the view
        asked for (None: the screen's)."""
        key = file_key(path, box or box_of(*display_box()), decode_file)
        if key is not None and not image.isNull():
            with self._lock:
                self._lent[key] = image

    def drop(self, decoder: Decoder) -> None:
        """Forget what `decoder` decoded (tests: as in a new process)."""
        with self._lock:
            for key in [k for k in self._images if k[3] == decoder.__name__]:
                del self._images[key]

    def end_loan(self) -> None:
        with self._lock:
            self._lent.clear()

    def pending(self, paths: Iterable[Path], box: Box | None = None) -> bool:
        """True while any of `paths` is still being decoded for `box`."""
        with self._lock:
            return any(file_key(p, box, decode_file) in self._pending for p in paths)

    def idle(self) -> bool:
        """True when nothing is being decoded."""
        with self._lock:
            return not self._pending

    def run_job(
        self, key: object, job: Callable[[], object], receiver: QObject, done: Callable
    ) -> None:
        """Run `job()` on the picture worker (other heavy work: a big chart's CSV); `done` gets
        its result, or the exception it raised, on the GUI thread. One run per key at a time."""
        self._ensure_relay()
        with self._lock:
            waiting = self._waiting.setdefault(key, [])  # type: ignore[arg-type]
            waiting.append((receiver, done))
            if len(waiting) > 1:
                return  # already running: this asker gets the same result
            pool = self._worker()

        def run() -> None:
            try:
                result: object = job()
            except Exception as error:  # noqa: BLE001 - handed to the asker, who shows it
                result = error
            relay = _RELAY[0] if _RELAY else None
            if relay is not None:
                with contextlib.suppress(RuntimeError):
                    relay.arrived.emit(self._ref, key, result)

        pool.submit(run)

    # -- the worker -----------------------------------------------------------------------
    def _ensure_relay(self) -> None:
        _relay()  # on the GUI thread, before any work is handed to the worker

    def _worker(self) -> ThreadPoolExecutor:
        """With the lock held: the one decoding thread (made on first use)."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor  # not on the start path

            self._pool = ThreadPoolExecutor(1, thread_name_prefix="revkiosk-decode")
        return self._pool

    def _submit(self, key: Key, path: str, box: Box | None, decoder: Decoder) -> None:
        self._ensure_relay()
        with self._lock:
            if key in self._images or key in self._pending:
                return
            future = self._worker().submit(self._timed, key, decoder, path, box)
            self._pending[key] = future
            self._jobs[key] = (path, box, decoder)
        future.add_done_callback(lambda done, key=key: self._arrived(key, done))

    def _timed(self, key: Key, decoder: Decoder, path: Path | str, box: Box | None) -> Outcome:
        """Decode (any thread) and remember what it cost this thread's CPU: the same picture
        costs the GUI thread about as much, whichever thread decoded it last."""
        started = time.thread_time()
        outcome = decoder(path, box)
        cost = time.thread_time() - started
        with self._lock:
            self._costs[key] = cost
            self._costs.move_to_end(key)
            while len(self._costs) > COSTS_KEPT:
                self._costs.popitem(last=False)
        return outcome

    def _arrived(self, key: Key, future: Future[Outcome]) -> None:
        """Worker thread: file the decoded picture, tell the GUI thread."""
        outcome: Outcome = (None, "Image could not be read")
        if not future.cancelled() and future.exception() is None:
            outcome = future.result()
        with self._lock:
            if self._pending.get(key) is future:
                del self._pending[key]
                self._jobs.pop(key, None)
            if outcome[0] is not None:
                self._store(key, outcome[0])
        relay = _RELAY[0] if _RELAY else None
        if relay is not None:
            with contextlib.suppress(RuntimeError):  # the application is gone
                relay.arrived.emit(self._ref, key, outcome)

    def _deliver(self, key: Key, outcome: Outcome) -> None:
        """GUI thread: hand the picture to the views that asked for it and still exist."""
        import shiboken6

        with self._lock:
            waiting = self._waiting.pop(key, [])
        for receiver, done in waiting:
            if shiboken6.isValid(receiver):
                done(outcome)

    def _store(self, key: Key, image: QImage) -> None:
        """With the lock held: insert as most recent and evict the oldest beyond the budget."""
        self._images[key] = image
        self._images.move_to_end(key)
        total = sum(i.sizeInBytes() for i in self._images.values())
        while total > self.budget and len(self._images) > 1:
            _, old = self._images.popitem(last=False)
            total -= old.sizeInBytes()


def file_key(path: Path, box: Box | None, decoder: Decoder) -> Key | None:
    """What a decode is filed under: the file as it is now, the box, the decoder."""
    identity = file_identity(path)
    if identity is None:
        return None
    width, height = box or (0, 0)
    return (identity, width, height, decoder.__name__)


IMAGES = DecodedImages()
