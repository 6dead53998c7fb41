"""The bundle manifest: which files a deck version is made of, with their size and SHA-256.

`manifest.json` sits at the top of every bundle and of every installed version:

    {"format": "revkiosk-bundle", "version": 1, "deck": "slides/story.yaml",
     "title": "…", "created": "2026-03-01T10:00:00Z", "made_by": "revkiosk 0.1.0",
     "files": [{"path": "slides/story.yaml", "size": 50719, "sha256": "9f…"}, …]}

Everything in it is checked before any byte of the bundle is trusted: paths are relative POSIX
paths that stay inside the version folder (no `..`, no absolute paths, no control characters,
no backslashes), nothing is listed twice, and the counts and sizes stay under `Limits`. The
version id is a digest of the deck name and the file list, so the same content bundled twice is
the same version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from revkiosk.safe_files import open_regular

FORMAT = "revkiosk-bundle"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DECK_SUFFIXES = (".yaml", ".yml")
CHUNK = 1024 * 1024


class BundleProblem(Exception):
    """A bundle (or a source of one) cannot be used; the message says why, for a technician."""


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or broken bundle from filling the disk or the memory."""

    max_files: int = 10_000
    max_total_bytes: int = 4 * 1024**3
    max_manifest_bytes: int = 4 * 1024**2
    max_path_bytes: int = 1024
    max_depth: int = 32


@dataclass(frozen=True)
class FileEntry:
    """One file of a bundle: its relative path, size in bytes and SHA-256 (hex)."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """A parsed, checked manifest."""

    deck: str
    files: tuple[FileEntry, ...]
    title: str = ""
    created: str = ""
    made_by: str = ""

    @cached_property
    def by_path(self) -> dict[str, FileEntry]:
        return {entry.path: entry for entry in self.files}

    @property
    def total_bytes(self) -> int:
        return sum(entry.size for entry in self.files)

    @cached_property
    def id(self) -> str:
        """16 hex digits naming the content: same deck and files, same id."""
        digest = hashlib.sha256(self.deck.encode())
        for entry in sorted(self.files, key=lambda e: e.path):
            digest.update(f"\0{entry.path}\0{entry.size}\0{entry.sha256}".encode())
        return digest.hexdigest()[:16]

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "deck": self.deck,
            "title": self.title,
            "created": self.created,
            "made_by": self.made_by,
            "files": [
                {"path": e.path, "size": e.size, "sha256": e.sha256}
                for e in sorted(self.files, key=lambda e: e.path)
            ],
        }
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, limits: Limits | None = None) -> Manifest:
        """Parse and check a manifest; raise BundleProblem naming the first thing wrong."""
        limits = limits or Limits()
        if len(data) > limits.max_manifest_bytes:
            raise BundleProblem(f"{MANIFEST_NAME} is larger than {limits.max_manifest_bytes} bytes")
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise BundleProblem(f"{MANIFEST_NAME} is not valid JSON: {error}") from None
        return _parse(raw, limits)


def _parse(raw: Any, limits: Limits) -> Manifest:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BundleProblem(f"{MANIFEST_NAME} is not a revkiosk bundle manifest")
    if raw.get("version") != FORMAT_VERSION:
        raise BundleProblem(
            f"{MANIFEST_NAME} has format version {raw.get('version')!r}; this revkiosk reads "
            f"version {FORMAT_VERSION} (update revkiosk, or bundle with this version)"
        )
    files = raw.get("files")
    if not isinstance(files, list) or not files:
        raise BundleProblem(f"{MANIFEST_NAME}: 'files' must be a non-empty list")
    if len(files) > limits.max_files:
        raise BundleProblem(f"the bundle has {len(files)} files; at most {limits.max_files}")
    entries = tuple(_entry(item, limits) for item in files)
    _check_no_clashes(entries)
    total = sum(e.size for e in entries)
    if total > limits.max_total_bytes:
        raise BundleProblem(
            f"the bundle holds {size_text(total)}; at most {size_text(limits.max_total_bytes)}"
        )
    deck = check_path(raw.get("deck"), limits)
    if not deck.lower().endswith(DECK_SUFFIXES) or deck not in {e.path for e in entries}:
        raise BundleProblem(f"{MANIFEST_NAME}: 'deck' must name a .yaml file of the bundle")
    texts = {key: raw.get(key, "") for key in ("title", "created", "made_by")}
    if not all(isinstance(value, str) and len(value) < 1000 for value in texts.values()):
        raise BundleProblem(f"{MANIFEST_NAME}: title, created and made_by must be short texts")
    return Manifest(deck=deck, files=entries, **texts)


def _entry(item: Any, limits: Limits) -> FileEntry:
    if not isinstance(item, dict):
        raise BundleProblem(f"{MANIFEST_NAME}: every file must be an object with path/size/sha256")
    path = check_path(item.get("path"), limits)
    size, digest = item.get("size"), item.get("sha256")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise BundleProblem(f"{MANIFEST_NAME}: {path}: size must be a whole number of bytes")
    if size > limits.max_total_bytes:
        raise BundleProblem(f"{path} is {size_text(size)}, more than a bundle may hold")
    if not isinstance(digest, str) or len(digest) != 64 or not _is_hex(digest):
        raise BundleProblem(f"{MANIFEST_NAME}: {path}: sha256 must be 64 hex digits")
    return FileEntry(path, size, digest.lower())


def _is_hex(text: str) -> bool:
    return all(char in "0123456789abcdefABCDEF" for char in text)


def _check_no_clashes(entries: tuple[FileEntry, ...]) -> None:
    """No path twice, and no path that is both a file and a folder of another path."""
    seen: set[str] = set()
    for entry in entries:
        if entry.path in seen:
            raise BundleProblem(f"{MANIFEST_NAME} lists {entry.path} twice")
        seen.add(entry.path)
    for entry in entries:
        for parent in PurePosixPath(entry.path).parents:
            if str(parent) in seen:
                raise BundleProblem(f"{MANIFEST_NAME}: {parent} is both a file and a folder")


def check_path(text: object, limits: Limits | None = None) -> str:
    """`text` as a safe relative path inside a version folder, or BundleProblem saying why."""
    limits = limits or Limits()
    if not isinstance(text, str) or not text:
        raise BundleProblem(f"a bundle path must be a non-empty text, got {text!r}")
    shown = text if len(text) < 200 else text[:200] + "…"
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise BundleProblem(f"{shown!r}: control characters are not allowed in bundle paths")
    if "\\" in text:
        raise BundleProblem(f"{shown}: backslashes are not allowed (write paths with /)")
    if text.startswith("/") or PureWindowsPath(text).drive:
        raise BundleProblem(f"{shown}: absolute paths are not allowed in a bundle")
    parts = text.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise BundleProblem(f"{shown}: empty, '.' or '..' path parts are not allowed")
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_path_bytes:
        raise BundleProblem(f"{shown}: path longer than {limits.max_path_bytes} bytes")
    if len(parts) > limits.max_depth or any(len(p.encode("utf-8", "replace")) > 255 for p in parts):
        raise BundleProblem(f"{shown}: too many folders, or a name longer than 255 bytes")
    if text == MANIFEST_NAME:
        raise BundleProblem(f"{MANIFEST_NAME} cannot also be a file of the bundle")
    return text


def size_text(count: int | float) -> str:
    """Bytes as a technician reads them: 950 bytes, 27 kB, 3.7 MB, 1.2 GB."""
    if count >= 1e9:
        return f"{count / 1e9:.1f} GB"
    if count >= 1e6:
        return f"{count / 1e6:.1f} MB"
    if count >= 1e3:
        return f"{count / 1e3:.0f} kB"
    return f"{count:.0f} bytes"


def sha256_of(path: Path) -> tuple[str, int]:
    """(hex SHA-256, size) of a file, read in 1 MiB chunks."""
    digest, size = hashlib.sha256(), 0
    with open_regular(path) as handle:  # a FIFO or device in a bundle is refused, not read
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
