"""media/images/protein-fold.png: a procedural protein backbone in cartoon style (AlphaFold 2).

Not a real structure: helices, a three-stranded sheet and connecting loops are placed by hand
around a globule, traced with a Catmull-Rom spline and drawn as depth-sorted ribbon quads
shaded by how squarely each faces the viewer, so the twists read as 3-D. Coloured N -> C
through the deck's domain colours.
"""

from __future__ import annotations

import numpy as np
from _common import MEDIA, color, new_image, painter, save_png

W, H = 1600, 1000
# (kind, axis start, axis end); strands alternate direction to form an antiparallel sheet
ELEMENTS = (
    ("helix", (-14, -9, 4), (6, -12, 9)),
    ("strand", (9, 1, -6), (-9, 1, -6)),
    ("strand", (-9, 5.6, -5), (9, 5.6, -5)),
    ("strand", (9, 10.2, -4), (-9, 10.2, -4)),
    ("helix", (-12, 15, 7), (10, 6, 13)),
    ("helix", (13, -3, 3), (-2, -15, -9)),
    ("helix", (-15, -2, -8), (-12, 12, 10)),
)
STOPS = ("#4cc9f0", "#90e0a0", "#ffb347", "#f72585")


def _perp(axis: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = axis / np.linalg.norm(axis)
    ref = np.array([0.0, 0.0, 1.0]) if abs(a[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    u = np.cross(a, ref)
    u /= np.linalg.norm(u)
    return u, np.cross(a, u)


def backbone() -> tuple[np.ndarray, list[str], np.ndarray]:
    """C-alpha positions, secondary-structure kind and ribbon face normal per residue."""
    pts, kinds, normals = [], [], []
    for kind, s, e in ELEMENTS:
        s, e = np.array(s, float), np.array(e, float)
        axis = e - s
        u, v = _perp(axis)
        if pts:  # loop from the previous element, bulging away from the centre
            a, b = pts[-1], s
            mid = (a + b) / 2
            mid = mid + 7 * mid / (np.linalg.norm(mid) + 1e-6)
            n = max(3, int(np.linalg.norm(b - a) / 3.0))
            for t in np.linspace(0, 1, n + 2)[1:-1]:
                pts.append((1 - t) ** 2 * a + 2 * (1 - t) * t * mid + t**2 * b)
                kinds.append("loop")
                normals.append(np.zeros(3))
        if kind == "helix":
            n = int(np.linalg.norm(axis) / 1.5)
            for i in range(n + 1):
                ang = np.radians(100 * i)
                radial = np.cos(ang) * u + np.sin(ang) * v
                pts.append(s + axis * i / n + 2.3 * radial)
                kinds.append("helix")
                normals.append(radial)
        else:
            n = int(np.linalg.norm(axis) / 3.3)
            sheet_normal = np.array([0.0, 0.0, 1.0])
            for i in range(n + 1):
                pts.append(s + axis * i / n + 0.3 * (-1) ** i * sheet_normal)
                kinds.append("strand")
                normals.append(sheet_normal)
    return np.array(pts), kinds, np.array(normals)


def spline(p: np.ndarray, per: int) -> np.ndarray:
    """Catmull-Rom through the points, `per` samples per segment."""
    ext = np.vstack([p[0], p, p[-1]])
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for t in np.linspace(0, 1, per, endpoint=False):
            out.append(
                0.5
                * (
                    (2 * p1)
                    + (-p0 + p2) * t
                    + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                    + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3
                )
            )
    out.append(p[-1])
    return np.array(out)


def _mix(t: float) -> object:
    from PySide6.QtGui import QColor

    seg = min(int(t * (len(STOPS) - 1)), len(STOPS) - 2)
    f = t * (len(STOPS) - 1) - seg
    a, b = QColor(STOPS[seg]), QColor(STOPS[seg + 1])
    return [
        a.red() + (b.red() - a.red()) * f,
        a.green() + (b.green() - a.green()) * f,
        a.blue() + (b.blue() - a.blue()) * f,
    ]


def main() -> dict[str, str]:
    """Render the ribbon and write the PNG."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QPen, QPolygonF, QRadialGradient

    ca, kinds, normals = backbone()
    per = 8
    path = spline(ca, per)
    idx = np.minimum(np.arange(len(path)) // per, len(ca) - 1)
    kind = [kinds[i] for i in idx]
    nrm = spline(normals, per)
    # view: tilt the globule so the sheet and helices overlap interestingly
    rx, ry = np.radians(-62), np.radians(28)
    rot = np.array(
        [[1, 0, 0], [0, np.cos(rx), -np.sin(rx)], [0, np.sin(rx), np.cos(rx)]]
    ) @ np.array([[np.cos(ry), 0, np.sin(ry)], [0, 1, 0], [-np.sin(ry), 0, np.cos(ry)]])
    path, nrm = path @ rot.T, nrm @ rot.T
    tang = np.gradient(path, axis=0)
    tang /= np.linalg.norm(tang, axis=1, keepdims=True)
    view = np.array([0.0, 0.0, 1.0])
    quads = []
    n_pts = len(path)
    to_end = np.zeros(n_pts, int)  # samples left until the current strand ends (arrow heads)
    for k in range(n_pts - 2, -1, -1):
        to_end[k] = to_end[k + 1] + 1 if kind[k] == "strand" and kind[k + 1] == "strand" else 0
    sides, widths, faces = [], [], []
    for k in range(n_pts):
        kd = kind[k]
        ortho = nrm[k] - float(nrm[k] @ tang[k]) * tang[k]  # face must be across the chain
        nlen = float(np.linalg.norm(ortho))
        if kd == "loop" or nlen < 0.75:  # loops, and the blends into them, are round tubes
            side, face, width = np.cross(tang[k], view), view, 0.55
        else:
            face = ortho / nlen
            side = np.cross(face, tang[k])
            width = 1.3 if kd == "helix" else 1.6
            if kd == "strand" and to_end[k] < per:
                width = 2.8 * to_end[k] / per
        sides.append(side / (np.linalg.norm(side) + 1e-9))
        widths.append(width)
        faces.append(face)
    for k in range(n_pts - 1):
        a, b = path[k], path[k + 1]
        sa, sb = widths[k] * sides[k], widths[k + 1] * sides[k + 1]
        if float(sides[k] @ sides[k + 1]) < 0:  # keep edges from crossing into a bow-tie
            sb = -sb
        quad = [a + sa, b + sb, b - sb, a - sa]
        shade = 0.35 + 0.65 * abs(float(faces[k] @ view))
        quads.append(((a[2] + b[2]) / 2, quad, k / (n_pts - 1), shade))
    quads.sort(key=lambda q: q[0])

    img = new_image(W, H)
    p = painter(img)
    glow = QRadialGradient(W / 2, H / 2, 620)
    glow.setColorAt(0, color("#ffb347", 0.10))
    glow.setColorAt(1, color("#ffb347", 0.0))
    p.fillRect(QRectF(0, 0, W, H), glow)
    cam = 90.0
    scale = 27.0

    def proj(v: np.ndarray) -> QPointF:
        f = cam / (cam - v[2])
        return QPointF(W / 2 + v[0] * scale * f, H / 2 - v[1] * scale * f)

    zmin, zmax = quads[0][0], quads[-1][0]
    for z, quad, t, shade in quads:
        depth = 0.55 + 0.45 * (z - zmin) / (zmax - zmin + 1e-9)
        r, g, b = (min(255, c * shade * depth + 40 * shade**8) for c in _mix(t))
        c = QColor(int(r), int(g), int(b))
        p.setPen(QPen(c, 1.2))
        p.setBrush(c)
        p.drawPolygon(QPolygonF([proj(v) for v in quad]))
    # No text in the picture: the slide's caption says it is an illustration, in legible type.
    p.end()
    save_png(img, MEDIA / "images" / "protein-fold.png")
    return {"protein": f"{len(ca)} residues, {len(quads)} ribbon quads"}


if __name__ == "__main__":
    print(main())
