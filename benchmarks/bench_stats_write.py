"""What recording a statistics line costs the GUI thread, against syncing on that thread.

    PYTHONPATH=src python benchmarks/bench_stats_write.py [-n 400] [--folder DIR]

Three ways to write the same records into a day file, in the same run, on the same disk:

* `serialise only` — `json.dumps` and nothing else: the floor.
* `inline + fdatasync` — write and `fdatasync` on the caller's thread (the naive durable log).
* `StatsLog.append` — what the kiosk does: serialise, queue; a writer thread writes + syncs.

It prints per-call times on the caller's thread (p50 / p99 / max, ms), the time until a record
is on disk with the shipped writer (append → flush), and a 60 Hz frame loop that records one
line per frame: how many frames missed their 16.7 ms deadline with each way of writing.
Use `--folder` on the kiosk's own disk (an SD card syncs far slower than an SSD).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import percentile  # noqa: E402

from revkiosk.stats.log import StatsLog  # noqa: E402

FRAME_S = 1 / 60


def _record(n: int) -> dict[str, object]:
    return {
        "t": "2026-05-04T10:00:00.000+02:00", "event": "slide", "visit": "a1b2c3d4",
        "slide": "alphago", "title": "AlphaGo beats Lee Sedol", "index": 17, "seconds": n % 40,
    }  # fmt: skip


def per_call_ms(append: Callable[[dict[str, object]], None], runs: int) -> list[float]:
    times = []
    for n in range(runs):
        record = _record(n)
        start = time.perf_counter()
        append(record)
        times.append((time.perf_counter() - start) * 1000)
    return times


def frames_missed(append: Callable[[dict[str, object]], None], frames: int) -> int:
    """A 60 Hz loop that records one line a frame; frames whose work overran the deadline."""
    missed = 0
    deadline = time.perf_counter() + FRAME_S
    for n in range(frames):
        append(_record(n))
        now = time.perf_counter()
        if now > deadline:
            missed += 1
            deadline = now
        time.sleep(max(0.0, deadline - now))
        deadline += FRAME_S
    return missed


def row(name: str, times: list[float]) -> str:
    return (
        f"{name:<22} p50 {percentile(times, 0.5):8.3f}  p99 {percentile(times, 0.99):8.3f}  "
        f"max {max(times):8.3f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=400, help="records per measurement")
    parser.add_argument("--folder", type=Path, help="where to write (default: a temp folder)")
    args = parser.parse_args()
    base = args.folder or Path(tempfile.mkdtemp(prefix="bench-stats-"))
    print(f"stats write benchmark: {args.n} records each, in {base}")

    floor = per_call_ms(lambda r: json.dumps(r, separators=(",", ":")).encode(), args.n)
    inline = StatsLog(base / "inline", background=False)
    synced = per_call_ms(inline.append, args.n)
    inline.close()
    shipped = StatsLog(base / "shipped")
    queued = per_call_ms(shipped.append, args.n)
    shipped.flush()

    def durable(record: dict[str, object]) -> None:
        shipped.append(record)
        shipped.flush()

    to_disk = per_call_ms(durable, min(args.n, 200))
    print(row("serialise only", floor))
    print(row("inline + fdatasync", synced))
    print(row("StatsLog.append", queued))
    print(row("append → on disk", to_disk))

    frames = 300
    inline = StatsLog(base / "inline-frames", background=False)
    missed_inline = frames_missed(inline.append, frames)
    inline.close()
    missed_shipped = frames_missed(shipped.append, frames)
    shipped.close()
    print(f"60 Hz loop, one record a frame, {frames} frames: missed deadlines "
          f"inline + fdatasync {missed_inline}, StatsLog.append {missed_shipped}")  # fmt: skip
    ratio = percentile(synced, 0.99) / max(percentile(queued, 0.99), 1e-6)
    print(f"p99 on the GUI thread: {ratio:.0f}x less with the writer thread")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
