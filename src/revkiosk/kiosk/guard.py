"""The kiosk guard: what never reaches the keymap, and the one way out for a technician.

`KioskGuard` is an application-wide event filter for what never reaches the keymap: Esc, Alt+F4,
F11, Ctrl+Q/W, Alt+Tab (as far as Qt sees it; the window manager may grab it first), context
menus and close requests are swallowed; the exit chord (default Ctrl+Alt+Shift+Q) opens a PIN
prompt when a PIN is set, then quits. It also keeps the window frameless, full screen and on
top, and hides the cursor after 3 s without movement. Which named actions a visitor may trigger
is the policy's (`kiosk.policy`).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from revkiosk.deck.model import KioskSettings

log = logging.getLogger(__name__)

_MODS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.MetaModifier
)
_ALT = Qt.KeyboardModifier.AltModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
# Keys swallowed whatever modifiers are held; (key, modifier) pairs swallowed with that modifier.
_ALWAYS_SWALLOWED = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_F11,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Menu,
    Qt.Key.Key_Close,
}
_SWALLOWED_WITH = {
    (Qt.Key.Key_F4, _ALT),
    (Qt.Key.Key_Tab, _ALT),
    (Qt.Key.Key_Backtab, _ALT),
    (Qt.Key.Key_Q, _CTRL),
    (Qt.Key.Key_W, _CTRL),
    (Qt.Key.Key_F4, _CTRL),
}
_ACTIVITY = {
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletMove,
    QEvent.Type.Wheel,
}

_POINTER = {
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
}


def parse_chord(text: str) -> tuple[int, Qt.KeyboardModifier]:
    """`"Ctrl+Alt+Shift+Q"` → (Key_Q, Ctrl|Alt|Shift). Raises ValueError with a readable reason.

    A chord must hold at least two modifiers, so no visitor stumbles on it by mashing keys.
    """
    sequence = QKeySequence.fromString(text.strip(), QKeySequence.SequenceFormat.PortableText)
    if sequence.count() != 1 or sequence[0].key() == Qt.Key.Key_unknown:
        raise ValueError(f"exit chord {text!r} is not a key combination like 'Ctrl+Alt+Shift+Q'")
    combo = sequence[0]
    mods = combo.keyboardModifiers() & _MODS
    held = sum(bool(mods & m) for m in (_CTRL, _ALT, Qt.KeyboardModifier.ShiftModifier))
    if held + bool(mods & Qt.KeyboardModifier.MetaModifier) < 2:
        raise ValueError(f"exit chord {text!r} needs at least two modifiers (e.g. Ctrl+Alt+Q)")
    return int(combo.key().value), Qt.KeyboardModifier(mods)


def settings_chord(settings: KioskSettings) -> tuple[int, Qt.KeyboardModifier]:
    """The configured chord, or the default one (with a logged error) if it does not parse."""
    try:
        return parse_chord(settings.exit_chord)
    except ValueError as error:
        log.error("%s; using %s", error, KioskSettings.exit_chord)
        return parse_chord(KioskSettings.exit_chord)


class KioskGuard(QObject):
    """Application event filter that makes the kiosk window hard to leave and easy to read.

    `exit_approved` fires once the chord (and PIN, if set) is right; by default the guard then
    exits the event loop. `is_exiting` lets the window's own close handler agree to close.
    """

    exit_requested = Signal()
    exit_approved = Signal()

    def __init__(
        self,
        window: QWidget,
        settings: KioskSettings,
        *,
        cursor_hide_ms: int = 3000,
        on_exit: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.settings = settings
        self._chord = settings_chord(settings)
        self._on_exit = on_exit or (lambda: QApplication.exit(0))
        self.is_exiting = False
        self.closed = False  # outside opening hours: all input but the exit chord is swallowed
        self._prompt: QWidget | None = None
        self._cursor_hidden = False
        self._cursor_timer = QTimer(self, singleShot=True, interval=cursor_hide_ms)
        self._cursor_timer.timeout.connect(self.hide_cursor)
        self._refocus = QTimer(self, singleShot=True, interval=500)
        self._refocus.timeout.connect(self._bring_back)

    # -- set-up ---------------------------------------------------------------------------
    def install(self) -> None:
        """Filter all input and make the window frameless, full screen and on top."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        flags = self.window.windowFlags()
        flags |= Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        self.window.setWindowFlags(flags)
        self.window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.window.showFullScreen()
        screen = self.window.screen()
        if screen is not None:  # with no window manager, full screen is only a request
            self.window.setGeometry(screen.geometry())
        self._cursor_timer.start()

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.show_cursor()
        self._cursor_timer.stop()

    # -- cursor ---------------------------------------------------------------------------
    @property
    def cursor_hidden(self) -> bool:
        return self._cursor_hidden

    def hide_cursor(self) -> None:
        if not self._cursor_hidden:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
            self._cursor_hidden = True

    def show_cursor(self) -> None:
        if self._cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_hidden = False

    # -- the filter -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            if self._prompt is not None and self._prompt.isVisible():
                return False  # the PIN prompt handles its own keys (Esc cancels it)
            return self._filter_key(event, kind) or self.closed  # type: ignore[arg-type]
        if kind in _ACTIVITY or kind in _POINTER:
            if self.closed:  # outside opening hours the screen stays dark whatever is touched
                return True
            self.show_cursor()
            self._cursor_timer.start()
            return False
        if kind == QEvent.Type.ContextMenu:
            event.accept()
            return True
        if watched is self.window.windowHandle() or watched is self.window:
            return self._filter_window(event, kind)
        return False

    def _filter_key(self, event: QKeyEvent, kind: QEvent.Type) -> bool:
        key, mods = event.key(), event.modifiers() & _MODS
        if self._is_chord(key, mods):
            event.accept()
            if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self._on_chord()
            return True
        if key in _ALWAYS_SWALLOWED or any(key == k and bool(mods & m) for k, m in _SWALLOWED_WITH):
            event.accept()  # accepted ShortcutOverride: no QShortcut/QAction fires either
            return True
        return False

    def _is_chord(self, key: int, mods: Qt.KeyboardModifier) -> bool:
        want_key, want_mods = self._chord
        return key == want_key and mods == want_mods

    def _filter_window(self, event: QEvent, kind: QEvent.Type) -> bool:
        if kind == QEvent.Type.Close and not self.is_exiting:
            event.ignore()
            log.info("kiosk: refused a request to close the window")
            return True
        if kind == QEvent.Type.WindowStateChange and not self.is_exiting:
            if not self.window.isFullScreen():
                QTimer.singleShot(0, self.window.showFullScreen)
        elif kind == QEvent.Type.WindowDeactivate and not self.is_exiting:
            self._refocus.start()
        return False

    def _bring_back(self) -> None:
        """Another window took focus (a notification, a dialog): raise the kiosk again."""
        if self._prompt is not None and self._prompt.isVisible():
            return
        self.window.raise_()
        self.window.activateWindow()

    # -- exit -----------------------------------------------------------------------------
    def _on_chord(self) -> None:
        self.exit_requested.emit()
        if not self.settings.pin:
            self.approve_exit()
            return
        from revkiosk.ui.pin_prompt import PinPrompt

        if self._prompt is None:
            prompt = PinPrompt(self.window, check=self.check_pin)
            prompt.accepted.connect(self.approve_exit)
            self._prompt = prompt
        self._prompt.open()  # type: ignore[attr-defined]

    def check_pin(self, entered: str) -> bool:
        """Constant-time PIN comparison (the PIN is short; do not leak it through timing)."""
        expected = (self.settings.pin or "").encode()
        return bool(expected) and hmac.compare_digest(entered.strip().encode(), expected)

    def approve_exit(self) -> None:
        """The technician is leaving: allow the close and stop the event loop."""
        log.info("kiosk: exit chord accepted, leaving kiosk mode")
        self.is_exiting = True
        self.show_cursor()
        self.exit_approved.emit()
        self._on_exit()
