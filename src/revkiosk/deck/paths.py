"""The deck-root rule and the one check every media or data path in a deck goes through.

A deck's root is its file's folder, or that folder's parent when it is named `slides` (the
shipped layout: `slides/deck.yaml` beside `media/`). Paths are written relative to the root and
must stay inside it after resolving `..` and symlinks: a deck copied from a USB stick must not be
able to make the kiosk show (or an export copy) any other file on the machine.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revkiosk.deck.model import Deck


class PathProblem(ValueError):
    """A path breaks the deck-root rule; the message says how."""


def deck_root(path: Path) -> Path:
    """The folder a deck's media paths are relative to: its folder, or the parent of `slides/`.

    The folder is resolved (media paths are too, so `relative_to(root)` works), but the deck
    file itself is not: a symlinked deck keeps the root of the folder it is linked into.
    """
    folder = Path(path).absolute().parent.resolve()
    return folder.parent if folder.name == "slides" else folder


def inside_root(root: Path, text: str) -> Path:
    """Resolve `text` against `root`; raise PathProblem if it is empty, absolute or escapes.

    The result is fully resolved (symlinks followed); it may not exist yet.
    """
    if not text.strip():
        raise PathProblem("empty path")
    if any(ord(char) < 32 for char in text):
        raise PathProblem(f"{text!r} contains control characters")
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).drive or text.startswith("\\"):
        raise PathProblem(f'"{text}" is absolute; write it relative to the deck root {root}')
    try:
        path = (root / text).resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # symlink loop, name too long…
        raise PathProblem(f'"{text}" cannot be resolved: {exc}') from None
    if not path.is_relative_to(root.resolve()):
        raise PathProblem(f'"{text}" leads outside the deck root {root}')
    return path


def referenced_files(deck: Deck) -> set[Path]:
    """Every file a loaded deck names (images, videos, posters, subtitles, audio, CSVs),
    absolute, found by walking its frozen dataclasses (so a new media field is never missed),
    and the PO files of its translations."""
    found: set[Path] = set()

    def walk(value: object) -> None:
        if isinstance(value, Path):
            found.add(value if value.is_absolute() else deck.root / value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                if f.name != "location":
                    walk(getattr(value, f.name))

    walk((deck.slides, deck.milestones))  # a milestone's "more" picture too
    # Its translations too: an edited PO file reloads like an edited deck (kiosk/reload.py).
    try:
        folder = (deck.path.parent / deck.info.translations).resolve()
        if folder.is_relative_to(deck.root.resolve()) and folder.is_dir():
            found.update(p for p in folder.glob("*.po") if p.is_file())
    except OSError:
        pass
    return found


def deck_stamp(deck: Deck) -> tuple[object, ...]:
    """What makes two loads of a deck differ on screen: the model, and each file it names by
    size and modification time (a replaced video with an unchanged deck file is a change)."""
    stamps: list[tuple[Path, int | None, int | None]] = []
    for path in sorted(referenced_files(deck)):
        try:
            info = path.stat()
            stamps.append((path, info.st_mtime_ns, info.st_size))
        except (OSError, ValueError):
            stamps.append((path, None, None))
    return (deck, tuple(stamps))
