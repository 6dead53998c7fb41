"""`chart: forecast` — what forecasters expected for June 2022 against what happened.

The numbers, their words and their source are in `revkiosk.describe.forecasts` (shared with
the chart's spoken description).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

from revkiosk.describe.forecasts import BENCHMARKS, EXPERT_LEVEL, SOURCE, Benchmark
from revkiosk.i18n.words import N_, _, percent
from revkiosk.theme import Theme
from revkiosk.ui.colors import readable_on
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.plots.axes import PercentAxis, size_axes, style_axis
from revkiosk.ui.plots.base import ChartBase
from revkiosk.ui.plots.pgimport import pg

SERIES = (
    ("start", N_("State of the art, Aug 2021")),
    ("forecast", N_("Forecast for June 2022")),
    ("actual", N_("Actual, June 2022")),
)


class ForecastChart(ChartBase):
    """One row per benchmark: 2021 dot, forecast ring, actual dot, an arrow for the miss."""

    credit_text = SOURCE

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, {"bottom": PercentAxis("bottom")}, parent)
        self.set_credit(_(SOURCE))
        item = self.plot.getPlotItem()
        forecast = "#8ecae6" if theme.name == "dark" else "#1d6fa5"
        # Its labels are text: 7:1 against the page in high contrast.
        ratio = theme.ratio(1.0)
        forecast = readable_on(QColor(forecast), QColor(theme.background), ratio).name()
        self.colors = {"start": theme.muted, "forecast": forecast, "actual": theme.accent}
        rows = range(len(BENCHMARKS))
        self.expert = pg.InfiniteLine(pos=EXPERT_LEVEL, angle=90, movable=False)
        self.expert_text = _("expert level ≈ {value}", value=percent(EXPERT_LEVEL))
        self.expert_label = pg.TextItem(
            self.expert_text,
            color=theme.muted,
            anchor=(1, 0),
        )
        self.gaps = [pg.PlotCurveItem([b.forecast_2022, b.actual_2022], [r, r])
                     for r, b in zip(rows, BENCHMARKS, strict=True)]  # fmt: skip
        self.series = {key: pg.ScatterPlotItem() for key, _title in SERIES}
        self.value_labels: list[tuple[str, pg.TextItem]] = []
        self.notes: list[pg.TextItem] = []
        for bench in BENCHMARKS:
            for key, value in self._values(bench):
                text = percent(value)
                if key == "actual":
                    text += f"  {bench.actual_by}"
                above = key != "forecast"  # forecasts below the row, so neighbours never touch
                label = pg.TextItem(text, color=self.colors[key], anchor=(0.5, 1.0 if above else 0))
                self.value_labels.append((key, label))
            note = pg.TextItem(_("outside the forecasters’ {value} interval", value=percent(90)),
                               color=theme.muted, anchor=(0.5, 0.0))  # fmt: skip
            self.notes.append(note)
        for thing in [self.expert, self.expert_label, *self.gaps, *self.notes]:
            item.addItem(thing, ignoreBounds=True)
        for scatter in self.series.values():
            scatter.setZValue(10)
            item.addItem(scatter)
        for _key, label in self.value_labels:
            label.setZValue(20)
            item.addItem(label, ignoreBounds=True)
        self.names = [pg.TextItem(anchor=(0, 0.5)) for _bench in BENCHMARKS]
        for row, name in enumerate(self.names):
            name.setPos(-1.0, row)  # left edge; re-placed in restyle
            item.addItem(name, ignoreBounds=True)
        self.plot.getPlotItem().hideAxis("left")
        self.legend.set_entries([(key, _(title), self.colors[key]) for key, title in SERIES])
        self.legend.toggled.connect(self.set_series_visible)
        self.view_box.setMouseEnabled(x=True, y=False)
        self.shift_actual = False  # the top row's actual value ends at its dot (see below)
        self.narrow = False  # names above their rows (a portrait screen), not left of them
        self._centres = [float(row) for row in range(len(BENCHMARKS))]  # rows' heights, px
        self._x_min = -26.0  # the x range's left end: room for the names when they sit left
        self._squeeze = 1.0  # label sizes' share of their full size (see `_font`)
        self.view_box.sigResized.connect(self._place_names)
        self.restyle()
        self.zoom_reset()

    @staticmethod
    def _values(bench: Benchmark) -> list[tuple[str, float]]:
        values = [("forecast", bench.forecast_2022), ("actual", bench.actual_2022)]
        if bench.start_2021 is not None:
            values.insert(0, ("start", bench.start_2021))
        return values

    def set_series_visible(self, key: str, visible: bool) -> None:
        """Legend toggle: hide or show one kind of dot (and its value labels)."""
        self.series[key].setVisible(visible)
        for label_key, label in self.value_labels:
            if label_key == key:
                label.setVisible(visible)

    def zoom_reset(self) -> None:
        """0–100% across (and room for the names left of it when they fit there); up the
        chart, one unit is one pixel (rows are laid out in pixels)."""
        x_range = (-3, 104) if self.narrow else (self._x_min, 104)
        height = max(1.0, self.view_box.height())
        self.view_box.setRange(xRange=x_range, yRange=(0, height), padding=0)

    def _place_names(self, *_args: object) -> None:
        """Lay the rows out in pixels for the plot's size: from the bottom of each row its
        note, the forecast's value, the dots, the other values (and, when the plot is too
        narrow for the names to sit left of their rows, the name above them), the rows spread
        evenly over the height; nothing is placed by a fixed share of the data range."""
        height = self.view_box.height()
        if height <= 0:
            return
        # full size first, smaller only if needed; the last resort lets the bottom row's note
        # reach over the axis's tick marks
        # The names keep their lines at every size first; then (a short plot, a longer
        # language) they may wrap to stay left of their rows, where they take no height.
        tries = [(squeeze, True, wrap) for wrap in (False, True)
                 for squeeze in (1.0, 0.9, 0.8, 0.7, 0.6)] + [(0.6, False, True)]  # fmt: skip
        for squeeze, clear_ticks, wrap in tries:
            if squeeze != self._squeeze:
                self._squeeze = squeeze
                self._apply_fonts()
            if self._arrange_rows(height, clear_ticks, wrap):
                break

    def _wrap_names(self, radius: float, gap: float, band: float) -> None:
        """Wrap the names to keep them left of their rows (at most 40 % of the plot, see
        `_arrange_rows`), and narrower still while each stays within its row's `band` of
        height and no word breaks: the values and notes get the width."""
        first = min(value for bench in BENCHMARKS for _key, value in self._values(bench))
        limit = (first + 58) * self.view_box.width() / 163 - radius - gap
        bold, plain = (
            QFontMetricsF(self._font(40, QFont.Weight.Bold)),
            QFontMetricsF(self._font(24)),
        )
        words = [bold.horizontalAdvance(w) for b in BENCHMARKS for w in b.name.split()]
        words += [plain.horizontalAdvance(w) for b in BENCHMARKS for w in _(b.what).split()]
        least = max(words, default=0.0) + 12  # the text item's margins, and a little room
        widest = max((name.boundingRect().width() for name in self.names), default=0.0)
        chosen = None
        for share in (1.0, 0.85, 0.7, 0.6, 0.5):
            width = min(limit, widest) * share
            if width < least:
                break
            for name in self.names:
                name.setTextWidth(width)
            if any(name.boundingRect().height() > band for name in self.names):
                break
            chosen = width
        for name in self.names:
            name.setTextWidth(chosen if chosen is not None else min(limit, widest))

    def _arrange_rows(self, height: float, clear_ticks: bool = True, wrap: bool = False) -> bool:
        """One try at the rows' layout; False if they did not fit the height."""
        gap, radius = self.length(8), self.length(40) / 2
        for name in self.names:
            name.setTextWidth(-1)
        if wrap:
            band = 2 * (
                radius + gap + QFontMetricsF(self._font(30, QFont.Weight.DemiBold)).height()
            )
            self._wrap_names(radius, gap, band)
        # Names left of the rows need x_min such that they end before the first dot.
        need = max((name.boundingRect().width() for name in self.names), default=0.0)
        need += radius + gap
        first = min(value for bench in BENCHMARKS for _key, value in self._values(bench))
        width = max(self.view_box.width(), need + 1.0)
        self._x_min = ((104 * need - (first - 1) * width) / (need - width)) - 1
        self.narrow = self._x_min < -60  # names would take over 40 % of the width
        label_h = QFontMetricsF(self._font(30, QFont.Weight.DemiBold)).height()
        note_h = QFontMetricsF(self._font(26)).height()
        name_h = max((name.boundingRect().height() for name in self.names), default=0.0)
        above = radius + gap + label_h + (gap + name_h if self.narrow else 0.0)
        if not self.narrow:  # a name left of its row, centred on it, stays in the row's band
            above = max(above, name_h / 2)
        # the expert label: on the top row's line of values when it clears them, else above
        self.expert_label.setPlainText(self.expert_text)
        expert_w = self.expert_label.boundingRect().width() * (
            (104 - (-3 if self.narrow else self._x_min)) / max(self.view_box.width(), 1.0)
        )
        last = BENCHMARKS[-1]
        actual = QFontMetricsF(self._font(30, QFont.Weight.DemiBold)).horizontalAdvance(
            f"{percent(last.actual_2022)}  {last.actual_by}"
        ) * ((104 - (-3 if self.narrow else self._x_min)) / max(self.view_box.width(), 1.0))
        clear = last.actual_2022 + actual / 2 + 1 < EXPERT_LEVEL - 0.8 - expert_w
        top = 0.0 if clear and not self.narrow else QFontMetricsF(self._font(24)).height() + gap
        # A short plot: on two lines, beside the top row's values and dots, it may clear them
        # where one line does not, and the plot keeps the height of a line above the rows.
        expert = QFontMetricsF(self._font(24))
        two = _two_lines(self.expert_text, expert)
        two_w = max(expert.horizontalAdvance(line) for line in two.split("\n")) + 8
        units_now = (104 - (-3 if self.narrow else self._x_min)) / max(self.view_box.width(), 1.0)
        two_w *= units_now
        two_fits = "\n" in two and 2 * expert.height() + 8 <= 2 * (radius + gap) + label_h
        stacked = (
            top > 0
            and not self.narrow
            and two_fits
            and last.actual_2022 + actual / 2 + gap / 2 * units_now < EXPERT_LEVEL - 0.8 - two_w
        )
        # Still in the way: the top row's actual value ends at its dot instead of centring on
        # it (it has room on the left, over the miss's line).
        shifted_end = last.actual_2022 + radius * units_now
        start_end = -1e9
        if last.start_2021 is not None:
            value_metrics = QFontMetricsF(self._font(30, QFont.Weight.DemiBold))
            start_w = value_metrics.horizontalAdvance(percent(last.start_2021))
            start_end = last.start_2021 + start_w / 2 * units_now
        self.shift_actual = False
        if top > 0 and not stacked and not self.narrow:
            if shifted_end - actual > start_end + gap * units_now:
                end = shifted_end + gap / 2 * units_now
                if end < EXPERT_LEVEL - 0.8 - expert_w:
                    self.shift_actual, top = True, 0.0
                elif two_fits and end < EXPERT_LEVEL - 0.8 - two_w:
                    self.shift_actual, stacked = True, True
        if stacked:
            top = 0.0
            self.expert_label.setPlainText(two)
        rows = len(BENCHMARKS)
        below = note_h + gap + label_h + gap + radius
        # A short plot (a 5:4 screen, larger text): a note that fits on one line beside its
        # row's values goes there — right of the forecast's value, or left of the actual one —
        # saving a line under the row.
        units = (104 - (-3 if self.narrow else self._x_min)) / max(self.view_box.width(), 1.0)
        metrics = QFontMetricsF(self._font(30, QFont.Weight.DemiBold))
        names_end = max((n.boundingRect().width() for n in self.names), default=0.0) * units
        names_end += -2 if self.narrow else self._x_min + 1
        spots: list[tuple[str, float]] = []

        def row_left(bench: Benchmark) -> float:
            """Where a row's dots and value labels begin (x units)."""
            ends = [bench.forecast_2022 - metrics.horizontalAdvance(
                percent(bench.forecast_2022)) / 2 * units]  # fmt: skip
            if bench.start_2021 is not None:
                ends.append(bench.start_2021 - metrics.horizontalAdvance(
                    percent(bench.start_2021)) / 2 * units)  # fmt: skip
            dots = min(v for _key, v in self._values(bench)) - radius * units
            return min([*ends, dots])

        for row, bench in enumerate(BENCHMARKS):
            note = self.notes[row]
            note.setTextWidth(-1)
            width = note.boundingRect().width() * units
            half = metrics.horizontalAdvance(percent(bench.forecast_2022)) / 2 * units
            right = bench.forecast_2022 + half + 2 * gap * units
            actual = f"{percent(bench.actual_2022)}  {bench.actual_by}"
            left_end = bench.actual_2022 - metrics.horizontalAdvance(actual) / 2 * units
            left_end -= 2 * gap * units
            after = names_end + gap * units
            if bench.start_2021 is not None:
                start = metrics.horizontalAdvance(percent(bench.start_2021)) / 2 * units
                after = max(after, bench.start_2021 + start + gap * units)
            if right + width <= 104 - gap * units:
                spots.append(("right", right))
            elif left_end - width >= after:
                spots.append(("left", left_end - width))
            elif self._wraps_beside(
                note, row_left(bench) - 2 * gap * units - after, units, 2 * (radius + gap + label_h)
            ):
                spots.append(("wrapped", after))  # on two lines in the room left of the row
            else:
                spots.append(("below", 0.0))
        beside = [kind != "below" for kind, _x in spots]
        if height >= top + rows * (below + above):
            beside = [False] * rows
        belows = [below - (note_h + gap if side else 0.0) for side in beside]
        if not self.narrow:
            belows = [max(b, name_h / 2) for b in belows]
        margin = gap  # the rows keep clear of the plot's top, and of the axis and its ticks
        ticks = abs(self.plot.getPlotItem().getAxis("bottom").style.get("tickLength", 0))
        floor = margin + (ticks if clear_ticks else 0)
        spacing = max(
            0.0, (height - margin - floor - top - sum(belows) - rows * above) / (rows + 1)
        )
        centres, y = [], spacing + floor
        for row in range(rows):
            centres.append(y + belows[row])
            y += belows[row] + above + spacing
        self._centres = centres
        for row, (name, bench) in enumerate(zip(self.names, BENCHMARKS, strict=True)):
            y = centres[row]
            if self.narrow:
                name.setAnchor((0, 1))
                name.setPos(-2, y + radius + gap + label_h + gap)
            else:
                name.setAnchor((0, 0.5))
                name.setPos(self._x_min + 1, y)
            self.gaps[row].setData([bench.forecast_2022, bench.actual_2022], [y, y])
            note = self.notes[row]
            kind, x = spots[row]
            if beside[row] and kind == "right":
                note.setAnchor((0, 0))
                note.setPos(x, y - radius - gap + (label_h - note_h) / 2)
            elif beside[row] and kind == "wrapped":
                note.setAnchor((0, 0.5))
                note.setPos(x, y)
            elif beside[row]:
                note.setAnchor((0, 1))
                note.setPos(x, y + radius + gap - (label_h - note_h) / 2)
            else:  # centred under the miss on one line, kept inside the plot
                note.setTextWidth(-1)
                half = note.boundingRect().width() / 2 * units
                x = (bench.forecast_2022 + bench.actual_2022) / 2
                x = max(min(x, 104 - half), (-3 if self.narrow else self._x_min) + half)
                note.setAnchor((0.5, 0))
                note.setPos(x, y - radius - gap - label_h - gap)
        for (key, label), (row, value) in zip(self.value_labels, self._label_rows(), strict=True):
            if key == "forecast":
                label.setPos(value, centres[row] - radius - gap)
            elif key == "actual" and row == len(BENCHMARKS) - 1 and self.shift_actual:
                label.setAnchor((1.0, 1.0))
                label.setPos(shifted_end, centres[row] + radius + gap)
            else:
                label.setAnchor((0.5, 1.0))
                label.setPos(value, centres[row] + radius + gap)
        self.expert_label.setAnchor((1, 0) if top or stacked else (1, 1))
        if top:
            self.expert_label.setPos(EXPERT_LEVEL - 0.8, height - 2)
        elif stacked:  # from the top row's line of values down beside its dots
            self.expert_label.setPos(EXPERT_LEVEL - 0.8, centres[-1] + radius + gap + label_h)
        else:  # beside the top row's values
            self.expert_label.setPos(EXPERT_LEVEL - 0.8, centres[-1] + radius + gap)
        self._set_spots()
        self.zoom_reset()
        return spacing > 0 or height - margin - floor >= top + sum(belows) + rows * above

    def _wraps_beside(self, note: pg.TextItem, room: float, units: float, band: float) -> bool:
        """Wrap `note` to `room` (x units) if its lines then fit the `band` of height a row
        holds beside its dots (a short plot in a longer language); else unwrap it."""
        if room > 0:
            note.setTextWidth(room / units)
            if note.boundingRect().height() <= band:
                return True
        note.setTextWidth(-1)
        return False

    def _font(self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        """A label face: the chart's size, squeezed toward the floor (never under it) only
        when the rows do not fit the plot's height at full size (a visitor's larger text on a
        short plot)."""
        font = self.make_font(design_px, weight)
        floor = floor_font_px(self._short_side, self.family)
        font.setPixelSize(max(floor, round(font.pixelSize() * self._squeeze)))
        return font

    def _apply_fonts(self) -> None:
        self.expert_label.setFont(self._font(24))
        for note in self.notes:
            note.setFont(self._font(26))
        for _key, label in self.value_labels:
            label.setFont(self._font(30, QFont.Weight.DemiBold))
        for name, bench in zip(self.names, BENCHMARKS, strict=True):
            name.setHtml(
                f"<div style='color:{self.theme.text}; font-family:{self.family};"
                f" font-size:{self._font(40).pixelSize()}px; font-weight:700'>{bench.name}</div>"
                f"<div style='color:{self.theme.muted}; font-family:{self.family};"
                f" font-size:{self._font(24).pixelSize()}px'>{_(bench.what)}</div>"
            )

    def _label_rows(self) -> list[tuple[int, float]]:
        return [(row, value) for row, bench in enumerate(BENCHMARKS)
                for _key, value in self._values(bench)]  # fmt: skip

    def _set_spots(self) -> None:
        size = self.length(40)
        pen_width = max(2, self.length(5))
        for key, scatter in self.series.items():
            spots = []
            for row, bench in enumerate(BENCHMARKS):
                value = dict(self._values(bench)).get(key)
                if value is None:
                    continue
                hollow = key == "forecast"
                spots.append({
                    "pos": (value, self._centres[row]), "size": size,
                    "brush": pg.mkBrush(self.theme.background if hollow else self.colors[key]),
                    "pen": pg.mkPen(self.colors[key], width=pen_width),
                })  # fmt: skip
            scatter.setData(spots)

    def restyle(self) -> None:
        """Marker and font sizes for the current slide size."""
        super().restyle()
        self._set_spots()
        for gap in self.gaps:
            gap.setPen(pg.mkPen(self.theme.accent, width=max(2, self.length(6))))
        self.expert.setPen(pg.mkPen(self.theme.muted, width=max(1, self.length(3)), dash=[4, 4]))
        self._apply_fonts()
        style_axis(self.plot.getAxis("bottom"), font=self.make_font(28), color=self.theme.text,
                   grid=self.theme.muted, label=_("Accuracy (state of the art)"),
                   label_px=self.text_pt(28))  # fmt: skip
        size_axes(self.plot, self.make_font(28), self.text_pt(28))
        self.plot.getPlotItem().layout.setContentsMargins(
            self.length(8), self.length(24), self.length(32), 0
        )
        self._place_names()


def _two_lines(text: str, metrics: QFontMetricsF) -> str:
    """`text` broken at the space that makes its longer line shortest (no-break spaces hold),
    or unchanged if it has no space."""
    cuts = [i for i, char in enumerate(text) if char == " "]
    if not cuts:
        return text
    best = min(cuts, key=lambda i: max(metrics.horizontalAdvance(text[:i]),
                                       metrics.horizontalAdvance(text[i + 1 :])))  # fmt: skip
    return f"{text[:best]}\n{text[best + 1 :]}"
