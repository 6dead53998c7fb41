"""Keeps the kiosk player running for weeks: restarts it after a crash or a hang.

The player runs as a child process (`python -m revkiosk --kiosk …`, or the frozen executable).
It rewrites a heartbeat file twice a second from a Qt timer; a heartbeat older than
`hang_timeout` means the event loop is stuck (or the process is stopped), so the supervisor
kills it and starts a new one on the slide the heartbeat last named. Quick repeated failures back
off exponentially and restarts are capped per hour, so a deck that cannot start does not spin the
CPU; a player that crashes twice on the same slide is restarted one slide further on. A player
whose memory grows past `max_rss_mb` is recycled while the attract loop runs (nobody watching);
one whose window has not been on screen for `hidden_timeout` (the heartbeat says so) is
restarted too: a kiosk nobody can see is not healthy. A player whose last heartbeat said it was
leaving on purpose (the exit chord) is never restarted, whatever happens to it on the way out.

The player dies with its supervisor (see `kiosk_lock`): it is told the supervisor's pid and
asks the kernel to kill it when its parent dies.

Qt-free on purpose: whatever breaks inside Qt, the supervisor keeps working.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from revkiosk.kiosk.lock import ENV_SUPERVISOR_PID
from revkiosk.kiosk.status import (
    ENV_HEARTBEAT,
    ENV_LAST_ERROR,
    ENV_RESTARTS,
    ENV_STARTED,
    read_json,
    state_dir,
)

log = logging.getLogger("revkiosk.kiosk.supervisor")


@dataclass(frozen=True)
class SupervisorConfig:
    """How to start the player and when to give up on one."""

    command: tuple[str, ...]
    heartbeat_path: Path
    hang_timeout: float = 2.0
    start_timeout: float = 60.0
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    healthy_after: float = 10.0
    max_restarts_per_hour: int = 30
    max_rss_mb: float | None = 2048.0  # recycle the player above this, while attracting
    hidden_timeout: float | None = 30.0  # restart a player whose window is not on screen
    poll_interval: float = 0.1
    start_slide: int | None = None
    env: dict[str, str] = field(default_factory=dict)


def player_command(deck: Path | None, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The player command line: the frozen executable itself, or this Python with `-m revkiosk`."""
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "revkiosk"]
    return (*base, "--kiosk", *([str(deck)] if deck else []), *extra)


def describe_exit(returncode: int) -> str:
    """'killed by SIGSEGV' or 'exited with code 3', for the log and the status file."""
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exited with code {returncode}"


class Supervisor:
    """Runs the player until it exits on purpose (exit code 0, the exit chord) or we are stopped."""

    def __init__(
        self,
        config: SupervisorConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self._clock = clock
        self._sleep = sleep
        self.restarts = 0
        self.last_error: str | None = None
        self.started_wall = time.time()
        self._restart_times: deque[float] = deque()
        self._stopping = False
        self._child: subprocess.Popen[bytes] | None = None
        self._slide: int | None = config.start_slide  # 1-based, as --start takes it
        self._slide_count: int | None = None
        self._failures_here = 0
        self._last_beat: dict[str, object] = {}
        self._beat_path = config.heartbeat_path

    # -- public ---------------------------------------------------------------------------
    def stop(self, *_args: object) -> None:
        """Ask the loop to end (SIGTERM/SIGINT handler): the player is terminated cleanly."""
        self._stopping = True

    def run(self) -> int:
        """Supervise until the player exits with 0 or `stop()` is called; returns the exit code."""
        try:
            return self._supervise()
        finally:
            with contextlib.suppress(OSError):
                self._beat_path.unlink(missing_ok=True)  # one heartbeat file per supervisor

    def _supervise(self) -> int:
        backoff = 0.0
        while not self._stopping:
            started = self._clock()
            reason = self._run_child()
            if reason is None:  # clean exit (exit chord) or stop requested
                return 0
            ran_for = self._clock() - started
            backoff = self._next_backoff(backoff, ran_for)
            self._note_failure(reason, ran_for)
            wait = max(backoff, self._cap_wait())
            self.restarts += 1
            self.last_error = reason
            log.warning(
                "player %s after %.1f s on slide %s; restart #%d in %.1f s",
                reason,
                ran_for,
                self._slide or "?",
                self.restarts,
                wait,
            )
            self._wait(wait)
            self._restart_times.append(self._clock())
        return 0

    # -- one child ------------------------------------------------------------------------
    def _prepare_heartbeat(self) -> Path:
        """An empty heartbeat file, dated long ago (so it counts as no beat yet): a player that
        cannot rewrite it (a full runtime folder) can still beat by advancing its time. If the
        runtime folder cannot even hold that, the state folder takes the heartbeat."""
        for beat in (self.config.heartbeat_path, state_dir() / self.config.heartbeat_path.name):
            try:
                beat.parent.mkdir(parents=True, exist_ok=True)
                beat.write_bytes(b"{}")
                os.utime(beat, (0, 0))
            except OSError as error:
                log.error("cannot prepare the heartbeat file %s: %s", beat, error)
                continue
            self._beat_path = beat
            return beat
        self._beat_path = self.config.heartbeat_path
        return self._beat_path

    def _spawn(self) -> subprocess.Popen[bytes]:
        beat = self._prepare_heartbeat()
        command = list(self.config.command)
        if self._slide is not None:
            command += ["--start", str(self._slide)]
        command += self._visit_args()
        # One malloc arena from the first thread on: what decoder and worker threads free goes
        # back to the one heap the trimmer returns to the system, instead of fragmenting arenas
        # of their own for weeks (see revkiosk.allocator, which can only cap them once Qt
        # already runs, and revkiosk.kiosk.heap).
        env = {"MALLOC_ARENA_MAX": "1", **os.environ, **self.config.env}
        env[ENV_HEARTBEAT] = str(beat)
        env[ENV_SUPERVISOR_PID] = str(os.getpid())  # the player dies with us (kiosk_lock)
        env[ENV_RESTARTS] = str(self.restarts)
        env[ENV_STARTED] = str(self.started_wall)
        if self.last_error:
            env[ENV_LAST_ERROR] = self.last_error
        log.info("starting player: %s", " ".join(command))
        posix = os.name == "posix"
        return subprocess.Popen(command, env=env, start_new_session=posix)

    def _visit_args(self) -> list[str]:
        """Back where the visitor was: not in the attract loop, the layer they had open (only
        after a restart of a player that was in use; never after two failures on one slide)."""
        beat = self._last_beat
        if not beat or beat.get("attracting", True) or self._failures_here >= 2:
            return []
        layer = beat.get("layer")
        return ["--visiting", *(["--layer", "more"] if layer == "more" else [])]

    def _run_child(self) -> str | None:
        """Start the player and watch it; the failure reason, or None for a clean stop."""
        try:
            self._child = child = self._spawn()
        except OSError as error:
            return f"could not start ({error})"
        spawned = self._clock()
        spawned_wall = time.time()
        self._last_beat = {}
        while True:
            if self._stopping:
                self._terminate(child)
                return None
            code = child.poll()
            if code is not None:
                last = self._read_heartbeat(spawned_wall)
                if code != 0 and last.get("exiting"):
                    log.info(
                        "player %s while leaving on purpose: not restarting", describe_exit(code)
                    )
                    return None  # the exit chord was used; a crash in Qt's teardown is no fault
                return None if code == 0 else describe_exit(code)
            age = self._heartbeat_age(spawned_wall)
            reason = None
            if age is None and self._clock() - spawned > self.config.start_timeout:
                reason = f"gave no heartbeat within {self.config.start_timeout:.0f} s"
            elif age is not None and age > self.config.hang_timeout:
                reason = f"hung (no heartbeat for {age:.1f} s)"
            elif self._over_memory():
                reason = f"recycled: memory above {self.config.max_rss_mb:.0f} MB"
            elif self._hidden_too_long():
                hidden = float(self._last_beat.get("hidden_seconds") or 0)  # type: ignore[arg-type]
                reason = f"not on screen for {hidden:.0f} s (hidden, minimised or covered)"
            if reason is not None:
                self._kill(child)
                if self._last_beat.get("exiting"):
                    log.info("player %s while leaving on purpose: not restarting", reason)
                    return None  # the exit chord was used: a slow teardown is no fault
                return reason
            self._sleep(self.config.poll_interval)

    def _over_memory(self) -> bool:
        """True when the player uses more memory than allowed *and* nobody is using it.

        A slow leak in a media library would otherwise take weeks to exhaust the machine; a
        restart between two attract-loop slides, on the same slide, costs a second of screen.
        """
        limit, beat = self.config.max_rss_mb, self._last_beat
        if not limit or not beat.get("attracting"):
            return False
        rss = beat.get("rss_bytes")
        return isinstance(rss, int) and rss > limit * 1024 * 1024

    def _hidden_too_long(self) -> bool:
        """True when the player reports its window off screen for longer than allowed."""
        limit, beat = self.config.hidden_timeout, self._last_beat
        hidden = beat.get("hidden_seconds")
        return (
            bool(limit)
            and beat.get("shown") is False
            and isinstance(hidden, (int, float))
            and (
                hidden > limit  # type: ignore[operator]
            )
        )

    def _heartbeat_age(self, spawned_wall: float) -> float | None:
        """Seconds since this child's last heartbeat, or None before its first one."""
        try:
            mtime = self._beat_path.stat().st_mtime
        except OSError:
            return None
        if mtime < spawned_wall - 1.0:  # a stale file from an earlier child
            return None
        self._last_beat = self._read_heartbeat(spawned_wall)
        return max(0.0, time.time() - mtime)

    def _read_heartbeat(self, spawned_wall: float) -> dict[str, object]:
        """Note the slide this child reports; returns its last heartbeat ({} if none)."""
        data = read_json(self._beat_path)
        if not data or float(data.get("updated", 0)) < spawned_wall - 1.0:
            return {}
        slide, count = data.get("slide"), data.get("slide_count")
        if isinstance(slide, int) and slide >= 1:
            if slide != self._slide:
                self._failures_here = 0
            self._slide = slide
        if isinstance(count, int) and count >= 1:
            self._slide_count = count
        return data

    def _kill(self, child: subprocess.Popen[bytes]) -> None:
        """SIGKILL the player and its process group (a hung Qt loop will not answer SIGTERM)."""
        try:
            if os.name == "posix":
                os.killpg(child.pid, signal.SIGKILL)
            else:
                child.kill()
        except (ProcessLookupError, PermissionError):
            pass
        child.wait()

    def _terminate(self, child: subprocess.Popen[bytes]) -> None:
        """Polite stop for shutdown: SIGTERM, then SIGKILL after 5 s."""
        child.terminate()
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._kill(child)

    # -- restart policy -------------------------------------------------------------------
    def _next_backoff(self, previous: float, ran_for: float) -> float:
        """0 after a long healthy run (come back at once), else doubling up to backoff_max."""
        if ran_for >= self.config.healthy_after:
            return 0.0
        if previous <= 0:
            return self.config.backoff_initial if self.restarts else 0.0
        return min(previous * 2, self.config.backoff_max)

    def _note_failure(self, reason: str, ran_for: float) -> None:
        """Skip a slide that keeps killing the player at once, so the show goes on without it.

        Only quick failures count (shorter than `healthy_after`): a slide whose video crashes
        the decoder does so seconds after start; a fault after a healthy run is not the slide's.
        """
        if ran_for >= self.config.healthy_after:
            self._failures_here = 0
            return
        self._failures_here += 1
        if self._failures_here >= 2 and self._slide is not None:
            skipped = self._slide
            self._slide = skipped + 1
            if self._slide_count and self._slide > self._slide_count:
                self._slide = 1
            self._failures_here = 0
            log.error(
                "player failed twice on slide %d (%s); resuming at %d", skipped, reason, self._slide
            )

    def _cap_wait(self) -> float:
        """Seconds until another restart fits in the hourly cap (0 if it fits now)."""
        now = self._clock()
        while self._restart_times and now - self._restart_times[0] > 3600:
            self._restart_times.popleft()
        if len(self._restart_times) < self.config.max_restarts_per_hour:
            return 0.0
        wait = 3600 - (now - self._restart_times[0])
        log.error(
            "%d restarts in the last hour (cap %d): waiting %.0f s",
            len(self._restart_times),
            self.config.max_restarts_per_hour,
            wait,
        )
        return wait

    def _wait(self, seconds: float) -> None:
        """Sleep in small steps so SIGTERM during a back-off still stops promptly."""
        end = self._clock() + seconds
        while not self._stopping and self._clock() < end:
            self._sleep(min(self.config.poll_interval, max(0.0, end - self._clock())))
