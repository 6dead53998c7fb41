"""Timeline scrubbing: one drag step (handle move, card update, chart cursor, repaint) in the real
window, offscreen, and memory over many steps.

    python benchmarks/bench_timeline.py [--size 1920x1080] [--steps 10000]

A drag step is one mouse move delivered to the strip while the button is held, plus the event
processing that follows (handle, card, chart cursor and every repaint they cause). Baselines,
measured in the same run and window: an idle frame (the strip repainted, nothing moved) for
time, and as many idle frames as drag steps for memory. Two slides: a milestone slide (the card
shows a thumbnail) and the compute chart, where at most 20 steps a second also move the chart's
year cursor (re-filtering ~1,000 systems); those steps are reported on their own line.

Targets: p99 of a drag step < 16 ms; resident memory over the drag steps within 5 MB of the
growth over the same number of idle frames.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _harness import percentile, rss_mb

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TARGET_P99_MS = 16.0
TARGET_GROWTH_MB = 5.0


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<28} p50 {percentile(values, 0.5):6.2f}  p99 {percentile(values, 0.99):6.2f}"
        f"  max {max(values):6.2f} ms  (n={len(values)})"
    )


class _count_calls:  # noqa: N801 - used like a function
    """Wrap `obj.name` to count calls (how often the chart cursor really moved)."""

    def __init__(self, obj: object, name: str) -> None:
        self.count = 0
        original = getattr(obj, name)

        def counted(*args: object) -> object:
            self.count += 1
            return original(*args)

        setattr(obj, name, counted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--steps", type=int, default=10_000, help="drag steps for the memory run")
    parser.add_argument("--timed", type=int, default=400, help="timed drag steps per slide")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    home = tempfile.mkdtemp(prefix="revkiosk-bench-")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = f"{home}/{var.lower()}"

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from revkiosk.app import build_player
    from revkiosk.ui.timeline.overlay import install_timeline

    player = build_player(["--no-resume"])
    window, nav, deck = player.window, player.navigator, player.deck
    if deck is None:
        print("the deck did not load; nothing to measure")
        return 2
    window.resize(width, height)
    window.show()
    overlay = install_timeline(window)
    app = QApplication.instance()

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    def open_on(index: int):
        nav.go(index)
        settle()
        overlay.close()
        overlay.open()
        overlay._hide.stop()  # the benchmark is "unused" for the hide timer's purposes
        settle()
        strip = overlay.strip
        style = strip.style_
        y = round((style.axis_top + style.axis_bottom) / 2)
        xs = [round(strip.layout_.x_of(y_)) for y_ in (strip.layout_.year0, strip.layout_.year1)]
        return strip, y, xs

    started = time.perf_counter()
    strip, _y, _xs = open_on(0)  # thumbnails first: a drag never renders (see thumbs.py)
    strip.thumbs.prerender(sorted(i for i in strip.slide_of.values() if i is not None))
    strip.thumbs.finish()
    print(f"prerendered {strip.thumbs.renders} thumbnails in {time.perf_counter() - started:.1f} s")

    def run(strip, y: int, xs: list[int], steps: int, counter=None) -> list[tuple[float, bool]]:
        """Drag back and forth across the axis, 7 px a step; (ms, chart moved) per step."""
        left, right = xs
        span = right - left
        QTest.mousePress(strip, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(left, y))  # fmt: skip
        settle()
        out: list[tuple[float, bool]] = []
        moved_before = False
        for i in range(steps):
            phase = (i * 7) % (2 * span)
            x = left + (phase if phase <= span else 2 * span - phase)
            before = counter.count if counter else 0
            t0 = time.perf_counter()
            QTest.mouseMove(strip, QPoint(x, y))
            app.processEvents()
            elapsed = (time.perf_counter() - t0) * 1000
            moved = bool(counter and counter.count > before)
            # the chart repaints in the step that moves its cursor or in the next one
            out.append((elapsed, moved or moved_before))
            moved_before = moved
        strip.dragging = False  # end without a release: releasing would jump away
        strip._press = None
        return out

    def idle_frames(strip, n: int) -> list[float]:
        times = []
        for _ in range(n):
            t0 = time.perf_counter()
            strip.update()
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
        return times

    def memory(action) -> tuple[float, float]:
        """(RSS growth MB, Python heap growth MB) over `action()`."""
        tracemalloc.start()
        rss, heap = rss_mb(), tracemalloc.get_traced_memory()[0]
        action()
        grown = rss_mb() - rss, (tracemalloc.get_traced_memory()[0] - heap) / 1e6
        tracemalloc.stop()
        return grown

    slides = {
        "milestone slide": deck.slide_index_of_milestone("alexnet") or 0,
        "compute chart": next(
            (i for i, s in enumerate(deck.slides) if getattr(s, "chart", "") == "compute"), 0
        ),
    }
    worst, growths = 0.0, []
    for name, index in slides.items():
        strip, y, xs = open_on(index)
        chart = getattr(window.stage.current_view(), "chart", None)
        counter = _count_calls(chart, "set_year_cursor") if chart is not None else None
        run(strip, y, xs, 30)  # warm-up
        base = idle_frames(strip, args.timed)
        steps = run(strip, y, xs, args.timed, counter)
        plain = [ms for ms, moved in steps if not moved]
        print(summary(f"idle frame ({name})", base))
        print(summary(f"drag step ({name})", plain))
        ratio = statistics.median(plain) / max(statistics.median(base), 1e-3)
        print(f"{'':<28} median drag step = {ratio:.1f}x an idle frame")
        worst = max(worst, percentile(plain, 0.99))
        charted = [ms for ms, moved in steps if moved]
        if charted:
            print(summary("  … steps moving the chart", charted))
        run(strip, y, xs, 300)
        idle_rss, idle_heap = memory(lambda strip=strip: idle_frames(strip, args.steps))
        drag_rss, drag_heap = memory(lambda strip=strip, y=y, xs=xs: run(strip, y, xs, args.steps))
        growths.append(drag_rss - max(idle_rss, 0.0))
        print(f"{'':<28} {args.steps} idle frames: RSS {idle_rss:+.1f} MB, heap "
              f"{idle_heap:+.2f} MB; {args.steps} drag steps: RSS {drag_rss:+.1f} MB, heap "
              f"{drag_heap:+.2f} MB")  # fmt: skip
    growth = max(growths)
    ok = worst < TARGET_P99_MS and growth < TARGET_GROWTH_MB
    print(f"{'PASS' if ok else 'FAIL'}: worst drag-step p99 {worst:.2f} ms (target < "
          f"{TARGET_P99_MS}), worst RSS growth beyond idle {growth:+.1f} MB (target < "
          f"{TARGET_GROWTH_MB})")  # fmt: skip
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
