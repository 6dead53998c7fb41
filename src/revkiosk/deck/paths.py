"""The deck-root rule and the one check every media or data path in a deck goes through.

A deck's root is its file's folder, or that folder's parent when it is named `slides` (the
shipped layout: `slides/deck.yaml` beside `media/`). Paths are written relative to the root and
must stay inside it after resolving `..` and symlinks: a deck copied from a USB stick must not be
able to make the kiosk show (or an export copy) any other file on the machine.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath


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
