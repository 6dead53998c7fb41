"""Keys, mouse, wheel and touch → action names.

Left click is `next`, right click `previous`, a long press nothing; a horizontal drag or touch
swipe moves by direction (Qt turns unhandled touches into mouse events, so one path serves
both). The wheel accumulates deltas so one notch is one slide, and a trackpad stroke (dozens of
small, inertial deltas) moves at most one slide, so the deck does not fly by.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QElapsedTimer, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from revkiosk.keymap import action_for, action_for_position, digit_for, keypad_action_for
from revkiosk.navigator import Navigator


class KeyTarget(Protocol):
    """What key routing needs from the window: the navigator, its overlays, its actions."""

    navigator: Navigator
    # Open panels (comfort, idle prompt) offered each key first: (event, action) -> consumed.
    key_grabbers: list[Callable[[QKeyEvent, str | None], bool]]
    overview: Any  # OverviewGrid: handle_key(event)
    goto_box: Any  # GotoBox: open, type_digit, erase, target, hide
    help: Any  # HelpOverlay: hide

    def is_shown(self, name: str) -> bool: ...
    def allows(self, action: str) -> bool: ...
    def trigger(self, action: str) -> bool: ...


NOTCH = 120  # Qt's angleDelta for one wheel notch
STROKE_PAUSE_MS = 250
SWIPE_FRACTION = 0.08  # of the widget width
LONG_PRESS_MS = 600  # a finger (or button) resting longer than this is not a tap
_MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta}
_MODIFIER_KEYS |= {Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock}


class PointerInput:
    """Turns pointer events on the stage into action names; holds no widgets.

    The caller passes each event and performs the returned action (None: nothing to do).
    """

    def __init__(self) -> None:
        self._press: QPointF | None = None
        self._held = QElapsedTimer()
        self._wheel = 0.0
        self._last_event = QElapsedTimer()
        self._in_stroke = False

    def press(self, event: QMouseEvent) -> str | None:
        """Right button acts at once (`previous`); left waits for release (click or swipe)."""
        if event.button() == Qt.MouseButton.RightButton:
            return "previous"
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._held.start()
        return None

    def release(self, event: QMouseEvent, width: int) -> str | None:
        """Left release: a short move is a click (`next`); a horizontal swipe goes by direction."""
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return None
        delta = event.position() - self._press
        self._press = None
        threshold = max(24.0, width * SWIPE_FRACTION)
        if abs(delta.x()) >= threshold and abs(delta.x()) > 1.5 * abs(delta.y()):
            return "next" if delta.x() < 0 else "previous"
        if abs(delta.x()) < 16 and abs(delta.y()) < 16:
            # A long press opens nothing and moves nothing: a visitor resting a finger, or
            # waiting for a menu that kiosks do not have, must not lose the slide.
            return None if self._held.elapsed() >= LONG_PRESS_MS else "next"
        return None  # a vertical or hesitant drag: do nothing rather than guess

    def wheel(self, event: QWheelEvent) -> str | None:
        """One notch is one slide. Trackpads send many small deltas: a stroke worth one notch
        moves one slide, then the rest of that stroke (until a short pause) is ignored."""
        delta = event.angleDelta()
        amount = delta.y() if abs(delta.y()) >= abs(delta.x()) else delta.x()
        if amount == 0:
            pixels = event.pixelDelta()
            amount = pixels.y() if abs(pixels.y()) >= abs(pixels.x()) else pixels.x()
        quiet = not self._last_event.isValid() or self._last_event.elapsed() >= STROKE_PAUSE_MS
        self._last_event.start()
        if self._in_stroke and not quiet:
            return None
        self._in_stroke = False
        # A change of direction starts the count afresh.
        if self._wheel and (amount > 0) != (self._wheel > 0):
            self._wheel = 0.0
        self._wheel += amount
        if abs(self._wheel) < NOTCH:
            return None
        action = "previous" if self._wheel > 0 else "next"
        self._wheel = 0.0
        self._in_stroke = abs(amount) < NOTCH  # a real notch needs no cool-down
        return action


# Actions a held key repeats; every other action happens once per press.
REPEATING = frozenset({"zoom_in", "zoom_out"})


def _has_command_modifier(mods: Qt.KeyboardModifier) -> bool:
    held = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    return bool(mods & (held | Qt.KeyboardModifier.MetaModifier))


class KeyRouter:
    """Routes key presses for a `MainWindow`: blank screens, open overlays, typed slide
    numbers, then the keymap. Its only state is the last release (to recognise a held key);
    the window's overlays hold the rest."""

    def __init__(self, window: KeyTarget) -> None:
        self.window = window
        self._last_release: tuple[int, int] = (0, -1)  # key and timestamp of the last release

    def handle(self, event: QKeyEvent) -> bool:
        """Route one key press; True when consumed."""
        win, nav = self.window, self.window.navigator
        key, mods = event.key(), event.modifiers()
        if key in _MODIFIER_KEYS:
            return False
        if nav.blank is not None:  # any key returns from a blank screen, and does nothing else
            nav.set_blank(None)
            return True
        digit = digit_for(key, mods)
        action = action_for(key, mods)
        # Where digits type no slide number (kiosk mode), the numeric keypad is a visitor's
        # tactile keypad: its own table (keymap.KEYPAD_BINDINGS).
        keypad = keypad_action_for(key, mods) if not win.allows("goto") else None
        if keypad is not None:
            action, digit = keypad, None
        if action is None and digit is None and not _has_command_modifier(mods):
            action = action_for_position(event.nativeScanCode(), QGuiApplication.platformName())
        if any(grab(event, action) for grab in win.key_grabbers):
            return True
        if win.is_shown("overview"):
            if action in ("overview", "escape", "quit"):
                win.trigger(action)
            else:
                win.overview.handle_key(event)
            return True
        if win.is_shown("goto_box"):
            return self._goto_key(key, digit, action)
        if win.is_shown("help") and action not in ("quit", "fullscreen", "enter_fullscreen"):
            win.help.hide()
            if action in ("help", "escape"):
                return True
        # A leading 0 is not a slide number: it stays `zoom_reset`.
        if digit is not None and (digit or action is None) and win.allows("goto"):
            win.goto_box.open(nav.count)
            win.goto_box.type_digit(digit)
            return True
        if action is None:
            return False
        if action not in REPEATING and self._repeats(event):
            return True  # a held clicker button must not race through the deck
        win.trigger(action)
        return True

    def released(self, event: QKeyEvent) -> None:
        """Remember the last release: X11 auto-repeat sends a release and a press with the same
        timestamp, which no person can do."""
        self._last_release = (event.key(), event.timestamp())

    def _repeats(self, event: QKeyEvent) -> bool:
        """Whether this press is a held key repeating. Qt flags most repeats itself, but under
        load it sees the release before the paired press is queued and calls both real."""
        if event.isAutoRepeat():
            return True
        # Synthesised events (QTest, a remote) carry no timestamp: 0 pairs with nothing.
        return event.timestamp() != 0 and self._last_release == (event.key(), event.timestamp())

    def _goto_key(self, key: int, digit: int | None, action: str | None) -> bool:
        box = self.window.goto_box
        if digit is not None:
            box.type_digit(digit)
        elif key == Qt.Key.Key_Backspace:
            box.erase()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            target = box.target()
            box.hide()
            if target is not None:
                self.window.navigator.go(target - 1)
        elif action in ("escape", "goto"):
            box.hide()
        elif action == "quit":
            self.window.trigger(action)
        return True


class CursorHider(QObject):
    """In full screen the mouse pointer disappears after a few still seconds (an arrow parked
    on a slide distracts the room) and comes back as soon as the mouse moves.

    It polls the pointer position four times a second while in full screen instead of
    listening to move events: views that handle the mouse themselves (charts, the timeline)
    accept their move events, which would then never reach the window.
    """

    IDLE_MS = 2500
    POLL_MS = 250

    def __init__(self, window: QWidget, is_fullscreen: Callable[[], bool]) -> None:
        super().__init__(window)
        self.window = window
        self._is_fullscreen = is_fullscreen
        self._still_ms = 0
        self._last = QCursor.pos()
        self._poll = QTimer(self, interval=self.POLL_MS, timeout=self._on_poll)

    @property
    def hidden(self) -> bool:
        return self.window.cursor().shape() == Qt.CursorShape.BlankCursor

    def wake(self) -> None:
        """Show the pointer; keep watching while in full screen."""
        if self.hidden:
            self.window.unsetCursor()
        self._still_ms = 0
        self._last = QCursor.pos()
        if self._is_fullscreen():
            self._poll.start()
        else:
            self._poll.stop()

    def _on_poll(self) -> None:
        if not self._is_fullscreen():
            self.wake()
            return
        position = QCursor.pos()
        if position != self._last:
            self.wake()
            return
        self._still_ms += self.POLL_MS
        if self._still_ms >= self.IDLE_MS and not self.hidden:
            self.window.setCursor(Qt.CursorShape.BlankCursor)
