"""The last good deck: a verified copy of the last deck the kiosk played, for after a restart.

A live reload keeps the old deck on screen when an edit breaks it, but only until the player
restarts; and a deck path that went missing (an unmounted share, a relative path in a unit)
used to leave nothing to play at all. So each deck the kiosk loads successfully is copied —
the deck file, what it names, its translations and credits, as a bundle would hold them — into
`last-good/` in the state folder, with a manifest of SHA-256 checksums, and switched in the
same atomic way as content updates (`store.ContentStore`, without a previous version). At the
next start, if the configured deck does not load, the copy is verified byte for byte and played
instead; the technician is told in the status file and the log, the visitors see the show.

Copying is skipped when the source files have the same sizes and times as the last copy, and
files from an installed content version (which never change) are hard-linked, not copied.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from revkiosk.deck.model import Deck
from revkiosk.safe_files import STATE_BYTES, open_regular, read_bytes
from revkiosk.update.durable import fsync_tree, write_bytes_atomic
from revkiosk.update.manifest import CHUNK, MANIFEST_NAME, BundleProblem, FileEntry, Manifest
from revkiosk.update.store import VERSIONS, ContentStore, verify_folder

log = logging.getLogger("revkiosk.update.lastgood")
FOLDER = "last-good"
SOURCE_FILE = "source.json"


def last_good_folder() -> Path:
    """`<state folder>/last-good`."""
    from revkiosk.settings import state_dir

    return state_dir() / FOLDER


@dataclass(frozen=True)
class Copy:
    """A verified last good copy: the deck to play and what it is a copy of."""

    deck_path: Path
    source: str
    saved: float
    version: str


class LastGood:
    """Keeps and hands back the verified copy of the last deck played."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or last_good_folder()
        self.store = ContentStore(self.folder, keep_previous=False)

    def remember(self, deck: Deck) -> bool:
        """Copy `deck` if it differs from the last copy; True when a new copy was made.

        Raises BundleProblem or OSError when the copy cannot be made (the old one stays).
        """
        from revkiosk.update.collect import deck_file_names, deck_name
        from revkiosk.update.install import check_deck

        root = deck.root.resolve()
        if root.is_relative_to(self.folder.resolve()):
            return False  # playing the copy itself
        names = deck_file_names(deck)
        stamps = _stamps(root, names)
        source: dict[str, object] = {"deck": str(Path(deck.path).absolute()), "stamps": stamps}
        known = self._source()
        known.pop("saved", None)
        if known == source and self.store.current is not None:
            return False
        with self.store.locked():
            self.store.clean_staging()
            staging = self.store.new_staging()
            try:
                entries = [_copy(root, name, staging) for name in names]
                if _stamps(root, names) != stamps:
                    raise BundleProblem("the deck changed while it was being copied")
                manifest = Manifest(
                    deck_name(deck),
                    tuple(entries),
                    title=deck.info.title,
                    created=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                )
                write_bytes_atomic(staging / MANIFEST_NAME, manifest.to_json())
                problems = check_deck(staging, manifest)  # edited between load and copy?
                if problems:
                    raise BundleProblem(f"the copy does not load: {problems[0]}")
                fsync_tree(staging)
                self.store.install(staging, manifest)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            data = {**source, "saved": time.time()}
            write_bytes_atomic(self.folder / SOURCE_FILE, json.dumps(data).encode())
        log.info("kept a verified copy of %s as the last good deck", deck.path)
        return True

    def restore(self) -> Copy | None:
        """The last good copy if it is whole (every checksum verified), else None (logged)."""
        version = self.store.current
        if version is None:
            return None
        problems = verify_folder(version.folder, version.manifest)
        if problems:
            log.error("the last good copy is damaged (%s); it cannot be played", problems[0])
            return None
        source = self._source()
        saved = source.get("saved")
        return Copy(
            deck_path=self.store.current_deck() or version.deck_path,
            source=str(source.get("deck", "")),
            saved=float(saved) if isinstance(saved, (int, float)) else 0.0,
            version=version.name,
        )

    def _source(self) -> dict[str, object]:
        """What the copy was made from (deck path, file stamps, time saved); {} if unknown."""
        try:
            data = json.loads(read_bytes(self.folder / SOURCE_FILE, STATE_BYTES))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


def _stamps(root: Path, names: list[str]) -> list[list[object]]:
    stamps: list[list[object]] = []
    for name in names:
        info = (root / name).stat()
        stamps.append([name, info.st_size, info.st_mtime_ns])
    return stamps


def _copy(root: Path, name: str, staging: Path) -> FileEntry:
    """Hard-link a file of an installed version; copy anything else. Hash what was written."""
    source, target = root / name, staging / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if root.parent.name == VERSIONS and (root / MANIFEST_NAME).is_file():
        try:
            os.link(source, target)
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK):
                raise
        else:
            return _entry(name, target)
    digest, size = hashlib.sha256(), 0
    with open_regular(source) as src, target.open("xb") as sink:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            sink.write(chunk)
        sink.flush()
        os.fsync(sink.fileno())
    return FileEntry(name, size, digest.hexdigest())


def _entry(name: str, path: Path) -> FileEntry:
    from revkiosk.update.manifest import sha256_of

    digest, size = sha256_of(path)
    return FileEntry(name, size, digest)
