"""The player's command line: `revkiosk [DECK] [--start N] [--no-resume] [--screen N] …`.

Parsed before Qt is imported, so `--help` and `--version` answer at once.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from revkiosk import __version__
from revkiosk.record import Record
from revkiosk.resources import default_deck
from revkiosk.shape import parse_aspect

# The text sizes a visitor may choose (settings.TEXT_SCALES: a sibling module in the layers
# contract, so each keeps its copy; tests/test_access_settings.py checks they agree).
TEXT_SCALES = (1.0, 1.25, 1.5)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def aspect_option(text: str) -> str:
    """`--aspect auto|16:9|…`, checked here so a typo is a usage error, not a blank stage."""
    try:
        parse_aspect(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text.strip().lower()


def _text_scale(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        value = 0.0
    if value not in TEXT_SCALES:
        shown = ", ".join(f"{s:g}" for s in TEXT_SCALES)
        raise argparse.ArgumentTypeError(f"expected one of {shown} (or 100%, 125%, 150%)")
    return value


def add_visitor_options(
    parser: argparse.ArgumentParser,
    title: str = "comfort (a visitor may change them; a kiosk's idle reset returns to these)",
    captions: str = "captions for narration and video (default: on)",
) -> None:
    """The comfort settings a visitor can change, as defaults (the player and `export`)."""
    group = parser.add_argument_group(title)
    group.add_argument(
        "--text-scale", type=_text_scale, metavar="S", help="text size: 1, 1.25 or 1.5"
    )
    group.add_argument("--contrast", choices=("normal", "high"), help="high: text at 7:1 or more")
    group.add_argument(
        "--reduced-motion", action="store_true", help="no fades or animated transitions"
    )
    group.add_argument("--captions", choices=("on", "off"), help=captions)


def visitor_overrides(values: object) -> dict[str, object]:
    """The `Settings` fields the comfort options set (None: not given on the command line)."""
    captions = getattr(values, "captions", None)
    return {
        "text_scale": getattr(values, "text_scale", None),
        "contrast": getattr(values, "contrast", None),
        "reduced_motion": True if getattr(values, "reduced_motion", False) else None,
        "captions": None if captions is None else captions == "on",
    }


def language_tag(text: str) -> str:
    """A BCP 47 language tag (`fr`, `pt-BR`; `pt_BR` is read as `pt-BR`)."""
    from revkiosk.deck.spec import LANGUAGE_TAG

    if not LANGUAGE_TAG.match(text):
        raise argparse.ArgumentTypeError(f"expected a language tag like fr or pt-BR, got {text!r}")
    return text.replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk",
        description="Play a revkiosk deck (the deep-learning revolution story by default).",
        epilog="Other commands: revkiosk check | schema | export | kiosk | bundle | update | "
        "stats | schedule | i18n (each has --help). Press ? in the player for the keys.",
    )
    parser.add_argument("deck", nargs="?", type=Path, help="deck YAML file (default: the story)")
    parser.add_argument("--start", type=_positive, metavar="N", help="start at slide N (1-based)")
    parser.add_argument("--no-resume", action="store_true", help="do not resume where you left off")
    parser.add_argument("--screen", type=_positive, metavar="N", help="show on screen N (1-based)")
    parser.add_argument("--theme", choices=("dark", "light"), help="override the deck's theme")
    parser.add_argument(
        "--aspect",
        type=aspect_option,
        metavar="auto|W:H",
        help="override the deck's aspect: auto fills any screen (a portrait totem too), "
        "a ratio such as 16:9 letterboxes",
    )
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
    parser.add_argument(
        "--lang",
        type=language_tag,
        metavar="CODE",
        help="show the deck in this language (fr, de, pt-BR; default: the deck's own)",
    )
    parser.add_argument("--self-test", action="store_true", help="run the built-in self-test")
    parser.add_argument("--version", action="version", version=f"revkiosk {__version__}")
    add_visitor_options(parser)
    return parser


class Options(Record):
    """The parsed command line (what other modules — kiosk, self-test — read from the player)."""

    deck: Path | None = None
    start: int | None = None
    no_resume: bool = False
    screen: int | None = None
    theme: str | None = None
    aspect: str | None = None
    fullscreen: bool = False
    kiosk: bool = False
    controls: bool = False
    layer: str | None = None
    visiting: bool = False
    remote: str | None = None
    remote_token: str | None = None
    lang: str | None = None
    self_test: bool = False
    text_scale: float | None = None
    contrast: str | None = None
    reduced_motion: bool = False
    captions: str | None = None  # "on" | "off"


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
