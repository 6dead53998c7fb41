"""Read a bundle — a folder, a .tar.gz or a .zip — into a staging folder, trusting nothing.

The manifest is read and checked first (the top of a folder, the first member of a tar, found
by name in a zip), a hook sees it before any file is copied, then every member goes through
`stager.Stager`. A folder is read only through the files its manifest lists, and no link in it
is followed; archives are handled by `archives` (member types, names, bombs).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from revkiosk.update.archives import stage_tar, stage_zip
from revkiosk.update.manifest import MANIFEST_NAME, BundleProblem, Limits, Manifest
from revkiosk.update.stager import SourceUnreadable, Stager, read_failed, read_manifest

__all__ = ["ManifestHook", "SourceUnreadable", "Stager", "newest_archive", "stage"]

ManifestHook = Callable[[Manifest], None]  # may raise to stop before any file is copied
_ARCHIVES = (".tar.gz", ".tgz", ".zip")


def stage(source: Path, staging: Path, limits: Limits, hook: ManifestHook) -> Manifest:
    """Stage a folder bundle, an archive in a folder, or an archive file into `staging`.

    `hook` sees the checked manifest before any file is copied (to stop early when the
    version is already installed, or the disk is too small).
    """
    try:
        if source.is_dir():
            if (source / MANIFEST_NAME).exists():
                return _stage_folder(source, staging, limits, hook)
            source = newest_archive(source)
        source = source.resolve()  # the archive the technician named may be a link to it
        with _open_regular(source, source.name) as handle:
            magic = handle.read(4)
            handle.seek(0)
            if magic[:2] == b"\x1f\x8b":
                return stage_tar(handle, staging, limits, hook)
            if magic == b"PK\x03\x04":
                return stage_zip(handle, source.name, staging, limits, hook)
    except SourceUnreadable:
        raise
    except OSError as error:
        raise read_failed(str(source), error) from None
    raise BundleProblem(f"{source.name} is not a .tar.gz or .zip bundle")


def newest_archive(folder: Path) -> Path:
    """The most recently written bundle archive in a folder (a USB stick's top folder)."""
    found = [
        path
        for path in folder.iterdir()
        if path.name.lower().endswith(_ARCHIVES) and not path.name.startswith(".")
    ]
    found = [path for path in found if path.is_file()]
    if not found:
        raise BundleProblem(
            f"no bundle in {folder}: expected {MANIFEST_NAME} (a folder made by "
            "`revkiosk bundle -o FOLDER`) or a .tar.gz/.zip made by `revkiosk bundle`"
        )
    return max(found, key=lambda path: (path.stat().st_mtime_ns, path.name))


def _open_regular(path: Path, what: str) -> BinaryIO:
    """Open a regular file without following a final symlink or blocking on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise BundleProblem(f"{what} is a symbolic link; bundles hold regular files") from None
        raise read_failed(what, error) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise BundleProblem(f"{what} is not a regular file")
    return os.fdopen(fd, "rb")


def _stage_folder(folder: Path, staging: Path, limits: Limits, hook: ManifestHook) -> Manifest:
    """An unpacked bundle: only the files its manifest lists are read; no link is followed."""
    with _open_regular(folder / MANIFEST_NAME, MANIFEST_NAME) as handle:
        manifest = read_manifest(handle, limits, MANIFEST_NAME)
    hook(manifest)
    stager = Stager(staging, manifest)
    real_root = Path(os.path.realpath(folder))
    for entry in manifest.files:
        path = folder / entry.path
        if Path(os.path.realpath(path)) != real_root / entry.path:
            raise BundleProblem(f"{entry.path}: a folder on its way is a symbolic link")
        with _open_regular(path, entry.path) as handle:
            stager.add(entry.path, handle, entry.path)
    return stager.finish()
