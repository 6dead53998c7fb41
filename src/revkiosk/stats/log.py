"""The statistics log: one JSON Lines file per day, appended line by line, synced to disk.

Why this shape: a kiosk is switched off at the wall, so every line must be on disk soon after
it is written, but the GUI thread may never wait for a disk (an SD card's `fsync` can take
tens of milliseconds, longer than a frame). `append()` therefore only serialises the record
and hands the bytes to a writer thread, which writes each batch with one `os.write` on an
`O_APPEND` file and then `fdatasync`s it before taking the next batch. A power cut can lose at
most the line(s) being written at that instant; a line cut in half is skipped by the reader, and
the next start puts a newline after it so the new lines stay whole.

Caps, so a season of visits can never fill the disk: one file per local day
(`2026-05-04.jsonl`); a day's file stops growing at `DAY_CAP_BYTES` (8 MiB, about 40,000 visits;
a marker line says so); the folder is kept under `TOTAL_CAP_BYTES` (128 MiB, well over a year
of a busy kiosk) by deleting the oldest days first.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DAY_CAP_BYTES = 8 * 1024 * 1024
TOTAL_CAP_BYTES = 128 * 1024 * 1024
MAX_LINE_BYTES = 4096
SUFFIX = ".jsonl"
_CAP_RESERVE = 256  # room kept at the end of a full day for the "capped" marker line

_sync = getattr(os, "fdatasync", os.fsync)  # macOS and Windows have no fdatasync


def encode(record: dict[str, Any]) -> bytes:
    """One record as a compact JSON line (UTF-8, newline-terminated)."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


class StatsLog:
    """Appends records to the day file named by each record's local date (`t`, ISO 8601).

    `background=False` writes and syncs on the caller's thread (tests, the benchmark's
    baseline). Never raises into the caller: an unwritable folder or a full disk is logged
    once and the records are dropped; the show matters more than its statistics.
    """

    def __init__(
        self,
        folder: Path,
        *,
        day_cap: int = DAY_CAP_BYTES,
        total_cap: int = TOTAL_CAP_BYTES,
        background: bool = True,
    ) -> None:
        self.folder = folder
        self.day_cap = day_cap
        self.total_cap = total_cap
        self._day: str | None = None
        self._fd: int | None = None
        self._size = 0
        self._capped_day: str | None = None
        self._failed = False
        self._queue: queue.Queue[tuple[str, bytes] | None] | None = None
        self._thread: threading.Thread | None = None
        if background:
            self._queue = queue.Queue()
            self._thread = threading.Thread(target=self._run, name="revkiosk-stats", daemon=True)
            self._thread.start()

    # -- caller side ------------------------------------------------------------------------
    def append(self, record: dict[str, Any]) -> None:
        """Queue one record (a dict with an ISO timestamp `t`) for writing; returns at once."""
        data = encode(record)
        if len(data) > MAX_LINE_BYTES:
            log.warning(
                "statistics record of %d bytes dropped (%s)", len(data), record.get("event")
            )
            return
        day = str(record["t"])[:10]
        if self._queue is not None:
            self._queue.put((day, data))
        else:
            self._write_batch([(day, data)])

    def flush(self) -> None:
        """Wait until every queued record is on disk (tests; `close()` does it too)."""
        if self._queue is not None:
            self._queue.join()

    def close(self, timeout: float = 2.0) -> None:
        """Write what is queued, then stop the writer (waits at most `timeout` seconds)."""
        if self._queue is not None and self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._queue = None
        self._close_fd()

    # -- writer side ------------------------------------------------------------------------
    def _run(self) -> None:
        assert self._queue is not None
        stop = False
        while not stop:
            batch = [self._queue.get()]
            while True:  # everything that queued up while the last sync ran: one sync for all
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            items = [item for item in batch if item is not None]
            stop = len(items) < len(batch)
            try:
                self._write_batch(items)
            except Exception:  # a bug here must not kill the writer (and, with it, statistics)
                log.exception("statistics writer failed")
            finally:
                for _ in batch:
                    self._queue.task_done()
        self._close_fd()

    def _write_batch(self, items: list[tuple[str, bytes]]) -> None:
        pending: list[bytes] = []
        for day, data in items:
            if day != self._day or self._fd is None:  # a new day, or retry after a failure
                self._flush_pending(pending)
                self._switch_day(day)
            if self._fd is None:
                continue
            if self._size + len(data) > self.day_cap - _CAP_RESERVE:
                self._mark_capped(pending)
                continue
            pending.append(data)
            self._size += len(data)
        self._flush_pending(pending)

    def _flush_pending(self, pending: list[bytes]) -> None:
        if not pending or self._fd is None:
            pending.clear()
            return
        data = b"".join(pending)
        pending.clear()
        try:
            view = memoryview(data)
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            _sync(self._fd)
        except OSError as error:  # full disk, pulled card: keep the show going
            self._fail(f"cannot write statistics to {self.folder}: {error}")

    def _switch_day(self, day: str) -> None:
        self._close_fd()
        self._day = day
        path = self.folder / f"{day}{SUFFIX}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            created = not path.exists()
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            self._size = os.fstat(fd).st_size
            if self._size and _last_byte(path) != b"\n":
                # The last run was cut off mid-line (power cut): end that line, keep ours whole.
                os.write(fd, b"\n")
                self._size += 1
            self._fd = fd
            if created:
                _sync_folder(self.folder)
                self._prune(keep=path)
        except OSError as error:
            self._fail(f"cannot open the statistics file {path}: {error}")

    def _mark_capped(self, pending: list[bytes]) -> None:
        if self._capped_day == self._day:
            return
        self._capped_day = self._day
        log.warning(
            "statistics for %s reached %d bytes; more records that day are dropped",
            self._day,
            self.day_cap,
        )
        marker = encode({"t": f"{self._day}T23:59:59", "event": "capped"})
        pending.append(marker)
        self._size += len(marker)

    def _prune(self, keep: Path) -> None:
        """Delete the oldest day files until the folder is under the total cap."""
        files = sorted(p for p in self.folder.glob(f"*{SUFFIX}") if p != keep)
        sizes = {p: _size_of(p) for p in files}
        total = sum(sizes.values()) + self.day_cap  # today may still grow to its cap
        for path in files:
            if total <= self.total_cap:
                break
            try:
                path.unlink()
                log.info("statistics: deleted %s to stay under %d bytes", path.name, self.total_cap)
            except OSError as error:
                log.warning("statistics: cannot delete %s: %s", path, error)
            total -= sizes[path]

    def _fail(self, message: str) -> None:
        if not self._failed:
            log.warning("%s; visitor statistics are not recorded", message)
            self._failed = True
        self._close_fd()

    def _close_fd(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.close(fd)
            except OSError:
                pass


def _last_byte(path: Path) -> bytes:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1)


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _sync_folder(folder: Path) -> None:
    """Make a new file's name survive a power cut too (POSIX; a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
