"""pyqtgraph charts for `kind: plot` slides; imported only when a plot slide is built.

Importing pyqtgraph costs 300-500 ms on a slow kiosk PC (most of it loading Qt's OpenGL, SVG and
Test libraries, which pyqtgraph imports unconditionally), more than a slide change may take. The
app can hide that cost by calling `warm_up()` once the first slide is on screen and the event loop
is idle; a plot slide built afterwards paints in about a fifth of the time.
"""

from __future__ import annotations


def warm_up() -> None:
    """Import the chart modules, read the dataset and fit the trends, so the first plot slide
    does not pay for them. Safe to call more than once; must run in the GUI thread."""
    from revkiosk.ui.plots import compute, csv_chart, forecast  # noqa: F401  (imports pyqtgraph)

    compute.shipped_fits()
