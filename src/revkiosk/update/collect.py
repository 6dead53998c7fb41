"""Which files make up a deck: the deck file, every file it names, its translations, its credits.

A bundle (and the kiosk's copy of the last good deck) holds exactly these, at their paths
relative to the deck root, so the copy loads the same way the original does:

* the deck YAML itself;
* every file the loaded deck names (images, videos, posters, subtitles, narration, CSVs);
* everything in a `locale/` folder beside the deck file (translations);
* the credit, licence and source notes found in the folders of those files, up to the root
  (`media/CREDITS.md`, `LICENSE.md`, `imagenet-top5.SOURCE.md` …): media travels with its licence.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from revkiosk.deck.model import Deck
from revkiosk.deck.paths import referenced_files
from revkiosk.update.manifest import BundleProblem

LOCALE_FOLDER = "locale"
_NOTICE = re.compile(
    r"^(credits|licen[cs]e|copying|notice|sources?)([.\-_].*)?$"
    r"|\.(source|sources|licen[cs]e|credits)(\.md|\.txt)?$",
    re.IGNORECASE,
)


def deck_name(deck: Deck) -> str:
    """The deck file's path inside its root (`slides/story.yaml`): where a copy puts it. The
    folder is resolved like the root is; the file's own name is kept even if it is a link."""
    folder = Path(deck.path).absolute().parent.resolve()
    return _relative(folder / Path(deck.path).name, deck.root.resolve())


def deck_file_names(deck: Deck) -> list[str]:
    """The files a copy of `deck` needs, as sorted POSIX paths relative to `deck.root`.

    Raises BundleProblem for a named file that is missing or is not a regular file.
    """
    root = deck.root.resolve()
    deck_file = root / deck_name(deck)
    wanted: set[Path] = {deck_file}
    for path in referenced_files(deck):
        if not path.is_file():
            raise BundleProblem(f"{_relative(path, root)}: named by the deck but not found")
        wanted.add(path.resolve())
    wanted |= set(_locale_files(deck_file.parent / LOCALE_FOLDER, root))
    wanted |= set(_notices(wanted, root))
    return sorted(_relative(path, root) for path in wanted)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        raise BundleProblem(f"{path} is outside the deck root {root}") from None


def _locale_files(folder: Path, root: Path) -> Iterator[Path]:
    """Regular files under the deck's `locale/` folder; a link leading out of the root fails."""
    if not folder.is_dir():
        return
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(parent) / name
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                path = path.resolve()
                _relative(path, root)
                if not path.is_file():
                    continue
            elif not stat.S_ISREG(info.st_mode):
                continue
            yield path


def _notices(files: set[Path], root: Path) -> Iterator[Path]:
    """Credit and licence files in the folders holding `files`, and their parents up to root."""
    folders: set[Path] = set()
    for path in files:
        for parent in path.parents:
            if not parent.is_relative_to(root):
                break
            folders.add(parent)
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if _NOTICE.search(entry.name) and entry.is_file(follow_symlinks=False):
                yield Path(entry.path)
