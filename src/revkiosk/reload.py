"""Live update: edit the deck (or replace a video) and the running kiosk picks it up.

A `QFileSystemWatcher` watches the deck file, every media file it names and their folders
(editors and `rsync` save by writing a new file and renaming it over the old one, which drops a
plain file watch). Changes are debounced — a save touches several files within milliseconds —
then the deck is loaded afresh. On success `deck_reloaded(deck)` fires and the caller swaps it in,
keeping the slide; on failure the last good deck stays on screen, every problem is logged and
`reload_failed(messages)` fires. A broken edit never takes the show down.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from revkiosk.deck.model import Deck, DeckError

log = logging.getLogger(__name__)

Loader = Callable[[Path], Deck]


def _default_loader(path: Path) -> Deck:
    from revkiosk.deck.load import load_deck

    return load_deck(path)


def media_paths(deck: Deck) -> set[Path]:
    """Every file the deck refers to (images, videos, posters, subtitles, audio, CSV)."""
    found: set[Path] = set()

    def walk(value: object) -> Iterator[Path]:
        if isinstance(value, Path):
            yield value
        elif isinstance(value, tuple):
            for item in value:
                yield from walk(item)
        elif is_dataclass(value) and not isinstance(value, type):
            if isinstance(value, Deck):
                return
            for f in fields(value):
                if f.name != "location":
                    yield from walk(getattr(value, f.name))

    for slide in deck.slides:
        for path in walk(slide):
            found.add(path if path.is_absolute() else deck.root / path)
    return found


def deck_stamp(deck: Deck) -> tuple[object, ...]:
    """What makes two loads different: the model itself and each media file's mtime and size."""
    stamps = []
    for path in sorted(media_paths(deck)):
        try:
            info = path.stat()
            stamps.append((path, info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append((path, None, None))
    return (deck, tuple(stamps))


def _exists(path: Path) -> bool:
    """Whether there is anything at `path`; False (not an error) for a name the file system
    refuses (longer than 255 bytes: ENAMETOOLONG) or a symlink loop."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


class DeckReloader(QObject):
    """Watches a deck and its media; reloads after `debounce_ms` of quiet."""

    deck_reloaded = Signal(object)  # the new Deck
    reload_failed = Signal(list)  # list[str]: one message per problem

    def __init__(
        self,
        path: Path,
        deck: Deck | None = None,
        *,
        loader: Loader = _default_loader,
        debounce_ms: int = 400,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.deck = deck  # None: the first load failed; the next good edit brings the show up
        self.path = Path(path)
        self._loader = loader
        self._stamp = deck_stamp(deck) if deck else None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_changed)
        self._watcher.directoryChanged.connect(self._on_watcher_changed)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.reload_now)
        self._watch(deck)

    @property
    def watched(self) -> list[str]:
        return self._watcher.files() + self._watcher.directories()

    def _watch(self, deck: Deck | None) -> None:
        """(Re)watch the deck file, its media and their folders; missing files are skipped."""
        files = {self.path, *(media_paths(deck) if deck else ())}
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
        """Load the deck again; swap it in on success. Returns True if a new deck was loaded."""
        try:
            deck = self._loader(self.path)
        except DeckError as error:
            messages = [str(p) for p in error.problems if p.severity == "error"] or [str(error)]
            for message in messages:
                log.error("reload failed, keeping the last good deck: %s", message)
            self._watch(self.deck)  # the file may have been renamed over: watch it again
            self.reload_failed.emit(messages)
            return False
        except (OSError, ValueError) as error:  # a loader bug must not end the show either
            log.error("reload failed, keeping the last good deck: %s", error)
            self._watch(self.deck)
            self.reload_failed.emit([str(error)])
            return False
        stamp = deck_stamp(deck)
        self._watch(deck)
        if stamp == self._stamp:
            return False  # a temp file came and went, or a save without changes: no flicker
        self.deck, self._stamp = deck, stamp
        log.info("deck reloaded: %s (%d slides)", self.path, len(deck.slides))
        self.deck_reloaded.emit(deck)
        return True
