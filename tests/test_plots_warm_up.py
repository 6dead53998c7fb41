"""The chart warm-up imports numpy on a thread, in a fresh process (issue 21): the event loop
keeps turning meanwhile; pyqtgraph, which makes PySide6 build its classes (not safe from two
threads at once), is imported on the GUI thread; no Qt object is made off the GUI thread; the
charts work afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

PROBE = textwrap.dedent(
    """
    import gc, sys, time
    from PySide6.QtCore import QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from revkiosk.ui import plots

    assert "numpy" not in sys.modules and "pyqtgraph" not in sys.modules
    worker = plots.import_in_background()
    worker.join(60)
    print("after-thread", "numpy" in sys.modules, "pyqtgraph" in sys.modules)
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(5)
    done = []
    plots.schedule_warm_up(then=lambda: done.append(time.perf_counter()), sample_chart=False)
    while not done:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    assert "pyqtgraph" in sys.modules
    waits = [b - a for a, b in zip(ticks, ticks[1:])]
    print("ticks", len(ticks), "worst", round(max(waits) * 1000))
    gui = app.thread()
    strays = [o for o in gc.get_objects() if isinstance(o, QObject) and o.thread() is not gui]
    print("strays", len(strays))
    from revkiosk.ui.plots.compute import ComputeChart  # the charts work on the GUI thread
    print("ok", ComputeChart.__name__)
    """
)


def test_numpy_imports_on_a_thread_and_pyqtgraph_on_the_gui_thread() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["strays"] == "0"  # no Qt object was made on the import thread
    assert lines["ok"] == "ComputeChart"
    assert lines["after-thread"] == "True False"  # numpy on the thread, pyqtgraph not
    ticks, _, _worst = lines["ticks"].split()
    assert int(ticks) >= 2  # the loop turned between the steps
