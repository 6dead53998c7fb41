"""A bare pyqtgraph plot of random `Dots`, to compare their fast drawing with pyqtgraph's own."""

from __future__ import annotations

import numpy as np


def dots_plot(qtbot, count: int, seed: int, x_range: tuple[float, float]):
    """(widget, dots): `count` sorted-x dots in x 0..100, y 0..10, shown at 800x600 over
    `x_range` (y 0..10, or 2..8 when zoomed in on x)."""
    import pyqtgraph as pg

    from revkiosk.ui.plots.items import Dots

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    dots = Dots()
    dots.setBrush(pg.mkBrush("#4cc9f0"))
    dots.setSize(13)
    rng = np.random.default_rng(seed)
    dots.set_points(np.sort(rng.uniform(0, 100, count)), rng.uniform(0, 10, count))
    widget.addItem(dots)
    y_range = (0, 10) if x_range == (0, 100) else (2, 8)
    widget.setRange(xRange=x_range, yRange=y_range, padding=0)
    widget.show()
    qtbot.waitExposed(widget)
    return widget, dots
