"""`Player`: the parts of one running player, as `app.build_player` wired them.

A plain record for the modules that plug into a built player (the kiosk session, the timeline,
the presenter view) and for tests. It owns nothing itself: the deck and what is shown belong to
the `Show`, the current slide to the `Navigator`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from revkiosk.settings import save_resume

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from revkiosk.deck.model import Deck
    from revkiosk.navigator import Navigator
    from revkiosk.options import Options
    from revkiosk.settings import Settings
    from revkiosk.show import Show
    from revkiosk.ui.window import MainWindow


@dataclass
class Player:
    """Everything the running player is made of, for other modules and tests to reach."""

    app: QApplication
    options: Options
    settings: Settings
    notices: list[str]
    navigator: Navigator
    show: Show
    window: MainWindow
    parts: dict[str, object] = field(default_factory=dict)  # kiosk session, presenter, timeline
    exit_approved: bool = False  # kiosk: the exit chord (or a test hook) ended the show
    # Writes the parsed-deck cache entry after a cache miss (deck/cache.py); run once the first
    # slide is on screen, so a miss costs the first paint nothing extra.
    pending_cache: Callable[[], bool] | None = None

    @property
    def deck(self) -> Deck | None:
        """The deck shown now (the Show's)."""
        return self.show.deck

    @property
    def deck_path(self) -> Path:
        """The deck file played (the Show's; a schedule or an update may change it)."""
        return self.show.deck_path or Path()

    def write_deck_cache(self) -> bool:
        """Store the deck loaded at start-up in the parsed-deck cache (once; after a miss)."""
        store, self.pending_cache = self.pending_cache, None
        return store() if store is not None else False

    def save_resume(self) -> None:
        """Remember the slide shown, so the next start (a lecturer's, a restart) resumes it."""
        if self.deck is not None and self.navigator.count:
            save_resume(self.deck_path, self.navigator.index)
