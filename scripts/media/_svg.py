"""Tiny SVG writer for the diagrams: only elements Qt's SVG renderer (SVG Tiny 1.2) draws.

No CSS, markers, filters or masks — arrowheads are polygons — so the app (QSvgRenderer), a
browser and an editor all show the same picture. Text uses the bundled Inter family.
"""

from __future__ import annotations

from html import escape

FONT = "Inter"


class Svg:
    """Collects elements and writes a fixed-size SVG with a dark background."""

    def __init__(self, width: int, height: int, background: str = "#0b0f17") -> None:
        self.width, self.height = width, height
        self.parts: list[str] = [
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="{background}"/>'
        ]

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str = "none",
        stroke: str = "none",
        stroke_width: float = 0,
        rx: float = 0,
        opacity: float = 1.0,
    ) -> None:
        self.parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}" '
            f'fill="{fill}" '
            f'fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{stroke_width}"/>'
        )

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: str = "none",
        stroke: str = "none",
        stroke_width: float = 0,
        opacity: float = 1.0,
    ) -> None:
        self.parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{fill}" '
            f'fill-opacity="{opacity}" '
            f'stroke="{stroke}" stroke-width="{stroke_width}"/>'
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 2
    ) -> None:
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            f'stroke-width="{width}" stroke-linecap="round"/>'
        )

    def polygon(self, points: list[tuple[float, float]], fill: str) -> None:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polygon points="{pts}" fill="{fill}"/>')

    def arrow(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 4
    ) -> None:
        """A line with a filled triangular head at (x2, y2)."""
        import math

        ang = math.atan2(y2 - y1, x2 - x1)
        head = 6 * width
        bx, by = x2 - head * math.cos(ang), y2 - head * math.sin(ang)
        self.line(x1, y1, bx, by, stroke, width)
        nx, ny = -math.sin(ang) * head * 0.6, math.cos(ang) * head * 0.6
        self.polygon([(x2, y2), (bx + nx, by + ny), (bx - nx, by - ny)], stroke)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        size: float,
        fill: str = "#f2f4f8",
        weight: str = "normal",
        anchor: str = "start",
    ) -> None:
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
            f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}">{escape(content)}</text>'
        )

    def render(self, title: str) -> str:
        body = "\n  ".join(self.parts)
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
            f'width="{self.width}" height="{self.height}" '
            f'viewBox="0 0 {self.width} {self.height}">\n'
            f"  <title>{escape(title)}</title>\n  {body}\n</svg>\n"
        )
