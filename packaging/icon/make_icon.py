"""Render packaging/icon/revkiosk.svg to the raster icons launchers and installers need.

    PYTHONPATH=src .venv/bin/python packaging/icon/make_icon.py

Writes revkiosk.png (256 px: the .desktop launcher and XDG icon theme) and revkiosk.ico
(16-256 px: the Windows executable). Rendered with Qt's own SVG renderer so no extra tool is
needed; the outputs are committed so a build machine does not have to run this.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> object:
    """The icon as a transparent QImage of `size` x `size` pixels."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(HERE / "revkiosk.svg"))
    if not renderer.isValid():
        raise SystemExit(f"make_icon: cannot read {HERE / 'revkiosk.svg'}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    render(size).save(buffer, "PNG")  # type: ignore[attr-defined]
    buffer.close()
    return bytes(data.data())


def ico_bytes(sizes: tuple[int, ...]) -> bytes:
    """A multi-size ICO with PNG-compressed images (Qt's ICO writer stores only one size)."""
    images = [png_bytes(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in zip(sizes, images, strict=True):
        side = size % 256  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt's image plugins need an application
    (HERE / "revkiosk.png").write_bytes(png_bytes(256))
    (HERE / "revkiosk.ico").write_bytes(ico_bytes(SIZES))
    print(f"make_icon: wrote revkiosk.png and revkiosk.ico ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
