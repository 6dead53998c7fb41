"""Write a QImage as PNG so that a reader never finds half a file.

Cached pictures (timeline thumbnails, chart pictures) are read back on later runs; a crash or a
full disk mid-write must not leave a truncated PNG that decodes as a valid, wrong picture. So
the image goes to a temporary file in the same folder (unique per process and thread: chart
pictures are written from worker threads) and is renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from PySide6.QtGui import QImage


def save_png(image: QImage, path: Path) -> OSError | None:
    """Write `image` to `path` atomically; the error if it could not be written (the caller
    decides how loudly a missing cache entry is worth reporting)."""
    temp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(temp), "PNG"):
            raise OSError(f"cannot write {temp}")
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        return error
    return None
