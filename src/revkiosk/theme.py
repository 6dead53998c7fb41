"""Colours and type sizes for the two themes (Qt-free: the Show and every view read them).

Slides are designed on a 1920x1080 canvas; views multiply design sizes by
`Theme.scale_for(short_side)` — the slide's short side, its height on a landscape screen and its
width on a portrait one — so type keeps its size on any screen shape (a kiosk is read from three
metres away, and a portrait totem is a landscape panel turned).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from revkiosk.record import Record

if TYPE_CHECKING:
    from revkiosk.settings import VisitorSettings

DESIGN_HEIGHT = 1080.0
HIGH_RATIO = 7.0
FONT_FAMILY = "Inter"


class Theme(Record):
    name: str
    background: str
    surface: str
    text: str
    muted: str
    accent: str
    grid: str
    font_family: str = FONT_FAMILY
    font_scale: float = 1.0
    contrast: str = "normal"  # "high": every text reaches 7:1 against its background

    def ratio(self, wanted: float) -> float:
        """The contrast a text colour must reach: `wanted`, or 7:1 (WCAG AAA) in high contrast."""
        return max(wanted, HIGH_RATIO) if self.contrast == "high" else wanted

    def scale_for(self, short_side: float) -> float:
        """Pixels per design unit for a slide whose short side is `short_side` pixels."""
        return max(short_side, 1.0) / DESIGN_HEIGHT

    def pt(self, design_px: float, short_side: float) -> int:
        """A font pixel size: design size scaled to the slide and by the user's font scale."""
        return max(6, round(design_px * self.scale_for(short_side) * self.font_scale))


DARK = Theme(
    name="dark",
    background="#0b0f17",
    surface="#161c28",
    text="#f2f4f8",
    muted="#a4adbd",
    accent="#ffb703",
    grid="#2a3344",
)
LIGHT = Theme(
    name="light",
    background="#f7f7f2",
    surface="#ffffff",
    text="#14181f",
    muted="#4a5261",
    accent="#c2410c",
    grid="#d5d8de",
)
THEMES = {"dark": DARK, "light": LIGHT}
# High contrast (the comfort panel): pure black or white, text and its softer shade both far past
# 7:1 against the background and the card surface, an accent that reads as text, and grid lines
# that still show. Named like the theme they replace, so colour choices keyed on it still hold.
HIGH_CONTRAST = {
    "dark": replace(
        DARK,
        background="#000000",
        surface="#121212",
        text="#ffffff",
        muted="#e6e6e6",
        accent="#ffd60a",
        grid="#8c8c8c",
        contrast="high",
    ),
    "light": replace(
        LIGHT,
        background="#ffffff",
        surface="#f2f2f2",
        text="#000000",
        muted="#1f1f1f",
        accent="#8a2c00",
        grid="#6b6b6b",
        contrast="high",
    ),
}


def theme_named(name: str, font_scale: float = 1.0) -> Theme:
    """The theme called `name` (dark if unknown), with the user's font scale applied."""
    base = THEMES.get(name, DARK)
    return Theme(**{**base.__dict__, "font_scale": font_scale})


def visitor_theme(theme: Theme, visitor: VisitorSettings) -> Theme:
    """`theme` with the visitor's contrast (its high-contrast variant) and text size applied."""
    if visitor.contrast == "high" and theme.contrast != "high":
        high = HIGH_CONTRAST.get(theme.name, HIGH_CONTRAST["dark"])
        theme = replace(high, font_family=theme.font_family, font_scale=theme.font_scale)
    if visitor.text_scale == 1.0:
        return theme
    return replace(theme, font_scale=theme.font_scale * visitor.text_scale)
