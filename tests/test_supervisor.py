"""The supervisor restarts a crashed or hung player on the slide it was showing.

A tiny fake player (written to tmp_path) stands in for the Qt player: it writes the same
heartbeat JSON the real one does, every 50 ms, and logs the command line it was started with.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from revkiosk.kiosk.status import read_json
from revkiosk.kiosk.supervisor import Supervisor, SupervisorConfig, describe_exit, player_command

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals are POSIX")

FAKE_PLAYER = textwrap.dedent(
    """
    import json, os, sys, time
    args = sys.argv[1:]
    start = int(args[args.index("--start") + 1]) if "--start" in args else None
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(json.dumps({"pid": os.getpid(), "start": start,
                              "restarts": os.environ.get("REVKIOSK_RESTARTS")}) + "\\n")
    mode = os.environ.get("FAKE_MODE", "run")
    slide = start if start is not None else 5   # a fresh player navigates to slide 5
    beat = os.environ["REVKIOSK_HEARTBEAT"]
    for tick in range(2000):
        tmp = beat + ".tmp"
        with open(tmp, "w") as f:
            json.dump({"updated": time.time(), "slide": slide, "slide_count": 8,
                       "pid": os.getpid(), "exiting": mode == "chord-then-crash",
                       "rss_bytes": int(os.environ.get("FAKE_RSS", "100000000")),
                       "attracting": os.environ.get("FAKE_ATTRACTING") == "1"}, f)
        os.replace(tmp, beat)
        if mode == "crash":
            sys.exit(3)
        if mode == "quit" and tick == 3:
            sys.exit(0)
        if mode == "chord-then-crash" and tick == 3:
            os.kill(os.getpid(), 11)  # Qt's teardown crashing after the exit chord
        time.sleep(0.05)
    """
)


class Run:
    """A supervisor running in a thread over the fake player."""

    def __init__(
        self, tmp_path: Path, mode: str = "run", env: dict[str, str] | None = None, **config: object
    ) -> None:
        script = tmp_path / "fake_player.py"
        script.write_text(FAKE_PLAYER)
        self.log = tmp_path / "launches.jsonl"
        self.beat = tmp_path / "state" / "heartbeat.json"
        defaults: dict[str, object] = {
            "hang_timeout": 0.6,
            "start_timeout": 10.0,
            "backoff_initial": 0.05,
            "poll_interval": 0.02,
        }
        self.supervisor = Supervisor(
            SupervisorConfig(
                command=(sys.executable, str(script)),
                heartbeat_path=self.beat,
                env={"FAKE_LOG": str(self.log), "FAKE_MODE": mode, **(env or {})},
                **{**defaults, **config},  # type: ignore[arg-type]
            )
        )
        self.code: int | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.code = self.supervisor.run()

    def launches(self) -> list[dict[str, object]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def wait_for(self, predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return
            time.sleep(0.02)
        raise AssertionError(f"timed out; launches: {self.launches()}")

    def beating_pid(self) -> int | None:
        data = read_json(self.beat)
        return int(data["pid"]) if data else None

    def stop(self) -> None:
        self.supervisor.stop()
        self.thread.join(10)
        assert not self.thread.is_alive()


def test_killed_player_is_restarted_on_its_slide(tmp_path: Path) -> None:
    run = Run(tmp_path)
    try:
        run.wait_for(lambda: run.beating_pid() is not None)
        first = run.beating_pid()
        assert first is not None
        os.kill(first, signal.SIGKILL)
        run.wait_for(lambda: run.beating_pid() not in (None, first))
        launches = run.launches()
        assert launches[0]["start"] is None
        assert launches[1]["start"] == 5, "the new player resumes on the slide the old one showed"
        assert launches[1]["restarts"] == "1"
        assert run.supervisor.last_error == "killed by SIGKILL"
    finally:
        run.stop()


def test_hung_player_is_killed_and_restarted(tmp_path: Path) -> None:
    run = Run(tmp_path)
    try:
        run.wait_for(lambda: run.beating_pid() is not None)
        first = run.beating_pid()
        assert first is not None
        os.kill(first, signal.SIGSTOP)  # alive but silent: the heartbeat goes stale
        run.wait_for(lambda: run.beating_pid() not in (None, first))
        assert run.launches()[1]["start"] == 5
        assert "hung" in (run.supervisor.last_error or "")
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)  # the stopped player was killed, not left behind
    finally:
        run.stop()


def test_clean_exit_ends_supervision(tmp_path: Path) -> None:
    """Exit code 0 is the exit chord: the technician wants out, so no restart."""
    run = Run(tmp_path, mode="quit")
    run.thread.join(15)
    assert run.code == 0
    assert len(run.launches()) == 1
    assert run.supervisor.restarts == 0


def test_a_crash_while_leaving_by_the_exit_chord_is_not_restarted(tmp_path: Path) -> None:
    """The technician used the chord; if Qt then crashes on the way out, they still get out."""
    run = Run(tmp_path, mode="chord-then-crash")
    run.thread.join(15)
    assert run.code == 0
    assert len(run.launches()) == 1


@pytest.mark.parametrize("attracting", [True, False])
def test_a_player_over_its_memory_limit_is_recycled_only_when_unwatched(
    tmp_path: Path, attracting: bool
) -> None:
    fat = {"FAKE_RSS": str(3 * 1024**3), "FAKE_ATTRACTING": "1" if attracting else "0"}
    run = Run(tmp_path, env=fat, max_rss_mb=2048)
    try:
        if attracting:
            run.wait_for(lambda: len(run.launches()) >= 2)
            assert run.launches()[1]["start"] == 5, "recycled on the same slide"
            assert "memory" in (run.supervisor.last_error or "")
        else:
            run.wait_for(lambda: run.beating_pid() is not None)
            time.sleep(0.5)  # several heartbeats over the limit while a visitor is busy
            assert len(run.launches()) == 1, "a visitor's session is never cut short"
    finally:
        run.stop()


def test_a_slide_that_crashes_the_player_twice_is_skipped(tmp_path: Path) -> None:
    run = Run(tmp_path, mode="crash", start_slide=5)
    try:
        run.wait_for(lambda: len(run.launches()) >= 3)
    finally:
        run.stop()
    starts = [launch["start"] for launch in run.launches()]
    assert starts[:3] == [5, 5, 6]
    assert run.supervisor.last_error == "exited with code 3"


def test_backoff_grows_for_quick_failures_and_resets_after_a_healthy_run() -> None:
    sup = Supervisor(SupervisorConfig(command=("x",), heartbeat_path=Path("/nonexistent")))
    sup.restarts = 1
    assert sup._next_backoff(0.0, ran_for=1.0) == 1.0
    assert sup._next_backoff(1.0, ran_for=1.0) == 2.0
    assert sup._next_backoff(32.0, ran_for=1.0) == 60.0
    assert sup._next_backoff(32.0, ran_for=600.0) == 0.0


def test_hourly_cap_makes_the_next_restart_wait() -> None:
    now = [10_000.0]
    sup = Supervisor(
        SupervisorConfig(command=("x",), heartbeat_path=Path("/x"), max_restarts_per_hour=3),
        clock=lambda: now[0],
    )
    sup._restart_times.extend([7000.0, 9000.0, 9900.0])
    assert sup._cap_wait() == pytest.approx(600.0)  # the 7000 s restart leaves the hour at 10600
    now[0] = 10_700.0
    assert sup._cap_wait() == 0.0


def test_helpers_describe_exits_and_build_the_player_command(tmp_path: Path) -> None:
    assert describe_exit(-signal.SIGSEGV) == "killed by SIGSEGV"
    assert describe_exit(2) == "exited with code 2"
    command = player_command(tmp_path / "deck.yaml", ["--screen", "2"])
    assert command[1:] == (
        "-m",
        "revkiosk",
        "--kiosk",
        str(tmp_path / "deck.yaml"),
        "--screen",
        "2",
    )


def test_a_missing_or_relative_deck_no_longer_stops_the_kiosk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """It used to exit at once (status 2), and systemd restarted it every 3 s on a black
    screen; now the player gets the path and plays the last good copy (issue 20)."""
    from revkiosk.commands.kiosk import _deck_to_play

    monkeypatch.chdir(tmp_path)
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "deck.yaml").write_text("deck: {title: T}\nslides: []\n")
    assert _deck_to_play(Path("slides/deck.yaml")) == tmp_path / "slides" / "deck.yaml"
    with caplog.at_level("ERROR"):
        missing = _deck_to_play(Path("elsewhere/deck.yaml"))
    assert missing == tmp_path / "elsewhere" / "deck.yaml"
    assert f"deck not found: elsewhere/deck.yaml (relative to {tmp_path})" in caplog.text
    assert "last good copy" in caplog.text


REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_real_player_killed_is_back_on_its_slide(tmp_path: Path) -> None:
    """The real player (offscreen) under the supervisor: SIGSEGV it, it returns on slide 3."""
    beat = tmp_path / "heartbeat.json"
    config = SupervisorConfig(
        command=player_command(REPO / "slides" / "example.yaml", ["--no-resume"]),
        heartbeat_path=beat,
        start_slide=3,
        start_timeout=60.0,
        hang_timeout=10.0,  # a loaded CI machine must not make this a hang test
        env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO / "src")},
    )
    supervisor = Supervisor(config)
    thread = threading.Thread(target=supervisor.run, daemon=True)
    thread.start()

    def beat_from(exclude: int | None) -> dict[str, object] | None:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            data = read_json(beat)
            if data and data.get("pid") != exclude:
                return data
            time.sleep(0.05)
        return None

    try:
        first = beat_from(None)
        assert first is not None, "the player never sent a heartbeat"
        assert first["slide"] == 3 and first["attracting"] is True
        os.kill(int(first["pid"]), signal.SIGSEGV)  # type: ignore[call-overload]
        second = beat_from(int(first["pid"]))  # type: ignore[call-overload]
        assert second is not None, "the player was not restarted"
        assert second["slide"] == 3
        assert second["restarts"] == 1
        assert second["last_error"] == "killed by SIGSEGV"
    finally:
        supervisor.stop()
        thread.join(15)
    assert not thread.is_alive()
