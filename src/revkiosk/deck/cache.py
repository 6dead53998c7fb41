"""A cache of parsed decks, so the player's first slide does not wait for YAML and validation.

Loading the default deck costs PyYAML, the loader modules and the checks (~50 ms of a ~270 ms
start); unpickling the frozen model needs only `deck/model.py` (~3 ms: `revkiosk.record`). An
entry is served only when everything the loaded deck depended on is unchanged:

* the key: SHA-256 over the deck file's bytes, its path (as given, absolute, and its deck root),
  the revkiosk version, the Python version and the source of every `deck/*.py` module (a loader
  fix invalidates old entries without anyone bumping a number);
* the files the deck names (media, posters, subtitles, CSVs) and the bundled dataset, by their
  real identity (resolved target, inode, size, mtime; `safe_files.file_identity`), both as the
  author wrote them and as they resolved: a media file appearing, a CSV changing, a picture
  replaced under the same name or a symlink re-pointed means the loader's result could differ,
  so the deck is loaded again;
* a SHA-256 of the pickled payload, so a truncated or corrupted file is never unpickled.

Anything else (unreadable, corrupt, foreign classes in the pickle) is a miss: the caller loads
the deck normally. Unpickling is restricted to the model's classes and `pathlib` paths, so a
planted file cannot run code. Qt-free, like the rest of `deck/`.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

from revkiosk import __version__
from revkiosk.deck.model import Deck
from revkiosk.deck.paths import deck_root, referenced_files
from revkiosk.resources import package_file
from revkiosk.safe_files import (
    CACHE_BYTES,
    Identity,
    atomic_write,
    file_identities,
    file_identity,
    open_regular,
    read_bytes,
    sha256,
)

# The start path avoids the pure-Python `pickle` module (~2 ms) when CPython's built-in `_pickle`
# is there (and `hashlib`: see `safe_files.sha256`).
try:
    from _pickle import Unpickler, UnpicklingError
except ImportError:
    from pickle import Unpickler, UnpicklingError

FORMAT = b"revkiosk-deck-cache 2\n"
_ALLOWED_MODULES = {"revkiosk.deck.model", "pathlib"}
MAX_DECK_BYTES = 8 * 1024 * 1024  # larger files skip the cache (the loader refuses them anyway)
_source_digest: bytes | None = None

Signature = Identity | None  # what a path names now; None when it names nothing


class CacheKey:
    """What a cache entry must match: `digest` of the deck bytes and code, and where it lives."""

    __slots__ = ("digest", "entry")

    def __init__(self, digest: str, entry: Path) -> None:
        self.digest, self.entry = digest, entry


def _sources_digest() -> bytes:
    """SHA-256 over the source of the deck package (loader, model, checks) and of the model's
    base class (`revkiosk/record.py`): computed once.

    A frozen build may ship no sources: then the executable's size and time stand in, so a
    rebuild never serves entries made by the previous build's loader.
    """
    global _source_digest
    if _source_digest is None:
        h = sha256()
        here = Path(__file__).resolve().parent
        # the model's base class too: how a record keeps its state is what is pickled
        record = here.parent / "record.py"
        sources = sorted(here.glob("*.py")) + ([record] if record.is_file() else [])
        for source in sources:
            h.update(source.name.encode())
            h.update(source.read_bytes())
        if not sources:
            h.update(repr(_signature(Path(sys.executable))).encode())
        _source_digest = h.digest()
    return _source_digest


def cache_key(path: Path, data: bytes, folder: Path) -> CacheKey:
    """The key for deck file `path` whose bytes are `data`, with its entry file in `folder`."""
    where = "\0".join((str(path), str(path.absolute()), str(deck_root(path))))
    h = sha256(FORMAT)
    for part in (where.encode(), __version__.encode(), sys.version.encode(), _sources_digest()):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    h.update(data)
    name = sha256(str(path.absolute()).encode()).hexdigest()[:32]
    return CacheKey(h.hexdigest(), folder / f"{name}.deck")


def _signature(path: Path) -> Signature:
    return file_identity(path)


def _dependencies(deck: Deck) -> list[tuple[str, Signature]]:

    found = {package_file("data", "compute.csv"), *referenced_files(deck)}
    found |= {deck.root / written for written, _ in deck.references}  # as the author named them
    paths = sorted(found)
    return list(zip(map(str, paths), file_identities(paths), strict=True))


class _ModelUnpickler(Unpickler):
    """Only the deck model's classes and paths: a planted entry cannot name anything else
    (no functions, and no dotted names such as `pathlib.os.system`)."""

    def find_class(self, module: str, name: str) -> object:
        if module in _ALLOWED_MODULES and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise UnpicklingError(f"{module}.{name} is not allowed in a deck cache")


def read_cached(key: CacheKey) -> Deck | None:
    """The cached deck for `key`, or None on any miss (absent, stale, corrupt, foreign)."""
    try:
        blob = read_bytes(key.entry, CACHE_BYTES)  # a planted FIFO or huge file is a miss
    except OSError:
        return None
    head, _, payload = blob.partition(b"\n\n")
    lines = head.split(b"\n")
    if len(lines) != 3 or lines[0] + b"\n" != FORMAT or lines[1] != key.digest.encode():
        return None
    if sha256(payload).hexdigest().encode() != lines[2]:
        return None  # truncated or damaged on disk
    try:
        deck, dependencies = _ModelUnpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001 - any unpickling failure is simply a miss
        return None
    if not isinstance(deck, Deck) or not isinstance(dependencies, list):
        return None
    try:
        names, signatures = zip(*dependencies, strict=True) if dependencies else ((), ())
        was = [tuple(known) if known is not None else None for known in signatures]
        unchanged = file_identities(names) == was
    except (TypeError, ValueError):  # not a list of (name, signature) pairs: a miss
        return None
    return deck if unchanged else None


def write_cache(key: CacheKey, path: Path, deck: Deck, data: bytes) -> bool:
    """Store `deck` under `key` if the deck file still holds `data` (it was loaded from it).

    Written to a temporary file and renamed, so a reader never sees half an entry. Returns
    whether an entry was written; failures (read-only cache folder, full disk) are not errors.
    """
    import pickle

    try:
        if read_bytes(path, MAX_DECK_BYTES) != data:
            return False  # edited while loading: this deck may not match `key`
        payload = pickle.dumps((deck, _dependencies(deck)), protocol=pickle.HIGHEST_PROTOCOL)
        digest = sha256(payload).hexdigest()
        blob = b"".join((FORMAT, key.digest.encode(), b"\n", digest.encode(), b"\n\n", payload))
        atomic_write(key.entry, blob)
    except (OSError, pickle.PicklingError, RecursionError):
        return False
    return True


def open_deck(path: Path, folder: Path) -> tuple[Deck, Callable[[], bool] | None]:
    """Load the deck at `path` through the cache in `folder`.

    Returns `(deck, None)` on a hit, or `(deck, store)` after a normal load, where `store()`
    writes the entry: the player calls it after its first paint, so a miss costs no more than
    before. Raises `DeckError` exactly as `load_deck` does (errors are never cached).
    """
    try:
        with open_regular(path, MAX_DECK_BYTES) as handle:
            data = handle.read(MAX_DECK_BYTES + 1)
    except OSError:
        data = b""
    if not data or len(data) > MAX_DECK_BYTES:
        return _load(path), None  # unreadable, empty or huge: the loader says what is wrong
    key = cache_key(path, data, folder)
    deck = read_cached(key)
    if deck is not None:
        return deck, None
    deck = _load(path)
    return deck, lambda: write_cache(key, path, deck, data)


def _load(path: Path) -> Deck:
    """The real loader, imported only on a miss: PyYAML and the checks stay off a hit's path."""
    from revkiosk.deck.load import load_deck

    return load_deck(path)
