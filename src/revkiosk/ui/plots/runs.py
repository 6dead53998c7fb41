"""The text a chart draws through pyqtgraph, as `TextRun`s for the legibility audit.

pyqtgraph paints tick labels itself and places text items in its scene; this reads them where
they are: tick labels from the axes' own drawing specs (the rectangles pyqtgraph draws them in),
axis titles and text items from their documents, all mapped from the scene to the chart
widget. A text item is only visible inside the plot's view box (it clips its children), so its
room is the view box; an axis's is the plot widget.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter

from revkiosk.ui.plots.pgimport import pg
from revkiosk.ui.textruns import TextRun, document_runs, new_source

ChartBase = Any  # a `revkiosk.ui.plots.base.ChartBase` (not imported: base imports this module)


def _scene_to_chart(chart: ChartBase, rect: QRectF) -> QRectF:
    mapped = chart.plot.viewportTransform().mapRect(rect)
    origin = chart.plot.viewport().mapTo(chart, chart.plot.viewport().rect().topLeft())
    return mapped.translated(QPointF(origin))


def chart_runs(chart: ChartBase) -> list[TextRun]:
    """Tick labels, axis titles and the plot's text items, in chart coordinates."""
    plot_box = QRectF(chart.plot.geometry())
    runs: list[TextRun] = []
    for name in ("left", "bottom", "right", "top"):
        axis = chart.plot.getPlotItem().getAxis(name)
        if axis is None or not axis.isVisible():
            continue
        runs += _tick_runs(chart, axis, plot_box)
        label = axis.label
        if axis.labelText and label.isVisible():
            runs += _item_runs(chart, label, "axis title", plot_box)
    view = _scene_to_chart(chart, chart.view_box.sceneBoundingRect())
    for item in chart.view_box.childGroup.childItems():  # labels are added ignoring bounds
        if isinstance(item, pg.TextItem) and item.isVisible():
            runs += _item_runs(chart, item.textItem, "chart label", view)
    return runs


def _tick_runs(chart: ChartBase, axis: pg.AxisItem, bounds: QRectF) -> list[TextRun]:
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    if not specs:
        return []
    font = QFont(axis.style["tickFont"] or axis.font())
    metrics = QFontMetricsF(font)
    runs = []
    for rect, _flags, text in specs[2]:
        box = _scene_to_chart(chart, axis.mapRectToScene(rect))
        # pyqtgraph centres the text in `rect`; the run is the text's own line box
        width = metrics.horizontalAdvance(text)
        line = QRectF(box.center().x() - width / 2, box.center().y() - metrics.height() / 2,
                      width, metrics.height())  # fmt: skip
        if axis.orientation == "left":
            line.moveRight(box.right())
        runs.append(TextRun("tick label", text, line, line.top() + metrics.ascent(), font, bounds,
                            source=new_source()))  # fmt: skip
    return runs


def _item_runs(chart: ChartBase, item, element: str, bounds: QRectF) -> list[TextRun]:  # type: ignore[no-untyped-def]
    """A QGraphicsTextItem's lines, mapped through its (maybe rotated) transform."""
    runs = []
    for run in document_runs(item.document(), element):
        rect = _scene_to_chart(chart, item.mapRectToScene(run.rect))
        rotated = abs(item.sceneTransform().m12()) > 1e-6
        baseline = rect.bottom() - QFontMetricsF(run.font).descent()
        runs.append(TextRun(element, run.text, rect, baseline, run.font, bounds,
                            rotated=rotated, source=run.source))  # fmt: skip
    return runs
