"""Look before opening: the one way revkiosk reads a file that a deck, a setting or a cache names.

A deck copied from a USB stick, a settings file or a cache entry may name a FIFO (opening it
blocks until a writer appears: a hung player), a character device (`/dev/zero` never ends: the
memory fills) or a file far larger than its kind ever is. So every read goes through here:

* `stat` first, so a FIFO or device is refused without even being opened (opening some devices
  has side effects), then a non-blocking open and `fstat` on the descriptor actually read, so a
  file swapped for a FIFO between the two looks is caught too;
* a size cap per use, checked before reading and again while reading (a file that grows);
* errors are `OSError`s (`NotRegularFile`, `FileTooLarge`), so every caller's existing
  `except OSError` already turns them into its placeholder, notice or `check` problem.

`atomic_write` is the matching writer: a temporary file in the same folder, renamed over the
target, removed again on any failure (a full disk leaves neither a cut file nor a temp file).
`file_identity` names what a path really is now (its resolved target, inode, size and time), for
caches that must never serve a picture someone replaced or re-pointed.

Qt-free, so `deck/`, `settings` and the supervisor use it as the views do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Iterable

# Caches key their entries by SHA-256 on the start path (the parsed deck, the chart picture).
# `hashlib` would load its OpenSSL binding (~3 ms of start-up); CPython's built-in module gives
# the same digest without it (`_sha2` from Python 3.12, `_sha256` before).
try:
    from _sha2 import sha256 as sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    try:
        from _sha256 import sha256 as sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
    except ImportError:  # another Python: the same digest, a little slower to import
        from hashlib import sha256 as sha256  # type: ignore[assignment,unused-ignore]

KiB = 1024
MiB = 1024 * KiB

# Size caps, one per kind of file (decks have their own in deck/yaml_safe.py).
SETTINGS_BYTES = 256 * KiB
STATE_BYTES = 1 * MiB  # resume state, heartbeat and status files
SUBTITLE_BYTES = 4 * MiB
PICTURE_BYTES = 128 * MiB  # a 12 MP PNG is ~36 MB
SVG_BYTES = 32 * MiB
CSV_BYTES = 256 * MiB
CACHE_BYTES = 32 * MiB  # parsed-deck cache entries, thumbnails, chart pictures

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the stat must not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """The path is a directory, FIFO, device or socket: nothing revkiosk will read."""


class FileTooLarge(OSError):
    """The file is larger than files of its kind may be."""


def kind_of(mode: int) -> str:
    """'a FIFO (named pipe)', 'a character device', … for a message a person reads."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size_text(count: int) -> str:
    return f"{count / MiB:.0f} MB" if count >= MiB else f"{count / KiB:.0f} KB"


def _check(info: os.stat_result, path: str, max_bytes: int | None) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", path)
    if not stat.S_ISREG(info.st_mode):
        kind = kind_of(info.st_mode)
        raise NotRegularFile(errno.EINVAL, f"is {kind}, not a regular file", path)
    if max_bytes is not None and info.st_size > max_bytes:
        raise FileTooLarge(
            errno.EFBIG,
            f"is larger than {_size_text(max_bytes)} ({_size_text(info.st_size)})",
            path,
        )


def open_regular(path: Path | str, max_bytes: int | None = None) -> BinaryIO:
    """Open a regular file for binary reading after checking what it is (see the module doc).

    Raises FileNotFoundError/PermissionError/… as `open` does, NotRegularFile or FileTooLarge.
    """
    name = os.fspath(path)
    try:
        _check(os.stat(name), name, max_bytes)
        descriptor = os.open(name, _OPEN_FLAGS)
    except ValueError as error:  # an embedded NUL: no such file can exist
        raise FileNotFoundError(errno.ENOENT, str(error), name) from None
    try:
        _check(os.fstat(descriptor), name, max_bytes)
        if _OPEN_FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_bytes(path: Path | str, max_bytes: int) -> bytes:
    """All of a regular file's bytes, at most `max_bytes` (FileTooLarge beyond, even if it grew
    after it was looked at)."""
    with open_regular(path, max_bytes) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLarge(errno.EFBIG, f"is larger than {_size_text(max_bytes)}", os.fspath(path))
    return data


def read_text(path: Path | str, max_bytes: int, encoding: str = "utf-8-sig") -> str:
    """A regular file's text (UnicodeDecodeError, a ValueError, for bytes not in `encoding`)."""
    return read_bytes(path, max_bytes).decode(encoding)


def check_regular(path: Path | str, max_bytes: int | None = None) -> os.stat_result:
    """Make sure `path` is a readable regular file (opened and closed again), for files another
    library opens itself (videos, audio); its stat. Raises as `open_regular` does."""
    with open_regular(path, max_bytes) as handle:
        return os.fstat(handle.fileno())


def is_regular(path: Path | str) -> bool:
    """True for an existing regular file; False for anything else or any error (a name too long
    for the file system, a symlink loop): the test for "is there a file to show"."""
    try:
        return stat.S_ISREG(os.stat(os.fspath(path)).st_mode)
    except (OSError, ValueError):
        return False


Identity = tuple[str, int, int, int]


def file_identity(path: Path | str) -> Identity | None:
    """(resolved target, inode, size, mtime ns) of what `path` names now; None if nothing.

    A re-pointed symlink changes the target, a file replaced by rename changes the inode, an
    edit in place changes size or time: a cache keyed on this never serves the old content.
    """
    return file_identities([path])[0]


def file_identities(paths: Iterable[Path | str]) -> list[Identity | None]:
    """`file_identity` of each path, resolving each folder once.

    The same answer as resolving every path in full, for a fraction of the system calls: a
    path whose last part is not a symlink resolves to its resolved folder plus its name, and
    the folder is resolved once for all its files. The deck cache checks the ~110 files of
    the default deck before the first slide (full resolution: ~2.6 ms, one `lstat` per part
    of every path; this way ~0.5 ms; issue 21).
    """
    folders: dict[str, str] = {}
    found: list[Identity | None] = []
    for path in paths:
        text = os.fspath(path)
        folder, name = os.path.split(text)
        try:
            info = None if name in ("", ".", "..") else os.lstat(text)
            if info is None or stat.S_ISLNK(info.st_mode):  # resolved in full
                target = os.path.realpath(text)
                info = os.stat(target)
            else:
                resolved = folders.get(folder)
                if resolved is None:
                    resolved = folders[folder] = os.path.realpath(folder or os.curdir)
                target = os.path.join(resolved, name)
        except (OSError, ValueError):
            found.append(None)
            continue
        found.append((target, info.st_ino, info.st_size, info.st_mtime_ns))
    return found


def atomic_write(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Replace `path` with `data` so a reader sees the old file or the new one, never a cut one.

    The temporary file lives in the same folder and is removed on any failure (a full disk
    leaves nothing behind). `durable` also fsyncs before the rename (exports; not for files
    rewritten every second on an SD card). Raises OSError.
    """
    import tempfile  # not at the top: it costs start-up time and readers never need it

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
