"""media/images/scale-{350m,750m,3b,20b}.png: "same prompt, bigger model", as an illustration.

These are NOT model outputs. They illustrate what the Parti paper (Yu et al., 2022) showed for
the prompt "a portrait photo of a kangaroo wearing an orange hoodie and blue sunglasses standing
on the grass in front of the Sydney Opera House holding a sign on the chest that says Welcome
Friends!": the smaller models' pictures are sharp but WRONG — a hoodie in the wrong colour or
none, missing sunglasses, a building that is not the Opera House, missing body parts, a
misspelled sign — and each size gets more of the prompt right. So every picture is drawn at full
resolution; only what is in it changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from _common import MEDIA, color, font, new_image, painter, save_png

SIZE = 768


@dataclass(frozen=True)
class Level:
    """What one model size gets right (and wrong) about the prompt."""

    suffix: str
    hoodie: str | None  # colour, or None for no hoodie
    glasses: str | None
    building: str  # "box" (wrong), "sails-wrong" (a guess), "opera" (right)
    ears: int
    tail: bool
    sign: str
    sign_held: bool


LEVELS = (
    Level("350m", None, None, "box", 1, False, "Wlcemo Frnids", False),
    Level("750m", "#3d6fd1", None, "sails-wrong", 2, False, "Welcom Freinds", True),
    Level("3b", "#f28c28", "#c0392b", "opera", 2, True, "Welcome Frends!", True),
    Level("20b", "#f28c28", "#2f6fdb", "opera", 2, True, "Welcome Friends!", True),
)


def scene(level: Level, rng: np.random.Generator) -> object:
    """Draw the scene at SIZE pixels square (design units are 0..100)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QLinearGradient, QPainterPath, QPen, QPolygonF

    img = new_image(SIZE, SIZE, "#87b8e6")
    p = painter(img)
    p.scale(SIZE / 100, SIZE / 100)
    sky = QLinearGradient(0, 0, 0, 66)
    sky.setColorAt(0, color("#5f9fd9"))
    sky.setColorAt(1, color("#cfe4f2"))
    p.fillRect(QRectF(0, 0, 100, 66), sky)
    p.fillRect(QRectF(0, 52, 100, 14), color("#5b8fb8"))  # the harbour behind
    p.setPen(Qt.PenStyle.NoPen)
    # the building behind the kangaroo
    if level.building == "box":
        p.setBrush(color("#b9a58c"))
        p.drawRect(QRectF(4, 36, 30, 22))
        p.setBrush(color("#8c7a64"))
        for k in range(4):
            p.drawRect(QRectF(7 + k * 7, 41, 4, 5))
    else:
        p.setBrush(color("#d8cbb0"))
        p.drawRect(QRectF(2, 54, 40, 6))
        shells = [(4, 18, 14), (13, 10, 18), (24, 16, 14), (32, 24, 10)]
        if level.building == "sails-wrong":  # roughly there, but the shells point the wrong way
            shells = [(4, 30, 12), (14, 34, 12), (25, 30, 12)]
        for x, top, w in shells:
            p.setBrush(color("#f6f3ea"))
            p.drawPolygon(
                QPolygonF([QPointF(x, 55), QPointF(x + w * 0.75, top), QPointF(x + w, 55)])
            )
            p.setBrush(color("#dcd6c8"))
            p.drawPolygon(
                QPolygonF(
                    [QPointF(x + w * 0.75, top), QPointF(x + w, 55), QPointF(x + w * 0.85, 55)]
                )
            )
    # grass
    p.setBrush(color("#7fb35a"))
    p.drawRect(QRectF(0, 64, 100, 36))
    p.setPen(QPen(color("#5d9443"), 0.5))
    for _ in range(160):
        x, y = rng.uniform(0, 100), rng.uniform(66, 100)
        p.drawLine(QPointF(x, y), QPointF(x + rng.normal(0, 0.6), y - rng.uniform(1, 2.5)))
    fur, dark = color("#b87a40"), color("#7a4a22")

    def blob(points: list[tuple[float, float]], fill: object) -> None:
        path = QPainterPath(QPointF(*points[0]))
        for k in range(1, len(points) - 1, 2):
            path.quadTo(QPointF(*points[k]), QPointF(*points[k + 1]))
        path.closeSubpath()
        p.setBrush(fill)
        p.setPen(QPen(dark, 0.45))
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)

    # tail, legs and feet, body, head, ears (back to front)
    if level.tail:
        blob([(44, 80), (28, 88), (14, 94), (28, 92), (48, 86)], fur)
    blob([(46, 72), (40, 86), (36, 92), (52, 94), (58, 80)], dark)
    blob([(38, 92), (48, 90), (62, 92), (49, 96), (36, 95)], dark)
    blob([(42, 50), (36, 66), (44, 80), (60, 82), (64, 64), (60, 44), (50, 42)], fur)
    if level.hoodie:  # the hoodie over the body, with a hood behind the head
        hoodie = color(level.hoodie)
        blob([(41, 52), (37, 66), (44, 78), (60, 80), (63, 64), (60, 46), (50, 44)], hoodie)
        blob([(47, 28), (44, 38), (50, 44), (58, 44), (60, 36), (56, 27)], hoodie)
    blob([(52, 30), (46, 36), (50, 44), (60, 46), (68, 40), (64, 30)], fur)
    ears = [
        [(52, 31), (48, 20), (51, 16), (55, 22), (56, 31)],
        [(59, 30), (60, 19), (64, 16), (64, 24), (62, 31)],
    ]
    for ear in ears[: level.ears]:
        blob(ear, fur)
    p.setBrush(color("#1b1b1b"))
    p.drawEllipse(QPointF(68, 39), 1.2, 1.0)  # nose
    if level.glasses:
        p.setBrush(color(level.glasses))
        p.setPen(QPen(color("#1b1b1b"), 0.5))
        p.drawEllipse(QPointF(57.5, 34), 3.0, 2.2)
        p.drawEllipse(QPointF(63.5, 34.5), 2.6, 2.0)
        p.drawLine(QPointF(60.5, 34), QPointF(61, 34.3))
        p.setPen(Qt.PenStyle.NoPen)
    else:
        p.drawEllipse(QPointF(59, 34), 1.5, 1.5)  # a bare eye
    # the sign: on the chest and held (or floating beside the body for the smallest model)
    board = QRectF(44, 52, 40, 22) if level.sign_held else QRectF(66, 44, 32, 20)
    p.setBrush(color("#fdfaf0"))
    p.setPen(QPen(color("#6b5b45"), 0.5))
    p.drawRoundedRect(board, 1.5, 1.5)
    p.setPen(Qt.PenStyle.NoPen)
    if level.sign_held:
        p.setBrush(fur)
        p.drawEllipse(QPointF(45, 63), 3, 2.4)
        p.drawEllipse(QPointF(83, 63), 3, 2.4)
    p.setPen(color("#20304a"))
    p.setFont(font(7.6, "bold"))
    for k, word in enumerate(level.sign.split(" ")):
        line = QRectF(board.x() + 1, board.y() + 1.5 + k * 9.5, board.width() - 2, 9.5)
        p.drawText(line, Qt.AlignmentFlag.AlignCenter, word)
    p.end()
    return img


def main() -> dict[str, str]:
    """Write the four 768x768 illustrations."""
    sizes = []
    for index, level in enumerate(LEVELS):
        path = save_png(
            scene(level, np.random.default_rng(7 + index)),
            MEDIA / "images" / f"scale-{level.suffix}.png",
        )
        sizes.append(f"{path.name} {path.stat().st_size / 1024:.0f} KB")
    return {"scale": "4 illustrations 768x768: " + ", ".join(sizes)}


if __name__ == "__main__":
    print(main())
