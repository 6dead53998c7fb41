"""The compute chart's year cursor while a visitor drags the timeline: time per drag step and
memory over many steps, for these sources and (optionally) another copy, in one run.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src python benchmarks/bench_cursor.py
        [--steps 400] [--memory-steps 10000] [--rounds 3] [--compare OTHER_CHECKOUT/src]

A drag step is what the timeline does when it moves the chart (`PlotView.set_year_cursor`, at
most 20 times a second) plus the event processing until the chart's viewport has painted, in a
shown 1920x1080 slide of the shipped deck. Steps are not paced: timers that fall due (the label
layout, at most every 100 ms) run inside whichever step they land in, so the figures are, if
anything, pessimistic. The cursor sweeps back and forth across 2009.5-2023 by 0.1 year a step.

Baseline, measured in the same process: an idle frame (the viewport asked to repaint, nothing
moved). Target: every drag step (p99 and max) < 16 ms. Memory: resident-set growth over
`--memory-steps` drag steps, against the growth over as many idle frames (target: flat, < 5 MB
more). With `--compare`, each source runs in its own child process, alternately, `--rounds`
times; figures are medians over rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _harness import paint_counter, rss_mb
from _harness import percentile as pct

REPO = Path(__file__).resolve().parent.parent
DECK = REPO / "slides" / "deep-learning-revolution.yaml"
SLIDES = ("compute-eras", "compute-deep-learning")
TARGET_MS = 16.0
TARGET_GROWTH_MB = 5.0


def year_of(i: int) -> float:
    """Step i's cursor: back and forth over 2009.5-2023, 0.1 year a step."""
    phase = (i % 270) * 0.1
    return 2009.5 + (phase if phase <= 13.5 else 27.0 - phase)


def child(steps: int, memory_steps: int) -> dict:
    """Measure in this process (the sources on sys.path); returns the figures as a dict."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from revkiosk.context import ViewContext
    from revkiosk.deck.load import load_deck
    from revkiosk.theme import theme_named
    from revkiosk.ui.view import view_class

    deck = load_deck(DECK)
    out: dict = {}
    for slide_id in SLIDES:
        slide = next(s for s in deck.slides if s.id == slide_id)
        view = view_class("plot")(slide, ViewContext(deck, theme_named("dark")))
        view.resize(1920, 1080)
        view.show()
        for _ in range(5):
            app.processEvents()
        viewport = view.chart.plot.viewport()
        counter = paint_counter()
        viewport.installEventFilter(counter)

        def frame(action) -> tuple[float, float]:
            """(wall ms, CPU ms) of `action()` and the events until the viewport painted."""
            painted = counter.count  # noqa: B023 (the loop's own counter)
            start, start_cpu = time.perf_counter(), time.thread_time()
            action()
            for _ in range(20):
                app.processEvents()
                if counter.count > painted:  # noqa: B023
                    break
            return (time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000

        def drag(n: int, first: int = 0) -> list[tuple[float, float]]:
            return [
                frame(lambda i=i: view.set_year_cursor(year_of(i)))  # noqa: B023
                for i in range(first, first + n)
            ]

        def idle(n: int) -> list[tuple[float, float]]:
            return [frame(viewport.update) for _ in range(n)]  # noqa: B023

        drag(60)  # warm-up: sprites, caches, first layouts
        base, timed = idle(steps), drag(steps, 60)
        before = rss_mb()
        idle(memory_steps)
        idle_growth = rss_mb() - before
        before = rss_mb()
        drag(memory_steps)
        drag_growth = rss_mb() - before
        wall, cpu = [s[0] for s in timed], [s[1] for s in timed]
        out[slide_id] = {
            "idle_p50": statistics.median(s[0] for s in base),
            "idle_p99": pct([s[0] for s in base], 0.99),
            "p50": statistics.median(wall),
            "p99": pct(wall, 0.99),
            "max": max(wall),
            "cpu_p50": statistics.median(cpu),
            "cpu_p99": pct(cpu, 0.99),
            "idle_growth": idle_growth,
            "drag_growth": drag_growth,
        }
        view.set_year_cursor(None)
        view.close()
        view.deleteLater()
        app.processEvents()
    return out


def run_child(src: Path, steps: int, memory_steps: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, __file__, "--child", "--steps", str(steps),
               "--memory-steps", str(memory_steps)]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(label: str, rounds: list[dict]) -> None:
    print(f"{label}")
    for slide_id in SLIDES:

        def med(key: str, slide_id: str = slide_id) -> float:
            return statistics.median(r[slide_id][key] for r in rounds)

        ok = med("p99") < TARGET_MS and med("max") < TARGET_MS
        print(f"  {slide_id:22s} idle frame p50 {med('idle_p50'):5.2f} p99 {med('idle_p99'):5.2f}"
              f" | drag step p50 {med('p50'):5.2f} p99 {med('p99'):5.2f} max {med('max'):6.2f} ms"
              f" ({'OK' if ok else 'OVER'} < {TARGET_MS:.0f}), CPU p50 {med('cpu_p50'):5.2f}"
              f" p99 {med('cpu_p99'):5.2f} ms | RSS over the memory run: idle"
              f" {med('idle_growth'):+5.1f} MB, drag {med('drag_growth'):+5.1f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=400, help="timed drag steps per slide")
    parser.add_argument("--memory-steps", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare", type=Path, help="another checkout's src/ (e.g. before a fix)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.steps, args.memory_steps)))
        return
    sources = {"these sources": REPO / "src"}
    if args.compare:
        sources = {f"compared: {args.compare}": args.compare, **sources}
    results: dict[str, list[dict]] = {key: [] for key in sources}
    for _ in range(args.rounds):
        for key, src in sources.items():
            results[key].append(run_child(src, args.steps, args.memory_steps))
    for key, rounds in results.items():
        report(key, rounds)


if __name__ == "__main__":
    main()
