"""What the player shows, as the remote service publishes it (Qt-free: the network thread and
the documents read it)."""

from __future__ import annotations

from dataclasses import dataclass

# Remote commands → the window's named actions (ui/actions.py, keymap.py). `goto` is checked
# against the same policy as the go-to box; `mute` toggles the visitor's sound setting.
COMMANDS: dict[str, str] = {
    "next": "next",
    "prev": "previous",
    "blank": "black",
    "reload": "reload",
    "mute": "mute",
}


@dataclass(frozen=True)
class PlayerState:
    """What the player shows now. `index` is 0-based; the HTTP API counts slides from 1."""

    deck_title: str = ""
    deck_path: str = ""
    index: int = 0
    count: int = 0
    slide_id: str | None = None
    slide_title: str | None = None
    next_title: str | None = None
    notes: str = ""
    language: str = ""
    blank: str | None = None  # "black" | "white" | None
    kiosk: bool = False
    attracting: bool = False
    muted: bool = False
    deck_generation: int = 0  # changes on every (re)load: pictures of slides are stale then
    # The configured deck does not load and the last good copy plays instead: what, and why
    # (the kiosk's status file says the same). None when the configured deck plays.
    fallback: dict[str, object] | None = None


@dataclass(frozen=True)
class TimerState:
    """The talk timer the presenter console shows (elapsed seconds, running, planned length)."""

    elapsed: float = 0.0
    running: bool = False
    planned: float | None = None
