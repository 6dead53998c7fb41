"""Start-up of the packaged build against the source run, measured in the same run.

    python benchmarks/bench_packaged_startup.py [-n 7] [--app dist/revkiosk]

Launches the PyInstaller one-folder build (`packaging/build.sh`) and `python -m revkiosk` from
the checkout alternately, offscreen, N times each, both with REVKIOSK_EXIT_AFTER_FIRST_PAINT=1
(the player prints a marker after its first slide paints, then quits). The packaged executable
runs with an empty environment (PATH=/usr/bin:/bin), as a museum PC would start it. The ratio
compares median CPU time (user + system), which holds on a busy shared machine; wall times are
printed too. Target: the packaged build within 1.25x of the source run (unpacking nothing, it
should be about as fast: the one-folder layout loads the same libraries from disk).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from _harness import timed_process as timed

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.25


def environments(home: str) -> tuple[dict[str, str], dict[str, str]]:
    """(source env, packaged env): same Qt platform, same fresh settings folders."""
    common = {
        "QT_QPA_PLATFORM": "offscreen",
        "REVKIOSK_EXIT_AFTER_FIRST_PAINT": "1",
        "XDG_CONFIG_HOME": f"{home}/config",
        "XDG_STATE_HOME": f"{home}/state",
        "XDG_CACHE_HOME": f"{home}/cache",
        "HOME": home,
        "LANG": "C.UTF-8",
    }
    source = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        **common,
        # Byte-code cached outside the checkout, as the frozen build has it precompiled:
        # otherwise every source run would recompile revkiosk and measure the compiler.
        "PYTHONPYCACHEPREFIX": f"{home}/pycache",
        "PYTHONPATH": str(REPO / "src"),
    }
    packaged = {"PATH": "/usr/bin:/bin", **common}
    return source, packaged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=7)
    parser.add_argument("--app", type=Path, default=REPO / "dist" / "revkiosk")
    args = parser.parse_args(argv)
    executable = args.app / ("revkiosk.exe" if os.name == "nt" else "revkiosk")
    if not executable.is_file():
        print(f"no packaged build at {args.app}: run packaging/build.sh first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as home:
        source_env, packaged_env = environments(home)
        source = [sys.executable, "-m", "revkiosk", "--no-resume"]
        packaged = [str(executable), "--no-resume"]
        timed(source, source_env)  # warm the OS file cache (and the byte-code cache) for both
        timed(packaged, packaged_env)
        runs: dict[str, list[tuple[float, float]]] = {"source": [], "packaged": []}
        for _ in range(args.runs):
            runs["source"].append(timed(source, source_env))
            runs["packaged"].append(timed(packaged, packaged_env))
    print(f"{'':26s} {'wall median':>12s} {'wall min':>9s} {'CPU median':>11s} {'CPU min':>8s}")
    labels = {"source": "source (python -m)", "packaged": "packaged (PyInstaller)"}
    for key, label in labels.items():
        walls, cpus = [w for w, _ in runs[key]], [c for _, c in runs[key]]
        print(
            f"{label:26s} {statistics.median(walls):9.0f} ms {min(walls):6.0f} ms"
            f" {statistics.median(cpus):8.0f} ms {min(cpus):5.0f} ms"
        )
    median_cpu = {key: statistics.median(c for _, c in values) for key, values in runs.items()}
    ratio = median_cpu["packaged"] / median_cpu["source"]
    verdict = "ok" if ratio <= TARGET_RATIO else "SLOWER THAN TARGET"
    print(f"packaged / source CPU ratio: {ratio:.2f} (target <= {TARGET_RATIO}): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
