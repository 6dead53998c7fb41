"""Does the presenter view slow down a key press? Baseline and presenter view in one run.

    python benchmarks/bench_presenter.py [DECK] [--settle-ms 400]

Walks the deck twice with Right, pausing between slides as a speaker would: first with only the
audience window (the baseline), then with the presenter view open, the key sent to the presenter
window. It times the key press itself (until the key handler returns: that is what a clicker
waits for) and, separately, each deferred preview render. Target: the presenter's p50 and p90
key times are within 5 ms of the baseline's (a preview rendered inside a key press would add
20-200 ms). p99 is printed but not judged: with ~50 keys it is the single slowest one, which on
a shared machine is noise.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _harness import percentile

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
MARGIN_MS = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", help="deck (default: the bundled deck)")
    parser.add_argument("--settle-ms", type=int, default=400)
    args = parser.parse_args(argv)
    home = tempfile.mkdtemp(prefix="revkiosk-bench-")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = f"{home}/{var.lower()}"

    from PySide6.QtCore import QElapsedTimer, QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from revkiosk.app import build_player
    from revkiosk.ui.presenter.controller import PresenterController

    player = build_player([*([args.deck] if args.deck else []), "--no-resume"])
    app, window, nav = player.app, player.window, player.navigator
    if player.deck is None:
        print("the deck did not load; nothing to measure")
        return 2
    controller = PresenterController(window, nav, player.show, player.settings)
    renders: list[float] = []
    render = controller.previews._render

    def timed_render(index, size):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return render(index, size)
        finally:
            renders.append((time.perf_counter() - start) * 1000)

    controller.previews._render = timed_render
    window.resize(1280, 720)
    window.show()

    def spin(ms: int) -> None:
        clock = QElapsedTimer()
        clock.start()
        while clock.elapsed() < ms:
            app.processEvents()
            time.sleep(0.001)

    def walk(target: object) -> list[float]:
        nav.first()
        spin(args.settle_ms)
        times = []
        for _ in range(nav.count - 1):
            event = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier
            )
            start = time.perf_counter()
            QApplication.sendEvent(target, event)
            times.append((time.perf_counter() - start) * 1000)
            spin(args.settle_ms)
        return times

    spin(300)
    baseline = walk(window)
    controller.open()
    spin(args.settle_ms)
    with_view = walk(controller.view)
    print(f"deck: {player.deck_path} ({nav.count} slides), settle {args.settle_ms} ms")
    for name, times in (("audience only", baseline), ("presenter open", with_view)):
        print(
            f"{name:15s} key press: p50 {statistics.median(times):6.1f} ms  "
            f"p90 {percentile(times, 0.9):6.1f} ms  p99 {percentile(times, 0.99):6.1f} ms"
        )
    if renders:
        print(
            f"preview renders (deferred, n={len(renders)}): p50 {statistics.median(renders):.1f}"
            f" ms  max {max(renders):.1f} ms"
        )
    ok = all(percentile(with_view, q) <= percentile(baseline, q) + MARGIN_MS for q in (0.5, 0.9))
    verdict = "OK" if ok else "SLOW"
    print(f"target: presenter p50/p90 within {MARGIN_MS:g} ms of the baseline's: {verdict}")
    controller.close()
    window.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
