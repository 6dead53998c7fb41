"""The loader's look at the files a deck names: SVG references, picture sizes, chart rows.

Called by `Reader.read_path` for every existing file (so `revkiosk check`, the player and a live
reload all see the same): an SVG that refers to anything but itself is an error (see
`deck/svg_check.py`); a picture, drawing or slide past the budgets in `deck/budget.py` is a
warning naming the slide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yaml.nodes import Node

from revkiosk.deck import budget
from revkiosk.deck.svg_check import SvgRefused, scan_svg
from revkiosk.safe_files import SVG_BYTES, read_bytes

SVG_SUFFIXES = (".svg", ".svgz")
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")


def weigh_file(reader: Any, node: Node, path: Path, what: str) -> bool:
    """Check one existing file; False after reporting an error that makes it unusable."""
    suffix = path.suffix.lower()
    if suffix in SVG_SUFFIXES:
        return _svg(reader, node, path, what)
    if suffix in RASTER_SUFFIXES:
        size = budget.picture_size(path)
        if size is not None:
            pixels = size[0] * size[1]
            reader.pixels += pixels
            if pixels > budget.PICTURE_PIXELS:
                reader.warn(
                    node,
                    f"{what} is {size[0]}x{size[1]} ({pixels / 1e6:.0f} megapixels); pictures "
                    f"over {budget.PICTURE_PIXELS / 1e6:.0f} MP take long to decode on a kiosk "
                    "PC: scale it to the screen (3840x2160 at most)",
                )
    return True


def _svg(reader: Any, node: Node, path: Path, what: str) -> bool:
    try:
        report = scan_svg(read_bytes(path, SVG_BYTES))
    except OSError as error:
        reader.add(node, f"{what} cannot be read: {error.strerror or error}")
        return False
    except SvgRefused as error:
        reader.add(node, f"{what} cannot be drawn: {error}")
        return False
    if report.refused:
        listed = "; ".join(report.refused[:3])
        more = f" (and {len(report.refused) - 3} more)" if len(report.refused) > 3 else ""
        reader.add(
            node,
            f"{what} refers to files outside the drawing: {listed}{more}; only data: and "
            "#fragment references may be drawn (embed pictures as data: URIs)",
        )
        return False
    if report.elements > budget.SVG_ELEMENTS:
        reader.warn(
            node,
            f"{what} has {report.elements:,} elements; drawings over "
            f"{budget.SVG_ELEMENTS:,} take seconds to draw (it is rendered once, off screen)",
        )
    return True


def weigh_slide(reader: Any, node: Node, what: str) -> None:
    """Warn when one slide's pictures together are past the budget (read at every change)."""
    if reader.pixels > budget.SLIDE_PIXELS:
        reader.warn(
            node,
            f"{what}: its pictures hold {reader.pixels / 1e6:.0f} megapixels together; over "
            f"{budget.SLIDE_PIXELS / 1e6:.0f} MP a slide takes seconds to build on a kiosk PC",
        )
