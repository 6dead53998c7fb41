"""A picture of a chart as it first appears, kept on disk, shown while pyqtgraph loads.

Why: a plot slide shown by a fresh process — a lecturer resuming on a chart, a kiosk player the
supervisor has just restarted on one — would wait ~300 ms for numpy, pyqtgraph and the chart
before anything of the slide appeared (see `revkiosk.ui.plots`). The chart's first frame only
depends on the deck, the slide, the theme, the size and the chart code, so the pixels of that
first frame are saved the first time the chart is built ahead of time (`PlotView.preload`, idle
time) and, on a later cold start, painted at once. The live chart is built right after that
first paint and takes the picture's place: the same pixels, then hover, zoom and clicks.

Nothing here imports pyqtgraph or numpy: that is the point. A key names everything the pixels
depend on, so a changed deck, theme, window size, dataset or chart module never shows a stale
picture; the files live in `<user cache>/charts/`, are written atomically, and a missing or
unreadable one only means the slow path.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import threading
import weakref
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import PlotSlide
from revkiosk.safe_files import CACHE_BYTES, file_identity, read_bytes
from revkiosk.settings import cache_dir
from revkiosk.ui.atomic_png import save_png

log = logging.getLogger(__name__)

FORMAT_VERSION = "1"
_CODE = Path(__file__).resolve().parent  # ui/plots: the chart code
_DATA = _CODE.parent.parent / "data" / "compute.csv"
# the chart's legend and credit are laid out by these too (text fitting, the floor)
_TEXT_CODE = tuple(_CODE.parent / name for name in ("fit_text.py", "legibility.py", "textruns.py"))


def default_folder() -> Path:
    """`<platformdirs user cache>/charts`."""
    return cache_dir() / "charts"


def _stat_line(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{info.st_size}:{info.st_mtime_ns}"


_last_seed: tuple[weakref.ref[ViewContext], bytes] | None = None


def _seed(context: ViewContext) -> bytes:
    """What every picture shown in this context depends on: the deck's bytes, the theme (with
    the visitor's text size), the language and visitor settings, the code and the data.
    Computed once per context (a few stat calls and one read of the deck file)."""
    global _last_seed
    if _last_seed is not None and _last_seed[0]() is context:
        return _last_seed[1]
    from revkiosk import __version__

    deck = context.deck
    try:
        content = read_bytes(deck.path, CACHE_BYTES)
    except OSError:  # an in-memory deck (tests): its model stands in
        content = repr((deck.info, deck.slides)).encode()
    code = sorted(_stat_line(path) for path in (*_CODE.glob("*.py"), *_TEXT_CODE))
    shown = [repr(context.theme), context.language, repr(context.visitor)]
    parts = [FORMAT_VERSION, __version__, *shown, _stat_line(_DATA), *code]
    seed = hashlib.sha256(content + "|".join(parts).encode()).digest()
    _last_seed = (weakref.ref(context), seed)
    return seed


def picture_key(context: ViewContext, slide: PlotSlide, size: QSize, ratio: float) -> str:
    """Hex name of the picture of `slide`'s chart at `size` logical pixels and `ratio` dpr."""
    csv = slide.csv
    data = repr(file_identity(context.deck.root / csv.file)) if csv is not None else ""
    text = f"{slide!r}|{data}|{size.width()}x{size.height()}@{ratio:g}"
    return hashlib.sha256(_seed(context) + text.encode()).hexdigest()[:40]


def load_picture(key: str, folder: Path | None = None) -> QImage | None:
    """The saved picture, or None (never saved, or unreadable)."""
    path = (folder or default_folder()) / f"{key}.png"
    try:
        data = read_bytes(path, CACHE_BYTES)  # a planted FIFO or huge file is a miss
    except OSError:
        return None
    image = QImage.fromData(data, "PNG")
    return None if image.isNull() else image


def save_picture(key: str, image: QImage, folder: Path | None = None) -> bool:
    """Write the picture (atomically: see `revkiosk.ui.atomic_png`); False if it could not."""
    error = save_png(image, (folder or default_folder()) / f"{key}.png")
    if error is not None:  # a read-only cache only costs the next cold start its wait
        log.info("chart picture not cached: %s", error)
    return error is None


_saving: list[threading.Thread] = []
_saved: set[Path] = set()  # pictures saved (or being saved) by this process


def is_saved(key: str, folder: Path | None = None) -> bool:
    """True if the picture is on disk or on its way there."""
    path = (folder or default_folder()) / f"{key}.png"
    return path in _saved or path.is_file()


def save_picture_soon(key: str, image: QImage, folder: Path | None = None) -> None:
    """Encode and write in a thread (PNG encoding takes ~50 ms; Qt releases the GIL for it),
    so a slide change is never held up by the disk. A process that exits waits for it."""
    folder = folder or default_folder()
    _saved.add(folder / f"{key}.png")
    worker = threading.Thread(
        target=save_picture, args=(key, image, folder), name="chart-picture", daemon=True
    )
    if not _saving:
        atexit.register(wait_for_saves, 2.0)
    _saving[:] = [t for t in _saving if t.is_alive()] + [worker]
    worker.start()


def wait_for_saves(timeout: float = 10.0) -> None:
    """Block until pictures being written are on disk (tests, benchmarks, a clean exit)."""
    for worker in list(_saving):
        worker.join(timeout)


class ChartPicture(QWidget):
    """Paints a saved chart picture 1:1 where the chart will be (it is opaque, like the chart)."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.drawImage(QRect(0, 0, self.width(), self.height()), self.image)
        painter.end()
