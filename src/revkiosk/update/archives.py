"""Bundle archives (.tar.gz and .zip), read as untrusted input.

Members that are links, devices or FIFOs, or whose names are absolute, contain `..` or control
characters, are refused before a byte is written. Counts and sizes are capped before and while
decompressing: a zip's entry count is read from its end record before zipfile loads the whole
central directory; a tar is read as a stream whose decompressed bytes are counted, and its
long-name and pax headers (which tarfile reads whole into memory) may not exceed 64 kB.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import struct
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from revkiosk.update.manifest import MANIFEST_NAME, BundleProblem, Limits, Manifest, check_path
from revkiosk.update.stager import DAMAGED, Readable, Stager, read_manifest

HEADER_CAP = 64 * 1024  # tar long-name / pax headers: a few hundred bytes in a real bundle
Hook = Callable[[Manifest], None]


class _SafeTarInfo(tarfile.TarInfo):
    """Refuses oversized long-name/pax headers (tarfile reads them whole into memory)."""

    def _proc_member(self, tar: tarfile.TarFile) -> tarfile.TarInfo:
        header_types = (
            tarfile.GNUTYPE_LONGNAME,
            tarfile.GNUTYPE_LONGLINK,
            tarfile.XHDTYPE,
            tarfile.XGLTYPE,
            tarfile.SOLARIS_XHDTYPE,
        )
        if self.type in header_types and self.size > HEADER_CAP:
            raise BundleProblem(f"the archive has a {self.size}-byte header: not a bundle")
        if self.type == tarfile.GNUTYPE_SPARSE:
            raise BundleProblem("the archive holds a sparse file: not a bundle")
        member: tarfile.TarInfo = super()._proc_member(tar)  # type: ignore[misc]
        return member


class _Capped(io.RawIOBase):
    """Counts decompressed bytes; past `cap` the archive is a bomb, not a bundle."""

    def __init__(self, raw: Readable, cap: int) -> None:
        super().__init__()
        self.raw, self.cap, self.total = raw, cap, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        self.total += len(data)
        if self.total > self.cap:
            raise BundleProblem(f"the archive unpacks to more than {self.cap} bytes")
        buffer[: len(data)] = data
        return len(data)


def stage_tar(handle: BinaryIO, staging: Path, limits: Limits, hook: Hook) -> Manifest:
    capped = _Capped(
        gzip.GzipFile(fileobj=handle, mode="rb"), limits.max_manifest_bytes + HEADER_CAP
    )
    try:
        with tarfile.open(fileobj=capped, mode="r|", tarinfo=_SafeTarInfo) as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST_NAME or not first.isreg():
                raise BundleProblem(
                    f"{MANIFEST_NAME} must be the first member: make bundles with `revkiosk bundle`"
                )
            manifest = read_manifest(tar.extractfile(first), limits, MANIFEST_NAME)  # type: ignore[arg-type]
            hook(manifest)
            capped.cap = manifest.total_bytes + 4 * HEADER_CAP + 2048 * (len(manifest.files) + 4)
            stager = Stager(staging, manifest)
            for _ in range(2 * len(manifest.files) + 64):
                member = tar.next()
                if member is None:
                    break
                _check_tar_member(member, manifest)
                if member.isreg():
                    stager.add(member.name, tar.extractfile(member), member.name)  # type: ignore[arg-type]
            else:
                raise BundleProblem("the archive holds far more entries than its manifest")
    except DAMAGED as error:
        raise BundleProblem(f"the archive is damaged or cut short ({error})") from None
    return stager.finish()


def _check_tar_member(member: tarfile.TarInfo, manifest: Manifest) -> None:
    name = member.name.rstrip("/") if member.isdir() else member.name
    check_path(name)
    if member.isdir():
        return
    if not member.isreg():
        kind = (
            "a symbolic link"
            if member.issym()
            else "a hard link"
            if member.islnk()
            else ("a device or FIFO")
        )
        raise BundleProblem(f"{name} is {kind}; bundles hold regular files only")
    entry = manifest.by_path.get(name)
    if entry is not None and member.size != entry.size:
        raise BundleProblem(f"{name} is {member.size} bytes, its manifest says {entry.size}")


def _zip_counts(handle: BinaryIO) -> tuple[int, int]:
    """(entries, central directory bytes) from the end record, before zipfile reads them all."""
    handle.seek(0, os.SEEK_END)
    end = handle.tell()
    handle.seek(max(0, end - 65557))
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise BundleProblem("the zip file is damaged or cut short (no end record)")
    entries, size = struct.unpack("<6xHI6x", tail[at + 4 : at + 22])
    locator = tail.rfind(b"PK\x06\x07", 0, at)
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and locator >= 0:
        (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
        handle.seek(offset)
        record = handle.read(56)
        if record[:4] == b"PK\x06\x06":
            entries, size = struct.unpack("<QQ", record[32:48])
    handle.seek(0)
    return entries, size


def stage_zip(handle: BinaryIO, what: str, staging: Path, limits: Limits, hook: Hook) -> Manifest:
    entries, directory = _zip_counts(handle)
    cap = 2 * limits.max_files + 64
    if entries > cap or directory > cap * 4096:  # zipfile reads the whole directory at once
        raise BundleProblem(
            f"{what} holds {entries} entries; a bundle has at most {limits.max_files}"
        )
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            first = next((i for i in infos if i.filename == MANIFEST_NAME), None)
            if first is None:
                raise BundleProblem(
                    f"{what} has no {MANIFEST_NAME}: make it with `revkiosk bundle`"
                )
            if first.file_size > limits.max_manifest_bytes:
                raise BundleProblem(f"{MANIFEST_NAME} is too large")
            with archive.open(first) as member:
                manifest = read_manifest(member, limits, MANIFEST_NAME)
            hook(manifest)
            stager = Stager(staging, manifest)
            for info in infos:
                if info is first:
                    continue
                _check_zip_member(info, manifest)
                if not info.is_dir():
                    with archive.open(info) as member:
                        stager.add(info.filename, member, info.filename)
    except (*DAMAGED, zipfile.LargeZipFile) as error:
        raise BundleProblem(f"the zip file is damaged ({error})") from None
    except NotImplementedError as error:  # an unknown compression method
        raise BundleProblem(f"the zip file uses {error}") from None
    return stager.finish()


def _check_zip_member(info: zipfile.ZipInfo, manifest: Manifest) -> None:
    name = info.filename.rstrip("/") if info.is_dir() else info.filename
    check_path(name)
    if info.flag_bits & 0x1:
        raise BundleProblem(f"{name} is encrypted; bundles are not")
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        what = "a symbolic link" if kind == stat.S_IFLNK else "a device or FIFO"
        raise BundleProblem(f"{name} is {what}; bundles hold regular files only")
    entry = manifest.by_path.get(name)
    if not info.is_dir() and entry is not None and info.file_size != entry.size:
        raise BundleProblem(f"{name} is {info.file_size} bytes, its manifest says {entry.size}")
