"""pyqtgraph, imported the fast way (see `revkiosk.ui.pyside_fixes.import_pyqtgraph`).

Every chart module imports pyqtgraph through here (`from revkiosk.ui.plots.pgimport import pg`),
so the first import, whichever module triggers it, takes the fast path.
"""

from __future__ import annotations

from revkiosk.ui.pyside_fixes import import_pyqtgraph

pg = import_pyqtgraph()
