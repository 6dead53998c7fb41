"""Named actions for the player window: the policy, the built-ins, the view, then plug-ins.

`Actions.trigger(name)` is where every key, click, swipe and plug-in request ends up:

1. the policy (`allows(name)`, kiosk mode) may refuse it;
2. the window's built-ins (`next`, `black`, `overview`, …) are performed directly;
3. `timeline`, `presenter`, `play_pause` and zoom are offered to the current slide view's
   `handle_action()` first (a chart zooms, a video pauses) and then to handlers other modules
   registered with `register()` — so the timeline, presenter view and kiosk plug in without
   editing the window.

`AutoAdvance` (key A) is here too: it drives the navigator on a timer, like any other input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from revkiosk.ui.window import MainWindow

log = logging.getLogger(__name__)

DELEGATED = ("timeline", "presenter", "play_pause", "zoom_in", "zoom_out", "zoom_reset")


class Actions:
    """The action table of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.allows: Callable[[str], bool] = lambda action: True
        self.hooks: dict[str, Callable[[], object]] = {}

    def register(self, action: str, handler: Callable[[], object]) -> None:
        self.hooks[action] = handler

    def trigger(self, action: str) -> str | None:
        """Perform `action`; returns the action performed (Esc resolves to `close_overlay` or
        `leave_fullscreen`), or None if it was refused or nothing handles it."""
        if action == "escape":
            if not self.allows(action):
                return None
            action = self._escape_target() or ""
            if not action:
                return None
        if not self.allows(action):
            log.info("action %r refused by policy", action)
            return None
        builtin = self._builtins().get(action)
        if builtin is not None:
            builtin()
        elif not self._delegate(action):
            return None
        return action

    def _builtins(self) -> dict[str, Callable[[], object]]:
        win, nav = self.window, self.window.navigator
        return {
            "next": nav.next,
            "previous": nav.previous,
            "first": nav.first,
            "last": nav.last,
            "goto": lambda: win.goto_box.open(nav.count),
            "black": lambda: nav.toggle_blank("black"),
            "white": lambda: nav.toggle_blank("white"),
            "fullscreen": win.toggle_fullscreen,
            "enter_fullscreen": win.enter_fullscreen,
            "leave_fullscreen": win.leave_fullscreen,
            "close_overlay": win.close_overlays,
            "overview": win.toggle_overview,
            "help": win.toggle_help,
            "auto_advance": win.auto.toggle,
            "reload": win.reload_requested.emit,
            "quit": win.quit,
        }

    def _delegate(self, action: str) -> bool:
        stage = self.window.stage
        view = stage.current_view() if stage is not None else None
        if action in DELEGATED and view is not None:
            try:
                if view.handle_action(action):
                    return True
            except Exception:  # noqa: BLE001 - a view bug must not stop the show
                log.exception("view failed to handle %r", action)
        if action == "play_pause" and stage is not None and stage.toggle_narration():
            return True
        hook = self.hooks.get(action)
        if hook is None:
            if action in ("timeline", "presenter"):
                self.window.notice.post(f"The {action} view is not available.")
            return False
        hook()
        return True

    def _escape_target(self) -> str | None:
        if self.window.overlay_open():
            return "close_overlay"
        if self.window.is_fullscreen():
            return "leave_fullscreen"
        return None


class AutoAdvance(QObject):
    """Key A: step through the deck on a timer, as a loop (the last slide wraps to the first).

    Each slide stays its `seconds`, or as long as its view says (`attract_seconds()`, a video),
    or the deck's `slide_seconds`.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.on = False
        self._timer = QTimer(self, singleShot=True, timeout=self._on_timeout)

    def toggle(self) -> None:
        self.on = not self.on
        self.restart() if self.on else self._timer.stop()
        self.window.update_progress()

    def restart(self) -> None:
        """The slide changed (or auto-advance was switched on): time this slide afresh."""
        win = self.window
        if not self.on or win.context is None or not win.navigator.count:
            return
        slide = win.context.deck.slides[win.navigator.index]
        view = win.stage.current_view() if win.stage is not None else None
        try:
            seconds = (view.attract_seconds() if view is not None else None) or slide.seconds
        except Exception:  # noqa: BLE001 - a view bug must not stop the show
            seconds = slide.seconds
        self._timer.start(round(1000 * (seconds or win.context.deck.info.slide_seconds)))

    def _on_timeout(self) -> None:
        nav = self.window.navigator
        nav.first() if nav.at_end else nav.next()
