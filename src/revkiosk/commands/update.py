"""`revkiosk update SOURCE | --rollback | --status`: change the deck a kiosk plays, safely.

SOURCE is a bundle made by `revkiosk bundle`: a folder (an unpacked bundle, or one holding
.tar.gz/.zip bundles: the newest is taken), an archive file, or an http(s) URL of one. The
update is staged, verified, checked and rendered before `current` is switched; see
`revkiosk.update`. A running kiosk reloads by itself within a second.

Exit status: 0 installed, already current or rolled back; 1 refused (the kiosk keeps playing
what it played); 2 a usage error. Everything is logged to stderr and to `update.log` in the log
folder; the outcome is also kept in `update.json` for the kiosk's status file.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from revkiosk.update.store import ContentStore

log = logging.getLogger("revkiosk.update")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk update",
        description="Install a deck bundle for the kiosk (or roll back), without ever showing "
        "half of one.",
        epilog="Examples: revkiosk update /media/usb/revkiosk ; revkiosk update "
        "https://example.org/deck.tar.gz ; revkiosk update --rollback",
    )
    parser.add_argument("source", nargs="?", help="bundle folder, .tar.gz/.zip file, or URL")
    parser.add_argument(
        "--content",
        metavar="DIR",
        help="content folder (default: settings, else the user data folder's content/)",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--rollback", action="store_true", help="go back to the previous version")
    action.add_argument("--status", action="store_true", help="show the installed versions")
    parser.add_argument("--json", action="store_true", help="with --status: print JSON")
    parser.add_argument("--render-check", type=Path, metavar="DECK", help=argparse.SUPPRESS)
    parser.add_argument("--skip-version", action="append", default=[], help=argparse.SUPPRESS)
    return parser


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.render_check is not None:  # the child process of the render step
        return render_here(args.render_check)
    if bool(args.source) == (args.rollback or args.status):
        parser.print_usage(sys.stderr)
        print("revkiosk update: give a SOURCE, or --rollback, or --status", file=sys.stderr)
        return 2
    from revkiosk.update.store import ContentStore, content_folder

    store = ContentStore(content_folder(args.content))
    if args.status:
        return _status(store, args.json)
    _setup_logging()
    from revkiosk.update import install

    if args.rollback:
        outcome = install.rollback(store)
    else:
        from revkiosk.update.rendering import render_in_child

        outcome = install.update(
            args.source, store, render=render_in_child, skip_ids=args.skip_version
        )
    (log.info if outcome.ok else log.error)("%s: %s", outcome.result, outcome.message)
    return 0 if outcome.ok else 1


def _setup_logging() -> None:
    """stderr for the technician at the keyboard, update.log for the one reading it later."""
    from revkiosk.settings import log_dir

    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter("revkiosk update: %(message)s"))
    handlers: list[logging.Handler] = [console]
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        file = logging.handlers.RotatingFileHandler(
            folder / "update.log", maxBytes=500_000, backupCount=2, encoding="utf-8"
        )
        file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        handlers.append(file)
    except OSError as error:
        print(f"revkiosk update: cannot write the log: {error}", file=sys.stderr)
    logging.basicConfig(level=logging.INFO, handlers=handlers, force=True)


def _status(store: ContentStore, as_json: bool) -> int:
    """What is installed and what the last update did, for a technician or a script."""
    from revkiosk.update.manifest import size_text

    versions: dict[str, dict[str, object] | None] = {}
    lines = [f"content folder: {store.root}"]
    for link in ("current", "previous"):
        version = store.version(link)
        if version is None:
            versions[link] = None
            lines.append(f"{link + ':':<9} none")
            continue
        deck = str(store.root / link / version.manifest.deck)
        files, size = len(version.manifest.files), version.manifest.total_bytes
        versions[link] = {
            "name": version.name,
            "id": version.id,
            "deck": deck,
            "title": version.manifest.title,
            "files": files,
            "bytes": size,
        }
        lines.append(
            f"{link + ':':<9} {version.name}  {version.manifest.title!r}  ({files} files, "
            f"{size_text(size)})\n{'':<10}{deck}"
        )
    report = store.read_report()
    if report:
        stamp = report.get("time")
        seconds = float(stamp) if isinstance(stamp, (int, float)) else 0.0
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(seconds))
        lines.append(f"last update: {when} {report.get('result')}: {report.get('message')}")
    if as_json:
        data = {"content": str(store.root), **versions, "last_update": report}
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        print("\n".join(lines))
    return 0


def render_here(deck_path: Path, out: TextIO | None = None) -> int:
    """The child of the render step: load `deck_path`, render every slide and decode every
    video's first frame, off-screen, with the self-test's own checks and `ok`/`FAIL` lines.
    Returns 0 when all passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtWidgets import QApplication

    from revkiosk import selftest
    from revkiosk.deck.load import load_deck
    from revkiosk.deck.model import Deck, DeckError

    QLoggingCategory.setFilterRules(selftest.QUIET_QT_LOGS)
    app = QApplication.instance() or QApplication(["revkiosk-render-check"])
    report = selftest.Report(out or sys.stdout)
    deck: Deck | None = None

    def load() -> str:
        nonlocal deck
        try:
            deck = load_deck(deck_path)
        except DeckError as error:
            raise selftest.CheckFailed(str(error)) from None
        return f"{len(deck.slides)} slides"

    report.run("deck", load)
    if deck is not None:
        selftest.check_slides(report, deck)
        for video in selftest.deck_videos(deck):
            report.run(f"video {video.name}", functools.partial(selftest.check_video, video))
    del app
    return report.summary()
