"""A picture of a chart as it first appears, kept on disk, shown while pyqtgraph loads.

Why: a plot slide shown by a fresh process — a lecturer resuming on a chart, a kiosk player the
supervisor has just restarted on one — would wait ~300 ms for numpy, pyqtgraph and the chart
before anything of the slide appeared (see `revkiosk.ui.plots`). The chart's first frame only
depends on the deck, the slide, the theme, the size and the chart code, so the pixels of that
first frame are saved the first time the chart is built ahead of time (`PlotView.preload`, idle
time) and, on a later cold start, painted at once. The live chart is built right after that
first paint and takes the picture's place: the same pixels, then hover, zoom and clicks.

A warm process paints the picture first too, whenever the view is shown in the live window
(`PlotView`): building a chart and its first paint hold the GUI thread 50-140 ms, so a key
pressed on a chart would wait for them; with the picture on screen at once, the live chart is
built in slices after that paint (`revkiosk.ui.plots.slices`), each a fraction of a frame.

Nothing here imports pyqtgraph or numpy: that is the point. A key names everything the pixels
depend on — the deck's bytes, the chart's data (a digest of its CSV), the size and pixel ratio,
the theme with the visitor's contrast and text size, the language, the player's catalog and the
deck's PO files (digests), the Babel and package versions, the chart code — so a changed deck,
theme, window size, translation, dataset or chart module never shows a stale picture. The files
live in `<user cache>/charts/`, are written atomically, and a missing or unreadable one only
means the slow path. Decoded pictures are kept with the slides' pictures
(`revkiosk.ui.decoded.IMAGES`, within its budget: no memory beyond what it already holds), so
passing a chart again decodes nothing.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QImage, QInputDevice, QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import PlotSlide
from revkiosk.i18n.words import catalog_path
from revkiosk.safe_files import CACHE_BYTES, CSV_BYTES, file_identity, read_bytes, sha256
from revkiosk.settings import cache_dir
from revkiosk.ui.atomic_png import save_png
from revkiosk.ui.qt_bytes import image_reader

log = logging.getLogger(__name__)

FORMAT_VERSION = "2"
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


_digests: dict[Path, tuple[object, str]] = {}


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes ("missing" if it cannot be read), computed again only when
    its identity (target, inode, size, time) changes."""
    identity = file_identity(path)
    known = _digests.get(path)
    if identity is not None and known is not None and known[0] == identity:
        return known[1]
    try:
        digest = sha256(read_bytes(path, CSV_BYTES)).hexdigest()
    except OSError:
        return "missing"
    if len(_digests) > 64:
        _digests.clear()
    _digests[path] = (identity, digest)
    return digest


_babel: list[str] = []


def babel_version() -> str:
    """The installed Babel's version (its CLDR data formats numbers and dates on charts), read
    from its `__init__.py` once, without importing it (nor `importlib.metadata`: ~16 ms of a
    cold start on a chart slide)."""
    if not _babel:
        from importlib.util import find_spec

        version = "none"
        try:
            spec = find_spec("babel")
            if spec is not None and spec.origin:
                text = read_bytes(spec.origin, CACHE_BYTES).decode("utf-8", "replace")
                found = re.search(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", text, re.M)
                version = found.group(1) if found else _stat_line(Path(spec.origin))
        except (ImportError, OSError, ValueError):
            pass
        _babel.append(version)
    return _babel[0]


def _translations(context: ViewContext) -> list[str]:
    """Digests of the words a chart may draw: the player's catalog for the language and every
    PO file of the deck (listed without Babel: `deck_po` imports it)."""
    deck = context.deck
    player = catalog_path(context.language)
    parts = [f"player:{file_digest(player) if player is not None else 'none'}"]
    folder = deck.path.parent / deck.info.translations
    try:
        files = sorted(folder.glob("*.po")) if folder.is_dir() else []
    except OSError:
        files = []
    parts += [f"{path.name}:{file_digest(path)}" for path in files]
    return parts


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
    words = [f"babel:{babel_version()}", *_translations(context)]
    parts = [FORMAT_VERSION, __version__, *shown, *words, _stat_line(_DATA), *code]
    seed = sha256(content + "|".join(parts).encode()).digest()
    _last_seed = (weakref.ref(context), seed)
    return seed


def picture_key(context: ViewContext, slide: PlotSlide, size: QSize, ratio: float) -> str:
    """Hex name of the picture of `slide`'s chart at `size` logical pixels and `ratio` dpr."""
    csv = slide.csv
    data = file_digest(context.deck.root / csv.file) if csv is not None else ""
    text = f"{slide!r}|{data}|{size.width()}x{size.height()}@{ratio:g}"
    return sha256(_seed(context) + text.encode()).hexdigest()[:40]


def decode_picture(path: Path | str, box: object = None) -> tuple[QImage | None, str]:
    """A saved picture read and decoded (any thread; a `revkiosk.ui.decoded` decoder)."""
    try:
        data = read_bytes(path, CACHE_BYTES)  # a planted FIFO or huge file is a miss
    except OSError:
        return None, "no picture"
    reader, _stream = image_reader(data, b"png")  # not QImage.fromData: see `ui/qt_bytes.py`
    image = reader.read()
    return (None, "unreadable picture") if image.isNull() else (image, "")


def load_picture(key: str, folder: Path | None = None) -> QImage | None:
    """The picture (decoded once, then shared from memory while it is the same file), or None
    (never saved, or unreadable)."""
    from revkiosk.ui.decoded import IMAGES

    path = (folder or default_folder()) / f"{key}.png"
    return IMAGES.decode_now(path, None, decode_picture)[0]


def request_picture(
    key: str, receiver: QObject, done: Callable[[QImage | None], None], folder: Path | None = None
) -> tuple[QImage | None] | None:
    """The picture now when that is cheap (shared from memory, or little decoded on the GUI
    thread lately): `(image or None,)`. Else None, and `done(image or None)` on the GUI thread
    once the worker has decoded it: charts passed at a visitor's speed share the slides'
    budget (`revkiosk.ui.decoded`) instead of each decoding ~15 ms of PNG at the key press."""
    from revkiosk.ui.decoded import IMAGES

    path = (folder or default_folder()) / f"{key}.png"
    outcome = IMAGES.request(path, None, receiver, lambda got: done(got[0]), decode_picture)
    return None if outcome is None else (outcome[0],)


def forget_all() -> None:
    """Drop the decoded pictures held in memory (tests: a new process; files stay)."""
    from revkiosk.ui.decoded import IMAGES

    IMAGES.drop(decode_picture)


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
    """Paints a saved chart picture 1:1 where the chart will be (it is opaque, like the chart).

    A click or tap on it belongs to the chart, as it would a few frames later: the picture
    takes the left button's press (the stage would read it as "next") and, on a release
    within `TAP_SLOP` px, asks `on_tap(point, touch)` (its parent builds the live chart now;
    `touch`: it came from a touch screen) which widget gets the click, and hands it the press
    and the release (None: the tap was dealt with). A drag or a swipe, and any other button,
    reach the stage as before.
    """

    TAP_SLOP = 16  # px: the stage's own limit between a click and a drag (`ui/input.py`)

    def __init__(
        self,
        image: QImage,
        parent: QWidget | None = None,
        on_tap: Callable[[QPoint, bool], QWidget | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.image = image
        self.on_tap = on_tap
        self._pressed: QMouseEvent | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        if on_tap is None:
            self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.drawImage(QRect(0, 0, self.width(), self.height()), self.image)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()  # the stage's own (right button: previous, at once)
            return
        self._pressed = event.clone()  # type: ignore[assignment]
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        pressed, self._pressed = self._pressed, None
        if pressed is None or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        moved = event.position() - pressed.position()
        target = self.parentWidget()  # a drag or a swipe: the stage reads it, as ever
        if max(abs(moved.x()), abs(moved.y())) < self.TAP_SLOP and self.on_tap is not None:
            touch = event.pointingDevice().type() == QInputDevice.DeviceType.TouchScreen
            target = self.on_tap(pressed.position().toPoint(), touch)
        if target is not None:
            for original in (pressed, event):
                at = target.mapFromGlobal(self.mapToGlobal(original.position().toPoint()))
                QApplication.sendEvent(target, _moved_to(original, QPointF(at)))


def _moved_to(event: QMouseEvent, local: QPointF) -> QMouseEvent:
    """A copy of a mouse event at another widget-local position (same button, same screen)."""
    return QMouseEvent(
        event.type(),
        local,
        event.scenePosition(),
        event.globalPosition(),
        event.button(),
        event.buttons(),
        event.modifiers(),
    )
