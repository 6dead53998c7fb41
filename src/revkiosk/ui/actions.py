"""Named actions for the player window: the policy, the built-ins, the view, then plug-ins.

`Actions.trigger(name)` is where every key, click, swipe and plug-in request ends up:

1. the policy (`allows(name)`, kiosk mode) may refuse it;
2. the window's built-ins (`next`, `black`, `overview`, …) are performed directly — except that
   `next` and `previous` first turn the pages of a slide that shows its text in pages (a
   visitor's 150 % text that does not fit on one screen);
3. `timeline`, `presenter`, `play_pause` and zoom are offered to the current slide view's
   `handle_action()` first (a chart zooms, a video pauses) and then to handlers other modules
   registered with `register()` — so the timeline, presenter view and kiosk plug in without
   editing the window.

`AutoAdvance` (key A) is here too: it drives the navigator on a timer, like any other input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from revkiosk.i18n.words import _
from revkiosk.navigator import Navigator

log = logging.getLogger(__name__)

DELEGATED = ("timeline", "presenter", "play_pause", "zoom_in", "zoom_out", "zoom_reset")
PAGED = ("next", "previous")  # offered to the view first: its pages turn before the deck moves


class ActionView(Protocol):
    """What a slide view offers the action table (see `SlideView.handle_action`)."""

    def handle_action(self, action: str) -> bool: ...


class Actions:
    """The action table of one window. The window hands over its built-in actions and the ways
    to reach the current view, the narration and the notice banner; this module never imports
    the window."""

    def __init__(
        self,
        builtins: dict[str, Callable[[], object]],
        *,
        current_view: Callable[[], ActionView | None],
        escape_target: Callable[[], str | None],
        toggle_narration: Callable[[], bool] = lambda: False,
        notify: Callable[[str], object] = lambda text: None,
    ) -> None:
        self.allows: Callable[[str], bool] = lambda action: True
        self.hooks: dict[str, Callable[[], object]] = {}
        self._builtins = builtins
        self._current_view = current_view
        self._escape_target = escape_target
        self._toggle_narration = toggle_narration
        self._notify = notify

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
        if action in PAGED and self._view_takes(action):
            return action
        builtin = self._builtins.get(action)
        if builtin is not None:
            builtin()
        elif not self._delegate(action):
            return None
        return action

    def _view_takes(self, action: str) -> bool:
        view = self._current_view()
        if view is None:
            return False
        try:
            return bool(view.handle_action(action))
        except Exception:  # a view bug must not stop the show
            log.exception("view failed to handle %r", action)
            return False

    def _delegate(self, action: str) -> bool:
        if action in DELEGATED and self._view_takes(action):
            return True
        if action == "play_pause" and self._toggle_narration():
            return True
        hook = self.hooks.get(action)
        if hook is None:
            if action in ("timeline", "presenter"):
                self._notify(_("The {action} view is not available.", action=action))
            return False
        hook()
        return True


class AutoAdvance(QObject):
    """Key A: step through the deck on a timer, as a loop (the last slide wraps to the first).

    Each slide stays as long as `seconds_here()` says (its view's `attract_seconds()` for a
    video, else its `seconds`, else the deck's `slide_seconds`; None while nothing is shown).
    """

    toggled = Signal(bool)

    def __init__(
        self,
        navigator: Navigator,
        seconds_here: Callable[[], float | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.navigator = navigator
        self.on = False
        self._seconds_here = seconds_here
        self._timer = QTimer(self, singleShot=True, timeout=self._on_timeout)

    def toggle(self) -> None:
        self.on = not self.on
        self.restart() if self.on else self._timer.stop()
        self.toggled.emit(self.on)

    def restart(self) -> None:
        """The slide changed (or auto-advance was switched on): time this slide afresh."""
        if not self.on:
            return
        seconds = self._seconds_here()
        if seconds:
            self._timer.start(round(1000 * seconds))

    def _on_timeout(self) -> None:
        nav = self.navigator
        nav.first() if nav.at_end else nav.next()
