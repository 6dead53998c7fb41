"""`chart: forecast` — what forecasters expected for June 2022 against what happened.

The numbers, their words and their source are in `revkiosk.describe.forecasts` (shared with
the chart's spoken description).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from revkiosk.describe.forecasts import BENCHMARKS, EXPERT_LEVEL, SOURCE, Benchmark
from revkiosk.i18n.words import N_, _, percent
from revkiosk.theme import Theme
from revkiosk.ui.colors import readable_on
from revkiosk.ui.plots.axes import PercentAxis, style_axis
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
        self.credit.setText(_(SOURCE))
        item = self.plot.getPlotItem()
        forecast = "#8ecae6" if theme.name == "dark" else "#1d6fa5"
        # Its labels are text: 7:1 against the page in high contrast.
        ratio = theme.ratio(1.0)
        forecast = readable_on(QColor(forecast), QColor(theme.background), ratio).name()
        self.colors = {"start": theme.muted, "forecast": forecast, "actual": theme.accent}
        rows = range(len(BENCHMARKS))
        self.expert = pg.InfiniteLine(pos=EXPERT_LEVEL, angle=90, movable=False)
        self.expert_label = pg.TextItem(
            _("expert level ≈ {value}", value=percent(EXPERT_LEVEL)),
            color=theme.muted,
            anchor=(1, 0),
        )
        self.gaps = [pg.PlotCurveItem([b.forecast_2022, b.actual_2022], [r, r])
                     for r, b in zip(rows, BENCHMARKS, strict=True)]  # fmt: skip
        self.series = {key: pg.ScatterPlotItem() for key, _title in SERIES}
        self.value_labels: list[tuple[str, pg.TextItem]] = []
        self.notes: list[pg.TextItem] = []
        for row, bench in enumerate(BENCHMARKS):
            for key, value in self._values(bench):
                text = percent(value)
                if key == "actual":
                    text += f"  {bench.actual_by}"
                above = key != "forecast"  # forecasts below the row, so neighbours never touch
                label = pg.TextItem(text, color=self.colors[key], anchor=(0.5, 1.0 if above else 0))
                label.setPos(value, row + (0.13 if above else -0.13))
                self.value_labels.append((key, label))
            note = pg.TextItem(_("outside the forecasters’ {value} interval", value=percent(90)),
                               color=theme.muted, anchor=(0.5, 0.0))  # fmt: skip
            note.setPos((bench.forecast_2022 + bench.actual_2022) / 2, row - 0.3)
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
        """0–100%, both rows and the benchmark names in view."""
        self.view_box.setRange(xRange=(-26, 104), yRange=(-0.6, len(BENCHMARKS) - 0.4), padding=0)

    def restyle(self) -> None:
        """Marker and font sizes for the current slide height."""
        super().restyle()
        size = self.pt(40)
        pen_width = max(2, self.pt(5))
        for key, scatter in self.series.items():
            spots = []
            for row, bench in enumerate(BENCHMARKS):
                value = dict(self._values(bench)).get(key)
                if value is None:
                    continue
                hollow = key == "forecast"
                spots.append({
                    "pos": (value, row), "size": size,
                    "brush": pg.mkBrush(self.theme.background if hollow else self.colors[key]),
                    "pen": pg.mkPen(self.colors[key], width=pen_width),
                })  # fmt: skip
            scatter.setData(spots)
        for gap in self.gaps:
            gap.setPen(pg.mkPen(self.theme.accent, width=max(2, self.pt(6))))
        self.expert.setPen(pg.mkPen(self.theme.muted, width=max(1, self.pt(3)), dash=[4, 4]))
        self.expert_label.setFont(self.make_font(24))
        self.expert_label.setPos(EXPERT_LEVEL - 0.8, len(BENCHMARKS) - 0.42)
        for note in self.notes:
            note.setFont(self.make_font(26))
        for _key, label in self.value_labels:
            label.setFont(self.make_font(30, QFont.Weight.DemiBold))
        for name, bench in zip(self.names, BENCHMARKS, strict=True):
            name.setHtml(
                f"<div style='color:{self.theme.text}; font-family:{self.family};"
                f" font-size:{self.pt(40)}px; font-weight:700'>{bench.name}</div>"
                f"<div style='color:{self.theme.muted}; font-family:{self.family};"
                f" font-size:{self.pt(24)}px'>{_(bench.what)}</div>"
            )
            name.setPos(-25, BENCHMARKS.index(bench))
        style_axis(self.plot.getAxis("bottom"), font=self.make_font(28), color=self.theme.text,
                   grid=self.theme.muted, label=_("Accuracy (state of the art)"),
                   label_px=self.pt(28))  # fmt: skip
        self.plot.getAxis("bottom").setHeight(self.pt(100))
        self.plot.getPlotItem().layout.setContentsMargins(self.pt(8), self.pt(24), self.pt(32), 0)
