"""`kind: plot` slides: a title, one live chart chosen by `slide.chart`, and a caption.

The chart modules import pyqtgraph, so they are imported inside `_build_chart`, not at the top:
the registry imports this module only when a plot slide is built, and a chart that cannot be
built (a broken install, a bug) becomes an on-slide message instead of a crash.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from revkiosk.deck.model import PlotSlide, Slide
from revkiosk.ui.slides.base import ViewContext
from revkiosk.ui.slides.canvas import GAP, CanvasView

log = logging.getLogger(__name__)

CHART_MARGIN = 48.0  # design px: charts use more of the width than text slides


class PlotView(CanvasView):
    """Shows the compute, forecast or CSV chart of a plot slide."""

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        assert isinstance(slide, PlotSlide)
        self.plot_slide = slide
        self.title = self.make_title(slide.title)
        self.caption = QLabel(slide.caption, self)
        self.caption.setWordWrap(True)
        self.caption.setVisible(bool(slide.caption))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.hide()
        self.chart = self._build_chart()

    def _build_chart(self):  # -> ChartBase | None (pyqtgraph types stay out of the signature)
        slide, ctx = self.plot_slide, self.context
        try:
            if slide.chart == "compute":
                from revkiosk.ui.plots.compute import ComputeChart

                return ComputeChart(
                    ctx.theme,
                    ctx.deck,
                    highlight=slide.highlight,
                    years=slide.years,
                    jump_to=ctx.jump_to,
                    parent=self,
                )
            if slide.chart == "forecast":
                from revkiosk.ui.plots.forecast import ForecastChart

                return ForecastChart(ctx.theme, parent=self)
            if slide.chart == "csv":
                from revkiosk.ui.plots.csv_chart import CsvChartView

                return CsvChartView(ctx.theme, slide.csv, years=slide.years, parent=self)
            raise ValueError(f"unknown chart {slide.chart!r}")
        except Exception as error:  # noqa: BLE001 — any failure becomes a message on the slide
            log.exception("cannot build the %s chart", slide.chart)
            self.error.setText(f"This chart cannot be shown.\n{error}")
            self.error.show()
            return None

    def arrange(self) -> None:
        area = self.content_rect()
        top = area.top()
        if self.plot_slide.title:
            self.title.set_max_pixel_size(self.pt(64))
            title_h = self.title.fitted_height(area.width(), self.px(150))
            self.title.setGeometry(area.left(), top, area.width(), title_h)
            top += title_h + self.px(GAP)
        side = self.px(CHART_MARGIN)
        bottom = self.height() - self.px(CHART_MARGIN)
        if self.plot_slide.caption:
            self.caption.setStyleSheet(f"color: {self.theme.muted}; font-size: {self.pt(30)}px;")
            self.caption.setFont(self.face(30))
            cap_h = self.caption.heightForWidth(area.width())
            self.caption.setGeometry(area.left(), bottom - cap_h, area.width(), cap_h)
            bottom -= cap_h + self.px(GAP * 0.5)
        target = self.chart if self.chart is not None else self.error
        target.setGeometry(side, top, self.width() - 2 * side, max(bottom - top, 10))
        self.error.setStyleSheet(f"color: {self.theme.text}; font-size: {self.pt(36)}px;")
        if self.chart is not None:
            self.chart.set_view_height(self.height())

    # contract ---------------------------------------------------------------------------
    def handle_action(self, action: str) -> bool:
        """+ / - / 0 zoom the chart."""
        return self.chart.handle_action(action) if self.chart is not None else False

    def preload(self) -> None:
        """Next slide: make sure the chart modules and the data are ready (see `warm_up`)."""
        from revkiosk.ui.plots import warm_up

        warm_up()

    def leave(self) -> None:
        stop = getattr(self.chart, "stop_animation", None)
        if stop is not None:
            stop()

    def set_year_cursor(self, year: float | None) -> None:
        """Timeline hook: hide compute-chart systems after `year` (other charts ignore it)."""
        setter = getattr(self.chart, "set_year_cursor", None)
        if setter is not None:
            setter(year)

    def play_years(self, start: float, end: float, seconds: float) -> None:
        """Timeline hook: animate the year cursor on a compute chart."""
        player = getattr(self.chart, "play_years", None)
        if player is not None:
            player(start, end, seconds)
