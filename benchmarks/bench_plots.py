"""Plot slide costs, each against a baseline measured in the same run.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src python benchmarks/bench_plots.py [-n 40] [--runs 5]
        [--rounds 3] [--only frames|first-paint] [--forced-repaint] [--src OTHER_CHECKOUT/src]

1. Pan/zoom repaint, per frame, of the compute chart at 1920x1080 offscreen: the real dataset
   (451 systems) and a synthetic 100,000-point set (clipToView + auto subsampling). Baseline: the
   same repaint of an empty pyqtgraph PlotWidget of the same size, i.e. what any frame costs.
2. First paint of the shipped deck's "deep-learning era" compute slide (8 highlights, labelled
   milestones) in a fresh process, including the pyqtgraph import, the dataset load and the
   trend fits (target < 150 ms), and the same after `plots.warm_up()` (what a preloaded slide
   costs: the app calls it once the first slide is on screen). Baseline: a fresh process
   painting an empty slide-sized widget, so interpreter and Qt start-up are not counted against
   the chart.

The year cursor under a timeline drag (time per step, p99 and max, memory over 10,000 steps,
before/after in one run with --compare) has its own benchmark: bench_cursor.py.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _harness import paint_counter

REPO = Path(__file__).resolve().parent.parent
# --src OTHER/src benchmarks another copy of the sources (before/after figures in one run)
SRC = Path(sys.argv[sys.argv.index("--src") + 1]) if "--src" in sys.argv else REPO / "src"
sys.path.insert(0, str(SRC))
TARGET_FIRST_PAINT_MS = 150.0
TARGET_FRAME_MS = 16.0

FIRST_PAINT = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
from revkiosk.deck.load import load_deck
from revkiosk.theme import theme_named
from revkiosk.context import ViewContext
from revkiosk.ui.view import view_class
deck = load_deck(sys.argv[2])                    # the shipped deck: its milestones get labels
slide = next(s for s in deck.slides if s.id == "compute-deep-learning")
context = ViewContext(deck, theme_named("dark"))
if sys.argv[1] == "warm":
    from revkiosk.ui.plots import warm_up
    warm_up()                                    # what the app does once the first slide shows
start, start_cpu = time.perf_counter(), time.thread_time()
if sys.argv[1] == "empty":
    view = QWidget()
else:
    view = view_class("plot")(slide, context)   # imports pyqtgraph, loads data, fits trends
view.resize(1920, 1080)                          # (or, "picture": shows the saved first frame)
view.show()
view.grab()                                      # forces a complete paint
first = (time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000
if sys.argv[1] == "prepare":
    view.preload()                               # saves the picture for the next cold start
live = first[0]
if sys.argv[1] == "picture":                     # until the live chart has replaced it
    assert view.chart is None and view.picture is not None, "no picture was shown"
    while view.chart is None or view.picture is not None:
        app.processEvents()
    view.grab()
    live = (time.perf_counter() - start) * 1000
print(*first, live)
"""
DECK = REPO / "slides" / "deep-learning-revolution.yaml"


def synthetic(n: int):
    """n systems spread over 1950-2025 with a two-era trend and noise, all domains."""
    import numpy as np

    from revkiosk.data.dataset import DOMAINS, System

    rng = np.random.default_rng(0)
    years = np.sort(rng.uniform(1950, 2025, n))
    log_c = np.where(years < 2010, 4 + (years - 1950) * 0.17, 14 + (years - 2010) * 0.6)
    log_c = log_c + rng.normal(0, 1.0, n)
    day0 = date(1950, 1, 1)
    return [
        System(
            f"s{i}",
            "Org",
            day0 + timedelta(days=int((y - 1950) * 365.25)),
            DOMAINS[i % len(DOMAINS)],
            float(10**c),
            None,
        )  # fmt: skip
        for i, (y, c) in enumerate(zip(years, log_c, strict=True))
    ]


def pan_zoom(box):
    """Frame i's view change: pan a little, every 4th frame zoom in or out by 3%."""

    def step(i: int) -> None:
        if i % 4 == 3:
            box.scaleBy((0.97, 0.97) if i % 8 == 3 else (1 / 0.97, 1 / 0.97))
        else:
            box.translateBy(x=0.05 * (1 if i % 8 < 4 else -1))

    return step


def frame_ms(widget, step, frames: int, forced: bool = False) -> tuple[float, float, float]:
    """Median and 90th-percentile wall ms, and median CPU ms, from one `step(i)` (a pan/zoom,
    a year-cursor move) to its repaint being done. CPU time (this thread's) is the steadier
    figure on a shared machine, where wall time also counts waiting for a core.

    By default a frame is the step plus event processing until the viewport has painted once,
    as in the app. `forced` instead adds a synchronous `repaint()` after `processEvents()`: the
    first version of this benchmark did that (the figures in issue 4), and it paints twice.
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    counter = paint_counter()
    widget.viewport().installEventFilter(counter)
    times, cpu = [], []
    for i in range(frames):
        painted = counter.count
        start, start_cpu = time.perf_counter(), time.thread_time()
        step(i)
        app.processEvents()
        if forced:
            widget.viewport().repaint()
        else:
            for _ in range(50):
                if counter.count > painted:
                    break
                app.processEvents()
            else:
                widget.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    widget.viewport().removeEventFilter(counter)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)], statistics.median(cpu)


def bench_frames(frames: int, forced: bool, rounds: int) -> None:
    """Baseline and charts measured in turn, `rounds` times; each figure is the median over
    rounds of the per-round medians (a shared machine's load comes and goes)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    import pyqtgraph as pg

    from revkiosk.theme import theme_named
    from revkiosk.ui.plots.compute import ComputeChart

    empty = pg.PlotWidget()
    widgets = {"baseline": (empty, pan_zoom(empty.getPlotItem().getViewBox()))}
    for label, systems in (("real", None), ("synthetic", synthetic(100_000))):
        chart = ComputeChart(theme_named("dark"), systems=systems, years=(2010, 2023))
        widgets[label] = (chart.plot, pan_zoom(chart.view_box))
        if systems is None:  # what the timeline's play_years() does 60 times a second
            sweep = lambda i, c=chart: c.set_year_cursor(2010 + 13 * (i % 200) / 200)  # noqa: E731
            widgets["cursor"] = (chart.plot, sweep)
    results: dict[str, list[tuple[float, float, float]]] = {key: [] for key in widgets}
    for _ in range(rounds):
        for key, (widget, step) in widgets.items():
            top = widget.window()
            top.resize(1920, 1080)
            top.show()
            app.processEvents()
            results[key].append(frame_ms(widget, step, frames, forced))
            top.hide()

    def summary(key: str) -> tuple[float, float, float]:
        return tuple(statistics.median(r[k] for r in results[key]) for k in range(3))

    base, base_p90, base_cpu = summary("baseline")
    print(f"frame, empty PlotWidget pan/zoom (baseline)      : median {base:6.2f} ms, "
          f"p90 {base_p90:6.2f} ms, CPU {base_cpu:6.2f} ms")  # fmt: skip
    for key, label in (
        ("real", "pan/zoom, real data (451)"),
        ("synthetic", "pan/zoom, synthetic 100,000"),
        ("cursor", "year-cursor step, real data"),
    ):
        ms, p90, cpu = summary(key)
        verdict = "OK" if ms < TARGET_FRAME_MS else "OVER TARGET"
        print(f"frame, compute chart, {label:28s}: median {ms:6.2f} ms "
              f"({ms / base:4.1f}x baseline, target < {TARGET_FRAME_MS:.0f}: {verdict}), "
              f"p90 {p90:6.2f} ms, CPU {cpu:6.2f} ms ({cpu / base_cpu:4.1f}x)")  # fmt: skip


def bench_first_paint(runs: int) -> None:
    """Each kind in fresh processes, interleaved run by run so machine noise hits all alike.
    "chart" and "warm" get an empty cache; "picture" one where a "prepare" run (the app's
    preload) has saved the chart's first frame — a cold start after the first ever."""
    base = {"PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen", "PATH": ""}
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as primed:
        envs = {"empty": empty, "chart": empty, "warm": empty, "picture": primed, "prepare": primed}

        def run(kind: str) -> list[float]:
            env = {**base, "XDG_CACHE_HOME": envs[kind]}
            command = [sys.executable, "-c", FIRST_PAINT, kind, str(DECK)]
            out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            return [float(v) for v in out.stdout.strip().splitlines()[-1].split()]

        run("prepare")
        kinds = ("empty", "chart", "warm", "picture")
        values: dict[str, list[list[float]]] = {kind: [] for kind in kinds}
        for _ in range(runs):
            for kind in kinds:
                values[kind].append(run(kind))
    results = {k: [statistics.median(v[i] for v in values[k]) for i in range(3)] for k in kinds}

    def line(title: str, kind: str, target: bool = True) -> None:
        wall, cpu, live = results[kind]
        verdict = "OK" if wall < TARGET_FIRST_PAINT_MS else "OVER TARGET"
        note = f" (target < {TARGET_FIRST_PAINT_MS:.0f} ms: {verdict})" if target else ""
        print(f"first paint, {title:44s}: {wall:7.1f} ms, CPU {cpu:7.1f} ms{note}")
        if kind == "picture":
            print(f"  … then the live chart (hover, zoom) in its place after {live:7.1f} ms")

    line("empty widget (baseline)", "empty", target=False)
    line("compute slide, first start ever (cold)", "chart")
    line("compute slide, cold, saved picture", "picture")
    line("compute slide after warm_up()", "warm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--frames", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--src", type=Path, help="another checkout's src/ (default: this one)")
    parser.add_argument(
        "--forced-repaint",
        action="store_true",
        help="time frames as the first version did (processEvents + repaint)",
    )
    parser.add_argument("--only", choices=("frames", "first-paint"))
    parser.add_argument("--rounds", type=int, default=3, help="frame measurements per chart")
    args = parser.parse_args()
    print(f"sources: {SRC}")
    if args.only != "first-paint":
        bench_frames(args.frames, args.forced_repaint, args.rounds)
    if args.only != "frames":
        bench_first_paint(args.runs)


if __name__ == "__main__":
    main()
