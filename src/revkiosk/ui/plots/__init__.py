"""pyqtgraph charts for `kind: plot` slides; imported only when a plot slide is built.

Importing pyqtgraph costs 300-500 ms on a slow PC, which is more than a slide change may take.
Most of that time goes on loading Qt's OpenGL, SVG and Test libraries, which pyqtgraph imports
unconditionally. The app can hide the cost by calling `warm_up()` once the first slide is on
screen and the event loop is idle. `PlotView.preload()` does this too. On the 2-core test box, a
plot slide built after the warm-up paints in roughly a quarter of the cold time (see
benchmarks/bench_plots.py).
"""

from __future__ import annotations


def warm_up() -> None:
    """Import the chart modules, read the dataset and fit the trends, so the first plot slide
    does not pay for them. Safe to call more than once; must run in the GUI thread."""
    from revkiosk.ui.plots import compute, compute_layers, csv_chart, forecast  # noqa: F401

    compute_layers.shipped_fits()
