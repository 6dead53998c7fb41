"""`revkiosk bundle`: the deck, what it names, its translations and credits, with checksums."""

from __future__ import annotations

import hashlib
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from update_helpers import make_bundle, make_deck

from revkiosk.commands import bundle as bundle_command

EXPECTED = {
    "slides/example.yaml",
    "slides/locale/fr.po",
    "media/CREDITS.md",
    "media/examples/LICENSE.md",
    "media/examples/example-image.png",
    "media/examples/example-diagram.svg",
    "media/examples/example-data.csv",
}


def test_a_tar_bundle_holds_the_deck_its_media_translations_and_credits(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "src")
    output = make_bundle(deck, tmp_path / "deck.tar.gz")
    with tarfile.open(output) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert names[0] == "manifest.json", "readers need the manifest before any data"
    assert set(names[1:]) == EXPECTED, "media/unused.bin is named by no slide"
    assert manifest["deck"] == "slides/example.yaml"
    assert manifest["title"] == "Example deck"
    for entry in manifest["files"]:
        data = (tmp_path / "src" / entry["path"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_zip_and_folder_bundles_hold_the_same_files(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "src")
    with zipfile.ZipFile(make_bundle(deck, tmp_path / "deck.zip")) as archive:
        assert set(archive.namelist()) == EXPECTED | {"manifest.json"}
    folder = make_bundle(deck, tmp_path / "usb" / "revkiosk")
    found = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert found == EXPECTED | {"manifest.json"}


def test_bundling_again_into_a_folder_drops_files_the_deck_no_longer_uses(
    tmp_path: Path,
) -> None:
    deck = make_deck(tmp_path / "src")
    folder = make_bundle(deck, tmp_path / "usb")
    (tmp_path / "src" / "slides" / "locale" / "fr.po").unlink()
    make_bundle(deck, folder)
    assert not (folder / "slides" / "locale" / "fr.po").exists()


def test_a_broken_deck_is_not_bundled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_deck(tmp_path / "src")
    deck.write_text(deck.read_text().replace("kind: quote", "kind: quotation"))
    assert bundle_command.main([str(deck), "-o", str(tmp_path / "out.tar.gz")]) == 1
    err = capsys.readouterr().err
    assert "example.yaml:" in err and "quotation" in err and "nothing written" in err
    assert not (tmp_path / "out.tar.gz").exists()


def test_a_deck_naming_a_missing_file_is_not_bundled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_deck(tmp_path / "src")
    (tmp_path / "src" / "media" / "examples" / "example-diagram.svg").unlink()
    assert bundle_command.main([str(deck), "-o", str(tmp_path / "out.zip")]) == 1
    assert "media/examples/example-diagram.svg: named by the deck but not found" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "out.zip").exists()


def test_a_deck_reaching_a_file_through_a_link_is_refused_not_half_bundled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The model keeps resolved paths: a link's own name would be missing from the bundle.
    The bundle is read back and loaded before `bundle` says it is good."""
    deck = make_deck(tmp_path / "src")
    examples = tmp_path / "src" / "media" / "examples"
    (examples / "linked.png").symlink_to("example-image.png")
    deck.write_text(deck.read_text().replace("examples/example-image.png", "examples/linked.png"))
    assert bundle_command.main([str(deck), "-o", str(tmp_path / "out.tar.gz")]) == 1
    assert "does not load" in capsys.readouterr().err
    assert not (tmp_path / "out.tar.gz").exists()
