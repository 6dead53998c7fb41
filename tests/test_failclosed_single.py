"""Issue 22, class 4: one kiosk per user, tied to its supervisor.

Two kiosks of the same user both ran and shared one heartbeat file (a frozen one was never
noticed); SIGKILL of the supervisor left an orphan player, and the next start made two windows.
Now a lock refuses a second supervisor and a second kiosk player with a clear message, the
player dies with its supervisor, each supervisor has its own heartbeat file, and a player whose
last heartbeat said it was leaving is never restarted, whatever happens to it on the way out.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from revkiosk.kiosk.status import heartbeat_path, read_json
from revkiosk.kiosk.supervisor import Supervisor, SupervisorConfig

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="locks and prctl: Linux")

REPO = Path(__file__).resolve().parent.parent
DECK = "deck:\n  title: One\nslides:\n  - {kind: title, title: One}\n"
HOLD = (
    "import sys, time; from revkiosk.kiosk.lock import KioskLock; "
    "lock = KioskLock(sys.argv[1]); lock.acquire('kiosk'); print('held', flush=True); "
    "time.sleep(60)"
)


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO / "src")}
    env.pop("REVKIOSK_EXIT_AFTER_FIRST_PAINT", None)
    return env


def _hold(name: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, name], env=_env(), stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def _gone(pid: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie child of ours counts as gone once reaped
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            pass
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(
    ("lock", "command"),
    [
        ("supervisor.lock", ["kiosk"]),  # a second `revkiosk kiosk`
        ("player.lock", ["--kiosk"]),  # a second kiosk player, supervised or not
    ],
)
def test_a_second_kiosk_of_the_same_user_refuses_to_start(
    tmp_path: Path, lock: str, command: list[str]
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    holder = _hold(lock)
    try:
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-m", "revkiosk", *command, str(deck)],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == 4, run.stderr[-2000:]
        assert f"already running (pid {holder.pid}" in run.stderr
        assert "one kiosk per user" in run.stderr
        assert time.monotonic() - started < 15
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def test_a_killed_supervisor_takes_its_player_with_it(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "revkiosk", "kiosk", str(deck), "--no-resume"],
        env=_env(),
        stderr=subprocess.DEVNULL,
    )
    try:
        beat = heartbeat_path(supervisor.pid)
        assert beat.name == f"heartbeat-{supervisor.pid}.json", "one heartbeat per supervisor"
        end = time.monotonic() + 30
        data = None
        while time.monotonic() < end and not (data and data.get("pid")):
            data = read_json(beat)
            time.sleep(0.1)
        assert data and data.get("pid"), "the player never beat"
        player = int(data["pid"])
        os.kill(supervisor.pid, signal.SIGKILL)
        supervisor.wait()
        assert _gone(player, 5), "the player outlived its supervisor (an orphan window)"
    finally:
        if supervisor.poll() is None:
            supervisor.kill()


def test_a_player_whose_supervisor_is_already_gone_does_not_start(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    env = {**_env(), "REVKIOSK_SUPERVISOR_PID": "1", "REVKIOSK_HEARTBEAT": str(tmp_path / "b")}
    run = subprocess.run(
        [sys.executable, "-m", "revkiosk", "--kiosk", str(deck)],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 5


FAKE = textwrap.dedent(
    """
    import json, os, sys, time
    beat, mode = os.environ["REVKIOSK_HEARTBEAT"], os.environ["FAKE_MODE"]
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write("start\\n")
    for tick in range(400):
        leaving = tick >= 3
        if not (tick > 3 and mode == "hang"):
            with open(beat + ".tmp", "w") as f:
                json.dump({"updated": time.time(), "slide": 2, "slide_count": 4,
                           "pid": os.getpid(), "exiting": leaving, "attracting": True,
                           "rss_bytes": 10**12 if leaving and mode == "memory" else 1,
                           "shown": not (leaving and mode == "hidden"),
                           "hidden_seconds": 99.0 if leaving and mode == "hidden" else 0.0}, f)
            os.replace(beat + ".tmp", beat)
        if leaving and mode == "crash":
            os.kill(os.getpid(), 11)
        time.sleep(0.05)
    """
)


@pytest.mark.parametrize("mode", ["crash", "hang", "memory", "hidden"])
def test_a_player_that_said_it_was_leaving_is_never_restarted(tmp_path: Path, mode: str) -> None:
    """Crashed, hung, over its memory or off screen during its exit: still no restart."""
    script = tmp_path / "fake.py"
    script.write_text(FAKE, encoding="utf-8")
    log = tmp_path / "launches"
    supervisor = Supervisor(
        SupervisorConfig(
            command=(sys.executable, str(script)),
            heartbeat_path=tmp_path / "beat.json",
            hang_timeout=0.5,
            hidden_timeout=1.0,
            max_rss_mb=100.0,
            backoff_initial=0.05,
            poll_interval=0.02,
            env={"FAKE_MODE": mode, "FAKE_LOG": str(log)},
        )
    )
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(supervisor.run()), daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive():
        supervisor.stop()
        thread.join(10)
    assert result == [0], "the supervisor ended, as after the exit chord"
    assert log.read_text().count("start") == 1, "and did not start the player again"
    assert supervisor.restarts == 0
    assert json.loads(json.dumps(supervisor.last_error)) is None
