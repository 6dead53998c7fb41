"""`revkiosk bundle [DECK] -o FILE|FOLDER`: pack a deck for `revkiosk update`.

The bundle holds the deck, every file it names, its translations (`locale/` beside the deck),
the credit and licence notes of its media, and `manifest.json` with the size and SHA-256 of
each. `-o x.tar.gz` or `-o x.zip` writes an archive; any other name writes an unpacked bundle
folder (a USB stick a kiosk watches). The written bundle is then read back with the kiosk's own
unpacking code and its deck loaded from the copy, so a bundle that says "verified" installs.
Exit status: 0 written and verified, 1 the deck or the bundle has a problem. Never imports Qt.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from revkiosk import __version__
from revkiosk.update.manifest import BundleProblem, Limits, Manifest, size_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk bundle",
        description="Pack a deck, its media and translations, with checksums, for "
        "`revkiosk update`.",
        epilog="Examples: revkiosk bundle slides/deck.yaml -o deck.tar.gz ; "
        "revkiosk bundle slides/deck.yaml -o /media/usb/revkiosk",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="deck file (default: the story)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="a .tar.gz or .zip file, or a folder for an unpacked bundle",
    )
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from revkiosk.deck.load import load_deck
    from revkiosk.deck.model import DeckError
    from revkiosk.options import resolve_deck_path
    from revkiosk.update.collect import deck_file_names, deck_name
    from revkiosk.update.pack import make_manifest, write_bundle

    deck_path = resolve_deck_path(args.deck)
    try:
        deck = load_deck(deck_path)
    except DeckError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"revkiosk bundle: {deck_path} has errors; nothing written", file=sys.stderr)
        return 1
    try:
        names = deck_file_names(deck)
        name = deck_name(deck)
        made_by = f"revkiosk {__version__}"
        manifest = make_manifest(deck.root, names, name, deck.info.title, made_by)
        Manifest.from_json(manifest.to_json(), Limits())  # what a kiosk will accept
        write_bundle(deck.root, manifest, args.output)
        verify_written(args.output, manifest)
    except BundleProblem as problem:
        print(f"revkiosk bundle: {problem}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"revkiosk bundle: {error}", file=sys.stderr)
        return 1
    print(
        f"wrote {args.output}: {len(manifest.files)} files, {size_text(manifest.total_bytes)}, "
        f"version "
        f"{manifest.id}, deck {name} ({len(deck.slides)} slides); verified"
    )
    return 0


def verify_written(output: Path, manifest: Manifest) -> None:
    """Unpack what was written, as a kiosk would, and load its deck from the copy.

    A file the deck reaches through a link inside its folder, for example, would be missing
    from the copy: better said now than by a kiosk. The bad output is removed.
    """
    from revkiosk.update.install import check_deck
    from revkiosk.update.unpack import stage

    scratch = Path(tempfile.mkdtemp(prefix=".revkiosk-verify-", dir=output.absolute().parent))
    try:
        copy = stage(output, scratch / "files", Limits(), lambda _manifest: None)
        problems = check_deck(scratch / "files", copy)
        if copy.id != manifest.id or problems:
            _remove_output(output)
            raise BundleProblem(
                f"the written bundle does not load: {problems[0] if problems else 'changed'}"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _remove_output(output: Path) -> None:
    if output.is_dir():
        shutil.rmtree(output, ignore_errors=True)
    else:
        output.unlink(missing_ok=True)
