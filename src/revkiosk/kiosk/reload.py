"""Live update: edit the deck (or replace a video) and the running kiosk picks it up.

A `QFileSystemWatcher` watches the deck file, every media file it names and their folders
(editors and `rsync` save by writing a new file and renaming it over the old one, which drops a
plain file watch). Changes are debounced — a save touches several files within milliseconds —
then the `Show` loads the deck afresh through its one `load()` path: on success it shows the new
deck keeping the slide (nothing happens when nothing visible changed), on failure the last good
deck stays on screen and the Show reports the problems. A broken edit never takes the show down.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from revkiosk.deck.model import Deck
from revkiosk.deck.paths import referenced_files
from revkiosk.show import Show


def _exists(path: Path) -> bool:
    """Whether there is anything at `path`; False (not an error) for a name the file system
    refuses (longer than 255 bytes: ENAMETOOLONG) or a symlink loop, which raised here and
    stopped the kiosk's set-up."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


class DeckReloader(QObject):
    """Watches the Show's deck file and media; asks the Show to reload after `debounce_ms` of
    quiet. It keeps no deck of its own: what to watch comes from the deck the Show holds."""

    def __init__(
        self, show: Show, *, debounce_ms: int = 400, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.the_show = show
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_changed)
        self._watcher.directoryChanged.connect(self._on_watcher_changed)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.reload_now)
        show.deck_changed.connect(self._watch)
        self._watch(show.deck)

    @property
    def watched(self) -> list[str]:
        return self._watcher.files() + self._watcher.directories()

    def _watch(self, deck: Deck | None = None) -> None:
        """(Re)watch the deck file, its media and their folders; missing files are skipped."""
        deck = deck or self.the_show.deck
        files = {*([self.the_show.deck_path] if self.the_show.deck_path else [])}
        files |= referenced_files(deck) if deck is not None else set()
        wanted = {str(p) for p in files if _exists(p)}
        wanted |= {str(p.parent) for p in files if _exists(p.parent)}
        current = set(self.watched)
        stale = sorted(current - wanted)
        if stale:
            self._watcher.removePaths(stale)
        new = sorted(wanted - current)
        if new:
            self._watcher.addPaths(new)

    def _on_watcher_changed(self, path: str) -> None:
        self._debounce.start()  # restart: wait until the burst of writes is over

    def reload_now(self) -> bool:
        """Ask the Show to load the deck again. True if a changed deck is now shown."""
        before = self.the_show.deck
        self.the_show.load()
        self._watch()  # the file may have been renamed over: watch it again
        return self.the_show.deck is not before
