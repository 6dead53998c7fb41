"""Copy the members of one bundle into a staging folder, each checked against its manifest.

A member is written only if the manifest lists it, never past the size the manifest declares,
and hashed on the way: a wrong checksum, a member too many or one missing refuses the bundle.
A read error (a USB stick pulled out mid-copy) and a write error (a full disk) end the staging
with a message saying which; the caller removes the staging folder. Every staged file is
fsynced, and the folders once the staging is complete, so a power cut cannot leave a version
whose names exist but whose data never reached the disk.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import os
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import Protocol

from revkiosk.update.durable import fsync_tree, write_bytes_atomic
from revkiosk.update.manifest import CHUNK, MANIFEST_NAME, BundleProblem, Limits, Manifest


class Readable(Protocol):
    """A file, an archive member or a download: anything with `read(size) -> bytes`."""

    def read(self, size: int = -1, /) -> bytes: ...


# What decompressing a damaged or cut archive raises (BadGzipFile is also an OSError: first).
DAMAGED = (EOFError, gzip.BadGzipFile, zipfile.BadZipFile, tarfile.TarError, zlib.error)


class SourceUnreadable(BundleProblem):
    """The source failed while being read (a USB stick pulled out, a network drop)."""


def read_failed(what: str, error: OSError) -> SourceUnreadable:
    reason = error.strerror or str(error)
    return SourceUnreadable(f"reading {what} failed ({reason}): was the source removed?")


def _write_failed(target: Path, error: OSError) -> BundleProblem:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return BundleProblem(f"the disk is full: could not write {target.name} ({error.strerror})")
    return BundleProblem(f"could not write {target}: {error.strerror or error}")


class Stager:
    """Fills one staging folder with the files of one manifest, verifying each."""

    def __init__(self, folder: Path, manifest: Manifest) -> None:
        self.folder, self.manifest = folder, manifest
        self.done: set[str] = set()

    def add(self, name: str, stream: Readable, what: str) -> None:
        """Copy one member; its name must be listed and its bytes must match the manifest."""
        entry = self.manifest.by_path.get(name)
        if entry is None:
            raise BundleProblem(f"{name} is in the bundle but not in its manifest")
        if name in self.done:
            raise BundleProblem(f"{name} appears twice in the bundle")
        target = self.folder / name
        digest, size = hashlib.sha256(), 0
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(target, flags, 0o644)
        except OSError as error:
            raise _write_failed(target, error) from None
        with os.fdopen(fd, "wb") as sink:
            while True:
                try:
                    chunk = stream.read(CHUNK)
                except DAMAGED as err:
                    raise BundleProblem(
                        f"{name}: the archive is damaged or cut short ({err})"
                    ) from None
                except OSError as error:
                    raise read_failed(what, error) from None
                if not chunk:
                    break
                size += len(chunk)
                if size > entry.size:
                    raise BundleProblem(f"{name} is larger than its manifest says ({entry.size})")
                digest.update(chunk)
                try:
                    sink.write(chunk)
                except OSError as error:
                    raise _write_failed(target, error) from None
            try:
                sink.flush()
                os.fsync(sink.fileno())
            except OSError as error:
                raise _write_failed(target, error) from None
        if size != entry.size:
            raise BundleProblem(f"{name} is {size} bytes, its manifest says {entry.size}")
        if digest.hexdigest() != entry.sha256:
            raise BundleProblem(f"{name}: wrong checksum (the file is damaged or was changed)")
        self.done.add(name)

    def finish(self) -> Manifest:
        """Check nothing is missing, write the manifest and make the folder durable."""
        missing = sorted(set(self.manifest.by_path) - self.done)
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            raise BundleProblem(f"{missing[0]}{more} listed in the manifest but missing")
        try:
            write_bytes_atomic(self.folder / MANIFEST_NAME, self.manifest.to_json())
            fsync_tree(self.folder)
        except OSError as error:
            raise _write_failed(self.folder / MANIFEST_NAME, error) from None
        return self.manifest


def read_manifest(stream: Readable, limits: Limits, what: str) -> Manifest:
    """Read and check a manifest from a stream, reading no more than the manifest cap."""
    try:
        data = stream.read(limits.max_manifest_bytes + 1)
    except OSError as error:
        raise read_failed(what, error) from None
    return Manifest.from_json(data, limits)
