"""Writes that survive a power cut: fsync the data, then the folder, then switch with one rename.

A rename is atomic (readers see the old name or the new one), but without fsync a power cut
can leave the new name pointing at a file whose data never reached the disk. So every file of a
version is fsynced when written, its folders are fsynced once it is complete, and only then is
the `current` symlink replaced — and that folder fsynced too, so the switch itself is durable.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (created, renamed, removed names) durable. No-op where the OS
    cannot open folders (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some filesystems (e.g. certain FUSE mounts) refuse fsync on folders
        pass
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """fsync every folder under `folder`, deepest first, then `folder` itself."""
    for parent, _dirs, _files in os.walk(folder, topdown=False):
        fsync_dir(Path(parent))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, durably: temp file, fsync, rename, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def swap_symlink(link: Path, target: str) -> None:
    """Point `link` at `target` (relative to the link's folder) with one rename(2).

    Readers resolving `link` at any moment get the old target or the new one, never nothing.
    """
    tmp = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(link.parent)
