"""pyqtgraph charts for `kind: plot` slides; imported only when a plot slide is built.

Where a cold plot slide's time goes (2-core kiosk PC, benchmarks/bench_plots.py; the machine
was shared, so take the proportions rather than the figures): importing numpy ~65-115 ms;
pyqtgraph's Qt shim ~100 ms, almost all of it `pyqtgraph.Qt._copy_attrs` touching every class
of QtCore/QtGui/QtWidgets, which makes PySide6 create each lazily loaded type (importing
QtSvg, QtOpenGLWidgets and QtTest, often blamed, costs only ~4 ms); the rest of pyqtgraph
~100 ms; then the dataset, the trend fits and the first chart build. None of the imports can
be avoided while pyqtgraph draws the chart, so a cold plot slide cannot paint in 150 ms. The
app hides the cost instead: `warm_up()` (or `schedule_warm_up()`, which yields to the event
loop between steps) once the first slide is on screen; `PlotView.preload()` calls `warm_up()`
too. After it a plot slide paints in well under 150 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator


def warm_up_steps() -> Iterator[Callable[[], None]]:
    """The warm-up in separate steps of roughly 100 ms each (see `schedule_warm_up`)."""

    def import_numpy() -> None:
        import numpy  # noqa: F401

    def import_pyqtgraph() -> None:
        import pyqtgraph  # noqa: F401

    def import_charts() -> None:
        from revkiosk.ui.plots import compute, compute_layers, csv_chart, forecast  # noqa: F401

    def fit_trends() -> None:
        from revkiosk.ui.plots import compute_layers

        compute_layers.shipped_fits()

    def build_one_chart() -> None:
        # The first chart of a process pays ~20 ms more than later ones (fonts, style sheets,
        # pyqtgraph's menus and sprite atlas): pay it here, on a chart nobody sees.
        from revkiosk.ui.plots.compute import ComputeChart
        from revkiosk.ui.theme import theme_named

        if ComputeChart.built:  # a real one exists (PlotView.preload runs after building it)
            return
        chart = ComputeChart(theme_named("dark"))
        chart.resize(960, 540)
        chart.grab()
        chart.deleteLater()

    yield from (import_numpy, import_pyqtgraph, import_charts, fit_trends, build_one_chart)


def warm_up() -> None:
    """Import the chart modules, read the dataset, fit the trends and build one chart offscreen,
    so the first plot slide does not pay for them. Safe to call more than once (later calls
    cost nothing); must run in the GUI thread."""
    for step in warm_up_steps():
        step()


def schedule_warm_up() -> None:
    """`warm_up()` one step per event-loop turn, so a key press during it waits at most one
    step (~100 ms) rather than the whole warm-up. Call from the GUI thread."""
    from PySide6.QtCore import QTimer

    steps = warm_up_steps()

    def run_next() -> None:
        step = next(steps, None)
        if step is not None:
            step()
            QTimer.singleShot(0, run_next)

    QTimer.singleShot(0, run_next)
