"""The layout half of `revkiosk check`: render the deck offscreen and report text a visitor
could not read — cut, overflowing, broken inside a word, overlapping, or under the legibility
floor — per slide and element, as `file:line:col: warning:` lines.

By default at 1920x1080 (the floor's own screen); `--shapes` renders every slide in a list of
screen shapes ("9:16" is 1080x1920, or give pixels: "1280x1024"), as a player with that screen
shows it: the deck's aspect letterboxed, or filling the screen for `aspect: auto`. Every
language a visitor may choose is laid out (a German title is longer than its English one), or
those `--lang` names. Characters no installed font draws are named too
(`commands/check_glyphs.py`).

Each milestone's "more" layer is opened over the whole screen and audited the same way.

Words drawn inside a picture (a PNG that records their smallest cap height, see
`ui/picture_text.py`) are held to the same floor at 1920x1080 and the default text size, scaled
to the size the slide shows the picture at; the warning points at the media entry.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from revkiosk.commands.check_glyphs import glyph_problems
from revkiosk.deck.model import Deck, Location, Media, Milestone, Problem
from revkiosk.shape import Aspect, format_aspect, letterbox

if TYPE_CHECKING:
    from revkiosk.ui.audit import Finding

CHECK_SIZE = (1920, 1080)


def layout_problems(
    deck: Deck,
    sizes: list[tuple[int, int]],
    aspect: Aspect,
    text_scale: float = 1.0,
    languages: list[str] | None = None,
) -> list[Problem]:
    """Warnings for every slide of `deck` at each screen size, in each of `languages` (None:
    every language a visitor may choose). Qt is started here."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from revkiosk.i18n import words
    from revkiosk.i18n.catalogs import deck_in, find_language, offered_languages
    from revkiosk.ui.fonts import load_fonts

    app = QApplication.instance() or QApplication(["revkiosk-check"])  # noqa: F841 - keep alive
    load_fonts()
    offered = offered_languages(deck)
    own = deck.info.language
    codes = offered if languages is None else languages
    problems: list[Problem] = []
    for width, height in sizes:
        problems += _letterbox_note(deck, width, height, aspect, f"{width}x{height}")
    before = words.language()
    for code in codes:
        known = find_language(offered, code)
        if known is None:
            message = f"layout: no translation into {code} (offered: {', '.join(offered)})"
            problems.append(Problem(Location(deck.path, 1, 1), "warning", message))
            continue
        shown = deck if known == own else deck_in(deck, known)[0]
        words.activate(known)  # the player's own words ("Source: …") in that language too
        try:
            tag = "" if known == own else f" in {known}"
            problems += glyph_problems(shown, deck, tag)
            problems += _problems_in(shown, deck, sizes, aspect, text_scale, tag)
        finally:
            words.activate(before)
    return problems


def _problems_in(
    shown: Deck,
    deck: Deck,
    sizes: list[tuple[int, int]],
    aspect: Aspect,
    text_scale: float,
    tag: str,
) -> list[Problem]:
    """The audit of `shown` (the deck, maybe translated) on each screen, located in `deck`."""
    from PySide6.QtCore import QSize

    from revkiosk.context import ViewContext
    from revkiosk.settings import VisitorSettings
    from revkiosk.theme import theme_named, visitor_theme
    from revkiosk.ui.audit import audit_deck, audit_more_layers

    visitor = VisitorSettings(text_scale=text_scale)
    theme = visitor_theme(theme_named(shown.info.theme), visitor)
    context = ViewContext(deck=shown, theme=theme, visitor=visitor, language=shown.info.language)
    problems: list[Problem] = []
    for width, height in sizes:
        label = f"{width}x{height}" + (f" at {text_scale:g}x text" if text_scale != 1 else "")
        label += tag
        # Words inside pictures are held to the floor where the rule is set: 1920x1080 at the
        # visitor's default text size (a larger text size, a portrait screen take room from
        # pictures; a visitor magnifies one with the zoom lens)
        pictures = (width, height) == CHECK_SIZE and text_scale == 1
        found = audit_deck(shown, context, QSize(width, height), aspect, pictures)
        problems += _warnings(found, label, lambda index, first: _slide_place(deck, index, first))
        layers = audit_more_layers(shown, context, QSize(width, height), pictures)
        problems += _warnings(
            ((m.id, finding) for m, finding in layers),
            label,
            lambda ident, first: _layer_place(deck, ident, first),
        )
    return problems


def _warnings(
    found: Iterable[tuple[Any, Finding]],
    label: str,
    place: Callable[[Any, Finding], tuple[Location, str]],
) -> list[Problem]:
    """One warning per place, kind and element (a paragraph's lines are one), worded the
    same for slides and "more" layers; `place` names where the first finding is."""
    groups: dict[tuple[Any, str, str], list[Finding]] = defaultdict(list)
    for key, finding in found:
        groups[key, finding.kind, finding.element].append(finding)
    problems = []
    for (key, kind, element), findings in groups.items():
        first = findings[0]
        where, name = place(key, first)
        what = kind if len(findings) == 1 else f"{len(findings)} texts {kind}"
        message = f"{label}: {name}, {element}: {what}: “{_short(first.text)}” ({first.detail})"
        problems.append(Problem(where, "warning", message))
    return problems


def _slide_place(deck: Deck, index: int, first: Finding) -> tuple[Location, str]:
    """The deck's own slide (its file and line), or the media entry of a picture whose words
    are too small."""
    slide = deck.slides[index]
    where = slide.location or Location(deck.path, 1, 1)
    if first.media is not None:
        where = media_location(deck, slide, first.media) or where
    return where, f"slide {index + 1} ({slide.kind})"


def _layer_place(deck: Deck, ident: str, first: Finding) -> tuple[Location, str]:
    """A "more" layer's milestone entry, or the media entry of its picture."""
    milestone = next((m for m in deck.milestones if m.id == ident), None)
    where = (milestone.location if milestone else None) or Location(deck.path, 1, 1)
    if first.media is not None and milestone is not None:
        where = media_location(deck, milestone, first.media) or where
    return where, f"“more” layer of {ident}"


def media_location(deck: Deck, slide: object, path: Path) -> Location | None:
    """Where `deck` names the file `path` (any language's variant): in `slide` first (its
    media, a comparison cell, a hub tile), else anywhere (a hub tile shows the picture of the
    slide it leads to)."""
    target = _resolved(path)
    for start, own in ((slide, True), (deck.slides, False), (deck.milestones, True)):
        for media in _media_in(start, milestones=own):
            files = [media.image, media.video, media.poster]
            files += [f for v in media.variants for f in (v.image, v.video, v.poster)]
            if any(f is not None and _resolved(deck.root / f) == target for f in files):
                return media.location
    return None


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _media_in(value: object, depth: int = 0, milestones: bool = True) -> Iterator[Media]:
    """Every `Media` inside a model value (dataclasses, tuples, lists), outermost first;
    `milestones=False` leaves out what milestones carry (their "more" pictures)."""
    if depth > 6 or (not milestones and isinstance(value, Milestone)):
        return
    if isinstance(value, Media):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _media_in(getattr(value, field.name), depth + 1, milestones)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _media_in(item, depth + 1, milestones)


def _letterbox_note(
    deck: Deck, width: int, height: int, aspect: Aspect, label: str
) -> list[Problem]:
    """One line saying a fixed aspect shrinks the slide on this screen (its text with it)."""
    _x, _y, w, h = letterbox(width, height, aspect)
    if min(w, h) >= 0.9 * min(width, height):
        return []
    message = (
        f"{label}: the deck's aspect {format_aspect(aspect)} letterboxes this screen to a"
        f" {w}x{h} slide; `aspect: auto` (or --aspect auto) fills it and reflows the slides"
    )
    return [Problem(Location(deck.path, 1, 1), "warning", message)]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
