"""Soak test: thousands of slide changes in attract mode at top speed; does memory stay flat?

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src python benchmarks/soak_attract.py [-n 10000] [DECK]

Runs the real player window (1920x1080, offscreen) in kiosk mode with every attract-loop
duration scaled to zero, so the loop advances as fast as the event loop can build, enter and
leave views: at 12 s a slide a kiosk makes about 7,000 changes a day, so 10,000 are a day and
a half of unattended running compressed into minutes. The warm-up (the first full pass through
the deck, at least 500 changes: every kind of view built, pyqtgraph imported, caches filled) is
expected to grow; after it, memory must stay flat: issue 8 asks for under 5 % growth.

Two resident-memory (RSS) figures, because at top speed no slide ever sits still:
- settled (the verdict): after warm-up, after each quarter of the run and at the end, the loop
  pauses when it next comes round to the last slide and stays `--settle` seconds, as a kiosk
  does on every slide (12 s): what a slide change lets go of (the left video's player, evicted
  views, freed heap pages) is gone, and every sample sees the same slide reached the same way,
  so the same views, pictures and caches are live. A sample taken at whichever slide and
  transient state the 500th change catches (two or three video players mid-release, 8 MB
  slide pictures, a view awaiting deletion) swings by ±12 MB, more than the 10 MB target.
- at speed (every 500 changes, as before): kept for comparison and as a second leak check.
The run fails (exit 1) when settled growth is 5 % or more, or when the settled second half of
the run still grows by more than a quarter of the warm-up's own growth (a leak keeps growing;
caches and allocator arenas fill and stop), or when anything logged an error (the issue's
"no errors logged").
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MB = 1024 * 1024
MAX_GROWTH = 0.05  # issue 8: RSS growth after warm-up under 5 %


class ErrorCounter(logging.Handler):
    """Counts ERROR and CRITICAL records (and keeps the first few) from any logger."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(f"{record.name}: {record.getMessage()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path, help="deck (default: the bundled story)")
    parser.add_argument("-n", "--changes", type=int, default=10_000)
    parser.add_argument(
        "--settle", type=float, default=5.0, metavar="S", help="seconds still, per settled sample"
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up after S seconds")
    args = parser.parse_args()

    import tempfile

    state = tempfile.mkdtemp(prefix="revkiosk-soak-")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = os.path.join(state, var.lower())

    from PySide6.QtCore import QTimer

    from revkiosk.app import build_player
    from revkiosk.kiosk.session import start_kiosk
    from revkiosk.kiosk.status import rss_bytes

    load_before = os.getloadavg()
    argv = ["--kiosk", "--no-resume", *([str(args.deck)] if args.deck else [])]
    from _harness import start_as_the_player_does

    start_as_the_player_does()  # the heap policy first, as app.main does
    player = build_player(argv)
    errors = ErrorCounter()  # the target also says: no errors logged
    logging.getLogger().addHandler(errors)
    if player.deck is None:
        print("soak: the deck did not load; see the errors above", file=sys.stderr)
        return 2
    # What the player does once its first slide is up (app.main): the heap tuned for decoders,
    # garbage collection, the log file. Without it the soak measures an untuned heap.
    from revkiosk.first_paint import after_first_paint

    after_first_paint(player)
    player.window.resize(1920, 1080)
    player.window.show()
    session = start_kiosk(player, time_scale=0.0)
    loop, nav = session.attract, player.navigator
    slides = nav.count
    warmup = max(slides, 500)
    # Settle on the first arrival at the deck's last slide after each quarter: the same slide,
    # reached the same way, so the same views, pictures and caches are live (and, unlike the
    # start slide with its narration, nothing plays through the measurement). The
    # warm-up settles once too (after its first pass, not measured): what only runs in a still
    # moment (slide pictures and the first cross-fade, narration, decoding ahead) is then part of
    # the warm-up, as it is for a kiosk on its first slides, not of the first measured quarter.
    settle_at = [slides, *(warmup + round(args.changes * k / 4) for k in range(5))]
    samples: list[tuple[int, float, int]] = []  # at speed: (changes, seconds running, rss)
    settled: list[tuple[int, int]] = []  # (changes, rss) after --settle s on the last slide
    count = 0
    settling = False
    started = time.perf_counter()
    paused = 0.0  # seconds spent settling, left out of the rate

    def sample() -> None:
        samples.append((count, time.perf_counter() - started - paused, rss_bytes() or 0))

    def settle() -> None:
        """Stay on the slide as long as a kiosk stays on any slide, then measure."""
        nonlocal settling
        settling = True
        loop.pause()
        QTimer.singleShot(round(args.settle * 1000), measure_settled)

    def measure_settled() -> None:
        nonlocal settling, paused
        settled.append((count, rss_bytes() or 0))  # the first, in the warm-up, is not judged
        settling = False
        paused += args.settle
        if len(settled) == len(settle_at):
            player.app.exit(0)
        else:
            loop.resume()  # on to the start slide, as the loop does after the last one

    def on_change(new: int, _old: int) -> None:
        nonlocal count
        count += 1
        if count == warmup or count % 500 == 0:
            sample()
        if count >= settle_at[len(settled)] and new == slides - 1:
            settle()

    # The longest the event loop went without running a 50 ms timer: what the player's
    # heartbeat would miss, i.e. the floor for the supervisor's --hang-timeout.
    stall = {"last": time.perf_counter(), "max": 0.0, "warm_max": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        key = "max" if count > warmup else "warm_max"
        if not settling:
            stall[key] = max(stall[key], now - stall["last"])
        stall["last"] = now

    ticker = QTimer(interval=50)
    ticker.timeout.connect(tick)
    ticker.start()
    sample()
    nav.current_changed.connect(on_change)
    QTimer.singleShot(round(args.timeout * 1000), lambda: player.app.exit(3))
    code = player.app.exec()
    trimmer = getattr(session, "trimmer", None)
    session.stop()
    if code == 3:
        print(f"soak: timed out after {count} changes", file=sys.stderr)
        return 1

    start_rss = samples[0][2]
    at_warm = next(s for s in samples if s[0] >= warmup)
    end = samples[-1]
    rate = (end[0] - at_warm[0]) / max(end[1] - at_warm[1], 1e-9)
    settled = settled[1:]  # drop the warm-up's own settle
    s_warm, s_mid, s_end = settled[0][1], settled[2][1], settled[-1][1]
    growth = (s_end - s_warm) / MB
    warm_growth = (s_warm - start_rss) / MB
    second = (s_end - s_mid) / MB
    result = {
        "deck": str(player.deck_path),
        "slides": slides,
        "changes_after_warmup": settled[-1][0] - settled[0][0],
        "changes_per_second": round(rate, 1),
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "rss_start_mb": round(start_rss / MB, 1),
        "warmup_growth_mb (baseline)": round(warm_growth, 1),
        "settled_rss_after_warmup_mb": round(s_warm / MB, 1),
        "settled_rss_end_mb": round(s_end / MB, 1),
        "settled_growth_after_warmup_mb": round(growth, 1),
        "settled_growth_after_warmup_pct": round(100 * growth * MB / s_warm, 1),
        "settled_growth_second_half_mb": round(second, 1),
        "settled_rss_mb_each_quarter": [round(rss / MB, 1) for _, rss in settled],
        "settled_at_changes": [changes for changes, _ in settled],
        "at_speed_rss_after_warmup_mb": round(at_warm[2] / MB, 1),
        "at_speed_rss_end_mb": round(end[2] / MB, 1),
        "at_speed_growth_after_warmup_mb": round((end[2] - at_warm[2]) / MB, 1),
        "at_speed_rss_mb_every_1000_changes": [
            round(rss / MB, 1) for changes, _, rss in samples if changes and changes % 1000 == 0
        ],
        "heap_trims": getattr(trimmer, "trims", None),
        "heap_trim_ms_total": round(trimmer.trim_ms, 1) if trimmer is not None else None,
        "longest_event_loop_stall_ms_warmup": round(stall["warm_max"] * 1000),
        "longest_event_loop_stall_ms_after": round(stall["max"] * 1000),
        "errors_logged": errors.count,
        "first_errors": errors.first,
    }
    print(json.dumps(result, indent=2))
    failures = []
    if growth * MB >= MAX_GROWTH * s_warm:
        failures.append(f"{growth:.1f} MB settled growth after warm-up (limit 5 %)")
    if second > max(warm_growth / 4, 5.0):
        failures.append(f"still growing: {second:.1f} MB in the settled second half")
    if errors.count:
        failures.append(f"{errors.count} errors logged")
    if failures:
        print("soak: FAIL: " + "; ".join(failures))
        return 1
    pct = result["settled_growth_after_warmup_pct"]
    print(f"soak: OK: {growth:+.1f} MB ({pct:+.1f} %) settled growth after warm-up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
