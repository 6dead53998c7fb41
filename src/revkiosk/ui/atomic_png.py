"""Write a QImage as PNG so that a reader never finds half a file.

Cached pictures (timeline thumbnails, chart pictures) are read back on later runs and exports
are handed on; a crash or a full disk mid-write must not leave a truncated PNG that decodes as
a valid, wrong picture (or an export that looks complete). So the image is encoded in memory
and written through `safe_files.atomic_write` (a temporary file in the same folder, renamed
into place, removed on failure), which also gives the real reason ("No space left on device")
instead of Qt's silent `False`.
"""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtGui import QImage

from revkiosk.safe_files import atomic_write
from revkiosk.ui.qt_bytes import encoded


def png_bytes(image: QImage) -> bytes | None:
    """The image encoded as PNG, or None if Qt cannot encode it."""
    return encoded(image)  # through a buffer Qt made: see `ui/qt_bytes.py`


def save_png(image: QImage, path: Path, *, durable: bool = False) -> OSError | None:
    """Write `image` to `path` atomically; the error if it could not be written (the caller
    decides how loudly a missing cache entry is worth reporting). `durable` fsyncs (exports)."""
    data = png_bytes(image)
    if data is None:
        return OSError(errno.EINVAL, "the picture cannot be encoded as PNG", str(path))
    try:
        atomic_write(path, data, durable=durable)
    except OSError as error:
        return error
    return None
