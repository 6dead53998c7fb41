"""The compute chart's annotation layers: era bands, fitted trend lines, label placement.

Kept apart from `compute.py` so the chart module stays about data, hover and interaction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PySide6.QtGui import QColor, QFont

from revkiosk.data.dataset import with_compute
from revkiosk.data.trends import DL_START, LARGE_SCALE_START, EraFits, TrendFit, fit_eras
from revkiosk.i18n.words import N_, _, number
from revkiosk.theme import Theme
from revkiosk.ui.colors import readable_on
from revkiosk.ui.plots.base import rgba
from revkiosk.ui.plots.items import BandFill, Label, blend
from revkiosk.ui.plots.pgimport import pg

ERAS = (
    (N_("Pre-deep-learning era"), 1900.0, DL_START),
    (N_("Deep-learning era"), DL_START, LARGE_SCALE_START),
    (N_("Large-scale era"), LARGE_SCALE_START, 2100.0),
)
TREND_UNTIL = 2023.0  # fits use systems up to the end of 2022, where the story ends
# Each line says which systems it fits, not only how fast they grew (issue 15: the third line was
# unnamed). The large-scale line fits only the systems far above their contemporaries.
TREND_NAMES = {
    "pre": N_("Before deep learning"),
    "deep": N_("Deep learning"),
    "large": N_("Largest models"),
}
TREND_COLORS = {"pre": "#c9ced8", "deep": "#ffd166", "large": "#ff6b6b"}
TREND_COLORS_LIGHT = {"pre": "#4a5261", "deep": "#b45309", "large": "#c1121f"}


# The chart draws and labels only the fitted lines, not their confidence intervals: no bootstrap
# saves ~50 ms (numpy.random and numpy.ma are never imported) before a plot slide can paint.
# The `ci_*` fields of these fits are NaN; use `fit_eras` defaults for intervals.
CHART_BOOT = 0


@lru_cache(maxsize=1)
def shipped_fits() -> EraFits:
    """The era fits of the shipped dataset up to `TREND_UNTIL`, computed once per process."""
    rows = [s for s in with_compute() if s.decimal_year < TREND_UNTIL]
    years = np.array([s.decimal_year for s in rows])
    return fit_eras(years, np.array([s.compute for s in rows]), n_boot=CHART_BOOT)


class EraBands:
    """Three shaded vertical bands with their names written along the top of the view."""

    def __init__(self, plot: pg.PlotItem, theme: Theme) -> None:
        self._plot = plot
        self.labels: list[pg.TextItem] = []
        shades = (0.0, 0.05, 0.10) if theme.name == "dark" else (0.0, 0.04, 0.08)
        tint = "#ffffff" if theme.name == "dark" else "#000000"
        # a band with no shade is the background already: transparent, so it costs no fill
        spans = [
            (start, end, blend(theme.background, tint, alpha) if alpha else QColor(0, 0, 0, 0))
            for (_, start, end), alpha in zip(ERAS, shades, strict=True)
        ]
        # the old region items drew two 25% lines on each edge: 1 - 0.75² = 44% where they met
        self.fill = BandFill(spans, blend(theme.background, tint, 0.44))
        self.fill.setZValue(-100)
        plot.addItem(self.fill, ignoreBounds=True)
        for name, _start, _end in ERAS:
            label = pg.TextItem(_(name).upper(), color=theme.muted, anchor=(0, 0))
            label.setZValue(-50)
            plot.addItem(label, ignoreBounds=True)
            self.labels.append(label)

    def set_font(self, font: QFont, edge_px: int = 2) -> None:
        self.fill.edge_px = edge_px
        for label in self.labels:
            label.setFont(font)

    def place(
        self,
        x_range: tuple[float, float],
        y_top: float,
        pad_x: float,
        px_w: float,
        px_h: float = 0.0,
        y_bottom: float | None = None,
    ) -> None:
        """Write each era's name at the top-left of its visible part. A band too narrow for its
        name (the deep-learning years on a 1950-2023 chart) gets it just before its start,
        ending in an arrow, along the foot of the chart (the top right is where the newest
        systems and their labels crowd): every visible era stays named."""
        taken: list[list[tuple[float, float]]] = [[]]  # x extents used, per row from the foot
        for label, (name, start, end) in zip(self.labels, ERAS, strict=True):
            left = max(start, x_range[0])
            label.setText(_(name).upper())
            width = label.boundingRect().width() * px_w
            if left + pad_x * 2 + width < min(end, x_range[1]):
                label.setAnchor((0, 0))
                label.setPos(left + pad_x, y_top)
                set_visible(label, True)
                continue
            else:
                label.setText(f"{_(name).upper()} →")
                width = label.boundingRect().width() * px_w
                if not (x_range[0] < start < x_range[1] and start - pad_x - width > x_range[0]):
                    set_visible(label, False)
                    continue
                span = (start - pad_x - width, start)
            row = next(
                (
                    i
                    for i, used in enumerate(taken)
                    if all(b < span[0] or a > span[1] for a, b in used)
                ),
                len(taken),
            )
            if row == len(taken):
                taken.append([])
            taken[row].append(span)
            height = label.boundingRect().height() * px_h
            label.setAnchor((1, 1))
            base = y_bottom if y_bottom is not None else y_top - 3 * height
            label.setPos(start - pad_x, base + row * height)
            set_visible(label, True)


@dataclass
class TrendLine:
    fit: TrendFit
    curve: pg.PlotCurveItem
    label: pg.TextItem


class TrendLines:
    """One dashed line per era fit, labelled 'Deep learning: ×2 every 6.0 months'."""

    def __init__(self, plot: pg.PlotItem, theme: Theme, fits: EraFits) -> None:
        colors = TREND_COLORS if theme.name == "dark" else TREND_COLORS_LIGHT
        self.lines: list[TrendLine] = []
        for fit in fits:
            xs = np.array([fit.start, fit.end])
            color = colors[fit.era]
            curve = pg.PlotCurveItem(xs, fit.value_at(xs), pen=pg.mkPen(color, width=4))
            curve.setZValue(5)
            high = theme.contrast == "high"  # 7:1 text on a solid box
            text = readable_on(QColor(color), QColor(theme.background), theme.ratio(1.0))
            label = Label(
                _(
                    "{name}: ×2 every {months} months",
                    name=_(TREND_NAMES[fit.era]),
                    months=number(fit.doubling_months, 1),
                ),
                color=text.name(),
                fill=rgba(theme.background, 1.0 if high else 0.8),
            )
            label.setZValue(30)
            plot.addItem(curve, ignoreBounds=True)
            plot.addItem(label, ignoreBounds=True)
            self.lines.append(TrendLine(fit, curve, label))
        self._theme = theme

    def restyle(self, width: float, font: QFont) -> None:
        colors = TREND_COLORS if self._theme.name == "dark" else TREND_COLORS_LIGHT
        for line in self.lines:
            pen = pg.mkPen(colors[line.fit.era], width=width)
            pen.setDashPattern([4, 2])
            line.curve.setPen(pen)
            line.label.setFont(font)

    def place(self, view: pg.ViewBox, obstacles: Sequence[Box | None] = ()) -> None:
        """Put each label just under its line, a third of the way along the visible part
        (the dense recent end stays readable), and keep it inside the view; if that spot
        covers an obstacle (an era's name) or an earlier trend label, further along the line."""
        rect = view.viewRect()
        px_w, px_h = view.viewPixelSize()
        taken = [box for box in obstacles if box is not None]
        view_w, view_h = rect.width() / px_w, rect.height() / px_h

        def inside(box: Box) -> bool:
            return (
                box[0] >= 0
                and box[1] >= 0
                and box[0] + box[2] <= view_w
                and box[1] + box[3] <= view_h
            )

        for line in self.lines:
            fit = line.fit
            left, right = max(fit.start, rect.left()), min(fit.end, rect.right())
            shown = right - left > rect.width() * 0.08
            set_visible(line.label, shown)
            if not shown:
                continue
            w = line.label.boundingRect().width() * px_w
            if right - left < 1.5 * w and left - w > rect.left():
                # a short stretch on screen (a wide view): write the label before the line starts
                line.label.setAnchor((1.0, 0.5))
                line.label.setPos(left - 6 * px_w, float(fit.value_at(left)))
                continue
            first = 0.55 if fit.era == "pre" else 0.3
            for share in (first, 0.45, 0.6, 0.15, 0.75, 0.05):
                x = left + (right - left) * share
                x = min(max(x, rect.left()), rect.right() - w)
                y = float(fit.value_at(x + w / 2)) - 8 * px_h  # a few pixels below the line
                line.label.setAnchor((0.0, 0.0))
                line.label.setPos(x, y)
                box = label_box(line.label, view)
                if box is None or (
                    inside(box) and not any(_overlap(box, other) for other in taken)
                ):
                    break
            else:  # nowhere free along the line (a very short plot): no label over another
                set_visible(line.label, False)
                continue
            if box is not None:
                taken.append(box)


Box = tuple[float, float, float, float]  # left, top, width, height in view pixels


def set_visible(item: pg.GraphicsObject, visible: bool) -> None:
    """`setVisible` only on a change: a TextItem recomputes its transform on every show."""
    if item.isVisible() != visible:
        item.setVisible(visible)


def data_to_px(view: pg.ViewBox, x: float, y: float) -> tuple[float, float]:
    """Data → pixels from the view's top-left (labels are sized in pixels, not data)."""
    rect = view.viewRect()
    px_w, px_h = view.viewPixelSize()
    if px_w <= 0 or px_h <= 0:  # a view not laid out yet (zero height offscreen): no pixels
        return 0.0, 0.0
    return (x - rect.left()) / px_w, (rect.bottom() - y) / px_h


def label_box(label: pg.TextItem, view: pg.ViewBox) -> Box | None:
    """The pixel box a visible, already placed TextItem covers (an obstacle for later labels)."""
    px_w, px_h = view.viewPixelSize()
    if not label.isVisible() or px_w <= 0 or px_h <= 0:  # hidden, or the view has no size yet
        return None
    rect = label.mapRectToItem(view.childGroup, label.boundingRect()).normalized()
    left, top = data_to_px(view, rect.left(), rect.bottom())
    right, bottom = data_to_px(view, rect.right(), rect.top())
    return (left, top, right - left, bottom - top)


def place_labels(
    labels: list[pg.TextItem],
    points: list[tuple[float, float]],
    view: pg.ViewBox,
    gap_px: float,
    obstacles: Sequence[Box] = (),
    first: Sequence[int] = (),
) -> dict[int, tuple[float, float, float, float]]:
    """Greedy placement: each label beside its point (above, below, right, left, diagonals,
    then further up or down) where it overlaps no label, marker or obstacle, inside the view.

    Labels listed in `first` are placed before the rest; a label with no free place is hidden
    (the hover card still names the system) rather than drawn over another. Works in pixels, as
    labels keep their size while the data zooms. Returns leader segments (x0, y0, x1, y1) in
    data coordinates for labels pushed away from their point, by label index.
    """
    rect = view.viewRect()
    px_w, px_h = view.viewPixelSize()
    if px_w <= 0 or px_h <= 0 or len(points) != len(labels):
        return {}
    width, height = rect.width() / px_w, rect.height() / px_h
    centres = [data_to_px(view, x, y) for x, y in points]
    marker = gap_px * 0.9
    markers = [(cx - marker, cy - marker, 2 * marker, 2 * marker) for cx, cy in centres]
    placed: list[Box] = list(obstacles)
    leaders: dict[int, tuple[float, float, float, float]] = {}
    first = [i for i in first if 0 <= i < len(labels)]  # a stale list after a data change
    top_first = sorted(first, key=lambda i: -points[i][1])  # crowded tops are placed first
    rest = sorted(set(range(len(labels))) - set(first), key=lambda i: -points[i][1])
    for i in [*top_first, *rest]:
        label = labels[i]
        if not label.isVisible():
            continue
        cx, cy = centres[i]
        if not (0.0 <= cx <= width and 0.0 <= cy <= height):
            set_visible(label, False)  # panned out of view: a label there would point nowhere
            continue
        bounds = label.boundingRect()
        w, h = bounds.width(), bounds.height()
        near = gap_px * 0.7
        candidates = [
            (cx - w / 2, cy - gap_px - h),
            (cx - w / 2, cy + gap_px),
            (cx + gap_px, cy - h / 2),
            (cx - gap_px - w, cy - h / 2),
            (cx + near, cy - near - h),
            (cx - near - w, cy - near - h),
            (cx + near, cy + near),
            (cx - near - w, cy + near),
        ]
        if i in first:  # highlighted systems may be called out further away, with a leader
            for reach in (3, 5, 8, 12, 16, 22, 30):
                for angle in (150, 170, 190, 130, 210):  # leftwards: the past is emptier
                    dx = math.cos(math.radians(angle)) * reach * gap_px
                    dy = -math.sin(math.radians(angle)) * reach * gap_px
                    candidates.append((cx + dx - w / 2, cy + dy - h / 2))
        else:  # the rest may only step one line further up or down
            candidates += [(cx - w / 2, cy - gap_px - 2.2 * h), (cx - w / 2, cy + gap_px + 1.2 * h)]
        others = placed + [m for k, m in enumerate(markers) if k != i and labels[k].isVisible()]
        chosen, far = None, False
        for n, (left, top) in enumerate(candidates):
            box = (min(max(left, 0.0), width - w), min(max(top, 0.0), height - h), w, h)
            # a box pushed back inside the view may land on its own marker: not there either
            mine = [markers[i]] if box[:2] != (left, top) else []
            if not any(_overlap(box, other) for other in [*others, *mine]):
                chosen, far = box, n >= 8
                break
        if chosen is None:
            set_visible(label, False)
            continue
        placed.append(chosen)
        label.setAnchor((0.0, 0.0))
        label.setPos(rect.left() + chosen[0] * px_w, rect.bottom() - chosen[1] * px_h)
        if far:  # pushed away: a thin line from the point to the nearest spot on the label
            end_x = min(max(cx, chosen[0]), chosen[0] + w)
            end_y = min(max(cy, chosen[1]), chosen[1] + h)
            leaders[i] = (points[i][0], points[i][1], rect.left() + end_x * px_w,
                          rect.bottom() - end_y * px_h)  # fmt: skip
    return leaders


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
