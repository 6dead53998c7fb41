"""Bytes into and out of Qt's image codecs with no Python in the loop.

A `QBuffer` made in Python is a wrapper class. Before every read or write Qt makes on it, the
wrapper asks Python whether the method is overridden, and it needs Python's lock to ask.
Qt's image reader reads through the device while it holds its own plugin lock. So a decode on
one thread (holding Qt's lock, waiting for Python's) and a reader call on another thread
(holding Python's lock, waiting for Qt's) froze the player for good. `bench_jumps` found it
(issue 21): a chart's picture decoded on the GUI thread while the worker decoded a slide's.

The buffer Qt makes itself inside a `QDataStream` has no wrapper class: a decode or an encode
through it never asks for Python's lock, so it cannot take part in that deadlock. It also
runs at full speed beside a busy GUI thread (no lock to wait for at each read).

Decodes go through a reader, never `QImage.fromData`: a reader lets go of Python's lock while
it decodes, `fromData` holds it for the whole decode (a chart's picture decoded on the worker
froze the GUI thread 15-30 ms).

Every image decode and encode goes through here (`tests/test_qt_bytes.py` checks the source).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QDataStream, QIODevice
from PySide6.QtGui import QImage, QImageReader


def read_stream(data: bytes) -> QDataStream:
    """A stream over a copy of `data`; its `device()` is a read-only buffer made by Qt.
    Keep the stream while anything reads from the device (the stream owns it)."""
    return QDataStream(QByteArray(data))


def image_reader(data: bytes, image_format: bytes = b"") -> tuple[QImageReader, QDataStream]:
    """A reader over `data` in memory (keep the stream while it reads)."""
    stream = read_stream(data)
    return QImageReader(stream.device(), image_format), stream


def encoded(image: QImage, image_format: str = "PNG", quality: int = -1) -> bytes | None:
    """`image` encoded (PNG by default), or None if Qt cannot encode it."""
    data = QByteArray()
    stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
    # PySide takes the format as str here (its stub says bytes, which it refuses)
    ok = image.save(stream.device(), image_format, quality)  # type: ignore[call-overload]
    del stream  # the buffer is closed with it: `data` holds what was written
    return bytes(data.data()) if ok else None
