"""`chart: csv` — an author's own CSV as a scatter or line chart.

The data comes from `csv_data` (read safely, off the GUI thread when big, thinned for display;
the plot view hands it in). Any problem becomes a message on the chart (which row, which
column, what was wrong), never an exception out of the view.

A group whose x values rise row by row is a series and is drawn as a line with markers; any
other group is drawn as a scatter.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import CsvChart
from revkiosk.i18n.words import _
from revkiosk.theme import Theme
from revkiosk.ui.plots.axes import PowerOfTenAxis, YearAxis, size_axes, style_axis
from revkiosk.ui.plots.base import ChartBase
from revkiosk.ui.plots.compute_layers import place_labels
from revkiosk.ui.plots.csv_data import CsvChartError, Outcome, Series, load_now
from revkiosk.ui.plots.marks import FALLBACK_COLORS
from revkiosk.ui.plots.pgimport import pg

PALETTE = [*FALLBACK_COLORS.values(), "#c77dff", "#ff9f1c", "#2ec4b6"]
MAX_LABELS = 24  # beyond this, names go in the hover card only
DENSE_POINTS = 1_000  # series longer than this are downsampled for drawing


def looks_like_years(series: list[Series]) -> bool:
    xs = [x for s in series for x in s.x]
    return all(1800 <= x <= 2200 for x in xs)


class CsvChartView(ChartBase):
    """Draws an author's CSV, or a clear message when it cannot."""

    def __init__(
        self,
        theme: Theme,
        spec: CsvChart | None,
        *,
        years: tuple[float, float] | None = None,
        data: Outcome | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.spec = spec
        self.error: str | None = None
        self.series: list[Series] = []
        try:
            if spec is None:
                raise CsvChartError("the slide has no `csv:` settings")
            outcome = data if data is not None else load_now(spec)
            if isinstance(outcome, CsvChartError):
                raise outcome
            self.series = outcome
        except CsvChartError as error:
            where = spec.file.name if spec is not None else "this chart"
            self.error = _("Cannot draw {what}:", what=where) + f"\n{error}"
        log_y = bool(spec and spec.log_y)
        axes = {
            "left": PowerOfTenAxis("left") if log_y else pg.AxisItem("left"),
            "bottom": YearAxis("bottom")
            if looks_like_years(self.series)
            else pg.AxisItem("bottom"),
        }
        super().__init__(theme, axes, parent)
        self.set_credit(_("Data: {file}", file=spec.file.name) if spec else "")
        self.years = years
        item = self.plot.getPlotItem()
        self.items: dict[str, pg.PlotDataItem] = {}
        self.point_labels: list[pg.TextItem] = []
        colors = {s.name: PALETTE[i % len(PALETTE)] for i, s in enumerate(self.series)}
        for s in self.series:
            dense = len(s.x) > DENSE_POINTS
            data = pg.PlotDataItem(np.array(s.x), np.array(s.y), symbol="o", symbolPen=None,
                                   symbolBrush=colors[s.name], pen=None,
                                   antialias=not dense)  # fmt: skip
            item.addItem(data)
            if len(s.x) > DENSE_POINTS:
                # Thousands of points: draw at most about two per pixel column (pyqtgraph's
                # peak downsampling keeps each column's extremes) and only what is in view. A
                # thick antialiased line through 7,000 zigzagging points took seconds a paint.
                data.setDownsampling(auto=True, method="peak")
                data.setClipToView(True)
            self.items[s.name] = data
            if sum(len(t.x) for t in self.series) <= MAX_LABELS:
                for x, y, text in zip(s.x, s.y, s.labels, strict=True):
                    if text:
                        shown = spec.display(text) if spec else text
                        label = pg.TextItem(shown, color=theme.text, anchor=(0.5, 1.2))
                        label.setPos(x, y)
                        item.addItem(label, ignoreBounds=True)
                        self.point_labels.append(label)
        self._colors = colors
        if len(self.series) > 1 or (self.series and self.series[0].name):
            self.legend.set_entries([(s.name, self._shown(s.name) or _("(no group)"),
                                      colors[s.name]) for s in self.series])  # fmt: skip
        self.legend.toggled.connect(self.set_series_visible)
        scene = self.plot.scene()
        self._hover = pg.SignalProxy(scene.sigMouseMoved, rateLimit=60, slot=self._on_moved)
        self.view_box.sigRangeChanged.connect(self._place_labels)
        self.view_box.sigResized.connect(self._place_labels)
        if self.error:
            self.plot.getPlotItem().hideAxis("left")
            self.plot.getPlotItem().hideAxis("bottom")
            self.show_message(self.error)
        self.restyle()
        self.zoom_reset()

    def _shown(self, value: str) -> str:
        """A data value as the chart names it (the deck's `names:`, translated), else as is."""
        return self.spec.display(value) if self.spec and value else value

    def set_series_visible(self, key: str, visible: bool) -> None:
        """Legend toggle: hide or show one group."""
        self.items[key].setVisible(visible)

    def _on_moved(self, args: tuple) -> None:
        self.hover_at(args[0])

    def zoom_reset(self) -> None:
        """All the data with a margin for labels (or the slide's `years` on a year axis)."""
        xs = [x for s in self.series for x in s.x]
        ys = [y for s in self.series for y in s.y]
        if not xs:
            return
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        dx, dy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
        if self.years and looks_like_years(self.series):
            x0, x1, dx = self.years[0], self.years[1], 0.0
        self.view_box.setRange(xRange=(x0 - 0.06 * dx, x1 + 0.06 * dx),
                               yRange=(y0 - 0.08 * dy, y1 + 0.16 * dy), padding=0)  # fmt: skip

    def _place_labels(self, *_args: object) -> None:
        points = [(x, y) for s in self.series for x, y, t in zip(s.x, s.y, s.labels, strict=True)
                  if t and len(self.point_labels) > 0]  # fmt: skip
        if len(points) == len(self.point_labels):
            for label in self.point_labels:
                label.setVisible(True)  # a label hidden at a smaller size may fit now
            place_labels(self.point_labels, points, self.view_box, gap_px=self.pt(16))

    def hover_at(self, scene_pos: QPointF) -> str | None:
        """Card with label, x and y of the point under the pointer."""
        best, best_d = None, self.pt(30)
        px_w, px_h = self.view_box.viewPixelSize()
        if px_w <= 0 or px_h <= 0 or not self.view_box.sceneBoundingRect().contains(scene_pos):
            self.card.hide()
            return None
        point = self.view_box.mapSceneToView(scene_pos)
        for s in self.series:
            if not self.items[s.name].isVisible():
                continue
            for x, y, text in zip(s.x, s.y, s.labels, strict=True):
                d = math.hypot((x - point.x()) / px_w, (y - point.y()) / px_h)
                if d < best_d:
                    best, best_d = (s, x, y, text), d
        if best is None:
            self.card.hide()
            return None
        s, x, y, text = best
        value = 10**y if self.spec and self.spec.log_y else y
        html = (
            f"<b>{self._shown(text or s.name) or 'point'}</b>"
            f"<br>{self.spec.x}: {x:g}<br>{self.spec.y}: {value:.4g}"
        )
        local = self.plot.mapTo(self, self.plot.mapFromScene(scene_pos))
        self.card.show_near(QPoint(local.x(), local.y()), html)
        return html

    def _widest_y(self) -> str:
        """The longest tick label the y axis may show (it sizes the axis)."""
        if self.spec is not None and self.spec.log_y:
            return "10²⁸"
        ys = [y for s in self.series for y in s.y] or [0.0]
        return max((f"{v:.4g}" for v in (min(ys), max(ys))), key=len) + "0"

    def restyle(self) -> None:
        """Fonts, markers and lines for the current slide size."""
        super().restyle()
        spec = self.spec
        y_title = (spec.y_title or spec.y) if spec else ""
        x_title = (spec.x_title or spec.x) if spec else ""
        for name, title in (("left", y_title), ("bottom", x_title)):
            style_axis(self.plot.getAxis(name), font=self.make_font(28), color=self.theme.text,
                       grid=self.theme.muted, label=title, label_px=self.text_pt(28))  # fmt: skip
        size_axes(self.plot, self.make_font(28), self.text_pt(28), self._widest_y())
        self.plot.getPlotItem().layout.setContentsMargins(0, self.pt(24), self.pt(32), 0)
        for s in self.series:
            data = self.items[s.name]
            data.setSymbolSize(self.pt(18))
            width = 1 if len(s.x) > DENSE_POINTS else max(2, self.pt(4))  # hairline: fast
            pen = pg.mkPen(self._colors[s.name], width=width) if s.is_line else None
            data.setPen(pen)
        for label in self.point_labels:
            label.setFont(self.make_font(24, QFont.Weight.DemiBold))
        self._place_labels()
