"""Which deck a kiosk plays, and the helpers that keep it playing across updates and restarts.

* `kiosk_deck(asked, story)` — the deck given, else the content folder's `current` version,
  else the bundled story;
* `fall_back(path, error)` — when that deck does not load at start, the verified last good copy
  to play instead (logged for the technician; nothing is shown to visitors);
* `ContentFollower` — notices `current` being switched by `revkiosk update` (or a rollback);
* `Keeper` — copies each deck the kiosk plays into the last good copy, on a thread;
* `content_status(store)`, `Fallback.status()` — what the status file says about them.

All Qt-free; `revkiosk.kiosk.session` and `revkiosk.app` call them.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from revkiosk.deck.model import Deck, DeckError
from revkiosk.update.lastgood import Copy, LastGood
from revkiosk.update.manifest import BundleProblem
from revkiosk.update.store import ContentStore, content_folder, hold

log = logging.getLogger("revkiosk.update")


def kiosk_deck(asked: Path | None, story: Path, content_dir: str | None = None) -> Path:
    """The deck a kiosk plays: the one asked for, else the installed content, else the story.
    `content_dir`: the setting, when the caller has read settings.yaml already."""
    if asked is not None:
        return asked
    installed = ContentStore(content_folder(setting=content_dir)).current_deck()
    return installed if installed is not None else story


@dataclass(frozen=True)
class Fallback:
    """The last good copy played instead of the configured deck, and why."""

    deck: Deck
    copy: Copy
    configured: Path
    reason: str

    def status(self) -> dict[str, Any]:
        saved = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.copy.saved))
        return {
            "configured": str(self.configured),
            "playing": str(self.copy.deck_path),
            "copy_of": self.copy.source,
            "saved": saved,
            "reason": self.reason,
        }


def fall_back(
    configured: Path, error: DeckError, last_good: LastGood | None = None
) -> Fallback | None:
    """The verified last good copy to play because `configured` does not load; None if there
    is none (or it is damaged, or does not load either)."""
    from revkiosk.deck.load import load_deck

    copy = (last_good or LastGood()).restore()
    if copy is None:
        return None
    try:
        deck = load_deck(copy.deck_path)
    except DeckError as copy_error:
        log.error("the last good copy does not load either: %s", copy_error)
        return None
    reason = str(error)
    saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(copy.saved))
    log.error(
        "deck not loaded: %s; playing the last good copy of %s (saved %s) instead",
        reason,
        copy.source or "the last deck played",
        saved,
    )
    return Fallback(deck, copy, configured, reason)


class ContentFollower:
    """Says when the content folder's `current` points somewhere new; keeps the version the
    kiosk shows from being pruned while it shows it."""

    def __init__(self, store: ContentStore) -> None:
        self.store = store
        self._target = store.current_target()
        self._held: IO[bytes] | None = None

    def changed(self) -> Path | None:
        """The deck to load when `current` changed since the last call, else None."""
        target = self.store.current_target()
        if target == self._target:
            return None
        self._target = target
        return self.store.current_deck()

    def showing(self, deck: Deck) -> None:
        """The kiosk now shows `deck`: hold its version (if it is one), let go of the last."""
        handle = hold(deck.path)
        self.close()
        self._held = handle

    def close(self) -> None:
        """Let go of the version held (the kiosk stops)."""
        if self._held is not None:
            self._held.close()
            self._held = None


class Keeper:
    """Copies decks into the last good copy on a thread, one at a time, the newest last."""

    def __init__(self, last_good: LastGood | None = None) -> None:
        self.last_good = last_good or LastGood()
        self._lock = threading.Lock()
        self._pending: Deck | None = None
        self._thread: threading.Thread | None = None

    def submit(self, deck: Deck) -> None:
        with self._lock:
            self._pending = deck
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="last-good", daemon=True)
                self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """For tests and a clean exit: until the copies asked for are made."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                deck, self._pending = self._pending, None
                if deck is None:
                    self._thread = None
                    return
            try:
                self.last_good.remember(deck)
            except (BundleProblem, OSError) as error:
                log.warning(
                    "could not keep a copy of %s as the last good deck: %s", deck.path, error
                )


def content_status(store: ContentStore) -> dict[str, Any] | None:
    """What the status file says about the content folder (None when nothing is installed)."""
    version = store.current
    report = store.read_report()
    if version is None and report is None:
        return None
    return {
        "folder": str(store.root),
        "version": version.name if version else None,
        "title": version.manifest.title if version else None,
        "last_update": report,
    }
