"""A deck's translations at run time: which languages it offers, and the deck in one of them.

The `Show` calls these (never at start-up for a deck shown in its own language): a broken PO
file gives problems instead of a translation, and the deck plays in its own language with the
problems logged. An entry whose placeholders or Markdown do not match its source is left out
(its source text shows), so a slip in one entry never garbles a slide.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from revkiosk.deck.model import Deck, Location, Problem
from revkiosk.deck.translate import Translations, translate
from revkiosk.i18n.consistency import problem as consistency_problem
from revkiosk.i18n.languages import needs_translation, primary

if TYPE_CHECKING:
    from revkiosk.i18n.po import PoFile

log = logging.getLogger(__name__)


@dataclass
class Loaded:
    """One language of a deck: its translations (None when its file is broken or not this
    deck's), the problems found, and how many entries are usable."""

    language: str
    translations: Translations | None
    problems: list[Problem] = field(default_factory=list)
    usable: int = 0


def find_language(codes: list[str] | tuple[str, ...], wanted: str) -> str | None:
    """The code in `codes` for `wanted`: exact (any case, `_` or `-`), else the same primary
    language (`fr-CA` → `fr`, `fr` → `fr-FR`)."""
    norm = wanted.replace("_", "-").casefold()
    for code in codes:
        if code.replace("_", "-").casefold() == norm:
            return code
    return next((code for code in codes if primary(code) == primary(wanted)), None)


def load_language(deck: Deck, code: str) -> Loaded:
    """The translations of `deck` into `code` (dates and numbers only when it has no PO file:
    a deck in its own language still gets its month names from CLDR)."""
    from revkiosk.i18n.cldr import date_labeller
    from revkiosk.i18n.deck_po import belongs_to, po_paths
    from revkiosk.i18n.po import usable

    dates = date_labeller(code)
    paths = po_paths(deck)
    found = find_language(list(paths), code)
    if found is None or primary(code) == primary(deck.info.language):
        return Loaded(code, Translations(code, {}, dates))
    po = _read_cached(paths[found])
    if not po.ok or po.catalog is None:
        return Loaded(code, None, po.problems)
    if not belongs_to(po, deck):
        message = f"translations of another deck ({po.catalog.version}), not of {deck.path.name}"
        return Loaded(code, None, [Problem(Location(po.path, 1, 1), "warning", message)])
    strings: dict[str, tuple[str, str]] = {}
    problems = list(po.problems)
    for entry in po.catalog:
        if not usable(entry) or not entry.context:
            continue
        source, text = str(entry.id), str(entry.string)
        why = consistency_problem(source, text)
        if why is not None:
            where = Location(po.path, entry.lineno or 1, 1)
            problems.append(Problem(where, "error", f"{entry.context}: {why}"))
            continue
        strings[entry.context] = (source, text)
    return Loaded(code, Translations(code, strings, dates), problems, len(strings))


_CACHE: dict[Path, tuple[tuple[int, int], PoFile]] = {}


def _read_cached(path: Path) -> PoFile:
    """A PO file parsed once while it stays the same size and age (the chooser lists the
    languages, then the Show translates them: one parse each)."""
    from revkiosk.i18n.po import read_po_file

    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        return read_po_file(path)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    po = read_po_file(path)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[path] = (stamp, po)
    return po


def offered_languages(deck: Deck, load: Callable[[Deck, str], Loaded] = load_language) -> list[str]:
    """What a visitor may choose: the deck's `languages:` when it lists them, else the deck's
    own language and every language whose PO file is this deck's and has a translation.
    (`load` lets the Show share its cache of loaded languages.)"""
    from revkiosk.i18n.deck_po import po_paths

    if deck.info.languages:
        return list(dict.fromkeys(deck.info.languages))
    offered = [deck.info.language]
    for code in po_paths(deck):
        if find_language(offered, code) is not None:
            continue
        loaded = load(deck, code)
        if loaded.translations is not None and loaded.usable:
            offered.append(code)
        else:
            for problem in loaded.problems:
                log.warning("language %s not offered: %s", code, problem)
    return offered


def deck_in(deck: Deck, code: str) -> tuple[Deck, list[Problem]]:
    """`deck` in language `code`, or the deck as it is (with the problems) when its
    translations cannot be used."""
    loaded = load_language(deck, code)
    if loaded.translations is None:
        return deck, loaded.problems
    return translate(deck, loaded.translations), loaded.problems


@dataclass
class ReadAhead:
    """What `read_ahead` found for `deck`: the languages offered and the deck in each of them
    (with its problems), or `failed` when reading stopped on an unexpected error."""

    deck: Deck
    offered: tuple[str, ...] = ()
    decks: dict[str, tuple[Deck, list[Problem]]] = field(default_factory=dict)
    failed: bool = False


def read_ahead(deck: Deck) -> ReadAhead:
    """The offered languages and `deck` in each (but its own English, shown as written),
    computed off the GUI thread: Babel's parse of the PO files and the translations take
    ~0.2 s for three languages, which would hold the event loop right after the first slide
    paints. Qt-free and pure (the parse cache is a dict each thread only replaces entries of),
    so a worker thread may call it; the `Show` adopts the result on its own thread
    (`Show.adopt_languages`)."""
    try:
        offered = tuple(offered_languages(deck))
        own = deck.info.language
        decks = {code: deck_in(deck, code) for code in offered if needs_translation(own, code)}
    except Exception:  # a bug here must not stop the show: the Show reads on demand instead
        log.exception("reading the deck's languages ahead failed")
        return ReadAhead(deck, failed=True)
    return ReadAhead(deck, offered, decks)


__all__ = [
    "Loaded",
    "ReadAhead",
    "deck_in",
    "find_language",
    "load_language",
    "offered_languages",
    "read_ahead",
]
