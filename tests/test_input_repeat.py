"""A held clicker button moves one slide (X11 sends a release and a press with one timestamp),
while separate presses always move, including synthesised ones that carry no timestamp."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from test_navigation import make_window


def send(window, kind: QEvent.Type, timestamp: int) -> None:
    event = QKeyEvent(kind, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
    event.setTimestamp(timestamp)
    QApplication.sendEvent(window, event)


def click(window, timestamp: int) -> None:
    send(window, QEvent.Type.KeyPress, timestamp)
    send(window, QEvent.Type.KeyRelease, timestamp + 90 if timestamp else 0)


def test_a_release_and_press_with_one_timestamp_is_a_held_key(qtbot) -> None:
    window, nav = make_window(qtbot)
    click(window, 1000)
    send(window, QEvent.Type.KeyPress, 1090)  # X11 auto-repeat: same time as the release
    assert nav.index == 1
    click(window, 2000)  # a real second press
    assert nav.index == 2


def test_presses_without_timestamps_each_move(qtbot) -> None:
    """Regression: synthesised events all have timestamp 0, and were taken for a held key."""
    window, nav = make_window(qtbot)
    for _ in range(3):
        click(window, 0)
    assert nav.index == 3
