"""Kiosk mode is impossible to leave except by the exit chord (and PIN, when one is set)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_helpers import window_for

from revkiosk.deck.model import KioskSettings
from revkiosk.kiosk.guard import KioskGuard, parse_chord
from revkiosk.kiosk.policy import KioskPolicy
from revkiosk.navigator import Navigator
from revkiosk.settings import Settings
from revkiosk.theme import DARK

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CHORD = CTRL | ALT | SHIFT


class Kiosk:
    """A real player window under the kiosk guard, recording exits instead of quitting."""

    def __init__(self, qtbot: QtBot, **settings: object) -> None:
        self.exits = 0
        self.window, _, _ = window_for(None, Settings(), navigator=Navigator(5), theme=DARK)
        qtbot.addWidget(self.window)
        self.policy = KioskPolicy()
        self.window.set_policy(self.policy.allows)
        self.guard = KioskGuard(
            self.window, KioskSettings(**settings), cursor_hide_ms=100, on_exit=self._exit
        )
        self.guard.install()
        qtbot.waitExposed(self.window)

    def _exit(self) -> None:
        self.exits += 1

    def close(self) -> None:
        self.guard.uninstall()
        self.guard.is_exiting = True


@pytest.fixture
def kiosk(qtbot: QtBot):  # type: ignore[no-untyped-def]
    k = Kiosk(qtbot)
    yield k
    k.close()


@pytest.mark.parametrize(
    ("key", "mods"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, ALT),
        (Qt.Key.Key_Q, CTRL),
        (Qt.Key.Key_W, CTRL),
        (Qt.Key.Key_Tab, ALT),
        (Qt.Key.Key_F, Qt.KeyboardModifier.NoModifier),  # fullscreen toggle: refused by policy
        (Qt.Key.Key_Q, CTRL | ALT),  # not the chord: one modifier short
    ],
)
def test_escape_keys_do_not_leave_kiosk(qtbot: QtBot, kiosk: Kiosk, key: Qt.Key, mods) -> None:  # type: ignore[no-untyped-def]
    fired: list[str] = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Q | CTRL), kiosk.window)
    shortcut.activated.connect(lambda: fired.append("ctrl+q shortcut"))
    qtbot.keyClick(kiosk.window, key, mods)
    qtbot.wait(20)
    assert kiosk.window.isVisible()
    assert kiosk.window.isFullScreen()
    assert kiosk.exits == 0
    assert fired == []


def test_only_the_exit_chord_exits(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Q, CHORD)
    assert kiosk.exits == 1
    assert kiosk.guard.is_exiting
    assert kiosk.window.close(), "after the chord the window may close"


def test_a_configured_chord_replaces_the_default(qtbot: QtBot) -> None:
    k = Kiosk(qtbot, exit_chord="Ctrl+Alt+X")
    try:
        qtbot.keyClick(k.window, Qt.Key.Key_Q, CHORD)
        assert k.exits == 0
        qtbot.keyClick(k.window, Qt.Key.Key_X, CTRL | ALT)
        assert k.exits == 1
    finally:
        k.close()


def test_chord_with_pin_asks_for_it_and_wrong_pins_do_not_exit(qtbot: QtBot) -> None:
    k = Kiosk(qtbot, pin="2468")
    try:
        qtbot.keyClick(k.window, Qt.Key.Key_Q, CHORD)
        prompt = k.guard._prompt
        assert prompt is not None and prompt.isVisible()
        assert k.exits == 0
        qtbot.keyClicks(prompt.field, "1111")
        qtbot.keyClick(prompt.field, Qt.Key.Key_Return)
        assert k.exits == 0
        assert "Wrong PIN" in prompt.message.text()
        qtbot.keyClick(prompt.field, Qt.Key.Key_Escape)
        assert not prompt.isVisible(), "Esc cancels the prompt (and only the prompt)"
        assert k.window.isVisible() and k.exits == 0
        qtbot.keyClick(k.window, Qt.Key.Key_Q, CHORD)
        qtbot.keyClicks(prompt.field, "2468")
        qtbot.keyClick(prompt.field, Qt.Key.Key_Return)
        assert k.exits == 1
    finally:
        k.close()


def test_three_wrong_pins_lock_the_prompt(qtbot: QtBot) -> None:
    k = Kiosk(qtbot, pin="2468")
    try:
        qtbot.keyClick(k.window, Qt.Key.Key_Q, CHORD)
        prompt = k.guard._prompt
        for _ in range(3):
            qtbot.keyClicks(prompt.field, "0000")
            qtbot.keyClick(prompt.field, Qt.Key.Key_Return)
        assert not prompt.field.isEnabled()
        prompt.field.setText("2468")
        prompt._submit()
        assert k.exits == 0, "even the right PIN is refused while locked"
    finally:
        k.close()


def test_close_requests_are_refused(qtbot: QtBot, kiosk: Kiosk) -> None:
    assert not kiosk.window.close()
    assert kiosk.window.isVisible()


class MenuWidget(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.menus = 0

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.menus += 1


def test_context_menu_is_swallowed(qtbot: QtBot, kiosk: Kiosk) -> None:
    child = MenuWidget(kiosk.window)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))
    QApplication.sendEvent(child, event)
    assert child.menus == 0


def test_cursor_hides_when_still_and_returns_on_movement(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.waitUntil(lambda: kiosk.guard.cursor_hidden, timeout=2000)
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    qtbot.mouseMove(kiosk.window, QPoint(50, 50))
    qtbot.mouseMove(kiosk.window, QPoint(60, 60))
    assert not kiosk.guard.cursor_hidden


def test_window_is_frameless_and_on_top(kiosk: Kiosk) -> None:
    flags = kiosk.window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint


def test_leaving_fullscreen_is_undone(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.window.showNormal()
    qtbot.waitUntil(kiosk.window.isFullScreen, timeout=2000)


def test_policy_refuses_leaving_and_presenter_tools_but_not_navigation() -> None:
    policy = KioskPolicy()
    for action in ("quit", "fullscreen", "leave_fullscreen", "presenter", "black", "goto"):
        assert not policy.allows(action), action
    for action in ("next", "previous", "first", "timeline", "play_pause"):
        assert policy.allows(action), action
    assert KioskPolicy(enabled=False).allows("quit")


def test_window_refuses_quit_under_the_policy(kiosk: Kiosk) -> None:
    assert kiosk.window.trigger("quit") is False
    assert kiosk.window.trigger("next") is True
    assert kiosk.window.navigator.index == 1


@pytest.mark.parametrize("bad", ["", "Q", "Ctrl+Q", "Ctrl+Alt+", "Hyper+Q+Z, X"])
def test_bad_chords_are_rejected_with_a_reason(bad: str) -> None:
    with pytest.raises(ValueError, match="exit chord"):
        parse_chord(bad)


def test_unparsable_configured_chord_falls_back_to_the_default(qtbot: QtBot) -> None:
    k = Kiosk(qtbot, exit_chord="Q")
    try:
        qtbot.keyClick(k.window, Qt.Key.Key_Q, CHORD)
        assert k.exits == 1
    finally:
        k.close()


def test_parse_chord_reads_the_default() -> None:
    key, mods = parse_chord("Ctrl+Alt+Shift+Q")
    assert key == Qt.Key.Key_Q.value
    assert mods == CHORD
