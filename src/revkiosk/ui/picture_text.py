"""Text inside pictures: the legibility floor for words drawn into a PNG (or a video's frames).

A slide's own text reports its lines (`ui/textruns.py`); words baked into a picture cannot —
but whoever drew the picture knows how big they were. A picture records the smallest cap
height of the text in its own pixels as a PNG text chunk, `revkiosk:min-text-cap-px` (the
project's generators write it, `scripts/media/_common.py`; any tool can, e.g.
`QImage.setText(KEY, "18.5")` before saving). A video's poster records it for the video's
frames too.

Every widget that shows a picture reports where it lands (`picture_runs()`: the file and its
target rectangle in the widget); the audit scales the recorded cap height by the picture's
displayed size and compares it with the floor. A picture with no record is not guessed at.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF

from revkiosk.record import Record
from revkiosk.safe_files import PICTURE_BYTES, file_identity, open_regular

KEY = "revkiosk:min-text-cap-px"
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HEADER_BYTES = 4 * 1024 * 1024  # text chunks before the pixels: never read a whole photo


class PictureRun(Record):
    """A picture as shown: its file and where it lands (the whole picture, even when filling
    crops it), in the reporting widget's coordinates."""

    element: str
    path: Path
    target: QRectF

    def moved(self, offset: QPointF) -> PictureRun:
        return replace(self, target=self.target.translated(offset))


class PictureText(Record):
    """What a PNG says about its text: the smallest cap height (px of the picture) and the
    picture's own size."""

    min_cap: float
    width: int
    height: int


def png_text(data: bytes) -> tuple[dict[str, str], tuple[int, int]]:
    """The text chunks (tEXt, zTXt, iTXt) before the pixels of a PNG, and its size; empty for
    anything that is not a PNG. Keys are read whole ("revkiosk:min-text-cap-px": Qt's reader
    would cut them at the colon)."""
    if not data.startswith(_SIGNATURE):
        return {}, (0, 0)
    texts: dict[str, str] = {}
    size = (0, 0)
    at = len(_SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        at += 12 + length
        if kind == b"IHDR" and len(body) >= 8:
            size = struct.unpack(">II", body[:8])
        elif kind in (b"IDAT", b"IEND"):
            break
        elif kind in (b"tEXt", b"zTXt", b"iTXt") and b"\0" in body:
            key, _, rest = body.partition(b"\0")
            try:
                texts[key.decode("latin-1")] = _chunk_value(kind, rest)
            except (ValueError, zlib.error):
                continue
    return texts, size


def _chunk_value(kind: bytes, rest: bytes) -> str:
    if kind == b"tEXt":
        return rest.decode("latin-1")
    if kind == b"zTXt":
        return zlib.decompress(rest[1:]).decode("latin-1")
    compressed, _method = rest[0], rest[1]
    _language, _, rest = rest[2:].partition(b"\0")
    _translated, _, text = rest.partition(b"\0")
    return (zlib.decompress(text) if compressed else text).decode("utf-8")


def picture_text(path: Path) -> PictureText | None:
    """The record of `path` (None: not a PNG, unreadable, or no record), kept per file
    version."""
    identity = file_identity(path)
    return None if identity is None else _read(path, identity)


@lru_cache(maxsize=256)
def _read(path: Path, _identity: object) -> PictureText | None:
    try:
        with open_regular(path, PICTURE_BYTES) as handle:
            head = handle.read(_HEADER_BYTES)
    except OSError:
        return None
    texts, (width, height) = png_text(head)
    try:
        cap = float(texts[KEY])
    except (KeyError, ValueError):
        return None
    if not cap > 0 or width <= 0 or height <= 0:
        return None
    return PictureText(cap, width, height)


def shown_cap(run: PictureRun) -> float | None:
    """The smallest cap height of the picture's text as shown (px of the screen), or None
    when the picture records none."""
    record = picture_text(run.path)
    if record is None or run.target.isEmpty():
        return None
    scale = min(run.target.width() / record.width, run.target.height() / record.height)
    return record.min_cap * scale
