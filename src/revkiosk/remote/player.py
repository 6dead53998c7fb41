"""What the remote service needs from the player: a small protocol, so the service is tested with
a fake and bound to the real player by one adapter (`remote/adapter.py`).

Everything here is called on the player's (GUI) thread; the service's network thread never
touches the player, it reads the `PlayerState` the GUI thread last published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

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


@dataclass(frozen=True)
class TimerState:
    """The talk timer the presenter console shows (elapsed seconds, running, planned length)."""

    elapsed: float = 0.0
    running: bool = False
    planned: float | None = None


class RemotePlayer(Protocol):
    """The player as the remote service sees it (all methods run on the GUI thread)."""

    def state(self) -> PlayerState:
        """The current state (cheap: called on every change and once a second)."""

    def timer(self) -> TimerState: ...

    def perform(self, action: str) -> bool:
        """Trigger a named action through the window's policy; False if refused or unknown."""

    def go_to(self, index: int) -> bool:
        """Show slide `index` (0-based) if the policy allows jumping; False if refused."""

    def busy(self) -> bool:
        """True while a transition runs: grabbing or rendering now would cost frames."""

    def frame(self) -> QImage:
        """The frame on screen now (the whole audience window, overlays included)."""

    def slide_image(self, index: int, width: int) -> QImage | None:
        """Slide `index` drawn offscreen at `width` pixels wide (None if there is none)."""

    def watch(self, changed: Callable[[], None], frame_time: Callable[[float], None]) -> None:
        """Call `changed()` whenever the state may have changed, and `frame_time(seconds)`
        with the time from each slide change to its first painted frame."""
