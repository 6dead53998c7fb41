"""A rotating log file that fails quietly: a full disk is said once, never as tracebacks.

`logging` reports a handler that cannot write by printing "--- Logging error ---" and a whole
traceback to stderr for every record: on a kiosk whose state disk is full that is a traceback per
slide change on the terminal (and in the journal). This handler says once, in one line, that the
log file cannot be written and why; records then still reach the other handlers (the terminal,
the journal). Once a write succeeds again (space was freed), a later failure is reported again.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """`RotatingFileHandler` whose write failures are one line on stderr, once per outage."""

    _failing = False  # a write failed and was reported; reset by the next good write
    _failed_now = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed_now = False
        super().emit(record)
        if not self._failed_now:
            self._failing = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging API)
        self._failed_now = True
        if self._failing:
            return
        self._failing = True
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or error
        try:
            sys.stderr.write(
                f"revkiosk: cannot write the log file {self.baseFilename} ({reason}); "
                "log records go to the terminal only until it can be written again\n"
            )
        except (OSError, ValueError):  # no usable stderr either: nothing else to tell
            pass
