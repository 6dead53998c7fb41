"""A kiosk that updates itself: check a folder (a USB stick) or a URL every few minutes.

Set in `settings.yaml`:

    update_source: /media/kiosk/REVKIOSK/revkiosk     # or https://example.org/deck.tar.gz
    update_interval: 300                               # seconds (10 … 86400)

`revkiosk kiosk` runs an `UpdateWatcher` on a thread. Each check runs `revkiosk update` as a
child process (the render step needs Qt, and a deck that crashes the renderer must not take the
supervisor with it). A folder is only tried once what it holds has stopped changing (a bundle
still being copied onto the stick is left alone) and only again when it changes; a URL is asked
every interval with the ETag of the last download, so an unchanged bundle costs one request.
The version a technician rolled back from is not installed again by the watcher.
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from revkiosk.resources import self_command
from revkiosk.update.fetch import is_url
from revkiosk.update.manifest import MANIFEST_NAME, BundleProblem
from revkiosk.update.store import ContentStore
from revkiosk.update.unpack import newest_archive

log = logging.getLogger("revkiosk.update.watch")
UPDATE_TIMEOUT_S = 3600.0
Fingerprint = tuple[str, int, int] | None


def fingerprint(source: Path) -> Fingerprint:
    """What identifies the bundle a folder offers now, or None if it offers none: the archive's
    name, size and time, or for an unpacked bundle its file count and newest time (a damaged
    file copied again counts as a change)."""
    try:
        if source.is_dir() and (source / MANIFEST_NAME).exists():
            count, newest = 0, 0
            for parent, _dirs, files in os.walk(source):
                for name in files:
                    count += 1
                    newest = max(newest, os.stat(os.path.join(parent, name)).st_mtime_ns)
            return (str(source), count, newest)
        target = newest_archive(source) if source.is_dir() else source
        info = target.stat()
    except (OSError, BundleProblem):
        return None
    return (str(target), info.st_size, info.st_mtime_ns)


class UpdateWatcher:
    """Checks `source` every `interval` seconds and installs what is new into `content`."""

    def __init__(
        self,
        source: str,
        content: Path,
        interval: float,
        *,
        runner: Callable[[list[str]], tuple[int, str]] | None = None,
    ) -> None:
        self.source, self.content, self.interval = source, content, interval
        self._run = runner or _run_child
        self._seen: Fingerprint = None  # the last folder state tried
        self._pending: Fingerprint = None  # a new state waiting to be seen twice (stable)

    def check(self) -> str | None:
        """One check; returns the update's last output line when an update ran."""
        if not is_url(self.source):
            now = fingerprint(Path(self.source).expanduser())
            if now is None or now == self._seen:
                self._pending = None
                return None
            if now != self._pending:  # changed since the last look: wait until it settles
                self._pending = now
                return None
            self._seen, self._pending = now, None
        command = [*self_command(), "update", self.source, "--content", str(self.content)]
        rolled_back = (ContentStore(self.content).read_report() or {}).get("rolled_back_from")
        if isinstance(rolled_back, str):
            command += ["--skip-version", rolled_back]
        code, output = self._run(command)
        lines = output.strip().splitlines() or [f"exited with {code}"]
        (log.info if code == 0 else log.error)("update from %s: %s", self.source, lines[-1])
        return lines[-1]

    def run(self, stop: threading.Event) -> None:
        """Check until `stop` is set (a folder is looked at every few seconds until it settles)."""
        while not stop.is_set():
            try:
                self.check()
            except Exception:  # the watcher must never take the supervisor down
                log.exception("update check failed")
            wait = 2.0 if self._pending is not None else self.interval
            stop.wait(wait)

    def start(self) -> threading.Event:
        """Run on a daemon thread; set the returned event to stop it."""
        stop = threading.Event()
        thread = threading.Thread(target=self.run, args=(stop,), name="update-watch", daemon=True)
        thread.start()
        return stop


def _run_child(command: list[str]) -> tuple[int, str]:
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=UPDATE_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return 1, f"no result after {UPDATE_TIMEOUT_S:.0f} s; stopped"
    except OSError as error:
        return 1, f"could not start: {error}"
    return done.returncode, done.stderr + done.stdout


def start_watching(content: Path) -> threading.Event | None:
    """Start the watcher the settings ask for (`update_source`, `update_interval`); the event
    that stops it, or None when no source is set."""
    from revkiosk.settings import load_settings

    settings = load_settings()[0]
    if not settings.update_source:
        return None
    log.info(
        "checking %s for content updates every %.0f s",
        settings.update_source,
        settings.update_interval,
    )
    return UpdateWatcher(settings.update_source, content, settings.update_interval).start()
