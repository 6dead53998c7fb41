"""`revkiosk export DECK --png DIR | --pdf FILE [--notes]`: slides as images or a handout PDF.

Rendering happens off-screen (no window, no sound: video and audio slides are never entered),
so exports run on a headless build machine. Deck errors print as `file:line:col: error: …`, like
`revkiosk check`, and exit 1.

A PNG shows what a player whose screen is `--size` shows: the slide at the deck's `aspect`
(or `--aspect`) letterboxed, or filling the whole size for `auto` and laid out for its shape
(`--size 1080x1920` is a portrait totem). `--text-scale` renders at a visitor's text size.
PDF pages take the slide's own shape (no bars).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from revkiosk.deck.model import Deck, DeckError, DeckUnreadable, MilestoneSlide, Slide
from revkiosk.options import add_visitor_options, aspect_option, language_tag, visitor_overrides
from revkiosk.settings import Settings, visitor_defaults, with_overrides
from revkiosk.shape import letterbox, parse_aspect

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from revkiosk.context import ViewContext

log = logging.getLogger(__name__)
OK, FAILED, UNREADABLE = 0, 1, 2


def parse_size(text: str) -> tuple[int, int]:
    """`1920x1080` → (1920, 1080); argparse turns a ValueError into a usage error."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, not {text!r}") from None
    if not (16 <= width <= 8192 and 9 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"size {text} is out of range (16x9 … 8192x8192)")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revkiosk export", description="Render a deck's slides to PNG files or a PDF handout."
    )
    parser.add_argument("deck", type=Path, help="the deck's YAML file")
    parser.add_argument("--png", type=Path, metavar="DIR", help="write 01-<kind>.png … here")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF, one slide a page")
    parser.add_argument("--notes", action="store_true", help="PDF: speaker notes under each slide")
    parser.add_argument(
        "--layers",
        action="store_true",
        help='PNG: also each milestone\'s "more" layer over its slide, as NN-more.png',
    )
    parser.add_argument(
        "--size",
        type=parse_size,
        default=(1920, 1080),
        metavar="WxH",
        help="slide size in pixels (default 1920x1080)",
    )
    parser.add_argument("--theme", choices=("dark", "light"), help="override the deck's theme")
    parser.add_argument(
        "--aspect",
        type=aspect_option,
        metavar="auto|W:H",
        help="override the deck's aspect (auto: the slide fills --size, in its shape)",
    )
    parser.add_argument(
        "--lang",
        type=language_tag,
        metavar="CODE",
        help="render the deck in this language (from its PO files; default: its own)",
    )
    add_visitor_options(  # --text-scale, --contrast, --reduced-motion, --captions
        parser,
        title="comfort (the pages as a visitor who chose these sees the slides)",
        captions="on: the --notes handout carries the words of narration and videos",
    )
    return parser


def png_names(deck: Deck) -> list[str]:
    """`01-title.png`, `02-section.png`, … (three digits once a deck passes 99 slides)."""
    digits = max(2, len(str(len(deck.slides))))
    return [f"{i:0{digits}d}-{slide.kind}.png" for i, slide in enumerate(deck.slides, 1)]


def main(argv: list[str] | None = None, err: TextIO | None = None) -> int:
    """Run the command; returns the process exit status."""
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    if args.png is None and args.pdf is None:
        print("revkiosk export: nothing to do: give --png DIR and/or --pdf FILE", file=err)
        return FAILED
    if args.layers and args.png is None:
        print("revkiosk export: --layers writes PNG files: give --png DIR too", file=err)
        return FAILED
    from revkiosk.deck.load import load_deck

    try:
        deck = load_deck(args.deck)
    except DeckUnreadable as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return UNREADABLE
    except DeckError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return FAILED
    for warning in deck.warnings:
        print(warning, file=err)
    if args.lang or deck.info.language.split("-")[0] != "en":
        deck = in_language(deck, args.lang or deck.info.language, err)
    return export(deck, args, err)


def more_layers(slide: Slide, context: ViewContext, image: QImage, slide_png: Path) -> list:
    """The "more" layer of a milestone slide over its picture, named `NN-more.png` beside the
    slide's `NN-<kind>.png` (none for other slides)."""
    if not isinstance(slide, MilestoneSlide) or slide.milestone.more is None:
        return []
    from revkiosk.ui.more_layer import render_more

    milestone = slide.milestone
    domain = context.deck.domain(milestone.domain)
    layer = render_more(milestone, domain, context.theme, image, image.size())
    number = slide_png.name.split("-", 1)[0]
    return [(slide_png.with_name(f"{number}-more.png"), layer)]


def in_language(deck: Deck, code: str, err: TextIO) -> Deck:
    """The deck in language `code`, and the player's own words in it too; a broken PO file
    is reported and the deck is rendered in its own language (as the player would show it)."""
    from revkiosk.i18n import words
    from revkiosk.i18n.catalogs import deck_in, find_language, offered_languages

    translated, problems = deck_in(deck, code)
    for problem in problems:
        print(problem, file=err)
    if find_language(offered_languages(deck), code) is None:
        print(f"{deck.path.name}: no translation into {code}; rendering as written", file=err)
    words.activate(code)
    return translated


def export(deck: Deck, args: argparse.Namespace, err: TextIO) -> int:
    """Render the loaded deck as asked; reports files it cannot write and returns 1 for them."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window system needed
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    from revkiosk.commands.export_pdf import write_pdf
    from revkiosk.context import ViewContext
    from revkiosk.theme import theme_named, visitor_theme
    from revkiosk.ui.atomic_png import save_png
    from revkiosk.ui.render import render_on_screen

    app = QApplication.instance() or QApplication(["revkiosk-export"])  # noqa: F841 - keep alive
    # The comfort options as the player takes them: text size and contrast change every page,
    # captions put each narration's and video's words in the --notes handout.
    visitor = visitor_defaults(with_overrides(Settings(), **visitor_overrides(args)))
    theme = visitor_theme(theme_named(args.theme or deck.info.theme), visitor)
    context = ViewContext(deck=deck, theme=theme, visitor=visitor, language=deck.info.language)
    size = QSize(*args.size)
    aspect = parse_aspect(args.aspect) if args.aspect else deck.info.aspect
    status = OK
    if args.png is not None:
        try:
            args.png.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"{args.png}: cannot create folder: {exc.strerror or exc}", file=err)
            return FAILED
        failed: list[str] = []
        total = 0
        for slide, name in zip(deck.slides, png_names(deck), strict=True):
            image = render_on_screen(slide, context, size, aspect)
            pictures = [(args.png / name, image)]
            if args.layers:
                pictures += more_layers(slide, context, image, args.png / name)
            for target, picture in pictures:
                total += 1
                # Written to a temporary file and renamed: a full disk leaves no cut PNG.
                error = save_png(picture, target, durable=True)
                if error is not None:
                    reason = error.strerror or str(error)
                    print(f"{target}: cannot write PNG: {reason}", file=err)
                    failed.append(reason)
        written = total - len(failed)
        if failed:
            common = max(set(failed), key=failed.count)
            print(
                f"export FAILED: wrote {written} of {total} PNG files to {args.png}; "
                f"{len(failed)} could not be written ({common})",
                file=err,
            )
            status = FAILED
        else:
            print(f"wrote {written} PNG files to {args.png}", file=err)
    if args.pdf is not None:
        page = QSize(*letterbox(size.width(), size.height(), aspect)[2:])
        problem = write_pdf(deck, context, page, args.pdf, notes=args.notes)
        if problem:
            print(f"{args.pdf}: export FAILED: {problem}; no PDF was written", file=err)
            status = FAILED
        else:
            print(f"wrote {args.pdf} ({len(deck.slides)} pages)", file=err)
    return status
