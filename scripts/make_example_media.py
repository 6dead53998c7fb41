"""Make the tiny example media that `slides/example.yaml` uses (project-made, CC0).

Standard library only (no Qt, no Pillow), so it runs anywhere:

    python scripts/make_example_media.py

writes media/examples/example-image.png (a 320x180 gradient with a "network" of dots),
example-diagram.svg (a small layered-network diagram) and example-data.csv (made-up numbers
for the `chart: csv` example; they illustrate the format and are not real measurements).
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "media" / "examples"
WIDTH, HEIGHT = 320, 180


def _png(width: int, height: int, rgb: bytes) -> bytes:
    """Encode 8-bit RGB rows as a PNG file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def image() -> bytes:
    """A dark blue-to-purple gradient with three layers of glowing dots."""
    dots = [
        (60 + 100 * layer, 40 + 50 * row)
        for layer, rows in enumerate((3, 2, 3))
        for row in range(rows)
        if not (rows == 2 and row > 1)
    ]
    dots = [(x, y + (25 if x == 160 else 0)) for x, y in dots]
    pixels = bytearray()
    for y in range(HEIGHT):
        for x in range(WIDTH):
            t = x / WIDTH
            r, g, b = 20 + 60 * t, 24 + 10 * t, 60 + 60 * (1 - t)
            glow = max(math.exp(-((x - dx) ** 2 + (y - dy) ** 2) / 120) for dx, dy in dots)
            r, g, b = r + (76 - r) * glow * 3, g + (201 - g) * glow, b + (240 - b) * glow
            pixels += bytes(min(255, int(c)) for c in (r, g, b))
    return _png(WIDTH, HEIGHT, bytes(pixels))


def diagram() -> str:
    """Three layers of circles joined by lines, with a label, as SVG."""
    layers = [(60, (40, 90, 140)), (160, (65, 115)), (260, (40, 90, 140))]
    lines = [
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#4cc9f0" stroke-opacity="0.5"/>'
        for (x1, ys1), (x2, ys2) in zip(layers, layers[1:], strict=False)
        for y1 in ys1
        for y2 in ys2
    ]
    circles = [f'<circle cx="{x}" cy="{y}" r="12" fill="#f72585"/>' for x, ys in layers for y in ys]
    return "\n".join(
        [
            '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"'
            ' viewBox="0 0 320 180">',
            '<rect width="320" height="180" fill="#14182c"/>',
            *lines,
            *circles,
            '<text x="160" y="172" fill="#ffffff" font-family="sans-serif" font-size="12"'
            ' text-anchor="middle">example network (revkiosk, CC0)</text>',
            "</svg>",
            "",
        ]
    )


def data() -> str:
    """Made-up illustrative numbers (two series; only the newest point of each is labelled)."""
    rows = ["year,value,kind,name"]
    for kind, growth, name in (("vision", 6.0, "model V"), ("language", 12.0, "model L")):
        years = range(2012, 2023, 2)
        for i, year in enumerate(years):
            label = name if year == years[-1] else ""
            rows.append(f"{year},{10 * growth**i:.0f},{kind},{label}")
    return "\n".join(rows) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "example-image.png").write_bytes(image())
    (OUT / "example-diagram.svg").write_text(diagram(), encoding="utf-8")
    (OUT / "example-data.csv").write_text(data(), encoding="utf-8")
    (OUT / "LICENSE.md").write_text(
        "The files in this folder are made by `scripts/make_example_media.py` for the revkiosk\n"
        "project and dedicated to the public domain (CC0 1.0). The CSV numbers are made up.\n",
        encoding="utf-8",
    )
    print(f"wrote example media to {OUT}")


if __name__ == "__main__":
    main()
