"""Kiosk policy: which named actions a visitor may trigger (Qt-free).

Keys, clicks, swipes, a keypad and remote commands all arrive as action names (`keymap`,
`ui.input`, the remote service); the window asks `KioskPolicy.allows(action)` before performing
one. Kiosk mode refuses actions — it does not special-case keys. What never reaches the keymap
(Esc, Alt+F4, window-manager requests) is the guard's (`kiosk.guard`).
"""

from __future__ import annotations

# Actions a visitor must not trigger: leaving, blanking, presenter tools, keyboard-only overlays.
REFUSED_ACTIONS: frozenset[str] = frozenset(
    {
        "quit",
        "fullscreen",
        "enter_fullscreen",
        "leave_fullscreen",
        "escape",
        "reload",
        "presenter",
        "black",
        "white",
        "auto_advance",
        "goto",
        "overview",
        "help",
    }
)


class KioskPolicy:
    """Answers `allows(action)`; outside kiosk mode everything is allowed."""

    def __init__(self, enabled: bool = True, refused: frozenset[str] = REFUSED_ACTIONS) -> None:
        self.enabled = enabled
        self.refused = refused
        self.locked = False  # fail closed: every action refused (see KioskSession.fail_closed)

    def lock_down(self) -> None:
        """Refuse every action from now on (a part of the kiosk could not be set up)."""
        self.locked = True

    def allows(self, action: str) -> bool:
        """True when the window may perform `action`."""
        return not self.locked and not (self.enabled and action in self.refused)
