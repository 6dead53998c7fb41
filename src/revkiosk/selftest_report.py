"""The self-test's report: one `ok`/`FAIL` line per check, and the errors a check may hide.

Shared by `revkiosk --self-test` and the render step of `revkiosk update`, so both speak the
same lines a technician (or a script) can read.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

log = logging.getLogger("revkiosk.selftest")


class CheckFailed(Exception):
    """A check found a problem; the message says what, in words for a technician."""


@dataclass
class Report:
    """Collects check results and prints one line per check as it happens."""

    out: TextIO
    passed: int = 0
    failed: int = 0
    _sink: TextIO | None = None  # /dev/null once the reader has gone away

    def run(self, name: str, check: Callable[[], str]) -> bool:
        """Run `check` (returns a detail string or raises); any exception is a failed check."""
        try:
            detail = check()
        except CheckFailed as error:
            self._line("FAIL", name, str(error))
            return False
        except Exception as error:  # a self-test reports bugs, never crashes
            log.debug("self-test check %s raised", name, exc_info=True)
            self._line("FAIL", name, f"{type(error).__name__}: {error}")
            return False
        self._line("ok", name, detail)
        return True

    def _line(self, status: str, name: str, detail: str) -> None:
        if status == "ok":
            self.passed += 1
        else:
            self.failed += 1
        self._print(f"{status:<4} {name}: {detail}")

    def _print(self, line: str) -> None:
        try:
            print(line, file=self.out, flush=True)
        except BrokenPipeError:  # `revkiosk --self-test | head`: keep counting, stop printing
            self.out = self._sink = open(os.devnull, "w")  # closed by summary()

    def summary(self) -> int:
        self._print(f"self-test: {self.passed} passed, {self.failed} failed")
        if self._sink is not None:
            self._sink.close()
        return 0 if self.failed == 0 else 1


class _Errors(logging.Handler):
    """Remembers ERROR records and uncaught exceptions raised inside Qt callbacks.

    render_slide logs a view that fails and draws an error card; an exception in a paint or
    resize handler never reaches the caller, Qt only hands it to `sys.excepthook`. Both mean a
    visitor would see a broken slide, so both fail the check (and no traceback is printed).
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f": {_describe(record.exc_info[1])}"
        self.messages.append(text)

    def excepthook(self, kind: type[BaseException], error: BaseException, tb: object) -> None:
        frames = traceback.extract_tb(error.__traceback__)
        where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
        self.messages.append(f"uncaught {_describe(error)}{where}")


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


@contextmanager
def captured_errors() -> Iterator[_Errors]:
    """Collect revkiosk's error records and Qt-callback exceptions instead of printing them."""
    handler = _Errors()
    logger = logging.getLogger("revkiosk")
    logger.addHandler(handler)
    previous_hook, sys.excepthook = sys.excepthook, handler.excepthook
    try:
        yield handler
    finally:
        sys.excepthook = previous_hook
        logger.removeHandler(handler)
