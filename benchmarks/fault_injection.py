"""Fault injection: crash and hang the real kiosk player; does it come back on the same slide?

    PYTHONPATH=src python benchmarks/fault_injection.py [DECK] [--hang-timeout 2] [--rounds 2]

Runs the supervisor (the same code `revkiosk kiosk` runs) over the real player, offscreen, in
a throw-away state folder. For each fault — SIGKILL (killed), SIGSEGV (a crash in Qt or a
driver), SIGSTOP (a hang: alive, silent) — it reads the heartbeat for the slide on screen,
injects the fault into the player, and times how long until a new player's heartbeat names the
same slide. The baseline, measured in the same run, is the cold start: supervisor start to the
first heartbeat. Recovery from a crash should cost about one cold start; a hang adds the
heartbeat timeout. Faults are spaced by more than the supervisor's `healthy_after`, as real
faults are, so its crash-loop back-off does not apply. Exits 1 if any recovery misses the
target (default 3 s) or lands on another slide.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

FAULTS = {"SIGKILL": signal.SIGKILL, "SIGSEGV": signal.SIGSEGV, "SIGSTOP": signal.SIGSTOP}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path, default=REPO / "slides" / "example.yaml")
    parser.add_argument("--hang-timeout", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--target", type=float, default=3.0, help="seconds to recover")
    parser.add_argument(
        "--player", help="player command instead of `python -m revkiosk` (e.g. a frozen build)"
    )
    args = parser.parse_args()

    state = Path(tempfile.mkdtemp(prefix="revkiosk-faults-"))
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(state / var.lower())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env_path]))

    from revkiosk.kiosk.status import read_json
    from revkiosk.kiosk.supervisor import Supervisor, SupervisorConfig, player_command

    beat = state / "heartbeat.json"
    config = SupervisorConfig(
        command=(
            (*shlex.split(args.player), "--kiosk", str(args.deck.resolve()), "--no-resume")
            if args.player
            else player_command(args.deck.resolve(), ["--no-resume"])
        ),
        heartbeat_path=beat,
        hang_timeout=args.hang_timeout,
        poll_interval=0.05,
    )
    supervisor = Supervisor(config)
    started = time.monotonic()
    thread = threading.Thread(target=supervisor.run, daemon=True)
    thread.start()

    def wait_beat(predicate, timeout: float = 60.0) -> dict | None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            data = read_json(beat)
            if data and predicate(data):
                return data
            time.sleep(0.01)
        return None

    first = wait_beat(lambda d: True)
    if first is None:
        print("fault injection: the player never sent a heartbeat", file=sys.stderr)
        supervisor.stop()
        return 2
    cold = time.monotonic() - started
    results = []
    ok = True
    for round_ in range(args.rounds):
        for name, sig in FAULTS.items():
            # A healthy run between faults, of varying length so they hit different slides.
            time.sleep(config.healthy_after + 0.5 + 2.5 * (len(results) % 3))
            before = read_json(beat) or {}
            pid, slide = int(before["pid"]), int(before["slide"])
            injected = time.monotonic()
            os.kill(pid, sig)
            after = wait_beat(lambda d, p=pid: d.get("pid") != p, timeout=30)
            took = time.monotonic() - injected
            same = bool(after) and after["slide"] == slide  # type: ignore[index]
            passed = same and took <= args.target
            ok &= passed
            results.append(
                {
                    "round": round_ + 1,
                    "fault": name,
                    "slide_before": slide,
                    "slide_after": after["slide"] if after else None,
                    "recovered_seconds": round(took, 2),
                    "ok": passed,
                }
            )
            print(json.dumps(results[-1]), flush=True)
    supervisor.stop()
    thread.join(15)
    summary = {
        "cold_start_seconds (baseline)": round(cold, 2),
        "hang_timeout": args.hang_timeout,
        "worst_recovery_seconds": max(r["recovered_seconds"] for r in results),
        "restarts": supervisor.restarts,
        "all_ok": ok,
    }
    print(json.dumps(summary, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
