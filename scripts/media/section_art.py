"""media/images/section-{vision,games,language,science}.png: abstract art for section slides.

Each piece is drawn procedurally (fixed seed) in its domain colour on the dark background and
fades out towards the left, where the section slide puts its big title.
"""

from __future__ import annotations

import math

import numpy as np
from _common import BG, DOMAIN_COLORS, MEDIA, color, new_image, painter, save_png

W, H = 1920, 1080


def _fade_left(p: object) -> None:
    """Cover the left ~45% with the background so a title reads cleanly over it."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QLinearGradient

    g = QLinearGradient(0, 0, W, 0)
    g.setColorAt(0.0, color(BG, 1.0))
    g.setColorAt(0.36, color(BG, 0.97))
    g.setColorAt(0.62, color(BG, 0.0))
    p.fillRect(QRectF(0, 0, W, H), g)


def vision(p: object, rng: np.random.Generator, hue: str) -> None:
    """A retina of pixels: a square grid whose cells brighten towards a glowing iris."""
    from PySide6.QtCore import QRectF

    cx, cy, cell = 1330, 540, 36
    for gy in range(H // cell + 1):
        for gx in range(W // cell + 1):
            x, y = gx * cell, gy * cell
            r = math.hypot(x - cx, y - cy)
            ring = math.exp(-(((r - 300) / 120) ** 2)) + 0.6 * math.exp(-(((r - 520) / 60) ** 2))
            v = ring * (0.6 + 0.4 * rng.random()) + 0.05 * rng.random()
            if r < 140:
                v = 0.08
            if v < 0.04:
                continue
            s = cell - 6
            p.fillRect(QRectF(x + 3, y + 3, s, s), color(hue, min(1.0, v)))


def games(p: object, rng: np.random.Generator, hue: str) -> None:
    """A tilted board lattice with stones and the arcs of searched move sequences."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QPainterPath, QPen

    p.save()
    p.translate(1300, 560)
    p.rotate(-14)
    step, n = 62, 15
    half = step * (n - 1) / 2
    p.setPen(QPen(color(hue, 0.28), 2))
    for i in range(n):
        p.drawLine(QPointF(-half + i * step, -half), QPointF(-half + i * step, half))
        p.drawLine(QPointF(-half, -half + i * step), QPointF(half, -half + i * step))
    pts = [(int(rng.integers(n)), int(rng.integers(n))) for _ in range(46)]
    p.setPen(Qt.PenStyle.NoPen)
    for k, (i, j) in enumerate(pts):
        p.setBrush(color(hue, 0.95) if k % 2 else color("#f2f4f8", 0.85))
        p.drawEllipse(QPointF(-half + i * step, -half + j * step), 24, 24)
    for _ in range(9):
        a, b = pts[int(rng.integers(len(pts)))], pts[int(rng.integers(len(pts)))]
        pa = QPointF(-half + a[0] * step, -half + a[1] * step)
        pb = QPointF(-half + b[0] * step, -half + b[1] * step)
        path = QPainterPath(pa)
        mid = (pa + pb) / 2 + QPointF(0, -180 - 120 * rng.random())
        path.quadTo(mid, pb)
        p.setPen(QPen(color(hue, 0.6), 4))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    p.restore()


def language(p: object, rng: np.random.Generator, hue: str) -> None:
    """Lines of token blocks like text, with attention arcs linking words across lines."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QPainterPath, QPen

    tokens = []
    y = 150
    while y < H - 120:
        x = 820 + rng.integers(0, 120)
        while x < W - 80:
            w = 40 + int(rng.integers(0, 5)) * 28
            if x + w > W - 60:
                break
            a = 0.25 + 0.6 * rng.random()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color(hue, a))
            p.drawRoundedRect(QRectF(x, y, w, 34), 12, 12)
            tokens.append(QPointF(x + w / 2, y + 17))
            x += w + 18
        y += 78
    for _ in range(24):
        a, b = tokens[int(rng.integers(len(tokens)))], tokens[int(rng.integers(len(tokens)))]
        if abs(a.y() - b.y()) < 60:
            continue
        path = QPainterPath(a)
        path.cubicTo(a + QPointF(160, 0), b - QPointF(160, 0), b)
        p.setPen(QPen(color("#f2f4f8", 0.22 + 0.3 * rng.random()), 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)


def science(p: object, rng: np.random.Generator, hue: str) -> None:
    """A double helix of atoms with orbit ellipses: molecules, proteins, materials."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QPen

    for k in range(5):
        p.setPen(QPen(color(hue, 0.18), 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.save()
        p.translate(1400, 540)
        p.rotate(20 + k * 36)
        p.drawEllipse(QPointF(0, 0), 460, 150)
        p.restore()
    atoms = []
    for i in range(70):
        t = i / 69
        x = 860 + t * 1000
        for strand in (0, 1):
            y = 540 + 230 * math.sin(t * 4.2 * math.pi + strand * math.pi)
            depth = 0.5 + 0.5 * math.cos(t * 4.2 * math.pi + strand * math.pi)
            atoms.append((depth, x, y, strand))
    for i in range(0, 70, 3):
        a, b = atoms[2 * i], atoms[2 * i + 1]
        p.setPen(QPen(color("#f2f4f8", 0.18), 3))
        p.drawLine(QPointF(a[1], a[2]), QPointF(b[1], b[2]))
    for depth, x, y, strand in sorted(atoms):
        p.setPen(Qt.PenStyle.NoPen)
        c = hue if strand == 0 else "#f2f4f8"
        p.setBrush(color(c, 0.35 + 0.6 * depth))
        p.drawEllipse(QPointF(x, y), 10 + 14 * depth, 10 + 14 * depth)


ART = {"vision": vision, "games": games, "language": language, "science": science}


def main() -> dict[str, str]:
    """Write the four section images."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QRadialGradient

    for i, (name, fn) in enumerate(ART.items()):
        hue = DOMAIN_COLORS[name]
        img = new_image(W, H)
        p = painter(img)
        glow = QRadialGradient(1350, 540, 760)
        glow.setColorAt(0, color(hue, 0.16))
        glow.setColorAt(1, color(hue, 0.0))
        p.fillRect(QRectF(0, 0, W, H), glow)
        fn(p, np.random.default_rng(100 + i), hue)
        _fade_left(p)
        p.end()
        save_png(img, MEDIA / "images" / f"section-{name}.png")
    return {"sections": "4 images 1920x1080"}


if __name__ == "__main__":
    print(main())
