"""How long `load_deck` takes, against a baseline measured in the same run.

    PYTHONPATH=src python benchmarks/bench_load.py [-n 50]

For each deck (slides/example.yaml, and slides/deep-learning-revolution.yaml when present) it
prints the median over N runs of: the baseline (plain `yaml.load` with the C safe loader, which
builds no model and checks nothing), `load_deck` with the C loader, and `load_deck` with the
pure-Python loader. The target is well under 50 ms per deck with the C loader; the ratio to the
baseline shows what validation costs on this machine, whatever its speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from revkiosk.deck.load import load_deck  # noqa: E402
from revkiosk.deck.model import DeckError  # noqa: E402

TARGET_MS = 50.0
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of `action` in milliseconds, after one warm-up run."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def try_load(deck: Path, loader: type | None = None) -> int:
    """Load a deck; a deck with errors is timed all the same (the work is the same)."""
    try:
        load_deck(deck, loader=loader)
    except DeckError as exc:
        return sum(p.severity == "error" for p in exc.problems)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=50)
    args = parser.parse_args(argv)
    decks = [REPO / "slides" / "example.yaml", REPO / "slides" / "deep-learning-revolution.yaml"]
    status = 0
    for deck in (d for d in decks if d.is_file()):
        text = deck.read_text(encoding="utf-8")
        baseline = median_ms(lambda t=text: yaml.load(t, Loader=FAST), args.runs)
        fast = median_ms(lambda d=deck: try_load(d), args.runs)
        pure = median_ms(lambda d=deck: try_load(d, yaml.SafeLoader), args.runs)
        errors = try_load(deck)
        lines = len(text.splitlines())
        print(
            f"{deck.name} ({lines} lines): baseline yaml.load {baseline:.2f} ms | "
            f"load_deck C {fast:.2f} ms ({fast / baseline:.1f}x) | "
            f"load_deck pure-Python {pure:.2f} ms | target < {TARGET_MS:.0f} ms: "
            f"{'ok' if fast < TARGET_MS else 'SLOW'}"
            + (f" (deck currently has {errors} errors)" if errors else "")
        )
        status |= fast >= TARGET_MS
    return status


if __name__ == "__main__":
    sys.exit(main())
