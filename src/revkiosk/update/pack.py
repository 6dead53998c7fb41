"""Write a bundle: a .tar.gz, a .zip or a plain folder (for a USB stick) with `manifest.json`.

The files are hashed first, the manifest is written first into archives (so a reader knows
every size before it reads any data) and last into folders (so a kiosk watching the folder
never sees a manifest whose files are still being copied). Each file is hashed again while it
is written: a file changed during bundling is an error, not a bundle that cannot verify.
Archives are written to a temporary name and renamed, so a reader never sees half an archive.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tarfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from revkiosk.update.durable import fsync_dir
from revkiosk.update.manifest import (
    CHUNK,
    MANIFEST_NAME,
    BundleProblem,
    FileEntry,
    Manifest,
    sha256_of,
)

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".zip")
# Already compressed: deflating them again costs time and saves nothing.
_STORED = {
    ".mp4",
    ".webm",
    ".mkv",
    ".mov",
    ".png",
    ".jpg",
    ".jpeg",
    ".webp",
    ".gif",
    ".ogg",
    ".mp3",
    ".m4a",
    ".opus",
    ".flac",
    ".gz",
    ".zip",
}


def make_manifest(root: Path, names: list[str], deck: str, title: str, made_by: str) -> Manifest:
    """Hash every file under `root` and describe them."""
    entries = []
    for name in names:
        digest, size = sha256_of(root / name)
        entries.append(FileEntry(name, size, digest))
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return Manifest(deck, tuple(entries), title=title, created=created, made_by=made_by)


def archive_kind(output: Path) -> str:
    """'tar', 'zip' or 'folder', from the output's name."""
    name = output.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        return "tar"
    if name.endswith(".zip"):
        return "zip"
    if "." in name and not output.is_dir():
        raise BundleProblem(f"{output.name}: write a .tar.gz, a .zip, or a folder name")
    return "folder"


def write_bundle(root: Path, manifest: Manifest, output: Path) -> None:
    """Write the files of `manifest` (read from `root`) to `output`, as its name asks."""
    kind = archive_kind(output)
    if kind == "folder":
        _write_folder(root, manifest, output)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.partial")
    try:
        writer = _write_tar if kind == "tar" else _write_zip
        writer(root, manifest, tmp)
        os.replace(tmp, output)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(output.parent)


def _copy_checked(source: Path, entry: FileEntry, sink: Callable[[bytes], object]) -> None:
    """Copy `source` into `sink`, failing if it no longer matches what was hashed."""
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if size > entry.size:
                break
            sink(chunk)
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise BundleProblem(f"{entry.path} changed while it was being bundled; run it again")


def _write_tar(root: Path, manifest: Manifest, target: Path) -> None:
    now = int(time.time())
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT, compresslevel=6) as tar:
        data = manifest.to_json()
        tar.addfile(_tar_info(MANIFEST_NAME, len(data), now), io.BytesIO(data))
        for entry in manifest.files:
            source = root / entry.path
            with source.open("rb") as handle:
                tar.addfile(_tar_info(entry.path, entry.size, now), _Checked(handle, entry))


def _tar_info(name: str, size: int, mtime: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode, info.type = size, mtime, 0o644, tarfile.REGTYPE
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


class _Checked(io.RawIOBase):
    """A reader that hashes what tarfile reads and fails at the end if it does not match."""

    def __init__(self, handle: BinaryIO, entry: FileEntry) -> None:
        super().__init__()
        self.handle, self.entry = handle, entry
        self.digest, self.size = hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        if self.size == self.entry.size and self.digest.hexdigest() != self.entry.sha256:
            raise BundleProblem(f"{self.entry.path} changed while it was being bundled")
        if not chunk and self.size != self.entry.size:
            raise BundleProblem(f"{self.entry.path} changed while it was being bundled")
        return chunk


def _write_zip(root: Path, manifest: Manifest, target: Path) -> None:
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        archive.writestr(_zip_info(MANIFEST_NAME, zipfile.ZIP_DEFLATED), manifest.to_json())
        for entry in manifest.files:
            stored = Path(entry.path).suffix.lower() in _STORED
            info = _zip_info(entry.path, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            info.file_size = entry.size
            with archive.open(info, "w", force_zip64=entry.size > 2**31) as sink:
                _copy_checked(root / entry.path, entry, sink.write)


def _zip_info(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, time.localtime()[:6])
    info.compress_type = compression
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    return info


def _write_folder(root: Path, manifest: Manifest, folder: Path) -> None:
    """An unpacked bundle: the old manifest goes first, the new one comes last."""
    old = folder / MANIFEST_NAME
    if folder.exists():
        if not folder.is_dir():
            raise BundleProblem(f"{folder} exists and is not a folder")
        if any(folder.iterdir()) and not old.is_file():
            raise BundleProblem(
                f"{folder} is not empty and holds no earlier bundle; choose an empty folder"
            )
    folder.mkdir(parents=True, exist_ok=True)
    stale: set[str] = set()
    if old.is_file():
        with contextlib.suppress(BundleProblem, OSError):
            stale = set(Manifest.from_json(old.read_bytes()).by_path)
        old.unlink()
        fsync_dir(folder)
    for entry in manifest.files:
        target = folder / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.partial")
        with tmp.open("wb") as sink:
            _copy_checked(root / entry.path, entry, sink.write)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(tmp, target)
    for name in stale - set(manifest.by_path):
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    for parent, _dirs, _files in os.walk(folder, topdown=False):
        fsync_dir(Path(parent))
    tmp = folder / f".{MANIFEST_NAME}.partial"
    with tmp.open("wb") as sink:
        sink.write(manifest.to_json())
        sink.flush()
        os.fsync(sink.fileno())
    os.replace(tmp, old)
    fsync_dir(folder)
