"""The player's command line: `revkiosk [DECK] [--start N] [--no-resume] [--screen N] …`.

Parsed before Qt is imported, so `--help` and `--version` answer at once.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from revkiosk import __version__
from revkiosk.resources import default_deck


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk",
        description="Play a revkiosk deck (the deep-learning revolution story by default).",
        epilog="Other commands: revkiosk check | schema | export | kiosk (each has --help). "
        "Press ? in the player for the keys.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="deck YAML file (default: the story)")
    parser.add_argument("--start", type=_positive, metavar="N", help="start at slide N (1-based)")
    parser.add_argument("--no-resume", action="store_true", help="do not resume where you left off")
    parser.add_argument("--screen", type=_positive, metavar="N", help="show on screen N (1-based)")
    parser.add_argument("--theme", choices=("dark", "light"), help="override the deck's theme")
    parser.add_argument("--fullscreen", action="store_true", help="start in full screen")
    parser.add_argument("--kiosk", action="store_true", help="kiosk mode (unattended museum show)")
    parser.add_argument(
        "--controls", action="store_true", help="show the touch controls bar (as in kiosk mode)"
    )
    parser.add_argument(
        "--layer",
        choices=("more",),
        help="open this layer on the start slide (a kiosk restart uses it)",
    )
    parser.add_argument(
        "--visiting",
        action="store_true",
        help="kiosk: start with a visitor (no attract loop until idle; a restart uses it)",
    )
    parser.add_argument(
        "--remote",
        metavar="[HOST:]PORT",
        help="serve the phone remote, status, metrics and screenshots on PORT (127.0.0.1 "
        "unless HOST is given, e.g. 0.0.0.0:8765 for every network); see docs/KIOSK.md",
    )
    parser.add_argument(
        "--remote-token",
        metavar="TOKEN",
        help="the remote's access token (default: a random one kept in the config folder)",
    )
    parser.add_argument("--self-test", action="store_true", help="run the built-in self-test")
    parser.add_argument("--version", action="version", version=f"revkiosk {__version__}")
    return parser


@dataclass(frozen=True)
class Options:
    """The parsed command line (what other modules — kiosk, self-test — read from the player)."""

    deck: Path | None = None
    start: int | None = None
    no_resume: bool = False
    screen: int | None = None
    theme: str | None = None
    fullscreen: bool = False
    kiosk: bool = False
    controls: bool = False
    layer: str | None = None
    visiting: bool = False
    remote: str | None = None
    remote_token: str | None = None
    self_test: bool = False


def parse_options(argv: list[str]) -> Options:
    """Parse the command line; argparse exits (SystemExit) on --help, --version or a bad flag."""
    ns = build_parser().parse_args(argv)
    return Options(**vars(ns))


def resolve_deck_path(deck: Path | None) -> Path:
    """The deck to play: the argument, else the bundled story, else its example.yaml sibling."""
    if deck is not None:
        return deck

    story = default_deck()
    return story if story.exists() else story.with_name("example.yaml")
