"""`kind: plot` slides: a title, one live chart chosen by `slide.chart`, and a caption.

The chart modules import pyqtgraph, so they are imported inside `_build_chart`, not at the top:
the registry imports this module only when a plot slide is built, and a chart that cannot be
built (a broken install, a bug) becomes an on-slide message instead of a crash.

A chart is drawn picture first whenever that saves a wait: in a fresh process (pyqtgraph not
imported yet), and in the live window (the view is built on a shown stage), where building a
chart and its first paint hold the GUI thread 50-140 ms. At the view's first layout, when its
size is known, it paints a saved picture of the chart at that size
(`revkiosk.ui.plots.picture`) and, after that first paint, builds the live chart in pieces
(`revkiosk.ui.slices`): modules, chart, layout, swap — the same pixels, then hover, zoom and
clicks. A key pressed meanwhile waits for one piece, and a slide passed by builds nothing until
it is shown again. The picture is decoded within the slides' budget (`revkiosk.ui.decoded`):
charts passed at a visitor's speed get theirs from the worker a frame later, and the pieces
start when it is here. With no picture for this size yet, the slide's frame paints with the chart's
place empty and the chart follows in the same pieces (its picture is saved after its first
paint, for the next time). A view built off screen (export, audit, tests) builds its chart at
once; a zoom key, a resize or `preload` finish the pieces at once.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator

from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import PlotSlide, Slide
from revkiosk.i18n.words import _
from revkiosk.ui.slices import Slices
from revkiosk.ui.slides.canvas import GAP, CanvasView

log = logging.getLogger(__name__)

CHART_MARGIN = 48.0  # design px: charts use more of the width than text slides
CAPTION_PX = 31.0
CHART_SHARE = 0.72  # of the content height, kept for the chart before the title may shrink


class PlotView(CanvasView):
    """Shows the compute, forecast or CSV chart of a plot slide."""

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        assert isinstance(slide, PlotSlide)
        self.plot_slide = slide
        self.title = self.make_title(slide.title)
        self.caption = self.make_text(
            slide.caption, element="caption", color=self.muted, line_height=1.25
        )
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.hide()
        self._waiting_for_data = False  # a big CSV is being read on the worker
        # Picture first (see the module's docstring): the chart is built after the first paint.
        self.picture_first = self._cold() or (parent is not None and parent.isVisible())
        self.chart = None if self.picture_first else self._build_chart()
        self.picture: QWidget | None = None  # the saved first frame, while the chart is built
        self._looked_for_picture = False
        self._picture_pending = False  # the picture is being decoded on the worker
        self._painted = False
        self._slices: Slices | None = None  # the live chart's pieces, after the first paint
        self._pending_year: tuple[float | None] | None = None
        self._chart_size = QSize()  # the chart's place at the last `arrange`

    @staticmethod
    def _cold() -> bool:
        """True while pyqtgraph is not imported (a fresh process): pictures first, wherever
        the view is shown."""
        return "pyqtgraph" not in sys.modules

    def _picture_key(self, size: QSize) -> str:
        from revkiosk.ui.plots.picture import picture_key

        return picture_key(self.context, self.plot_slide, size, self.devicePixelRatioF())

    @property
    def year_chart_pending(self) -> bool:
        """True while a compute chart (one with a year cursor) is still being built: the
        timeline drives it already (`set_year_cursor` keeps the year for it)."""
        return self.chart is None and self.plot_slide.chart == "compute" and self.error.isHidden()

    def _show_picture_or_build(self, size: QSize) -> None:
        """First layout: paint the saved picture now and build the chart after that paint;
        with no picture for this size, a cold view off screen builds the chart now, a view in
        the live window after its first paint."""
        self._looked_for_picture = True
        from revkiosk.ui.plots.picture import load_picture, request_picture

        key = self._picture_key(size)
        if not self._in_live_window():
            self._picture_arrived(size, load_picture(key))
            return
        # In the live window a picture decoded lately comes now; at a visitor's speed it may
        # come from the worker a frame later (the chart's place stays empty until then).
        now = request_picture(key, self, lambda image: self._picture_arrived(size, image))
        if now is None:
            self._picture_pending = True
        else:
            self._picture_arrived(size, now[0])

    def _picture_arrived(self, size: QSize, image: QImage | None) -> None:
        """Show the chart's picture (the live chart is built after the first paint), or, with
        none for this size, build the chart: now off screen, else in pieces after a paint."""
        from revkiosk.ui.plots.picture import ChartPicture

        pending, self._picture_pending = self._picture_pending, False
        if self.chart is not None or self.picture is not None or not self.error.isHidden():
            return  # the live chart came first (a zoom key, a preload)
        ratio = self.devicePixelRatioF()
        expected = QSize(round(size.width() * ratio), round(size.height() * ratio))
        if pending and size != self._chart_size:  # resized while it was on the worker:
            self._picture_pending = True  # (its answer starts the slices, as this one would)
            self._show_picture_or_build(self._chart_size)  # the picture of the new size
            return
        if image is None or image.size() != expected:
            if not self._in_live_window():
                self.chart = self._build_chart()
            elif pending and self._painted:
                self._soon("_start_slices")  # the first paint did not start them: now
            return
        image.setDevicePixelRatio(ratio)
        self.picture = ChartPicture(image, self, on_tap=self._picture_tapped)
        self.picture.resize(size)  # what `arrange` checks it against
        if pending:
            self.arrange()  # its place (when it came now, `arrange` is where it was asked)
        self.picture.show()  # the live chart is built after the first paint (`paintEvent`)
        if pending and self._painted:
            self._soon("_start_slices")

    def _in_live_window(self) -> bool:
        parent = self.parentWidget()
        return parent is not None and parent.isVisible()

    def _start_slices(self) -> None:
        """After the first paint: build the live chart one piece per event-loop turn."""
        if self._slices is None and self.chart is None and not self._waiting_for_data:
            self._slices = Slices(self, self._chart_pieces())
        if self._slices is not None:
            self._slices.resume()

    def _chart_pieces(self) -> Iterator[Callable[[], None]]:
        """The pieces: the chart modules (a fresh process: ~100 ms each), the chart built out of
        sight, its layout under the picture, its labels; then the swap (its first paint)."""
        from revkiosk.ui.plots import warm_up_steps

        if self._cold():
            yield from warm_up_steps(sample_chart=False)
        yield self._build_hidden
        yield self._lay_out_hidden
        yield self._settle_hidden
        yield self._swap_now

    def _build_hidden(self) -> None:
        if self.chart is None and self.error.isHidden():
            self.chart = self._build_chart()
            if self.chart is not None:
                self.chart.hide()
                if self._pending_year is not None:
                    self.set_year_cursor(self._pending_year[0])

    def _lay_out_hidden(self) -> None:
        """Size the chart and show it under the opaque picture (nothing of it is painted), so
        its plot lays itself out now rather than in the frame of the swap."""
        if self.chart is None or self.picture is None:
            return
        self.arrange()
        self.chart.show()
        self.picture.raise_()

    def _settle_hidden(self) -> None:
        """Apply the plot's layout and place its labels, still under the picture."""
        if self.chart is None or self.picture is None:
            return
        self._activate_layout()

    def _activate_layout(self) -> None:
        """The plot's layout applied and its labels placed now, not at the next paint."""
        if self.chart is None:
            return
        self.chart.plot.getPlotItem().layout.activate()
        overlays = getattr(self.chart, "overlays", None)
        if overlays is not None:
            overlays.flush()

    def _swap_in_chart(self) -> None:
        """The live chart takes the picture's place now (the pieces left, if any, run now)."""
        slices = self._slices
        if slices is not None and not slices.done:
            slices.finish()  # its last piece is the swap
        else:
            self._swap_now()

    def _swap_now(self) -> None:
        self._slices = None
        had_picture = self.picture is not None
        if self.chart is None and not self._waiting_for_data:
            self.chart = self._build_chart()
            if self.chart is not None and self._pending_year is not None:
                self.set_year_cursor(self._pending_year[0])
        if self._waiting_for_data:
            return  # a big CSV on the worker: the picture stays until it arrives (and swaps)
        if self.picture is not None:
            self.picture.hide()
            self.picture.deleteLater()
            self.picture = None
        self.arrange()
        if self.chart is not None:
            self.chart.show()
        if not had_picture and self.isVisible():
            self._soon("_save_picture")  # built without one: keep it for the next time

    def _picture_tapped(self, point: QPoint, touch: bool) -> QWidget | None:
        """A click or tap on the picture: the live chart, now, and the widget under the point
        that gets the click, as it would have a few frames later (a milestone's point jumps to
        its slide, a legend entry hides its domain; on empty chart a mouse click moves on).
        A finger on the plot gets the chart's own tap (`ui/gestures.py`: it never moves on);
        None: nothing more to do."""
        picture = self.picture
        if picture is None:
            return None
        at = picture.mapTo(self, point)
        self._swap_in_chart()
        if self.chart is None or self.picture is not None:
            return None  # it could not be built (its message shows), or its data is coming
        self._activate_layout()
        target = self.childAt(at)
        plot = getattr(self.chart, "plot", None)
        if touch and target is not None and plot is not None and target is plot.viewport():
            from revkiosk.ui.zoom import ChartZoom

            ChartZoom(self.chart).tap(QPointF(target.mapFrom(self, at)))
            return None
        return target

    def _save_picture(self) -> None:
        """Keep the chart's first frame for the next cold start: ahead of time (preload) or
        right after its first paint, before anyone could hover or zoom."""
        chart = self.chart
        if chart is None or chart.width() < 10:
            return
        from revkiosk.ui.plots.picture import is_saved, save_picture_soon

        key = self._picture_key(chart.size())
        if not is_saved(key):
            # the view's grab of the chart's area: the legend row is transparent over the slide
            save_picture_soon(key, self.grab(chart.geometry()).toImage())

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self._painted:  # just after the first frame is on screen:
            self._painted = True  # build the live chart, or keep a picture of it
            waiting = self.chart is None and self.error.isHidden()
            if not self._picture_pending:  # else the picture's arrival starts the slices
                self._soon("_start_slices" if waiting else "_save_picture")

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._slices is not None:  # passed by before its chart was built: go on
            self._slices.resume()

    def _soon(self, method: str) -> None:
        """`self.<method>()` on the next event-loop turn, unless the view is gone by then."""
        from revkiosk.ui.pyside_fixes import soon

        soon(self, lambda view: getattr(view, method)())

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
                from revkiosk.ui.plots import csv_data
                from revkiosk.ui.plots.csv_chart import CsvChartView

                data = None
                if slide.csv is not None:  # a big file is read on the worker: built later
                    data = csv_data.request(slide.csv, self, self._on_csv_data_arrived)
                    if data is None:
                        self._waiting_for_data = True
                        return None
                return CsvChartView(ctx.theme, slide.csv, years=slide.years, data=data, parent=self)
            raise ValueError(f"unknown chart {slide.chart!r}")
        except Exception as error:  # any failure becomes a message on the slide
            log.exception("cannot build the %s chart", slide.chart)
            self.error.setText(_("This chart cannot be shown.") + f"\n{error}")
            self.error.show()
            return None

    def _on_csv_data_arrived(self, _outcome: object) -> None:
        """The worker has read the chart's big CSV: build the chart now (the data is shared)."""
        self._waiting_for_data = False
        if self.chart is None:
            self._swap_in_chart()

    def arrange(self) -> None:
        area = self.content_rect()
        top = area.top()
        side = self.px(CHART_MARGIN)
        bottom = self.height() - self.px(CHART_MARGIN)
        if self.plot_slide.caption:
            self.size_text(self.caption, CAPTION_PX)
            cap_w = self.measure_width(area.width())
            cap_h = self.caption.fitted_height(cap_w, round(area.height() * 0.25))
            self.caption.setGeometry(area.left(), bottom - cap_h, cap_w, cap_h)
            bottom -= cap_h + self.px(GAP * 0.5)
        if self.plot_slide.title:
            # the chart keeps most of the height: a long title (or larger text) shrinks first
            self.size_text(self.title, 64)
            room = bottom - top - self.px(GAP) - round(area.height() * CHART_SHARE)
            title_h = self.title.fitted_height(
                area.width(), max(self.px(60), min(round(area.height() * 0.2), room))
            )
            self.title.setGeometry(area.left(), top, area.width(), title_h)
            top += title_h + self.px(GAP)
        rect = (side, top, self.width() - 2 * side, max(bottom - top, 10))
        self._chart_size = QSize(rect[2], rect[3])
        if self.chart is None and self.error.isHidden():
            if not self._looked_for_picture:
                self._show_picture_or_build(QSize(rect[2], rect[3]))
            elif self.picture is not None and self.picture.size() != QSize(rect[2], rect[3]):
                self._swap_in_chart()  # resized before the swap: the picture no longer fits
                return
        elif self.picture is not None and self.picture.size() != QSize(rect[2], rect[3]):
            self._swap_in_chart()  # built under a picture that no longer fits
            return
        for target in (self.chart, self.picture, self.error):
            if target is not None:
                target.setGeometry(*rect)
                break
        self.error.setStyleSheet(f"color: {self.theme.text}; font-size: {self.readable(36)}px;")
        if self.chart is not None:
            self.chart.set_short_side(self.short_side())

    # contract ---------------------------------------------------------------------------
    def handle_action(self, action: str) -> bool:
        """+ / - / 0 zoom the chart (built and shown now if it was still on its way, under
        its picture or not yet begun)."""
        on_its_way = self.chart is None or self.picture is not None
        if on_its_way and action.startswith("zoom") and self.error.isHidden():
            self._swap_in_chart()
        return self.chart.handle_action(action) if self.chart is not None else False

    def preload(self) -> None:
        """Next slide: make sure the chart modules and the data are ready (see `warm_up`) and
        look for the chart's picture; with none, build the chart now (idle time) and save its
        first frame for the next time."""
        from revkiosk.ui.plots import warm_up

        warm_up()
        self.arrange()  # a hidden view gets its resize event only when shown
        waiting = self._waiting_for_data or self._picture_pending or not self.error.isHidden()
        if self.chart is None and self.picture is None and not waiting:
            self._swap_in_chart()
        self._save_picture()

    def leave(self) -> None:
        stop = getattr(self.chart, "stop_animation", None)
        if stop is not None:
            stop()

    def set_year_cursor(self, year: float | None) -> None:
        """Timeline hook: hide compute-chart systems after `year` (other charts ignore it)."""
        if self.chart is None:  # the picture is up: apply it once the chart is built
            self._pending_year = (year,)
            return
        setter = getattr(self.chart, "set_year_cursor", None)
        if setter is not None:
            setter(year)

    def play_years(self, start: float, end: float, seconds: float) -> None:
        """Timeline hook: animate the year cursor on a compute chart (reduced motion: jump to
        where the sweep would end)."""
        if self.context.visitor.reduced_motion:
            self.set_year_cursor(end)
            return
        if self.year_chart_pending:
            self._swap_in_chart()  # a sweep asked for on the picture: the live chart, now
        player = getattr(self.chart, "play_years", None)
        if player is not None:
            player(start, end, seconds)
