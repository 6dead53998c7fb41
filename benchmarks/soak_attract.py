"""Soak test: thousands of slide changes in attract mode at top speed; does memory stay flat?

    QT_QPA_PLATFORM=offscreen PYTHONPATH=src python benchmarks/soak_attract.py [-n 10000] [DECK]

Runs the real player window (1920x1080, offscreen) in kiosk mode with every attract-loop
duration scaled to zero, so the loop advances as fast as the event loop can build, enter and
leave views: at 12 s a slide a kiosk makes about 7,000 changes a day, so 10,000 are a day and
a half of unattended running compressed into minutes. Resident memory (RSS) is sampled
every 500 changes. The baseline is measured in the same run: the warm-up (the first full pass
through the deck, which builds every kind of view, imports pyqtgraph and fills caches) is
expected to grow; after it, memory should level off. The run fails (exit 1) when the second half
of the run after warm-up still grows by more than half of `--max-growth-mb` (default 20 MB) or
a quarter of what the warm-up itself took: caches and allocator arenas fill and stop, a leak
does not.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path, help="deck (default: the bundled story)")
    parser.add_argument("-n", "--changes", type=int, default=10_000)
    parser.add_argument("--max-growth-mb", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=1800.0, help="give up after S seconds")
    args = parser.parse_args()

    import tempfile

    state = tempfile.mkdtemp(prefix="revkiosk-soak-")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = os.path.join(state, var.lower())

    from PySide6.QtCore import QTimer

    from revkiosk.app import build_player
    from revkiosk.kiosk_session import start_kiosk
    from revkiosk.status import rss_bytes

    argv = ["--kiosk", "--no-resume", *([str(args.deck)] if args.deck else [])]
    player = build_player(argv)
    if player.deck is None:
        print("soak: the deck did not load; see the errors above", file=sys.stderr)
        return 2
    player.window.resize(1920, 1080)
    player.window.show()
    session = start_kiosk(player, time_scale=0.0)
    slides = player.navigator.count
    warmup = max(slides, 500)
    samples: list[tuple[int, float, int]] = []  # (changes, seconds, rss)
    count = 0
    started = time.perf_counter()

    def sample() -> None:
        samples.append((count, time.perf_counter() - started, rss_bytes() or 0))

    def on_change(*_: object) -> None:
        nonlocal count
        count += 1
        if count == warmup or count % 500 == 0:
            sample()
        if count >= args.changes + warmup:
            player.app.exit(0)

    # The longest the event loop went without running a 50 ms timer: what the player's
    # heartbeat would miss, i.e. the floor for the supervisor's --hang-timeout.
    stall = {"last": time.perf_counter(), "max": 0.0, "warm_max": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        key = "max" if count > warmup else "warm_max"
        stall[key] = max(stall[key], now - stall["last"])
        stall["last"] = now

    ticker = QTimer(interval=50)
    ticker.timeout.connect(tick)
    ticker.start()
    sample()
    player.navigator.current_changed.connect(on_change)
    QTimer.singleShot(round(args.timeout * 1000), lambda: player.app.exit(3))
    code = player.app.exec()
    session.stop()
    if code == 3:
        print(f"soak: timed out after {count} changes", file=sys.stderr)
        return 1

    mb = 1024 * 1024
    start_rss = samples[0][2]
    at_warm = next(s for s in samples if s[0] >= warmup)
    end = samples[-1]
    warm_growth = (at_warm[2] - start_rss) / mb
    growth = (end[2] - at_warm[2]) / mb
    mid = next(s for s in samples if s[0] >= (warmup + end[0]) / 2)
    rate = (end[0] - at_warm[0]) / max(end[1] - at_warm[1], 1e-9)
    result = {
        "deck": str(player.deck_path),
        "slides": slides,
        "changes_after_warmup": end[0] - at_warm[0],
        "changes_per_second": round(rate, 1),
        "rss_start_mb": round(start_rss / mb, 1),
        "rss_after_warmup_mb": round(at_warm[2] / mb, 1),
        "rss_end_mb": round(end[2] / mb, 1),
        "warmup_growth_mb (baseline)": round(warm_growth, 1),
        "growth_after_warmup_mb": round(growth, 1),
        "growth_first_half_mb": round((mid[2] - at_warm[2]) / mb, 1),
        "growth_second_half_mb": round((end[2] - mid[2]) / mb, 1),
        "rss_mb_every_1000_changes": [
            round(rss / mb, 1) for changes, _, rss in samples if changes and changes % 1000 == 0
        ],
        "longest_event_loop_stall_ms_warmup": round(stall["warm_max"] * 1000),
        "longest_event_loop_stall_ms_after": round(stall["max"] * 1000),
    }
    print(json.dumps(result, indent=2))
    # A cache or allocator arena fills and then stays put; a leak keeps growing. So the verdict
    # is on the second half of the run after warm-up, against the warm-up's own growth.
    second = (end[2] - mid[2]) / mb
    limit = min(args.max_growth_mb / 2, max(warm_growth / 4, 5.0))
    if second > limit:
        print(f"soak: FAIL: still growing: {second:.1f} MB in the second half (limit {limit:.1f})")
        return 1
    print(f"soak: OK: {second:.1f} MB growth in the second half (limit {limit:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
