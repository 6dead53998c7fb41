"""What the remote service needs from the player: a small protocol, so the service is tested with
a fake and bound to the real player by one adapter (`remote/adapter.py`).

Everything here is called on the player's (GUI) thread; the service's network thread never
touches the player, it reads the `PlayerState` the GUI thread last published.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from revkiosk.remote.state import PlayerState, TimerState

if TYPE_CHECKING:
    from PySide6.QtGui import QImage


class RemotePlayer(Protocol):
    """The player as the remote service sees it (all methods run on the GUI thread)."""

    def state(self) -> PlayerState:
        """The current state (cheap: called on every change and once a second)."""

    def timer(self) -> TimerState: ...

    def perform(self, action: str) -> bool | str:
        """Trigger a named action through the window's policy: True when done, False when
        refused or unknown, or a message when it ran and failed (a reload of a broken deck)."""

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
