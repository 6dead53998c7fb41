"""Every bad update is refused whole: the version playing before is still `current`, intact.

Each case is a different way a bundle or its source can be wrong — wrong checksum, missing or
extra file, broken deck, escaping or special archive members, bombs, cut archives, a source
pulled out mid-copy, a full disk, a slide that does not render — and each must leave the
content folder as it was and say what happened in `update.json`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from update_helpers import assert_whole, make_bundle, make_deck

from revkiosk.update import install, unpack
from revkiosk.update.manifest import Limits
from revkiosk.update.store import ContentStore


@pytest.fixture
def store(tmp_path: Path) -> ContentStore:
    """A content folder already playing version "Old"."""
    old = make_bundle(make_deck(tmp_path / "old", "Old"), tmp_path / "old.tar.gz")
    content = ContentStore(tmp_path / "content")
    assert install.update(str(old), content, render=None).result == "installed"
    return content


@pytest.fixture
def new_folder(tmp_path: Path) -> Path:
    """An unpacked bundle of version "New", to damage."""
    return make_bundle(make_deck(tmp_path / "new", "New"), tmp_path / "usb")


def refused(store: ContentStore, source: Path | str, **options: object) -> str:
    """Run the update; assert it was refused and "Old" still plays, whole; the message."""
    outcome = install.update(str(source), store, render=options.pop("render", None), **options)
    assert outcome.result == "refused", outcome
    assert_whole(store, "Old")
    assert [p.name for p in store.versions.iterdir()] == [store.current.name]  # type: ignore[union-attr]
    assert not any(store.staging.iterdir()), "nothing of the refused update is left"
    report = store.read_report()
    assert report and report["result"] == "refused" and report["message"] == outcome.message
    assert "still playing" in outcome.message
    return outcome.message


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def test_a_wrong_checksum_is_refused(store: ContentStore, new_folder: Path) -> None:
    picture = new_folder / "media/examples/example-image.png"
    data = bytearray(picture.read_bytes())
    data[100] ^= 0xFF  # same size, one byte flipped
    picture.write_bytes(bytes(data))
    assert "example-image.png: wrong checksum" in refused(store, new_folder)


def test_a_missing_file_and_a_wrong_size_are_refused(store: ContentStore, new_folder: Path) -> None:
    (new_folder / "slides/locale/fr.po").unlink()
    assert "slides/locale/fr.po" in refused(store, new_folder)
    (new_folder / "slides/locale/fr.po").write_text("longer than before " * 10)
    assert "fr.po is larger than its manifest says" in refused(store, new_folder)


def test_a_broken_deck_is_refused_with_its_line_and_column(
    store: ContentStore, new_folder: Path
) -> None:
    deck = new_folder / "slides/example.yaml"
    text = deck.read_text().replace("kind: quote", "kind: quotation")
    reseal(new_folder, "slides/example.yaml", text.encode())
    message = refused(store, new_folder)
    line = text[: text.index("quotation")].count("\n") + 1
    assert f"the new deck does not play: slides/example.yaml:{line}:" in message
    assert "quotation" in message


def test_a_deck_naming_a_file_the_bundle_lacks_is_refused(
    store: ContentStore, new_folder: Path
) -> None:
    deck = new_folder / "slides/example.yaml"
    text = deck.read_text().replace("examples/example-diagram.svg", "examples/other.svg")
    reseal(new_folder, "slides/example.yaml", text.encode())
    assert "media/examples/other.svg: named by the deck but not in the bundle" in refused(
        store, new_folder
    )


def test_a_slide_that_does_not_render_is_refused(store: ContentStore, new_folder: Path) -> None:
    def render(deck: Path) -> list[str]:
        assert deck.name == "example.yaml" and "staging" in deck.parts
        return ["slide 3/11 milestone: rendered a blank image (nothing painted)"]

    assert "slide 3/11 milestone: rendered a blank image" in refused(
        store, new_folder, render=render
    )


def reseal(folder: Path, name: str, data: bytes) -> None:
    """Change a file of an unpacked bundle *and* its manifest entry (a valid, signed change)."""
    (folder / name).write_bytes(data)
    manifest = manifest_of(folder)
    for entry in manifest["files"]:
        if entry["path"] == name:
            entry["size"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))


# -- hostile archives -------------------------------------------------------------------------


def tar_with(folder: Path, target: Path, extra: list[tarfile.TarInfo], data: bytes = b"") -> Path:
    """A .tar.gz of an unpacked bundle (manifest first) plus `extra` members at the end."""
    manifest = manifest_of(folder)
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        tar.add(folder / "manifest.json", "manifest.json")
        for entry in manifest["files"]:
            tar.add(folder / entry["path"], entry["path"])
        for info in extra:
            tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
    return target


def member(
    name: str, kind: bytes = tarfile.REGTYPE, size: int = 0, link: str = ""
) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname = kind, size, link
    return info


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (member("/etc/cron.d/evil", size=4), "absolute paths are not allowed"),
        (member("../../outside.txt", size=4), "'..' path parts are not allowed"),
        (member("media/../../x", size=4), "'..' path parts are not allowed"),
        (member("media/escape", tarfile.SYMTYPE, link="/etc/passwd"), "is a symbolic link"),
        (member("media/inside", tarfile.SYMTYPE, link="CREDITS.md"), "is a symbolic link"),
        (member("media/hard", tarfile.LNKTYPE, link="/etc/shadow"), "is a hard link"),
        (member("media/tty", tarfile.CHRTYPE), "is a device or FIFO"),
        (member("media/fifo", tarfile.FIFOTYPE), "is a device or FIFO"),
        (member("media/new.png", size=4), "media/new.png is in the bundle but not in its manifest"),
        (member("bad\x1bname", size=4), "control characters"),
    ],
    ids=[
        "absolute",
        "dotdot",
        "inner-dotdot",
        "symlink-out",
        "symlink-in",
        "hardlink",
        "device",
        "fifo",
        "unlisted",
        "control-char",
    ],
)
def test_archive_members_that_escape_or_are_not_plain_files_are_refused(
    store: ContentStore, new_folder: Path, tmp_path: Path, extra: tarfile.TarInfo, said: str
) -> None:
    archive = tar_with(new_folder, tmp_path / "bad.tar.gz", [extra], b"evil")
    assert said in refused(store, archive)
    assert not (tmp_path / "outside.txt").exists() and not Path("/etc/cron.d/evil").exists()


def test_a_zip_with_a_symlink_or_an_escaping_name_is_refused(
    store: ContentStore, new_folder: Path, tmp_path: Path
) -> None:
    for name, mode, said in [
        ("media/link", 0o120777, "is a symbolic link"),
        ("../evil", 0o100644, "'..' path parts"),
        ("C:/evil", 0o100644, "absolute paths"),
    ]:
        target = tmp_path / "bad.zip"
        with zipfile.ZipFile(target, "w") as archive:
            archive.write(new_folder / "manifest.json", "manifest.json")
            for entry in manifest_of(new_folder)["files"]:
                archive.write(new_folder / entry["path"], entry["path"])
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            archive.writestr(info, "/etc/passwd")
        assert said in refused(store, target)


def test_too_many_files_or_too_many_bytes_are_refused_before_copying(
    store: ContentStore, new_folder: Path
) -> None:
    assert "at most 3" in refused(store, new_folder, limits=Limits(max_files=3))
    assert "at most 20 kB" in refused(store, new_folder, limits=Limits(max_total_bytes=20_000))


def test_a_zip_bomb_is_stopped_at_the_size_its_manifest_declares(
    store: ContentStore, new_folder: Path, tmp_path: Path
) -> None:
    """A member that inflates far beyond its declared size is cut off at once."""
    target = tmp_path / "bomb.zip"
    manifest = manifest_of(new_folder)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for entry in manifest["files"]:
            data = (new_folder / entry["path"]).read_bytes()
            if entry["path"].endswith("fr.po"):
                data = b"\0" * 20_000_000  # 20 MB of zeros: about 20 KB compressed
            archive.writestr(entry["path"], data)
    assert target.stat().st_size < 1_000_000
    assert "fr.po is 20000000 bytes, its manifest says" in refused(store, target)


def test_a_tar_bomb_and_a_giant_pax_header_are_stopped(
    store: ContentStore, new_folder: Path, tmp_path: Path
) -> None:
    zeros = member("media/zeros", size=50_000_000)
    bomb = tar_with(new_folder, tmp_path / "bomb.tar.gz", [zeros], b"\0" * 50_000_000)
    assert "media/zeros is in the bundle but not in its manifest" in refused(store, bomb)
    huge = tmp_path / "pax.tar.gz"
    with tarfile.open(huge, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        tar.add(new_folder / "manifest.json", "manifest.json")
        info = member("media/x", size=1)
        info.pax_headers = {"comment": "A" * 3_000_000}  # tarfile would read it whole
        tar.addfile(info, io.BytesIO(b"x"))
    assert "-byte header: not a bundle" in refused(store, huge)


def test_a_cut_archive_and_a_file_that_is_no_archive_are_refused(
    store: ContentStore, new_folder: Path, tmp_path: Path
) -> None:
    whole = make_bundle(make_deck(tmp_path / "cut", "New"), tmp_path / "whole.tar.gz")
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "cut short" in refused(store, cut)
    text = tmp_path / "notes.zip"
    text.write_text("not a zip at all")
    assert "not a .tar.gz or .zip bundle" in refused(store, text)
    assert "no such file or folder" in refused(store, tmp_path / "nowhere")


def test_a_source_pulled_out_mid_copy_is_refused(
    store: ContentStore, new_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The USB stick disappears after the first file: every later read fails."""
    add = unpack.Stager.add

    def add_then_pull(self: unpack.Stager, name: str, stream: io.BufferedReader, what: str) -> None:
        add(self, name, stream, what)
        shutil.rmtree(new_folder, ignore_errors=True)

    monkeypatch.setattr(unpack.Stager, "add", add_then_pull)
    assert "was the source removed?" in refused(store, new_folder)


def test_a_read_error_mid_file_is_refused(
    store: ContentStore, new_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EIO from a failing stick, half-way through a file."""
    add = unpack.Stager.add

    class Failing:
        def __init__(self, stream: io.BufferedReader) -> None:
            self.stream, self.calls = stream, 0

        def read(self, size: int = -1) -> bytes:
            self.calls += 1
            if self.calls > 1:
                raise OSError(5, "Input/output error")
            return self.stream.read(100)

    def failing_add(self: unpack.Stager, name: str, stream: io.BufferedReader, what: str) -> None:
        add(self, name, Failing(stream) if name.endswith(".png") else stream, what)  # type: ignore[arg-type]

    monkeypatch.setattr(unpack.Stager, "add", failing_add)
    message = refused(store, new_folder)
    assert "Input/output error" in message and "was the source removed?" in message


def test_not_enough_disk_space_is_refused_before_copying(
    store: ContentStore, new_folder: Path
) -> None:
    message = refused(store, new_folder, reserve_bytes=10**15)
    assert "not enough disk space" in message and " free in " in message


# A disk that fills up while the update copies: the space check passed (it is faked here, as if
# something else filled the disk meanwhile), then writing fails half-way.
FILL_DRIVER = """
import json, resource, shutil, signal, sys
from revkiosk.update import install
from revkiosk.update.store import ContentStore, verify_folder
old, new, content, limit = sys.argv[1:5]
store = ContentStore(content)
assert install.update(old, store, render=None, reserve_bytes=0).result == "installed"
shutil.disk_usage = lambda path: shutil._ntuple_diskusage(10**12, 0, 10**12)
if int(limit):
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), int(limit)))
outcome = install.update(new, store, render=None)
version = store.current
print(json.dumps({"result": outcome.result, "message": outcome.message,
                  "title": version.manifest.title,
                  "whole": verify_folder(version.folder, version.manifest) == []}))
"""


def fill_up(tmp_path: Path, prefix: list[str], content: Path, limit: int) -> dict:
    old = make_bundle(make_deck(tmp_path / "old", "Old"), tmp_path / "old.tar.gz")
    new = make_bundle(make_deck(tmp_path / "new", "New", extra_bytes=900_000), tmp_path / "n.zip")
    command = [
        *prefix,
        sys.executable,
        "-c",
        FILL_DRIVER,
        str(old),
        str(new),
        str(content),
        str(limit),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0 or not shutil.which("unshare"),
    reason="a real full disk needs a small tmpfs: root and unshare",
)
def test_a_disk_that_fills_up_mid_copy_is_refused(tmp_path: Path) -> None:
    """A 600 kB tmpfs, mounted in a private mount namespace: the 900 kB file cannot fit."""
    mount = tmp_path / "small"
    mount.mkdir()
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("no mount namespaces here")
    inner = f'mount -t tmpfs -o size=600k none {mount} && exec "$@"'
    result = fill_up(tmp_path, ["unshare", "-m", "sh", "-c", inner, "sh"], mount / "c", 0)
    assert result["result"] == "refused"
    assert "the disk is full: could not write padding.mo" in result["message"]
    assert result["title"] == "Old" and result["whole"]


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_that_fails_for_size_mid_copy_is_refused(tmp_path: Path) -> None:
    """The same path without root: writes past RLIMIT_FSIZE fail with EFBIG."""
    result = fill_up(tmp_path, [], tmp_path / "content", 500_000)
    assert result["result"] == "refused"
    assert "could not write padding.mo (File too large)" in result["message"]
    assert result["title"] == "Old" and result["whole"]
