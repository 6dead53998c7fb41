"""Resident memory of the real player after one presenter pass over the default deck (issue 21).

    python benchmarks/bench_pass_memory.py [--baseline REV] [--runs 2] [--settle 0.7]

Runs `python -m revkiosk --no-resume` as a user does (the whole `app.main`: its after-first-paint
work, heap policy and parts), on a private Xvfb at 1920x1080, and presses Right once per slide
with `xdotool`, `--settle` seconds apart (a lecturer's pace). It reads the process's VmRSS from
/proc at start (3 s after the window appeared) and 3 s after the last slide, and VmHWM (the
peak). `--baseline REV` also measures that commit's own tree and default deck (extracted with
`git archive`), alternating with this checkout run by run in one session, so both see the same
machine. Each tree keeps one home (XDG folders) over its runs: run 1 starts with empty caches,
later runs with the caches a user's machine has after its first show.

An in-process benchmark (bench_slide_change.py) measures its own process, which skips what
`app.main` does after the first paint; this one measures what a user's machine holds.

Figures (2026-12-06, 2-core shared machine, load 0.2-0.6, `--baseline eff9ade --runs 3`, eff9ade
being the tree issue 21 was filed on): after the pass this checkout 215.3 / 221.6 / 214.2 MB
(median 215.3), eff9ade 272.6 / 262.9 / 262.9 MB (median 262.9); peak 294-295 vs 330-344 MB;
at start 172-175 vs 156-158 MB. Before the player drew its widgets on the CPU
(AA_ForceRasterWidgets, app.py), each film converted its frames through an OpenGL context:
with Mesa's software renderer ~105 MB more (this checkout 320-345 MB after the pass).
2026-12-06 (stop 32), `--baseline eff9ade --runs 2`, twice, load 0.1-0.4: after the pass this
checkout 203.9 / 201.7 and 203.2 / 201.3 MB (medians 202.8, 202.3), eff9ade 274.2 / 262.6 and
274.1 / 261.9 MB (medians 268.4, 268.0); peak 277-283 vs 329-345 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from x11_support import XServer, missing_tools  # noqa: E402
from x11_support import _end as end_process  # noqa: E402

DECK = Path("slides", "deep-learning-revolution.yaml")


def _status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of `pid`, in MB."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024
    return values


def breakdown(pid: int, top: int = 12) -> list[tuple[str, float]]:
    """Resident MB by mapping (a library's file name, [heap], or anonymous memory by the size
    of its mappings: a full-screen image is one 8 MB mapping), largest first."""
    groups: dict[str, float] = {}
    name, size = "", 0
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        head = line.split()
        if "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            start, end = (int(v, 16) for v in head[0].split("-"))
            name, size = (head[5] if len(head) > 5 else ""), end - start
            if "/" in name:
                name = name.rsplit("/", 1)[1].split(".so")[0]
            elif not name:
                mb = size / 2**20
                name = "anon <1 MB" if mb < 1 else "anon 1-4 MB" if mb < 4 else "anon 4-16 MB"
                name = name if mb < 16 else "anon >16 MB"
        elif head[0] == "Rss:":
            groups[name] = groups.get(name, 0.0) + int(head[1]) / 1024
    return sorted(groups.items(), key=lambda kv: -kv[1])[:top]


def _extract(rev: str, into: Path) -> Path:
    """The tree of commit `rev` in `into` (no .git: nothing of this checkout leaks in)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _slide_count(tree: Path) -> int:
    data = yaml.safe_load((tree / DECK).read_text(encoding="utf-8"))
    return len(data["slides"])


def one_pass(
    server: XServer, tree: Path, home: Path, settle: float, show_parts: bool = False
) -> dict[str, float]:
    """Start the player of `tree`, walk its deck once, and return its memory figures."""
    env = {**os.environ, "DISPLAY": server.display, "QT_QPA_PLATFORM": "xcb"}
    env["PYTHONPATH"] = str(tree / "src")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's machine writes bytecode
    env.pop("REVKIOSK_EXIT_AFTER_FIRST_PAINT", None)
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[var] = str(home / var.lower())
    command = [sys.executable, "-m", "revkiosk", str(tree / DECK), "--no-resume"]
    process = subprocess.Popen(
        command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        found = server.xdotool(
            "search",
            "--sync",
            "--onlyvisible",
            "--pid",
            str(process.pid),
            "--name",
            "revkiosk",
            timeout=60,
        )
        window = found.split()[-1]
        server.xdotool("windowfocus", "--sync", window)
        time.sleep(3.0)  # first paint, then the after-first-paint work
        start = _status(process.pid)["VmRSS"]
        for _ in range(_slide_count(tree) - 1):
            server.xdotool("key", "Right")
            time.sleep(settle)
        time.sleep(3.0)
        end = _status(process.pid)
        if show_parts:
            print("   ", ", ".join(f"{k} {v:.1f}" for k, v in breakdown(process.pid)))
        if process.poll() is not None:
            raise RuntimeError(f"the player of {tree} exited ({process.returncode})")
        return {"start": start, "after": end["VmRSS"], "peak": end["VmHWM"]}
    finally:
        end_process(process)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="a commit to measure alongside, e.g. eff9ade")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--settle", type=float, default=0.7, help="seconds between keys")
    parser.add_argument("--breakdown", action="store_true", help="resident MB by mapping")
    args = parser.parse_args(argv)
    if missing_tools():
        print(f"needs {' and '.join(missing_tools())} (apt-get install xvfb xdotool)")
        return 2
    work = Path(tempfile.mkdtemp(prefix="revkiosk-passmem-"))
    trees = {"this checkout": REPO}
    if args.baseline:
        trees[args.baseline] = _extract(args.baseline, work / "baseline")
    homes = {label: work / f"home-{n}" for n, label in enumerate(trees)}
    server = XServer(1920, 1080).start()
    results: dict[str, list[dict[str, float]]] = {label: [] for label in trees}
    try:
        for run in range(args.runs):
            order = list(trees) if run % 2 == 0 else list(reversed(trees))
            for label in order:
                got = one_pass(server, trees[label], homes[label], args.settle, args.breakdown)
                results[label].append(got)
                print(
                    f"run {run + 1} {label:14s} start {got['start']:6.1f} MB  after the pass "
                    f"{got['after']:6.1f} MB  peak {got['peak']:6.1f} MB  "
                    f"(load {os.getloadavg()[0]:.2f})",
                    flush=True,
                )
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    for label, rows in results.items():
        after = statistics.median(r["after"] for r in rows)
        print(f"{label:14s} median after the pass {after:6.1f} MB over {len(rows)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
