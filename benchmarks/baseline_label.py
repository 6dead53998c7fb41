"""The start-up baseline: the cheapest PySide6 program that paints something, then exits.

    python benchmarks/baseline_label.py

It imports QtWidgets, shows one QLabel and quits right after its first paint, printing the same
marker as `revkiosk` with REVKIOSK_EXIT_AFTER_FIRST_PAINT=1. bench_startup.py times both as
whole processes, so the ratio says what revkiosk adds over Python + Qt on this machine.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

MARKER = "revkiosk: first slide painted"


class _FirstPaint(QObject):
    """Quit after the label's first paint (the same rule the player uses)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, _done)
        return False


def _done() -> None:
    print(f"{MARKER} baseline", flush=True)
    QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = QLabel("Visualizing the deep learning revolution")
    watcher = _FirstPaint()
    label.installEventFilter(watcher)
    label.resize(1280, 720)
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
