"""Content updates and the last good deck, for one running kiosk player.

* A kiosk started with no deck plays the content folder's `current` version; when `revkiosk
  update` (or a rollback) switches it, the next heartbeat sees it and the `Show` loads the new
  deck through its one `load()` path, staying on the slide number — at once when nobody is at
  the screen (the attract loop runs, or the museum is closed), else when the visitor has gone,
  as the schedule's deck switches do. While the schedule shows a deck of its own, the update
  waits for the schedule to come back to the kiosk's deck. The version shown is held (a shared
  lock) so a later update cannot prune it from under the screen.
* Every deck shown is copied, on a thread, into the verified last good copy.
* When the player had to start on that copy (the configured deck did not load), the
  configured deck is tried again whenever its file changes or appears (a share mounted late);
  as soon as it loads it is shown. Nothing of this is shown to visitors: the status file
  (`fallback`, `content`) and the log say it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from revkiosk.deck.model import Deck, DeckError
from revkiosk.update.startup import ContentFollower, Fallback, Keeper, content_status
from revkiosk.update.store import CURRENT, REPORT, ContentStore, content_folder

if TYPE_CHECKING:
    from revkiosk.player import Player

log = logging.getLogger(__name__)
KEEP_AFTER_MS = 3000  # the first copy waits until the show has settled after a start


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class KioskContent(QObject):
    """Follows content updates, keeps the last good copy, retries a deck that fell back."""

    def __init__(
        self,
        player: Player,
        *,
        quiet: Callable[[], bool] = lambda: True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.show = player.show
        self._quiet = quiet  # nobody at the screen: a new version may replace the shown one
        self.pending: Path | None = None
        self.store = ContentStore(content_folder(setting=player.settings.content_dir))
        # A kiosk given a deck plays that deck, whatever is installed.
        self.follower = ContentFollower(self.store) if player.options.deck is None else None
        self.keeper = Keeper()
        fallback = player.parts.get("fallback")
        self.fallback = fallback if isinstance(fallback, Fallback) else None
        self._tried = _stamp(self.fallback.configured) if self.fallback else None
        self._status_key: tuple[object, ...] | None = None
        self._status: dict[str, Any] | None = None
        self.show.deck_changed.connect(self._on_show_deck_changed)
        self._first_copy = QTimer(self, singleShot=True, interval=KEEP_AFTER_MS)
        self._first_copy.timeout.connect(self._keep_shown)
        if self.show.deck is not None:
            if self.follower is not None:
                self.follower.showing(self.show.deck)
            self._first_copy.start()

    def stop(self) -> None:
        """The kiosk stops: let go of the version held (copies under way finish on their own)."""
        self._first_copy.stop()
        if self.follower is not None:
            self.follower.close()

    def poll(self) -> Path | None:
        """Once a heartbeat: a switched `current` (its deck is returned), or a configured deck
        that came back."""
        switched = self.follower.changed() if self.follower is not None else None
        if switched is not None and self.is_content(self.show.deck_path):
            if self._quiet():
                self._load(switched)
            else:
                log.info("content update %s waits until the visitor has gone", switched)
                self.pending = switched
        if self.fallback is not None:
            self._retry_configured(self.fallback)
        return switched

    def on_idle(self) -> None:
        """The visitor has gone (the attract loop starts again): a waiting update goes in."""
        deck, self.pending = self.pending, None
        if deck is not None and self.is_content(self.show.deck_path):
            self._load(deck)

    def is_content(self, path: Path | None) -> bool:
        """Whether `path` is a deck of the content folder's `current` version."""
        current = self.store.root / CURRENT
        return path is not None and Path(path).absolute().is_relative_to(current.absolute())

    def _load(self, deck: Path) -> None:
        log.info("content switched to %s; loading it", deck)
        self.show.load(deck)

    def _retry_configured(self, fallback: Fallback) -> None:
        stamp = _stamp(fallback.configured)
        if stamp is None or stamp == self._tried:
            return
        self._tried = stamp
        from revkiosk.deck.load import load_deck

        try:
            deck = load_deck(fallback.configured)
        except DeckError as error:  # logged only: the visitors keep the copy on screen
            log.error("%s still does not load: %s", fallback.configured, error)
            return
        log.info("%s loads again: playing it instead of the last good copy", fallback.configured)
        self.show.set_deck(deck)

    def _keep_shown(self) -> None:
        deck = self.show.deck
        if deck is not None and (self.fallback is None or deck is not self.fallback.deck):
            self.keeper.submit(deck)

    def _on_show_deck_changed(self, deck: Deck) -> None:
        if self.fallback is not None and deck is not self.fallback.deck:
            self.fallback = None  # the configured deck (or an update) is on screen again
        if self.follower is not None:
            self.follower.showing(deck)
        self._keep_shown()

    def status_fields(self) -> dict[str, Any]:
        """`fallback` and `content` for the status file (the content part is read again only
        when `current` or update.json changed)."""
        key = (self.store.current_target(), _stamp(self.store.root / REPORT))
        if key != self._status_key:
            self._status_key, self._status = key, content_status(self.store)
        return {
            "fallback": self.fallback.status() if self.fallback is not None else None,
            "content": self._status,
        }
