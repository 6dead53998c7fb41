"""Slide thumbnails for the timeline's preview card, rendered once and kept on disk.

Rendering a slide builds its whole view (a chart slide imports pyqtgraph), far too slow for a
drag that must answer within a frame. So thumbnails are rendered ahead of time, one slide per
idle tick, saved under `<user cache>/thumbs/<sha256 of deck content + slide + size>.png`, and
the card only ever calls `get()`, which reads memory (or, the first time, a small PNG) and never
renders. A changed deck file changes every key, and each slide's key also names the real
identity (resolved target, inode, size, mtime) of every file the slide shows, so a picture
replaced under the same name, or a re-pointed symlink, is never shown stale.
"""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from revkiosk.context import ViewContext
from revkiosk.safe_files import CACHE_BYTES, file_identity, read_bytes
from revkiosk.settings import cache_dir
from revkiosk.ui.atomic_png import save_png
from revkiosk.ui.qt_bytes import image_reader

log = logging.getLogger(__name__)

RENDER_SIZE = QSize(960, 540)  # slides are laid out at this size (text stays crisp) …
THUMB_SIZE = QSize(480, 270)  # … and stored at this one
IDLE_MS = 150  # between two background renders: the show keeps most of the event loop


def default_folder() -> Path:
    """`<platformdirs user cache>/thumbs`."""
    return cache_dir() / "thumbs"


class ThumbCache(QObject):
    """Thumbnails of a deck's slides: memory, then disk, then (only in the background) render."""

    ready = Signal(int)  # slide index whose thumbnail just became available

    def __init__(
        self,
        context: ViewContext,
        folder: Path | None = None,
        size: QSize = THUMB_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.folder = folder if folder is not None else default_folder()
        self.size = QSize(size)
        self.renders = 0  # slides rendered by this cache (tests check reuse)
        self.disk_reads = 0
        self._memory: dict[int, QImage] = {}  # QImage, not QPixmap: safe to outlive the app
        self._missing: set[int] = set()  # not on disk when last asked (until rendered)
        self._paths: dict[int, Path] = {}
        self._queue: deque[int] = deque()
        self._paused = False
        self._timer = QTimer(self, singleShot=True, interval=IDLE_MS, timeout=self._work)
        self._seed = self._deck_seed()

    def _deck_seed(self) -> bytes:
        """What a thumbnail depends on besides its slide: the deck file's bytes, the theme, the
        language and the visitor's settings."""
        deck, theme = self.context.deck, self.context.theme
        try:
            content = read_bytes(deck.path, CACHE_BYTES)
        except OSError:  # an in-memory deck (tests, a deleted file): its model stands in
            content = repr((deck.info, deck.slides)).encode()
        extra = f"|{theme.name}|{theme.font_scale}|{self.size.width()}x{self.size.height()}"
        extra += f"|{self.context.language}|{self.context.visitor!r}"
        return content + extra.encode()

    def key(self, index: int) -> str:
        """Hex digest naming slide `index`'s thumbnail file: the deck, the slide, and what the
        files the slide shows are now."""
        slides = self.context.deck.slides
        files = _files_of(slides[index], self.context.deck.root) if 0 <= index < len(slides) else []
        identities = repr([file_identity(path) for path in files]).encode()
        return hashlib.sha256(self._seed + f"|slide {index}|".encode() + identities).hexdigest()[
            :40
        ]

    def path(self, index: int) -> Path:
        path = self._paths.get(index)
        if path is None:
            path = self._paths[index] = self.folder / f"{self.key(index)}.png"
        return path

    # the hot path ----------------------------------------------------------------------
    def get(self, index: int) -> QImage | None:
        """The thumbnail if it is in memory or on disk; None otherwise. Never renders."""
        cached = self._memory.get(index)
        if cached is not None or index in self._missing:
            return cached
        try:
            reader, _stream = image_reader(read_bytes(self.path(index), CACHE_BYTES), b"png")
            image = reader.read()
        except OSError:  # not there yet (or a planted FIFO): rendered in the background
            image = QImage()
        if image.isNull():
            self._missing.add(index)  # ask the disk once; the background render will fill it
            return None
        self.disk_reads += 1
        self._memory[index] = image
        return image

    # background work -------------------------------------------------------------------
    def prerender(self, indices: Iterable[int]) -> None:
        """Queue slides for the background: each is loaded from disk or rendered, one per tick."""
        for index in indices:
            if index not in self._memory and index not in self._queue:
                self._queue.append(index)
        if self._queue and not self._paused:
            self._timer.start()

    def pause(self, paused: bool) -> None:
        """Hold background renders (while a visitor drags, every millisecond goes to the drag)."""
        self._paused = paused
        if paused:
            self._timer.stop()
        elif self._queue:
            self._timer.start()

    @property
    def pending(self) -> int:
        return len(self._queue)

    def finish(self) -> None:
        """Do all queued work now (tests, benchmarks and the exporter)."""
        while self._queue:
            self._work(reschedule=False)

    def _work(self, reschedule: bool = True) -> None:
        if not self._queue:
            return
        index = self._queue.popleft()
        self._missing.discard(index)  # another process may have written it meanwhile
        if self.get(index) is None:
            if reschedule and not self._pictures_ready(index):
                self._queue.append(index)  # decoding on the worker: render it on a later tick
            else:
                self._render(index)
        if index in self._memory:
            self.ready.emit(index)
        if reschedule and self._queue and not self._paused:
            self._timer.start()

    def _pictures_ready(self, index: int) -> bool:
        """Heavy pictures are decoded on the worker first: a render on the GUI thread (in the
        show's idle time) must not decode a slide full of photos itself."""
        from revkiosk.ui.slide_pictures import pictures_ready

        return pictures_ready(self.context.deck, index)

    def _render(self, index: int) -> None:
        from revkiosk.ui.render import render_slide

        slides = self.context.deck.slides
        if not 0 <= index < len(slides):
            return
        self.renders += 1
        image = render_slide(slides[index], self.context, RENDER_SIZE).scaled(
            self.size,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self._memory[index] = image
        self._save(index, image)

    def _save(self, index: int, image: QImage) -> None:
        error = save_png(image, self.path(index))
        if error is not None:  # a read-only cache only costs the next run a re-render
            log.warning("thumbnail not cached: %s", error)


def _files_of(value: object, root: Path) -> list[Path]:
    """Every file a slide shows (pictures, posters, CSVs), walking its frozen dataclasses."""
    import dataclasses

    found: list[Path] = []
    if isinstance(value, Path):
        found.append(value if value.is_absolute() else root / value)
    elif isinstance(value, tuple):
        for item in value:
            found += _files_of(item, root)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "location":
                found += _files_of(getattr(value, f.name), root)
    return found


_shared: ThumbCache | None = None


def thumbs_for(context: ViewContext) -> ThumbCache:
    """The one thumbnail cache of what is shown now, shared by the strip and the timeline
    slide; a new context (another deck, language, theme or text size) starts a new one."""
    global _shared
    if _shared is None or _shared.context is not context:
        _shared = ThumbCache(context)
    return _shared
