"""What the benchmarks share: memory now, percentiles, and timing a whole process.

Benchmarks run as scripts (`python benchmarks/bench_x.py`), so this folder is on sys.path.
Resident memory comes from the app's own `revkiosk.kiosk.status.rss_bytes`, the figure the kiosk's
status file reports (the benchmark puts the sources it measures on sys.path first).
"""

from __future__ import annotations

import resource
import subprocess
import time

FIRST_PAINT_MARKER = "revkiosk: first slide painted"


def rss_mb() -> float:
    """Resident memory of this process now, in MB (NaN where the platform cannot say)."""
    from revkiosk.kiosk.status import rss_bytes

    size = rss_bytes()
    return size / 1e6 if size is not None else float("nan")


def start_as_the_player_does() -> None:
    """What `revkiosk.app.main` does before it builds the player: the heap policy, before any
    thread allocates (`revkiosk.allocator`). Call it before `build_player`; a tree measured as a
    baseline that has no such module is left as its own player started."""
    try:
        from revkiosk.allocator import tune_allocator
    except ImportError:
        return
    tune_allocator()


def collect_as_the_player_does(long_lived: bool = False) -> None:
    """The player's garbage collection (`revkiosk.first_paint`): what start-up allocated set
    aside and collection moved to a GUI-thread timer, as after the first paint; with
    `long_lived`, also numpy, pyqtgraph and the charts, as after the chart warm-up. Without
    it a benchmark's process walks ~50k long-lived objects in every full collection, 20-40 ms
    at whichever key press it lands on, which the player does not. (Older trees: nothing.)"""
    try:
        from revkiosk.first_paint import resume_gc, set_aside_long_lived
    except ImportError:
        return
    resume_gc()
    if long_lived:
        set_aside_long_lived()


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank; 0.0 for no values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def timed_process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one process run to its first painted slide.

    Wall time on a shared machine mostly measures the neighbours; CPU time measures the program.
    Stops the benchmark if the process never printed the first-paint marker.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    if FIRST_PAINT_MARKER not in result.stdout:
        raise SystemExit(f"no first-paint marker from {command}:\n{result.stderr[-2000:]}")
    return wall, cpu


def paint_counter():  # a QObject subclass, built lazily: no Qt import here
    """An event filter counting Paint events of the widgets it is installed on (`.count`):
    a frame is timed until the widget has really painted, not just until events ran."""
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    return PaintCounter()
