"""The pixel sizes and faces of one timeline strip (shared by its painters)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont

from revkiosk.theme import Theme


@dataclass
class Style:
    """Pixel sizes for one strip size (computed by the strip from the slide's short side)."""

    theme: Theme
    family: str
    scale: float  # px per design unit
    full: bool  # the full-size slide (lane names large, milestone titles drawn)
    marker_r: float
    axis_top: float
    axis_bottom: float
    gutter: float
    background_alpha: int
    floor_px: int = 6  # the legibility floor: no face is smaller

    def px(self, design: float) -> float:
        return design * self.scale

    def face(self, design: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(max(self.floor_px, round(design * self.scale * self.theme.font_scale)))
        font.setWeight(weight)
        return font
