"""media/images/scale-{350m,750m,3b,20b}.png: "same prompt, bigger model", as an illustration.

These are NOT model outputs. They illustrate what the Parti paper (Yu et al., 2022) showed
with its kangaroo holding a "Welcome Friends!" sign: the same scene drawn with more fidelity
at each scale — small models blur shapes and garble the sign's letters, the largest gets the
text right. Each picture is drawn small and scaled up, so lower "capacity" really is fewer
pixels; the letters and shape wobble shrink with size too.
"""

from __future__ import annotations

import numpy as np
from _common import MEDIA, MUTED, color, font, new_image, painter, save_png

SIZE = 768
LEVELS = (  # file suffix, render resolution, shape wobble, sign text
    ("350m", 36, 0.09, "Wlcemo Frnids"),
    ("750m", 72, 0.05, "Welcom Freids!"),
    ("3b", 180, 0.02, "Welcome Frends!"),
    ("20b", 768, 0.0, "Welcome Friends!"),
)


def scene(res: int, wobble: float, sign: str, rng: np.random.Generator, detail: int) -> object:
    """Draw the scene at `res` pixels square (design units are 0..100)."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QLinearGradient, QPainterPath, QPen

    img = new_image(res, res, "#87b8e6")
    p = painter(img)
    p.scale(res / 100, res / 100)

    def j(x: float, y: float) -> QPointF:
        """A design point nudged by the level's wobble (small models get shapes wrong)."""
        return QPointF(x + rng.normal(0, wobble * 10), y + rng.normal(0, wobble * 10))

    sky = QLinearGradient(0, 0, 0, 70)
    sky.setColorAt(0, color("#5f9fd9"))
    sky.setColorAt(1, color("#cfe4f2"))
    p.fillRect(QRectF(0, 0, 100, 70), sky)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(color("#ffd66b"))
    p.drawEllipse(j(80, 16), 8, 8)
    p.setBrush(color("#7fb35a"))
    p.drawRect(QRectF(0, 68, 100, 32))
    if detail >= 3:
        p.setPen(QPen(color("#5d9443"), 0.5))
        for _ in range(140):
            x, y = rng.uniform(0, 100), rng.uniform(70, 100)
            p.drawLine(QPointF(x, y), QPointF(x + rng.normal(0, 0.6), y - rng.uniform(1, 2.5)))
        p.setPen(Qt.PenStyle.NoPen)
    fur, dark = color("#b87a40"), color("#7a4a22")

    def blob(points: list[tuple[float, float]], fill: object) -> None:
        path = QPainterPath(j(*points[0]))
        for k in range(1, len(points) - 1, 2):
            path.quadTo(j(*points[k]), j(*points[k + 1]))
        path.closeSubpath()
        p.setBrush(fill)
        p.setPen(QPen(dark, 0.45) if detail >= 3 else Qt.PenStyle.NoPen)
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)

    # tail, legs, body, head, ears (back to front)
    blob([(40, 78), (22, 86), (10, 92), (24, 90), (44, 84)], fur)
    blob([(44, 72), (38, 86), (34, 92), (50, 94), (56, 80)], dark if detail >= 1 else fur)
    if detail >= 1:
        blob([(36, 92), (46, 90), (60, 92), (47, 96), (34, 95)], dark)
    blob([(40, 50), (34, 66), (42, 80), (58, 82), (62, 64), (58, 44), (48, 42)], fur)
    if detail >= 1:
        blob([(46, 56), (44, 68), (50, 76), (56, 70), (55, 56)], color("#e0b07a"))
    blob([(50, 30), (44, 36), (48, 44), (58, 46), (66, 40), (62, 30)], fur)
    blob([(50, 31), (46, 20), (49, 16), (53, 22), (54, 31)], fur)
    blob([(57, 30), (58, 19), (62, 16), (62, 24), (60, 31)], fur)
    if detail >= 1:
        p.setBrush(color("#1b1b1b"))
        p.drawEllipse(j(58, 34), 1.6, 1.6)
        p.drawEllipse(j(66, 39), 1.2, 1.0)
    if detail >= 3:
        p.setBrush(color("#ffffff"))
        p.drawEllipse(QPointF(58.5, 33.4), 0.5, 0.5)
        p.setBrush(color("#d99a9a"))
        p.drawEllipse(QPointF(51.2, 22), 1.0, 3.4)
        p.drawEllipse(QPointF(60.6, 21.5), 0.9, 3.2)
    # the sign on a stick, held out front
    p.setPen(QPen(dark, 1.6))
    p.drawLine(j(70, 56), j(70, 86))
    p.setPen(Qt.PenStyle.NoPen)
    board = QRectF(62 + rng.normal(0, wobble * 8), 40 + rng.normal(0, wobble * 8), 34, 20)
    p.setBrush(color("#fdfaf0"))
    p.drawRoundedRect(board, 1.5, 1.5)
    p.setBrush(fur)
    p.drawEllipse(j(64, 61), 3, 2.4)
    p.drawEllipse(j(73, 62), 3, 2.4)
    p.setPen(color("#20304a"))
    f = font(5.4, "bold")
    p.setFont(f)
    words = sign.split(" ")
    for k, word in enumerate(words):
        line = QRectF(board.x() + 1, board.y() + 2 + k * 8, board.width() - 2, 8)
        if wobble:
            p.save()
            p.translate(line.center())
            p.rotate(rng.normal(0, wobble * 60))
            p.translate(-line.center())
        p.drawText(line, Qt.AlignmentFlag.AlignCenter, word)
        if wobble:
            p.restore()
    p.end()
    return img


def main() -> dict[str, str]:
    """Write the four 768x768 illustrations."""
    from PySide6.QtCore import QRectF, Qt

    for detail, (suffix, res, wobble, sign) in enumerate(LEVELS):
        small = scene(res, wobble, sign, np.random.default_rng(7 + detail), detail)
        big = small.scaled(
            SIZE,
            SIZE,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        out = new_image(SIZE, SIZE)
        p = painter(out)
        p.drawImage(0, 0, big)
        p.fillRect(QRectF(SIZE - 190, SIZE - 44, 178, 34), color("#0b0f17", 0.75))
        p.setPen(color(MUTED))
        p.setFont(font(20, "semibold"))
        p.drawText(
            QRectF(SIZE - 190, SIZE - 44, 178, 34), Qt.AlignmentFlag.AlignCenter, "illustration"
        )
        p.end()
        save_png(out, MEDIA / "images" / f"scale-{suffix}.png")
    return {"scale": "4 illustrations 768x768"}


if __name__ == "__main__":
    print(main())
