"""How heavy a deck's pictures, drawings and charts may be before `check` warns.

Heavy content still plays (pictures are decoded at screen size on a worker thread, big drawings
rendered once off the GUI thread, big charts thinned for display; see `ui/decoded.py`,
`ui/media/svg.py`, `ui/plots/csv_data.py`), but it costs seconds of CPU and memory on the
kiosk each time a slide is built. Past these budgets `revkiosk check` says so, naming the slide,
so an author can shrink the file before it reaches a museum's small PC.

The picture size is read from the file's header (PNG, JPEG, GIF, WebP, BMP), without decoding.
Qt-free.
"""

from __future__ import annotations

import struct
from pathlib import Path

from revkiosk.safe_files import open_regular

PICTURE_PIXELS = 24_000_000  # per picture: a 6000x4000 photo; a 4K screen shows 8.3 MP
SLIDE_PIXELS = 100_000_000  # all the pictures of one slide together
SVG_ELEMENTS = 20_000  # elements in one drawing
CSV_ROWS = 20_000  # data rows in one chart (beyond, the chart shows an even sample)


def picture_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from the header of a PNG, JPEG, GIF, WebP or BMP; None if unknown."""
    try:
        with open_regular(path) as handle:
            head = handle.read(32)
            if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
                return struct.unpack(">II", head[16:24])
            if head[:6] in (b"GIF87a", b"GIF89a"):
                return struct.unpack("<HH", head[6:10])
            if head[:2] == b"BM" and len(head) >= 26:
                width, height = struct.unpack("<ii", head[18:26])
                return (abs(width), abs(height))
            if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
                return _webp(head)
            if head[:2] == b"\xff\xd8":
                handle.seek(2)
                return _jpeg(handle)
    except (OSError, struct.error):
        return None
    return None


def _webp(head: bytes) -> tuple[int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return (width, height)
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return (width & 0x3FFF, height & 0x3FFF)
    return None


def _jpeg(handle) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """Walk the JPEG segments to the first start-of-frame (SOF0-SOF15 but DHT, JPG, DAC)."""
    for _ in range(1000):
        marker = handle.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:
            continue
        length = struct.unpack(">H", handle.read(2))[0]
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">xHH", handle.read(5))
            return (width, height)
        handle.seek(length - 2, 1)
    return None
