"""pyqtgraph items that stay cheap to repaint while a visitor pans and zooms the compute chart.

Each one draws what a stock item draws, minus work that a pan or zoom frame does not need:

- `Dots`: a `ScatterPlotItem` of identical dots (pxMode, cached sprite). The stock item maps and
  culls every point on every paint and forgets its data bounds on every view change; `Dots`
  keeps its points sorted by x, so the visible ones are one `searchsorted` slice, and keeps its
  bounds until the data changes. 100,000 points pan at a fraction of the stock cost. The year
  cursor shows a prefix of the points (`set_count`): no new data, and only the strip of the
  plot between the old and the new cursor is repainted.
- `Label`: a `TextItem` whose background box is filled as a pixel-aligned rectangle instead of
  an antialiased polygon (the same pixels for an unrotated label, a fraction of the time).
- `BandFill`: the era bands as opaque, pixel-aligned fills (see its docstring).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from revkiosk.ui.plots.pgimport import pg


def blend(under: str, over: str, alpha: float) -> QColor:
    """The opaque colour `over` at opacity `alpha` makes on top of `under`."""
    a, b = QColor(under).getRgb()[:3], QColor(over).getRgb()[:3]
    return QColor(*(round(x * (1 - alpha) + y * alpha) for x, y in zip(a, b, strict=True)))


class CachedBounds:
    """Mixin for a pxMode `ScatterPlotItem`: keep `boundingRect()` until the data, the sprites or
    the view transform change. Qt asks for it several times per item and paint, and pyqtgraph
    recomputes the pixel padding each time (~0.05 ms a call, ~1 ms of every chart frame)."""

    _bounds_cache: QRectF | None = None

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        if self._bounds_cache is None:
            rect = super().boundingRect()  # type: ignore[misc]
            if rect.width() <= 0 and rect.height() <= 0:
                return rect  # no pixel size yet (not shown): ask again next time
            self._bounds_cache = rect
        return QRectF(self._bounds_cache)

    def prepareGeometryChange(self) -> None:  # noqa: N802 (Qt API)
        self._bounds_cache = None
        super().prepareGeometryChange()  # type: ignore[misc]

    def updateSpots(self, dataSet=None) -> None:  # noqa: N802, N803 (pyqtgraph API)
        # new sprites may be wider: pyqtgraph resets its bounds here without telling Qt
        self.prepareGeometryChange()
        super().updateSpots(dataSet)  # type: ignore[misc]


class Dots(CachedBounds, pg.ScatterPlotItem):
    """A scatter with one symbol, size, pen and brush for every point (set them with
    `setBrush`/`setSize`, then give the points with `set_points`). `set_count(n)` shows only the
    first n points: the year cursor of a chart whose rows are sorted by date."""

    fast_paint = True  # tests turn it off to compare against pyqtgraph's own drawing

    def __init__(self) -> None:
        super().__init__(pxMode=True, useCache=True, symbol="o", pen=None)
        self._xs = np.zeros(0)
        self._ys = np.zeros(0)
        self._count = 0  # points shown: a prefix of _xs/_ys
        self.last_paint_fast = False  # which path the last paint took (tests check)
        # paint() then gets the exposed part in option.exposedRect
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def set_points(self, x: np.ndarray, y: np.ndarray, count: int | None = None) -> None:
        """Replace the points, showing the first `count` (all by default); sorted x (the chart
        sorts by date) enables the fast path."""
        self._xs = np.ascontiguousarray(x, dtype=float)
        self._ys = np.ascontiguousarray(y, dtype=float)
        self._sorted = bool(self._xs.size < 2 or np.all(np.diff(self._xs) >= 0))
        self._count = self._xs.size if count is None else max(0, min(int(count), self._xs.size))
        self.setData(x=self._xs, y=self._ys)
        self.data["visible"][self._count :] = False  # pyqtgraph's own paint and hit tests

    def set_count(self, count: int) -> None:
        """Show the first `count` points. Costs no new data: the hidden ones are flagged, and
        only the region holding the points that appear or disappear is repainted."""
        count = max(0, min(int(count), self._xs.size))
        old, self._count = self._count, count
        if count == old:
            return
        lo, hi = min(old, count), max(old, count)
        visible = self.data["visible"]
        visible[lo:hi] = count > old
        xs, ys = self._xs[lo:hi], self._ys[lo:hi]
        px, py = self.pixelVectors()
        if px is None or py is None:  # not on screen yet: the next paint draws everything
            self.update()
            return
        pad = self.pixelPadding() + 2.0
        pad_x, pad_y = abs(px.x()) * pad, abs(py.y()) * pad
        x0, x1 = float(xs[0]), float(xs[-1])  # sorted: the first and the last point
        y0, y1 = float(ys.min()), float(ys.max())
        self.update(QRectF(x0 - pad_x, y0 - pad_y, x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y))

    def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 (pyqtgraph API)
        """The shown points (x, y)."""
        return self._xs[: self._count], self._ys[: self._count]

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph API)
        # ScatterPlotItem clears its cached data bounds here, then recomputes min and max over
        # every point each time Qt asks for the bounding rect (several times a frame). In pixel
        # mode they depend on the data only; boundingRect() adds the pixel padding afresh.
        self.prepareGeometryChange()
        pg.GraphicsObject.viewTransformChanged(self)

    def paint(self, painter: QPainter, option, widget=None) -> None:  # Qt API
        self.last_paint_fast = self._can_paint_fast(painter, widget)
        if not self.last_paint_fast:
            super().paint(painter, option, widget)
            return
        view = self.viewRect()
        if view is None or self._count == 0:
            return
        # a year-cursor step exposes a thin strip: draw only the dots that reach into it
        exposed = option.exposedRect if option is not None else QRectF()
        view = view if exposed.isEmpty() else view.intersected(exposed)
        source = self.data["sourceRect"][0]  # one style: every point uses the same sprite
        transform = painter.transform()
        pad_x = source["w"] / abs(transform.m11())  # a whole dot's width: generous culling
        pad_y = source["h"] / abs(transform.m22())
        xs_shown = self._xs[: self._count]
        lo, hi = np.searchsorted(xs_shown, (view.left() - pad_x, view.right() + pad_x))
        ys = self._ys[lo:hi]
        keep = (ys > min(view.top(), view.bottom()) - pad_y) & (
            ys < max(view.top(), view.bottom()) + pad_y
        )
        xs, ys = self._xs[lo:hi][keep], ys[keep]
        frags_array = self._pixmapFragments
        frags_array.resize(xs.size)
        if xs.size == 0:
            return
        frags = frags_array.ndarray()
        limit = 2**30  # Qt crashes on wildly out-of-range coordinates
        frags[:, 0] = np.clip(xs * transform.m11() + transform.dx(), -limit, limit)
        frags[:, 1] = np.clip(ys * transform.m22() + transform.dy(), -limit, limit)
        frags[:, 2:6] = (source["x"], source["y"], source["w"], source["h"])
        dpr = self.fragmentAtlas.devicePixelRatio()
        frags[:, 6:10] = (1 / dpr, 1 / dpr, 0.0, 1.0)
        painter.resetTransform()
        painter.drawPixmapFragments(*frags_array.drawargs(), self.fragmentAtlas.pixmap)

    def _can_paint_fast(self, painter: QPainter, widget) -> bool:
        """The fast path covers the common case; anything else goes to pyqtgraph's paint
        (exports, a changed screen scale, rotated views, sprites not yet rendered)."""
        if not (self.fast_paint and getattr(self, "_sorted", False)):
            return False
        if self._exportOpts is not False or not hasattr(self, "_pixmapFragments"):
            return False
        if len(self.data) != self._xs.size or len(self.data) == 0:
            return len(self.data) == 0 and self._xs.size == 0
        if self.data["sourceRect"]["w"][0] == 0:
            return False
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        if dpr != self.fragmentAtlas.devicePixelRatio():
            return False
        t = painter.transform()
        return t.m12() == 0 and t.m21() == 0 and t.m11() * t.m22() != 0


class Label(pg.TextItem):
    """A `TextItem` whose background fill costs a rectangle fill, not an antialiased polygon."""

    def paint(self, painter: QPainter, *args: object) -> None:
        wired = getattr(self, "_lastScene", None) is self.scene()  # TextItem internals
        if not wired or self.angle != 0 or self.rotateAxis is not None:
            super().paint(painter, *args)  # first paint wires the transform updates
            return
        rect = self.textItem.mapRectToParent(self.textItem.boundingRect())
        device = painter.transform().mapRect(rect).toAlignedRect()
        painter.save()
        painter.resetTransform()
        painter.fillRect(device, self.fill)
        if self.border.style() != Qt.PenStyle.NoPen:
            painter.setPen(self.border)
            painter.drawRect(device.adjusted(0, 0, -1, -1))
        painter.restore()


class BandFill(pg.GraphicsObject):
    """The era bands' fills and edges, painted in one call as opaque, pixel-aligned rectangles.

    Why not three `LinearRegionItem`s: each fills a translucent rectangle through the antialiased
    path rasteriser and owns two `InfiniteLine`s, which cost several ms a frame at 1920x1080 on
    the kiosk PC. The bands lie directly on the plot's background, so a colour blended in
    advance looks the same and takes Qt's solid-fill fast path.
    """

    _LIMIT = 1e5  # device px; keeps mapped rectangles in int range at the deepest zoom

    def __init__(self, spans: Sequence[tuple[float, float, QColor]], edge: QColor) -> None:
        super().__init__()
        self._spans = list(spans)
        self._edge = edge
        self.edge_px = 2

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        # fixed and wider than the view's limits: no geometry change on pan or zoom
        return QRectF(1900.0, -100.0, 200.0, 200.0)

    def paint(self, painter: QPainter, *_args: object) -> None:
        transform = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        lim = self._LIMIT
        for start, end, color in self._spans:
            if color.alpha() == 0:
                continue
            x0 = min(max(transform.map(QPointF(start, 0.0)).x(), -lim), lim)
            x1 = min(max(transform.map(QPointF(end, 0.0)).x(), -lim), lim)
            left, right = round(min(x0, x1)), round(max(x0, x1))
            painter.fillRect(QRect(left, -int(lim), right - left, int(2 * lim)), color)
        for start, _end, _color in self._spans[1:]:
            x = round(transform.map(QPointF(start, 0.0)).x())
            if -lim < x < lim:
                width = self.edge_px
                painter.fillRect(QRect(x - width // 2, -int(lim), width, int(2 * lim)), self._edge)
        painter.restore()
