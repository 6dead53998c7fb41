"""How long offscreen rendering takes per slide kind, against a baseline from the same run.

    PYTHONPATH=src python benchmarks/bench_render.py [-n 10] [--size 1920x1080] [--deck FILE]

The baseline is grabbing a plain, empty QWidget of the same size (the cost of the offscreen
window and the pixel copy, which no view can avoid). Each kind's row gives the median of N
`render_slide` calls, and its ratio to that baseline, so results compare across machines. The
deck is `slides/example.yaml` (every kind once) unless --deck names another; a milestone's
three visuals (image, excerpt, year) are timed from the test sample deck too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from revkiosk.context import ViewContext  # noqa: E402
from revkiosk.deck.load import load_deck  # noqa: E402
from revkiosk.theme import theme_named  # noqa: E402
from revkiosk.ui.fonts import load_fonts  # noqa: E402
from revkiosk.ui.render import render_slide  # noqa: E402


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `action` in milliseconds, after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def baseline(size: QSize) -> None:
    widget = QWidget()
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    widget.resize(size)
    widget.show()
    widget.grab().toImage()
    widget.deleteLater()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10, help="runs per slide (default 10)")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--deck", type=Path, default=REPO / "slides" / "example.yaml")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    size = QSize(width, height)
    app = QApplication.instance() or QApplication([])  # noqa: F841 - keeps Qt alive
    load_fonts()
    deck = load_deck(args.deck)
    ctx = ViewContext(deck=deck, theme=theme_named(deck.info.theme))
    rows: list[tuple[str, float]] = [
        ("baseline (empty widget)", median_ms(lambda: baseline(size), args.n))
    ]
    for index, slide in enumerate(deck.slides, 1):
        label = f"{index:02d} {slide.kind}"
        rows.append((label, median_ms(lambda s=slide: render_slide(s, ctx, size), args.n)))
    from view_samples import sample_deck

    with tempfile.TemporaryDirectory() as folder:
        sample = sample_deck(Path(folder))
        sample_ctx = ViewContext(deck=sample, theme=theme_named("dark"))
        milestones = [s for s in sample.slides if s.kind == "milestone"]
        for slide, visual in zip(milestones, ("image", "excerpt", "year card"), strict=True):
            timing = median_ms(lambda s=slide: render_slide(s, sample_ctx, size), args.n)
            rows.append((f"milestone ({visual})", timing))
    base = rows[0][1]
    print(f"render_slide at {args.size}, median of {args.n} runs, {args.deck.name}")
    for label, ms in rows:
        print(f"  {label:<28} {ms:8.1f} ms  {ms / base:6.1f}x baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
