"""Decoded slide pictures, decoded ahead of the key press on a worker thread and kept briefly.

A full-HD PNG takes 10-25 ms to decode, and a view decodes its pictures when it is built: on
a quick run through the deck (keys back to back, no idle time to preload) that decode sat on
the key press. The stage asks for the pictures of the next slides as soon as a slide is shown
(`prefetch`); a worker thread decodes them while the audience looks at this one, and the view
picks the result up (`take`) instead of decoding. QImageReader releases the GIL, so the
worker really runs beside the event loop.

A picture waits here only until its view takes it (the view then owns it): what this holds is
the pictures of the next few slides, bounded in bytes (`BUDGET_BYTES`, oldest dropped first)
for the case the visitor jumps elsewhere. Entries are keyed by path, size and modification
time, so an edited file (deck reload) is decoded afresh. Failures are not kept: the caller
decodes and reports them.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Container, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage, QImageReader

from revkiosk.deck.model import Deck, Media

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

BUDGET_BYTES = 24 * 1024 * 1024  # three full-HD pictures
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp"}  # SVG renders per size, GIF/WebP animate
AHEAD = 3  # slides after the current one whose pictures are decoded ahead

Key = tuple[str, int, int]


def _key(path: Path) -> Key | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path), stat.st_size, stat.st_mtime_ns)


def _decode(path: str) -> QImage | None:
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    return None if image.isNull() else image


class DecodedImages:
    """The process's decoded pictures: `take` on the GUI thread, decoding on one worker."""

    def __init__(self, budget: int = BUDGET_BYTES) -> None:
        self.budget = budget
        self._images: OrderedDict[Key, QImage] = OrderedDict()
        self._pending: dict[Key, Future[QImage | None]] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._lent: dict[Key, QImage] = {}

    def bytes_held(self) -> int:
        with self._lock:
            return sum(image.sizeInBytes() for image in self._images.values())

    def take(self, path: Path) -> QImage | None:
        """The decoded picture, handed over, if it is here or being decoded (then wait for it:
        the decode has a head start); None when the caller must decode it, which includes a
        decode still queued behind others (it is cancelled)."""
        key = _key(path)
        if key is None:
            return None
        with self._lock:
            image = self._lent.get(key) or self._images.pop(key, None)
            if image is not None:
                return image
            pending = self._pending.pop(key, None)  # claimed: the worker will not file it
        if pending is None or pending.cancel():  # still queued behind others: decoding here
            return None  # is quicker than waiting in line
        try:
            return pending.result()
        except Exception:  # noqa: BLE001 - the caller's own decode reports the problem
            return None

    def prefetch(self, paths: Iterable[Path]) -> None:
        """Decode `paths` on the worker, in order, unless cached or already on their way."""
        for path in paths:
            if path.suffix.lower() not in RASTER_SUFFIXES:
                continue
            key = _key(path)
            if key is None:
                continue
            with self._lock:
                if key in self._images or key in self._pending:
                    continue
                if self._pool is None:
                    from concurrent.futures import ThreadPoolExecutor  # not on the start path

                    self._pool = ThreadPoolExecutor(1, thread_name_prefix="revkiosk-decode")
                future = self._pool.submit(_decode, key[0])
                self._pending[key] = future
            future.add_done_callback(lambda done, key=key: self._arrived(key, done))

    def lend(self, path: Path, image: QImage) -> None:
        """Offer a picture a view being dropped holds, until `end_loan()`: the view rebuilt in
        its place (another language, text size or contrast) takes it instead of decoding it
        again. Both share the one QImage, so this costs no memory."""
        key = _key(path)
        if key is not None and not image.isNull():
            with self._lock:
                self._lent[key] = image

    def end_loan(self) -> None:
        with self._lock:
            self._lent.clear()

    def _arrived(self, key: Key, future: Future[QImage | None]) -> None:
        """Worker thread: file the decoded picture (or forget a failure)."""
        image = None if future.cancelled() or future.exception() else future.result()
        with self._lock:
            claimed = self._pending.get(key) is not future  # a view is waiting for it
            if not claimed:
                del self._pending[key]
            if image is not None and not claimed:
                self._store(key, image)

    def _store(self, key: Key, image: QImage) -> None:
        """With the lock held: insert as most recent and evict the oldest beyond the budget."""
        self._images[key] = image
        self._images.move_to_end(key)
        total = sum(i.sizeInBytes() for i in self._images.values())
        while total > self.budget and len(self._images) > 1:
            _, old = self._images.popitem(last=False)
            total -= old.sizeInBytes()


IMAGES = DecodedImages()


def slide_pictures(deck: Deck, index: int) -> list[Path]:
    """The still pictures slide `index` shows (images, video posters), as absolute paths."""
    if not 0 <= index < len(deck.slides):
        return []
    slide = deck.slides[index]
    media: list[Media | None] = [getattr(slide, "media", None)]
    media += [item.media for item in getattr(slide, "items", ())]
    paths = []
    for item in media:
        path = item and (item.image or item.poster)
        if path is not None:
            paths.append(path if path.is_absolute() else deck.root / path)
    return paths


def prefetch_after(deck: Deck, index: int, ahead: int = AHEAD, built: Container[int] = ()) -> None:
    """Start decoding the pictures of the `ahead` slides after `index` (never blocks), but not
    those of slides whose view is `built` already (it holds its pictures)."""
    following = [i for i in range(index + 1, index + 1 + ahead) if i not in built]
    paths = [path for i in following for path in slide_pictures(deck, i)]
    try:
        IMAGES.prefetch(paths)
    except RuntimeError as error:  # the interpreter is shutting down: nothing left to show
        log.debug("no prefetch: %s", error)
