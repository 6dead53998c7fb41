"""Shared helpers for the content-update tests: small real decks, bundles and a content folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from revkiosk.commands import bundle as bundle_command
from revkiosk.update.store import ContentStore, verify_folder

REPO = Path(__file__).resolve().parent.parent


def make_deck(folder: Path, title: str = "Example deck", extra_bytes: int = 0) -> Path:
    """The example deck (every slide kind, small media) with its own title, a French PO file
    beside it and, optionally, a padding file of `extra_bytes` named by no slide."""
    (folder / "slides" / "locale").mkdir(parents=True)
    shutil.copytree(REPO / "media" / "examples", folder / "media" / "examples")
    text = (REPO / "slides" / "example.yaml").read_text(encoding="utf-8")
    deck = folder / "slides" / "example.yaml"
    deck.write_text(text.replace("title: Example deck", f"title: {title}", 1), encoding="utf-8")
    (folder / "slides" / "locale" / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n', encoding="utf-8"
    )
    (folder / "media" / "CREDITS.md").write_text("Made by the revkiosk project.\n")
    (folder / "media" / "unused.bin").write_bytes(b"never bundled")
    if extra_bytes:
        (folder / "slides" / "locale" / "padding.mo").write_bytes(b"\0" * extra_bytes)
    return deck


def make_bundle(deck: Path, output: Path) -> Path:
    """`revkiosk bundle DECK -o OUTPUT`, in-process; fails the test if it does not succeed."""
    assert bundle_command.main([str(deck), "-o", str(output)]) == 0
    return output


def assert_whole(store: ContentStore, wanted_title: str) -> None:
    """`current` resolves to a complete version whose every checksum verifies."""
    version = store.current
    assert version is not None, "current points at no version"
    assert verify_folder(version.folder, version.manifest) == []
    assert version.manifest.title == wanted_title
