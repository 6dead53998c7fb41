"""Whole-process start-up: launch → first slide painted → exit, against a QLabel baseline.

    python benchmarks/bench_startup.py [-n 7] [DECK]

Runs `python -m revkiosk DECK --no-resume` with REVKIOSK_EXIT_AFTER_FIRST_PAINT=1 (the player
prints a marker after its first slide paints, then quits) and benchmarks/baseline_label.py
alternately, offscreen, N times each, and compares the medians. Alternating runs share the same
machine load, so the ratio holds on a busy 2-core box where absolute times do not. Target:
revkiosk within 1.5x of the baseline.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MARKER = "revkiosk: first slide painted"
TARGET_RATIO = 1.5


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one process in ms; fails loudly if it did not reach its first paint."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    elapsed = (time.perf_counter() - start) * 1000
    if MARKER not in result.stdout:
        raise SystemExit(f"no first-paint marker from {command}:\n{result.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path, help="deck (default: the bundled deck)")
    parser.add_argument("-n", "--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "PYTHONPATH": str(REPO / "src"),
            "REVKIOSK_EXIT_AFTER_FIRST_PAINT": "1",
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_STATE_HOME": f"{home}/state",
            "XDG_CACHE_HOME": f"{home}/cache",
        }
        player = [sys.executable, "-m", "revkiosk", "--no-resume"]
        player += [str(args.deck)] if args.deck else []
        baseline = [sys.executable, str(REPO / "benchmarks" / "baseline_label.py")]
        timed(player, env)  # warm the OS file cache for both before measuring
        timed(baseline, env)
        ours, base = [], []
        for _ in range(args.runs):
            base.append(timed(baseline, env))
            ours.append(timed(player, env))
    b, o = statistics.median(base), statistics.median(ours)
    ratio = o / b
    print(f"baseline (QLabel)   median {b:7.1f} ms   min {min(base):7.1f} ms   n={args.runs}")
    print(f"revkiosk first paint median {o:7.1f} ms   min {min(ours):7.1f} ms   n={args.runs}")
    verdict = "OK" if ratio <= TARGET_RATIO else "SLOW"
    print(f"ratio {ratio:.2f}x (target <= {TARGET_RATIO}x): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
