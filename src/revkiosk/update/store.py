"""The content folder: installed versions and the `current` symlink the kiosk plays.

    content/
      current  -> versions/20260301T100000Z-3f2a…   what `revkiosk kiosk` plays with no deck
      previous -> versions/20260215T090000Z-9c41…   what `revkiosk update --rollback` returns to
      versions/<name>/manifest.json, slides/…, media/…   complete, verified, never changed
      staging/<name>/                                 an update being copied (never played)
      update.json                                     what the last update did (for the status)
      .lock                                           one update at a time (flock)

A version folder is complete and fsynced before it gets its name under `versions/`, and
`current` is switched with one rename(2), so at any instant — a SIGKILL, a power cut — `current`
points at a whole version: the old one or the new one. Versions other than `current` and
`previous` are pruned, unless a player still holds them (a shared flock on their manifest).
POSIX only (symlinks and flock): Linux and macOS.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from revkiosk.safe_files import STATE_BYTES, read_bytes
from revkiosk.update.durable import fsync_dir, swap_symlink, write_bytes_atomic
from revkiosk.update.manifest import MANIFEST_NAME, BundleProblem, Limits, Manifest, sha256_of

try:
    import fcntl
except ImportError:  # Windows: no content updates (see the module docstring)
    fcntl = None  # type: ignore[assignment]

CURRENT, PREVIOUS = "current", "previous"
VERSIONS, STAGING = "versions", "staging"
REPORT = "update.json"
LOCK = ".lock"
ENV_CONTENT = "REVKIOSK_CONTENT"  # the content folder `revkiosk kiosk` hands to its player


class UpdateBusy(BundleProblem):
    """Another update (or rollback) holds the content folder."""


@dataclass(frozen=True)
class Version:
    """One installed version: its folder name, resolved folder and manifest."""

    name: str
    folder: Path
    manifest: Manifest

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def deck_path(self) -> Path:
        return self.folder / self.manifest.deck


def verify_folder(folder: Path, manifest: Manifest, *, full: bool = True) -> list[str]:
    """What differs between a folder and its manifest (sizes always; SHA-256 when `full`)."""
    problems: list[str] = []
    for entry in manifest.files:
        path = folder / entry.path
        try:
            info = path.lstat()
            if not path.is_file() or path.is_symlink():
                problems.append(f"{entry.path}: not a regular file")
            elif info.st_size != entry.size:
                problems.append(f"{entry.path}: {info.st_size} bytes, expected {entry.size}")
            elif full and sha256_of(path)[0] != entry.sha256:
                problems.append(f"{entry.path}: wrong checksum")
        except OSError as error:
            problems.append(f"{entry.path}: {error.strerror or error}")
    return problems


def read_manifest(folder: Path) -> Manifest:
    """The manifest a version or bundle folder holds; BundleProblem if it is missing or bad."""
    try:
        data = read_bytes(folder / MANIFEST_NAME, Limits().max_manifest_bytes)
    except OSError as error:
        raise BundleProblem(f"{folder}: no readable {MANIFEST_NAME} ({error.strerror})") from None
    return Manifest.from_json(data)


class ContentStore:
    """Versions of a deck in one folder, switched atomically (see the module docstring)."""

    def __init__(self, root: Path, *, keep_previous: bool = True) -> None:
        self.root = Path(root)
        self.keep_previous = keep_previous

    @property
    def versions(self) -> Path:
        return self.root / VERSIONS

    @property
    def staging(self) -> Path:
        return self.root / STAGING

    # -- reading ---------------------------------------------------------------------------
    def current_target(self) -> str | None:
        """Where `current` points (one readlink: cheap enough to ask every heartbeat)."""
        try:
            return os.readlink(self.root / CURRENT)
        except OSError:
            return None

    def version(self, link: str) -> Version | None:
        """The version `current` or `previous` points at; None if absent or not a version."""
        try:
            target = os.readlink(self.root / link)
        except OSError:
            return None
        parts = Path(target).parts
        if len(parts) != 2 or parts[0] != VERSIONS or parts[1] in ("", ".", ".."):
            return None
        folder = self.versions / parts[1]
        try:
            return Version(parts[1], folder, read_manifest(folder))
        except BundleProblem:
            return None

    @property
    def current(self) -> Version | None:
        return self.version(CURRENT)

    @property
    def previous(self) -> Version | None:
        return self.version(PREVIOUS)

    def current_deck(self) -> Path | None:
        """The deck to play, through the `current` link (it stays valid across switches)."""
        version = self.current
        return self.root / CURRENT / version.manifest.deck if version else None

    def read_report(self) -> dict[str, Any] | None:
        try:
            data = json.loads(read_bytes(self.root / REPORT, STATE_BYTES))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    # -- changing --------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the content folder for one update; UpdateBusy if another one holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "a+b") as handle:
            if fcntl is not None:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise UpdateBusy(f"another update is running in {self.root}") from None
            yield

    def new_staging(self) -> Path:
        """An empty folder for one update, on the same filesystem as the versions."""
        self.staging.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        folder = self.staging / f"{stamp}-{os.getpid()}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        return folder

    def clean_staging(self) -> None:
        """Remove what an interrupted update left behind (call with the lock held)."""
        if self.staging.is_dir():
            for leftover in self.staging.iterdir():
                _remove(leftover)

    def install(self, staged: Path, manifest: Manifest) -> Version:
        """Give a complete staged folder its version name and switch `current` to it."""
        self.versions.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        name = f"{stamp}-{manifest.id}"
        suffix = 1
        while (self.versions / name).exists():
            suffix += 1
            name = f"{stamp}-{manifest.id}-{suffix}"
        os.rename(staged, self.versions / name)
        fsync_dir(self.versions)
        fsync_dir(staged.parent)
        old = self.current
        if old is not None and self.keep_previous:
            swap_symlink(self.root / PREVIOUS, f"{VERSIONS}/{old.name}")
        swap_symlink(self.root / CURRENT, f"{VERSIONS}/{name}")
        self.prune()
        return Version(name, self.versions / name, manifest)

    def rollback(self) -> Version:
        """Make `previous` current again (and the current one previous)."""
        current, previous = self.current, self.previous
        if previous is None:
            raise BundleProblem(f"there is no previous version in {self.root} to go back to")
        if current is not None and previous.name == current.name:
            raise BundleProblem("the previous version is the one already playing")
        problems = verify_folder(previous.folder, previous.manifest)
        if problems:
            raise BundleProblem(f"the previous version is damaged: {problems[0]}")
        swap_symlink(self.root / CURRENT, f"{VERSIONS}/{previous.name}")
        if current is not None:
            swap_symlink(self.root / PREVIOUS, f"{VERSIONS}/{current.name}")
        return previous

    def prune(self) -> list[str]:
        """Delete versions other than current and previous that no player holds."""
        keep = {v.name for v in (self.current, self.previous) if v is not None}
        if not self.versions.is_dir() or not keep:
            return []
        removed = []
        for folder in sorted(self.versions.iterdir()):
            if folder.name in keep or in_use(folder):
                continue
            self.staging.mkdir(parents=True, exist_ok=True)
            trash = self.staging / f".pruned-{folder.name}"
            try:
                os.rename(folder, trash)  # one step out of versions/, then delete at leisure
            except OSError:
                continue
            _remove(trash)
            removed.append(folder.name)
        return removed

    def write_report(self, report: dict[str, Any]) -> None:
        data = json.dumps(report, indent=1, ensure_ascii=False) + "\n"
        write_bytes_atomic(self.root / REPORT, data.encode("utf-8"))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def in_use(folder: Path) -> bool:
    """True while a player holds this version (see `hold`)."""
    if fcntl is None:
        return False
    try:
        handle = open(folder / MANIFEST_NAME, "rb")
    except OSError:
        return False
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


def hold(deck_path: Path) -> IO[bytes] | None:
    """Keep the version a deck was loaded from from being pruned while it plays.

    Returns an open handle holding a shared lock on the version's manifest (close it to let
    go), or None when the deck does not come from a content folder version.
    """
    if fcntl is None:
        return None
    real = Path(os.path.realpath(deck_path))
    for folder in real.parents:
        if folder.parent.name == VERSIONS and (folder / MANIFEST_NAME).is_file():
            try:
                handle = open(folder / MANIFEST_NAME, "rb")
            except OSError:
                return None
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:  # being pruned this very moment: the caller reloads `current`
                handle.close()
                return None
            return handle
    return None


def content_folder(chosen: str | Path | None = None, *, setting: str | None = None) -> Path:
    """`--content DIR`, else the one the supervisor handed down (REVKIOSK_CONTENT), else the
    `content_dir` setting (`setting`, or read from settings.yaml), else
    `<user data folder>/content`."""
    chosen = chosen or os.environ.get(ENV_CONTENT)
    if chosen:
        return Path(chosen).expanduser().absolute()
    if setting is None:
        from revkiosk.settings import load_settings

        setting = load_settings()[0].content_dir
    if setting:
        return Path(setting).expanduser().absolute()
    from platformdirs import user_data_path

    return user_data_path("revkiosk", appauthor=False) / "content"
