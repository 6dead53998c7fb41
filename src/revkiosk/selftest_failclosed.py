"""`--self-test` checks for the fail-closed machinery, so a packaged build proves it has it.

The standalone build ships its own Python and Qt: these checks show that what issue 22 relies
on is really there and works — special files refused before opening, SVG references refused,
big drawings rendered by Qt's SVG image reader (the `qsvg` plugin), the kiosk lock, the X11
stacking query (loaded only when a display is there).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def check_fail_closed() -> str:
    """One line saying what works; raises AssertionError naming what does not."""
    from revkiosk.deck.svg_check import scan_svg
    from revkiosk.kiosk.lock import AlreadyRunning, KioskLock
    from revkiosk.safe_files import NotRegularFile, read_bytes
    from revkiosk.ui.media.svg import decode_svg

    with tempfile.TemporaryDirectory(prefix="revkiosk-selftest-") as folder:
        base = Path(folder)
        if hasattr(os, "mkfifo"):
            fifo = base / "fifo"
            os.mkfifo(fifo)
            started = time.monotonic()
            try:
                read_bytes(fifo, 1024)
                raise AssertionError("a FIFO was read")
            except NotRegularFile:
                pass
            assert time.monotonic() - started < 1.0, "a FIFO was waited on"
        refused = scan_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/x"/></svg>')
        assert refused.refused, "an SVG reference to a local file was not refused"
        drawing = base / "d.svg"
        drawing.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
            '<rect width="40" height="20" fill="#ff0000"/></svg>',
            encoding="utf-8",
        )
        image, notice = decode_svg(drawing, (80, 40))
        assert image is not None, f"Qt's SVG reader is missing ({notice})"
        first, second = KioskLock("t.lock", base), KioskLock("t.lock", base)
        first.acquire("self-test")
        try:
            second.acquire("self-test")
            locked = False
        except AlreadyRunning:
            locked = True
        first.release()
        assert locked or os.name != "posix", "the kiosk lock does not lock"
    return "special files refused, SVG references refused, SVG reader, kiosk lock"
