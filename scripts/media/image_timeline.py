"""media/images/image-generation-timeline.png: "2014 -> 2022" image-generation fidelity, 2 x 2.

An ILLUSTRATION (the slides' captions say so): the same procedurally drawn portrait rendered
at the rough resolution and fidelity of each era (greyscale 2014 GAN samples, DCGAN-era 64 px,
StyleGAN-era photoreal faces, 2022 text-to-image diffusion). No model output is used.
"""

from __future__ import annotations

import numpy as np
from _common import MEDIA, TEXT, color, font, new_image, painter, save_png

W, H = 1000, 1000  # a 2 x 2 grid: shown ~0.8x in a half slide, so the years stay large
PANEL = 400
ERAS = (  # year, caption, render px, wobble, greyscale
    ("2014", "first GANs", 24, 0.10, True),
    ("2016", "DCGAN era", 48, 0.05, False),
    ("2018", "StyleGAN era", 160, 0.015, False),
    ("2022", "text-to-image diffusion", 400, 0.0, False),
)


def portrait(res: int, wobble: float, grey: bool, rng: np.random.Generator, detail: int) -> object:
    """A simple head-and-shoulders portrait in 0..100 design units, drawn at `res` px."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QLinearGradient, QPainterPath, QPen, QRadialGradient

    img = new_image(res, res, "#3d5a80")
    p = painter(img)
    p.scale(res / 100, res / 100)

    def j(x: float, y: float) -> QPointF:
        return QPointF(x + rng.normal(0, wobble * 12), y + rng.normal(0, wobble * 12))

    bg = QLinearGradient(0, 0, 100, 100)
    bg.setColorAt(0, color("#6c8ebf"))
    bg.setColorAt(1, color("#2b3f5c"))
    p.fillRect(QRectF(0, 0, 100, 100), bg)
    p.setPen(Qt.PenStyle.NoPen)
    shirt = QPainterPath(j(10, 100))
    shirt.quadTo(j(14, 74), j(50, 72))
    shirt.quadTo(j(86, 74), j(90, 100))
    shirt.closeSubpath()
    p.setBrush(color("#c8553d"))
    p.drawPath(shirt)
    p.setBrush(color("#e0ac8a"))
    p.drawRect(QRectF(43, 58, 14, 16))
    hair = color("#3b2417")
    p.setBrush(hair)
    p.drawEllipse(j(50, 38), 25, 27)
    if detail >= 3:  # strands of hair, then the face covers their lower ends
        p.setPen(QPen(color("#6a4530", 0.7), 0.35))
        for _ in range(160):
            a = rng.uniform(-2.6, -0.5)
            r0, r1 = rng.uniform(10, 20), rng.uniform(22, 27)
            p.drawLine(
                QPointF(50 + r0 * np.cos(a), 40 + r0 * np.sin(a)),
                QPointF(50 + r1 * np.cos(a), 40 + r1 * np.sin(a)),
            )
        p.setPen(Qt.PenStyle.NoPen)
    skin = QRadialGradient(46, 40, 26) if detail >= 2 else None
    if skin is not None:
        skin.setColorAt(0, color("#f3c9a8"))
        skin.setColorAt(1, color("#d69a74"))
        p.setBrush(skin)
    else:
        p.setBrush(color("#e8b48f"))
    p.drawEllipse(j(50, 44), 19, 23)
    p.setBrush(hair)
    fringe = QPainterPath(j(30, 40))
    fringe.quadTo(j(40, 14), j(70, 38))
    fringe.quadTo(j(56, 24), j(30, 40))
    p.drawPath(fringe)
    for x in (42, 58):
        p.setBrush(color("#ffffff"))
        p.drawEllipse(j(x, 44), 4.2, 2.6)
        p.setBrush(color("#2f4858"))
        p.drawEllipse(j(x, 44), 2.0, 2.0)
        if detail >= 2:
            p.setBrush(color("#111111"))
            p.drawEllipse(QPointF(x, 44), 1.0, 1.0)
            p.setBrush(color("#ffffff"))
            p.drawEllipse(QPointF(x + 0.7, 43.3), 0.45, 0.45)
            p.setPen(QPen(hair, 1.1))
            p.drawLine(QPointF(x - 4.5, 38.5), QPointF(x + 4.5, 38))
            p.setPen(Qt.PenStyle.NoPen)
    if detail >= 3:
        for x in (39, 61):
            blush = QRadialGradient(x, 53, 6)
            blush.setColorAt(0, color("#e07a6a", 0.35))
            blush.setColorAt(1, color("#e07a6a", 0.0))
            p.setBrush(blush)
            p.drawEllipse(QPointF(x, 53), 6, 6)
    p.setPen(QPen(color("#b07a5a"), 1.1))
    p.drawLine(j(50, 46), j(48, 54))
    p.setPen(QPen(color("#a04a4a"), 1.8))
    mouth = QPainterPath(j(44, 59))
    mouth.quadTo(j(50, 63), j(56, 59))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(mouth)
    p.end()
    if grey:
        from PySide6.QtGui import QImage

        img = img.convertToFormat(QImage.Format.Format_Grayscale8)
    return img


def main() -> dict[str, str]:
    """Write the grid: four panels in reading order, each under its year in large type."""
    from PySide6.QtCore import QPointF, QRectF, Qt

    out = new_image(W, H)
    p = painter(out)
    gap = (W - 2 * PANEL) / 3
    al = Qt.AlignmentFlag
    for i, (year, _caption, res, wobble, grey) in enumerate(ERAS):
        small = portrait(res, wobble, grey, np.random.default_rng(21 + i), i)
        big = small.scaled(
            PANEL,
            PANEL,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        x = gap + (i % 2) * (PANEL + gap)
        y = 10 + (i // 2) * (PANEL + 100)
        p.setPen(color(TEXT))
        p.setFont(font(72, "bold"))
        p.drawText(QRectF(x, y, PANEL, 80), al.AlignLeft | al.AlignVCenter, year)
        p.drawImage(QPointF(x, y + 80), big)
    p.end()
    save_png(out, MEDIA / "images" / "image-generation-timeline.png")
    return {"timeline": f"{W}x{H} grid, 4 eras"}


if __name__ == "__main__":
    print(main())
