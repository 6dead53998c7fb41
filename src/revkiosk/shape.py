"""Screen shapes, aspects and the legibility floor: the Qt-free arithmetic every part shares.

A kiosk may be a 16:9 wall, a 5:4 gallery monitor or a 1080x1920 portrait totem. The deck (or
`settings.yaml`, or `--aspect`) says either `auto` — the slide fills whatever screen there is —
or a ratio such as `"16:9"`, which letterboxes. Views then lay themselves out for the *shape*
of the rectangle they get (landscape, near-square or portrait), and size type from its short
side, so a portrait totem shows the same type size as the landscape screen it is made from.

The legibility floor: at 1920x1080, no text a visitor is meant to read has a cap height under
22 px (ISO 9241-303's minimum for reading a 55-inch screen from 3 m). It scales with the
screen's *short side* — 22 px per 1080 px of it — because the short side is what a screen's
viewing distance follows (the same panel turned to portrait keeps its pixel pitch and its
visitors' distance, so it keeps 22 px; a 4K panel of the same size needs 44 px; a 1280x1024
monitor, seen from nearer, 20.9 px).
"""

from __future__ import annotations

import math
import re
from enum import StrEnum

DESIGN_SHORT_SIDE = 1080.0  # slides are designed on 1920x1080: design px are per 1080 px
FLOOR_CAP_PX = 22.0  # cap height of readable text on a 1080 px short side
# Inter's cap height is 0.727 em: the smallest font size (design px) whose caps reach the floor.
INTER_CAP_EM = 0.727
READABLE_PX = math.ceil(FLOOR_CAP_PX / INTER_CAP_EM)  # 31

AUTO = "auto"
Aspect = tuple[int, int] | None  # None: auto, fill the screen
ASPECT_MIN, ASPECT_MAX = 0.25, 4.0  # 1:4 to 4:1: beyond, a letterboxed slide is a sliver
ASPECT_MAX_TERM = 10_000  # "16000000:9000000" is no ratio anyone means
_RATIO = re.compile(r"^\s*(\d+)\s*[:/x]\s*(\d+)\s*$")
_SIZE = re.compile(r"^\s*(\d+)\s*x\s*(\d+)\s*$")

PORTRAIT_BELOW = 0.85  # width / height under this: portrait (3:4 is 0.75, 4:5 is 0.8)
LANDSCAPE_FROM = 1.5  # from 3:2 up: landscape (16:10, 16:9, 21:9, 32:9); between: near-square


class Shape(StrEnum):
    """The three arrangements a slide has: side by side, tighter side by side, stacked."""

    LANDSCAPE = "landscape"
    SQUARE = "square"
    PORTRAIT = "portrait"


def shape_of(width: float, height: float) -> Shape:
    """Which arrangement a `width` x `height` slide takes."""
    ratio = width / max(height, 1.0)
    if ratio < PORTRAIT_BELOW:
        return Shape.PORTRAIT
    if ratio < LANDSCAPE_FROM:
        return Shape.SQUARE
    return Shape.LANDSCAPE


def parse_aspect(text: str) -> Aspect:
    """`"auto"` → None; `"16:9"` (also `16/9`, `16x9`) → (16, 9). ValueError otherwise,
    also for a ratio too narrow or too wide to show anything (1:1000 letterboxes a 1080p
    screen to a 1-pixel column), whichever of deck, settings or `--aspect` says it."""
    if text.strip().lower() == AUTO:
        return None
    match = _RATIO.match(text)
    shown = repr(text.strip()[:40])  # a setting's whole text could be long
    if not match or 0 in (int(match[1]), int(match[2])):
        raise ValueError(f'{shown} is not an aspect: use "auto" or a ratio like "16:9"')
    width, height = int(match[1]), int(match[2])
    if not ASPECT_MIN <= width / height <= ASPECT_MAX or max(width, height) > ASPECT_MAX_TERM:
        raise ValueError(
            f"{shown} is too narrow or too wide to show: "
            f"use a ratio between 1:{1 / ASPECT_MIN:g} and {ASPECT_MAX:g}:1, or auto"
        )
    return width, height


def format_aspect(aspect: Aspect) -> str:
    return AUTO if aspect is None else f"{aspect[0]}:{aspect[1]}"


def letterbox(width: int, height: int, aspect: Aspect) -> tuple[int, int, int, int]:
    """(x, y, w, h): the largest rectangle at `aspect` centred in `width` x `height`; the
    whole area for `auto`."""
    if aspect is None:
        return 0, 0, width, height
    aw, ah = aspect
    if width * ah > height * aw:
        sw, sh = round(height * aw / ah), height
    else:
        sw, sh = width, round(width * ah / aw)
    return (width - sw) // 2, (height - sh) // 2, sw, sh


def floor_cap(short_side: float) -> float:
    """The smallest cap height (px) readable text may have on a screen with this short side."""
    return FLOOR_CAP_PX * max(short_side, 1.0) / DESIGN_SHORT_SIDE


# Named shapes for `revkiosk check --shapes`: each at a 1080 px short side (the floor's own
# reference), so a problem found in one shape is about layout, not resolution.
NAMED_SHAPES: dict[str, tuple[int, int]] = {
    "16:9": (1920, 1080),
    "16:10": (1728, 1080),
    "21:9": (2520, 1080),
    "32:9": (3840, 1080),
    "4:3": (1440, 1080),
    "5:4": (1350, 1080),
    "1:1": (1080, 1080),
    "3:4": (1080, 1440),
    "9:16": (1080, 1920),
}
DEFAULT_SHAPES = ("16:9", "16:10", "21:9", "4:3", "5:4", "3:4", "9:16")


def parse_shape(text: str) -> tuple[int, int]:
    """A screen to check: `1080x1920` (pixels) or `9:16` (a ratio at a 1080 px short side)."""
    size = _SIZE.match(text)
    if size:
        width, height = int(size[1]), int(size[2])
        if not (160 <= width <= 8192 and 160 <= height <= 8192):
            raise ValueError(f"{text}: sizes go from 160 to 8192 px a side")
        return width, height
    aspect = parse_aspect(text)
    if aspect is None:
        raise ValueError('a shape is a size ("1080x1920") or a ratio ("9:16"), not "auto"')
    named = NAMED_SHAPES.get(f"{aspect[0]}:{aspect[1]}")
    if named:
        return named
    aw, ah = aspect
    scale = DESIGN_SHORT_SIDE / min(aw, ah)
    return round(aw * scale), round(ah * scale)
