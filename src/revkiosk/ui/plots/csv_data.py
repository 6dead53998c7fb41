"""An author's CSV for `chart: csv`: read safely, off the GUI thread when big, thinned to show.

`revkiosk check` validates that the file exists and names its columns; this re-reads it at show
time, when it may have changed or be unreadable, through `revkiosk.safe_files` (a FIFO or a
device is refused, not waited on). A file over `SYNC_BYTES` is read on the picture worker
(`IMAGES.run_job`): a million-row CSV used to hold the GUI thread for most of a minute while
the next slide preloaded, and the supervisor restarted the "hung" player in a loop. Past
`budget.CSV_ROWS` data rows the chart shows an even sample of that many points (`check` warns),
so drawing and hovering stay quick. Parsed data is shared by key (file identity and columns).

Nothing here imports pyqtgraph: the chart module does.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject

from revkiosk.deck.budget import CSV_ROWS
from revkiosk.deck.model import CsvChart
from revkiosk.safe_files import CSV_BYTES, file_identity, read_bytes

SYNC_BYTES = 512 * 1024  # smaller files are read on the GUI thread (a few milliseconds)
KEEP = 8  # parsed files kept


class CsvChartError(Exception):
    """The author's CSV cannot be drawn; the message says where and why."""


@dataclass
class Series:
    name: str
    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    @property
    def is_line(self) -> bool:
        return len(self.x) > 1 and all(b > a for a, b in zip(self.x, self.x[1:], strict=False))


def _number(text: str, column: str, line: int) -> float:
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        raise CsvChartError(f"row {line}: {text!r} in column {column!r} is not a number") from None
    if not math.isfinite(value):
        raise CsvChartError(f"row {line}: {text!r} in column {column!r} is not a finite number")
    return value


def read_series(spec: CsvChart, limit: int = CSV_ROWS) -> list[Series]:
    """Parse the CSV named by `spec` into series (one per `group` value, in first-seen order);
    with more than `limit` data rows, every k-th row (an even sample of about `limit`)."""
    try:
        data = read_bytes(spec.file, CSV_BYTES)
        text = data.decode("utf-8-sig")
    except OSError as error:
        raise CsvChartError(f"cannot read the file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise CsvChartError("the file is not UTF-8 text") from None
    stride = max(1, math.ceil((text.count("\n") - 1) / limit)) if limit else 1
    try:
        rows = csv.reader(io.StringIO(text, newline=""))
        columns = [name.strip() for name in next(rows, [])]
        wanted = [c for c in (spec.x, spec.y, spec.group, spec.label) if c]
        missing = [c for c in wanted if c not in columns]
        if missing:
            found = ", ".join(columns) or "none"
            raise CsvChartError(f"no column {missing[0]!r} (columns found: {found})")
        groups: dict[str, Series] = {}
        for line, row in enumerate(rows, start=2):
            if (line - 2) % stride or not any(v.strip() for v in row):
                continue  # an even sample of a big file; blank lines
            cells = dict(zip(columns, row, strict=False))
            x = _number(cells.get(spec.x) or "", spec.x, line)
            y = _number(cells.get(spec.y) or "", spec.y, line)
            if spec.log_y and y <= 0:
                raise CsvChartError(
                    f"row {line}: {y:g} in column {spec.y!r} cannot go on a log axis"
                )
            key = (cells.get(spec.group) or "").strip() if spec.group else ""
            series = groups.setdefault(key, Series(key))
            series.x.append(x)
            series.y.append(math.log10(y) if spec.log_y else y)
            series.labels.append((cells.get(spec.label) or "").strip() if spec.label else "")
    except csv.Error as error:
        raise CsvChartError(f"not a valid CSV file ({error})") from None
    if not groups:
        raise CsvChartError("the file has no data rows")
    return list(groups.values())


Outcome = list[Series] | CsvChartError
_DONE: dict[object, Outcome] = {}  # shared by every view of the same file and columns


def _key(spec: CsvChart) -> object:
    return (file_identity(spec.file), spec.x, spec.y, spec.group, spec.label, spec.log_y)


def load_now(spec: CsvChart) -> Outcome:
    """The series now (read here unless another view already did)."""
    key = _key(spec)
    if key not in _DONE:
        try:
            _remember(key, read_series(spec))
        except CsvChartError as error:
            _remember(key, error)
    return _DONE[key]


def _remember(key: object, outcome: Outcome) -> None:
    _DONE[key] = outcome
    while len(_DONE) > KEEP:
        del _DONE[next(iter(_DONE))]  # the oldest: an edited file's old data, another deck


def ready(spec: CsvChart) -> bool:
    """True once the data is read; else its reading starts on the worker (a thumbnail of the
    chart is rendered only then, never reading a big file on the GUI thread)."""
    key = _key(spec)
    if key in _DONE:
        return True
    from revkiosk.ui.decoded import IMAGES

    holder = _holder()
    IMAGES.run_job(("csv", key), lambda: read_series(spec), holder, lambda r: _arrived(key, r))
    return False


_HOLDER: list[QObject] = []


def _holder() -> QObject:
    """A long-lived receiver for reads nobody waits on (thumbnails only poll `ready`)."""
    if not _HOLDER:
        _HOLDER.append(QObject())
    return _HOLDER[0]


def _arrived(key: object, result: object) -> Outcome:
    outcome = (
        result
        if isinstance(result, (list, CsvChartError))
        else CsvChartError(f"cannot read the file ({result})")
    )
    _remember(key, outcome)
    return outcome


def request(spec: CsvChart, receiver: QObject, done: Callable[[Outcome], None]) -> Outcome | None:
    """The series now if small or already read; else None and `done(outcome)` on the GUI
    thread once the worker has read them (offscreen renders read at once)."""
    from revkiosk.ui.decoded import IMAGES

    key = _key(spec)
    if key in _DONE:
        return _DONE[key]
    try:
        size = spec.file.stat().st_size
    except OSError:
        size = 0
    if size <= SYNC_BYTES or IMAGES.offscreen:
        return load_now(spec)

    def arrived(result: object) -> None:
        done(_arrived(key, result))

    IMAGES.run_job(("csv", key), lambda: read_series(spec), receiver, arrived)
    return None
