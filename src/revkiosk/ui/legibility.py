"""The legibility floor in font pixels, measured from the face itself (see `revkiosk.shape`).

The floor is a cap height (22 px per 1080 px of the screen's short side); which font size
reaches it depends on the face, so it is measured with Qt rather than assumed: Inter's caps are
0.727 em, giving 31 px at 1080p.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtGui import QFont, QFontMetricsF

from revkiosk.shape import floor_cap


@lru_cache(maxsize=8)
def cap_ratio(family: str) -> float:
    """Cap height per pixel of font size for `family` (measured at a large size)."""
    font = QFont(family)
    font.setPixelSize(1000)
    cap = QFontMetricsF(font).capHeight()
    return cap / 1000 if cap > 0 else 0.7


def floor_font_px(short_side: float, family: str) -> int:
    """The smallest font size (px) whose caps reach the floor on this short side."""
    return max(6, math.ceil(floor_cap(short_side) / cap_ratio(family) - 1e-6))
