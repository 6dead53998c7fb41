"""SVG pictures, drawn only when they are self-contained, and never on the GUI thread when big.

Every SVG is read through `revkiosk.safe_files` and checked by `deck.svg_check` before Qt sees
it: a drawing with any reference other than `data:` or `#fragment` (an absolute path, `../`,
`file:`, `http:`, CSS `url()` or `@import`, entities) is not drawn; the placeholder says
"Image refused" and the log names the references. Qt is then handed the very bytes that were
checked (from memory, so it has no folder to resolve anything against), never the path.

A small drawing is kept as vectors (`QSvgRenderer`) and re-rendered at every size, so it stays
crisp on a 4K screen. A big one (`HEAVY_BYTES`, `HEAVY_ELEMENTS`) is rendered once, at screen
size, on the picture worker (`ui/decoded.py`: Qt's SVG image reader runs without Python's
lock, so the event loop goes on) and painted as a picture: a 200,000-element drawing used to
take the GUI thread for seconds at every repaint of every cross-fade frame.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter

from revkiosk.deck.svg_check import SvgRefused, scan_svg, svg_bytes
from revkiosk.safe_files import SVG_BYTES, Identity, file_identity, read_bytes
from revkiosk.ui.decoded import IMAGES, MAX_BOX, Box, Outcome, box_of, display_box
from revkiosk.ui.qt_bytes import image_reader

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

HEAVY_BYTES = 512 * 1024  # larger files are checked and rendered on the worker
HEAVY_ELEMENTS = 5_000
RENDERERS_KEPT = 16
# Small drawings checked and parsed, by the file as it is now (an edited file is a new key):
# a hub rebuilt at rapid pace read, checked and parsed its drawing again (~4 ms of a key press).
_RENDERERS: OrderedDict[Identity, QSvgRenderer] = OrderedDict()  # QtSvg: loaded on first use


def _checked(path: Path | str) -> tuple[bytes | None, str, object]:
    """(SVG bytes, '', report) when the drawing may be drawn, else (None, notice, None)."""
    try:
        data = svg_bytes(read_bytes(path, SVG_BYTES))
        report = scan_svg(data)
    except FileNotFoundError:
        return None, "Image missing", None
    except OSError as error:
        log.warning("SVG %s not read: %s", path, error.strerror or error)
        return None, "Image unavailable", None
    except SvgRefused as error:
        log.warning("SVG %s not drawn: %s", path, error)
        return None, "Image could not be read", None
    if not report.safe:
        log.warning("SVG %s not drawn: %s", path, "; ".join(report.refused[:5]))
        return None, "Image refused", None
    return data, "", report


def decode_svg(path: Path | str, box: Box | None) -> Outcome:
    """Check and render a drawing to a picture covering `box` (any thread)."""
    data, notice, report = _checked(path)
    if data is None:
        return None, notice
    width, height = getattr(report, "size", None) or (16.0, 9.0)
    target = box or box_of(*display_box())
    scale = max(target[0] / width, target[1] / height)
    scale = min(scale, MAX_BOX / max(width, height))
    reader, _stream = image_reader(data, b"svg")
    reader.setScaledSize(QSize(max(1, round(width * scale)), max(1, round(height * scale))))
    image = reader.read()  # Qt renders without holding Python's lock
    if image.isNull():
        log.warning("cannot render SVG %s: %s", path, reader.errorString())
        return None, "Image could not be read"
    return image, ""


class SvgPicture(QObject):
    """One checked drawing: vectors when small, a picture rendered off the GUI thread when big.

    `notice` is '' while the drawing shows (or is on its way: `loading`); `on_ready` is called
    when a big drawing arrives.
    """

    def __init__(self, path: Path, on_ready: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.path = path
        self.notice = ""
        self.loading = False
        self._on_ready = on_ready
        self._renderer = None
        self._image: QImage | None = None
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size > SVG_BYTES:
            log.warning("SVG %s not drawn: larger than %d MB", path, SVG_BYTES // 2**20)
            self.notice = "Image unavailable"
        elif size > HEAVY_BYTES:
            self._request()
        else:
            self._load_small()

    def _load_small(self) -> None:
        identity = file_identity(self.path)
        known = _RENDERERS.get(identity) if identity is not None else None
        if known is not None:
            _RENDERERS.move_to_end(identity)  # type: ignore[arg-type]
            self._renderer = known
            return
        from PySide6.QtSvg import QSvgRenderer

        data, self.notice, report = _checked(self.path)
        if data is None:
            return
        if getattr(report, "elements", 0) > HEAVY_ELEMENTS:
            self._request()
            return
        renderer = QSvgRenderer(QByteArray(data))
        if not renderer.isValid() or renderer.defaultSize().isEmpty():
            log.warning("cannot render SVG %s", self.path)
            self.notice = "Image could not be read"
            return
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self._renderer = renderer
        if identity is not None:
            _RENDERERS[identity] = renderer
            while len(_RENDERERS) > RENDERERS_KEPT:
                _RENDERERS.popitem(last=False)

    def _request(self) -> None:
        box = box_of(*display_box())
        outcome = IMAGES.request(self.path, box, self, self._arrived, decode_svg, light=False)
        if outcome is None:
            self.loading = True
        else:
            self._arrived(outcome, notify=False)

    def _arrived(self, outcome: Outcome, notify: bool = True) -> None:
        self._image, self.notice = outcome
        self.loading = False
        if notify:
            self._on_ready()

    def size(self) -> QSize:
        if self._renderer is not None:
            return self._renderer.defaultSize()
        return self._image.size() if self._image is not None else QSize()

    def paint(self, painter: QPainter, target: QRectF) -> None:
        if self._renderer is not None:
            self._renderer.render(painter, target)
        elif self._image is not None:
            painter.drawImage(target, self._image)
