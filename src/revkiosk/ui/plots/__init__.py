"""pyqtgraph charts for `kind: plot` slides; imported only when a plot slide is built.

Where a cold plot slide's time goes (2-core kiosk PC, benchmarks/bench_plots.py; take the
proportions rather than the figures on a shared machine): importing numpy ~55-65 ms; pyqtgraph
~100-120 ms (it was ~200: `pgimport` spares it the ~95 ms copy of every Qt class); the chart
modules ~10 ms; the dataset and the trend lines ~25 ms (no bootstrap: the chart draws no
intervals); building the chart ~60 ms and its first paint ~25 ms. That cannot fit in 150 ms, so:

- once the first slide is on screen the app calls `schedule_warm_up()` (one ~100 ms step per
  event-loop turn), and `PlotView.preload()` calls `warm_up()`: a plot slide reached by
  navigating then paints in ~60 ms;
- a plot slide shown in the live window, or by a process that starts on it (resume, a kiosk
  restart), paints a saved picture of the chart's first frame at once and builds the live chart
  in pieces after that paint, swapping it in unseen (`picture`, `revkiosk.ui.slices`): a key
  pressed on a chart waits for one piece, not for the chart (issue 21).

numpy (~0.1 s to import) is imported on a thread (`import_in_background`): on the GUI thread it
held the event loop that long in one piece, so a key pressed in the first second of a show, or
on a chart a fresh process starts on, waited. Python's per-module import locks make a GUI-thread
import of numpy wait for the thread rather than see half a module. pyqtgraph (~0.1 s) is not:
its import creates PySide6's classes (shiboken builds them lazily, and building them from two
threads at once is not safe) and goes through PySide6's per-module feature set-up; it, the
chart modules and the fits are steps on the GUI thread (tests/test_plots_warm_up.py).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

WAIT_STEP_S = 0.004  # a warm-up step that waits for the import thread holds the loop this long
_importer: threading.Thread | None = None  # one per process (`import_in_background`)
_importer_lock = threading.Lock()


def _import_numpy() -> None:
    try:
        import numpy  # noqa: F401
    except BaseException:  # the GUI thread imports it again and meets the error there
        log.debug("numpy: background import failed", exc_info=True)


def import_in_background() -> threading.Thread | None:
    """Start importing numpy on a thread, once per process; returns the thread while it runs.
    Not a daemon: an interpreter that exits mid-import waits for it, rather than tearing
    modules down under it. Nothing that touches Qt is imported there (see the module
    docstring)."""
    global _importer
    with _importer_lock:
        if _importer is None:
            if "numpy" in sys.modules:  # imported already (a test, a warm-up)
                return None
            _importer = threading.Thread(target=_import_numpy, name="chart-imports")
            _importer.start()
        return _importer if _importer.is_alive() else None


def warm_up_steps(sample_chart: bool = True) -> Iterator[Callable[[], None]]:
    """The warm-up in separate steps (see `schedule_warm_up`): short waits while numpy imports
    on a thread, then pyqtgraph (~0.1 s), the chart modules, the trend fits and (unless
    `sample_chart=False`, when a real chart comes next) a throw-away chart (~60 ms)."""
    thread = import_in_background()

    def wait_for_imports() -> None:
        if thread is not None:
            thread.join(WAIT_STEP_S)  # releases the GIL: the importer runs meanwhile

    while thread is not None and thread.is_alive():
        yield wait_for_imports

    def import_numpy() -> None:
        import numpy  # noqa: F401

    def import_pyqtgraph() -> None:
        from revkiosk.ui.plots.pgimport import pg  # noqa: F401

    def import_charts() -> None:
        from revkiosk.ui.plots import compute, compute_layers, csv_chart, forecast  # noqa: F401

    def fit_trends() -> None:
        from revkiosk.ui.plots import compute_layers

        compute_layers.shipped_fits()

    def build_one_chart() -> None:
        # The first chart of a process pays ~20 ms more than later ones (fonts, style sheets,
        # pyqtgraph's menus and sprite atlas): pay it here, on a chart nobody sees.
        from revkiosk.theme import theme_named
        from revkiosk.ui.plots.compute import ComputeChart

        if ComputeChart.built:  # a real one exists (PlotView.preload runs after building it)
            return
        chart = ComputeChart(theme_named("dark"))
        chart.resize(960, 540)
        chart.grab()
        chart.deleteLater()

    yield from (import_numpy, import_pyqtgraph, import_charts, fit_trends)
    if sample_chart:
        yield build_one_chart


def warm_up() -> None:
    """Import the chart modules, read the dataset, fit the trends and build one chart offscreen,
    so the first plot slide does not pay for them. Safe to call more than once (later calls
    cost nothing); must run in the GUI thread."""
    for step in warm_up_steps():
        step()


def schedule_warm_up(
    then: Callable[[], None] | None = None,
    owner: QObject | None = None,
    sample_chart: bool = True,
) -> None:
    """`warm_up()` one step per event-loop turn, so a key press during it waits at most one
    step (~100 ms) rather than the whole warm-up, then call `then`. With an `owner`, the steps
    stop when it is deleted (a view that left). Call from the GUI thread."""
    from PySide6.QtCore import QTimer

    from revkiosk.ui.pyside_fixes import soon

    steps = warm_up_steps(sample_chart)

    def run_next(_owner: QObject | None = None) -> None:
        step = next(steps, None)
        if step is None:
            if then is not None:
                then()
            return
        step()
        next_turn()

    def next_turn() -> None:
        if owner is None:
            QTimer.singleShot(0, run_next)
        else:
            soon(owner, run_next)

    next_turn()
