"""A deck in another language: the same frozen model with its strings replaced (Qt-free).

Every text a visitor or presenter reads is one *entry*, named by a stable key (gettext's
`msgctxt`) made of what it belongs to and the field, never of its position in the file, so
slides can be reordered without losing their translations:

    deck/title                          the deck's own fields, deck/kiosk/hint
    domain/vision/name                  a domain's name and summary
    milestone/alexnet/summary           a milestone's title, org and summary
    slide/imagenet-chart/caption        a slide with an `id`
    slide/milestone:alexnet/media/caption   a milestone slide without one (its milestone's id)
    slide/parti-sizes/items/2/label     list items count from 1; bullets: .../bullets/3
    slide/imagenet-chart/csv/names/human/name   a chart's names: by the data value they name

A slide with neither an id nor a milestone has no stable key: its texts stay in the deck's
language, and `revkiosk i18n extract` names it (give it an `id`). Which fields are translated,
and where each shows, is the `shows` of its key in `deck/spec.py`.

`translate(deck, translations)` gives the deck in `translations.language`: each text whose entry
has a translation of the *current* source text (a changed source falls back until the
translation is revised), a quoted model output keeps its words and gets the translation beside
it (`Excerpt.translation`), dates get the language's month names and media the language's files
(`Media.for_language`). Views draw it without knowing there was a translation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from revkiosk.deck import spec
from revkiosk.deck.model import (
    CompareItem,
    CsvChart,
    CsvName,
    Deck,
    DeckInfo,
    Domain,
    Excerpt,
    HubSlide,
    HubTile,
    KioskSettings,
    Location,
    Media,
    Milestone,
    MilestoneSlide,
    More,
    PartialDate,
    Slide,
)

# The spec of each nested model class (slides use `spec.slide_spec(kind)`).
_SPECS: dict[type, spec.Spec] = {
    DeckInfo: spec.DECK,
    KioskSettings: spec.KIOSK,
    Domain: spec.DOMAIN,
    Milestone: spec.MILESTONE,
    Media: spec.MEDIA,
    Excerpt: spec.EXCERPT,
    CsvChart: spec.CSV,
    CsvName: spec.CSV_NAME,
    CompareItem: spec.COMPARE_ITEM,
    More: spec.MORE,
    HubTile: spec.TILE,
}
# Texts whose translation is shown beside the original instead of replacing it: quoted model
# outputs stay in the words the model wrote.
BESIDE = {(Excerpt, "text"): "translation"}
# List items keyed by one of their fields instead of their position: a csv chart's names are
# keyed by the data value they name (`slide/<id>/csv/names/winner/name`), so reordering or
# adding names keeps every translation.
ITEM_KEYS: dict[type, str] = {CsvName: "value"}


def _item_key(item: object, number: int) -> str:
    field_name = ITEM_KEYS.get(type(item))
    return str(getattr(item, field_name)) if field_name else str(number)


@dataclass(frozen=True)
class Text:
    """One translatable text of a deck: one entry of its PO files."""

    key: str  # msgctxt
    source: str  # msgid: the text as the deck says it
    shows: str  # where it appears (from deck/spec.py), for the translator
    owner: str  # "slide 12 (plot: ImageNet winners' error)", "milestone alexnet"
    location: Location | None = None  # the slide's or milestone's line in the deck file
    seconds: float | None = None  # how long its slide is shown (kiosk pace), if on a slide
    beside: bool = False  # a quoted model output: the translation shows beside it


@dataclass(frozen=True)
class Translations:
    """What `translate` needs: a language, its translated strings and its date names.

    `strings` maps an entry's key to (the source text it translates, the translation); a
    translation of another source text (the deck changed since) is not used. `dates` gives a
    date its label in the language (CLDR month names, through Babel, in `revkiosk.i18n`).
    """

    language: str
    strings: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    dates: Callable[[PartialDate], PartialDate] | None = None

    def lookup(self, key: str, source: str) -> str | None:
        found = self.strings.get(key)
        if found is None or found[0] != source or not found[1]:
            return None
        return found[1]


def slide_keys(deck: Deck) -> list[str | None]:
    """Each slide's key (`slide/<id>` or `slide/milestone:<id>`), None where it has none."""
    keys: list[str | None] = []
    taken = {slide.id for slide in deck.slides if slide.id}
    for slide in deck.slides:
        if slide.id:
            keys.append(f"slide/{slide.id}")
        elif isinstance(slide, MilestoneSlide) and f"milestone:{slide.milestone.id}" not in taken:
            taken.add(f"milestone:{slide.milestone.id}")
            keys.append(f"slide/milestone:{slide.milestone.id}")
        else:
            keys.append(None)  # a second slide of one milestone needs an id too
    return keys


def unkeyed_slides(deck: Deck) -> list[tuple[int, Slide]]:
    """(0-based index, slide) of slides with texts but no stable key: they stay untranslated."""
    found = []
    for index, (slide, key) in enumerate(zip(deck.slides, slide_keys(deck), strict=True)):
        if key is None and any(True for _text in _texts_of(slide, "slide/?", "", None, None)):
            found.append((index, slide))
    return found


def deck_texts(deck: Deck) -> list[Text]:
    """Every translatable text of the deck, in the order a translator meets them: the deck's
    own, the domains, the milestones, then the slides."""
    texts = list(_texts_of(deck.info, "deck", "the deck", None, None))
    for domain in deck.domains:
        texts += _texts_of(domain, f"domain/{domain.id}", f"domain {domain.id}", None, None)
    for milestone in deck.milestones:
        owner = f"milestone {milestone.id}"
        texts += _texts_of(milestone, f"milestone/{milestone.id}", owner, milestone.location, None)
    for number, (slide, key) in enumerate(zip(deck.slides, slide_keys(deck), strict=True), 1):
        if key is None:
            continue
        heading = slide.heading if slide.heading != slide.kind else ""
        owner = f"slide {number} ({slide.kind}{': ' + heading if heading else ''})"
        seconds = slide.seconds if slide.seconds is not None else deck.info.slide_seconds
        derived = _derived_tile_titles(deck, slide, key)
        texts += [
            t for t in _texts_of(slide, key, owner, slide.location, seconds)
            if derived.get(t.key) != t.source
        ]  # fmt: skip
    return texts


def _derived_tile_titles(deck: Deck, slide: Slide, key: str) -> dict[str, str]:
    """A hub's tiles whose title the author did not write (a domain's name, the target's
    title): key → that title. They follow the translation of what they name instead."""
    if not isinstance(slide, HubSlide):
        return {}
    return {f"{key}/tiles/{n}/title": _tile_source(deck, tile) for n, tile in
            enumerate(slide.tiles, 1)}  # fmt: skip


def _tile_source(deck: Deck, tile: HubTile) -> str:
    if tile.via == "domain":
        domain = deck.domain(tile.ref)
        return domain.name if domain else tile.ref
    if 0 <= tile.target < len(deck.slides):
        return deck.slides[tile.target].heading
    return tile.title


def _spec_of(value: object) -> spec.Spec | None:
    if isinstance(value, Slide):
        return spec.slide_spec(value.kind)
    return _SPECS.get(type(value))


def _texts_of(
    value: object, key: str, owner: str, location: Location | None, seconds: float | None
) -> Iterator[Text]:
    """The texts of one model object and what it contains, keyed under `key`."""
    fields = _spec_of(value)
    if fields is None:
        return
    where = getattr(value, "location", None) or location
    # Speaker notes last: a translator meets a slide's title first.
    for name, entry in sorted(fields.items(), key=lambda item: item[0] == "notes"):
        current = getattr(value, name, None)
        if entry.shows and isinstance(current, str) and current:
            beside = (type(value), name) in BESIDE
            yield Text(f"{key}/{name}", current, entry.shows, owner, where, seconds, beside)
        elif entry.shows and isinstance(current, tuple):
            for number, item in enumerate(current, 1):
                if isinstance(item, str) and item:
                    yield Text(f"{key}/{name}/{number}", item, entry.shows, owner, where, seconds)
        elif isinstance(current, tuple):
            for number, item in enumerate(current, 1):
                here = f"{key}/{name}/{_item_key(item, number)}"
                yield from _texts_of(item, here, owner, where, seconds)
        elif dataclasses.is_dataclass(current) and not isinstance(current, Milestone):
            yield from _texts_of(current, f"{key}/{name}", owner, where, seconds)


def translate(deck: Deck, translations: Translations) -> Deck:
    """The deck as shown in `translations.language` (see the module docstring)."""
    code = translations.language
    info = _rewrite(deck.info, "deck", translations)
    info = replace(info, language=code)
    domains = tuple(_rewrite(d, f"domain/{d.id}", translations) for d in deck.domains)
    milestones = {
        m.id: _dated(_rewrite(m, f"milestone/{m.id}", translations), translations)
        for m in deck.milestones
    }
    slides = []
    for slide, key in zip(deck.slides, slide_keys(deck), strict=True):
        if isinstance(slide, MilestoneSlide):
            slide = replace(slide, milestone=milestones.get(slide.milestone.id, slide.milestone))
        slides.append(_rewrite(slide, key, translations))
    shown = replace(
        deck,
        info=info,
        domains=domains,
        milestones=tuple(milestones.values()),
        slides=tuple(slides),
    )
    return _retitle_tiles(deck, shown)


def _retitle_tiles(source: Deck, shown: Deck) -> Deck:
    """Hub tiles named after what they lead to take its translated name."""
    slides = list(shown.slides)
    for index, (before, after) in enumerate(zip(source.slides, shown.slides, strict=True)):
        if not isinstance(before, HubSlide) or not isinstance(after, HubSlide):
            continue
        tiles = tuple(
            replace(tile, title=_tile_source(shown, tile))
            if old.title == _tile_source(source, old) else tile
            for old, tile in zip(before.tiles, after.tiles, strict=True)
        )  # fmt: skip
        slides[index] = replace(after, tiles=tiles)
    return replace(shown, slides=tuple(slides))


def _dated(milestone: Milestone, translations: Translations) -> Milestone:
    if translations.dates is None:
        return milestone
    return replace(milestone, date=translations.dates(milestone.date))


def _rewrite(value: Any, key: str | None, translations: Translations) -> Any:
    """`value` with its texts translated (none without a key) and its media's files for the
    language; unchanged objects are returned as they are."""
    fields = _spec_of(value)
    if fields is None:
        return value
    changes: dict[str, Any] = {}
    for name, entry in fields.items():
        current = getattr(value, name, None)
        here = f"{key}/{name}" if key is not None else None
        if entry.shows and isinstance(current, str):
            found = translations.lookup(here, current) if here and current else None
            if found is not None:
                changes[BESIDE.get((type(value), name), name)] = found
        elif entry.shows and isinstance(current, tuple) and here is not None:
            items = tuple(
                translations.lookup(f"{here}/{n}", item) or item if isinstance(item, str) else item
                for n, item in enumerate(current, 1)
            )
            if items != current:
                changes[name] = items
        elif isinstance(current, tuple) and current and _spec_of(current[0]) is not None:
            items = tuple(
                _rewrite(item, f"{here}/{_item_key(item, n)}" if here else None, translations)
                for n, item in enumerate(current, 1)
            )
            if any(a is not b for a, b in zip(items, current, strict=True)):
                changes[name] = items
        elif dataclasses.is_dataclass(current) and not isinstance(current, Milestone):
            rewritten = _rewrite(current, here, translations)
            if rewritten is not current:
                changes[name] = rewritten
    result = replace(value, **changes) if changes else value
    if isinstance(result, Media) and result.variants:
        result = result.for_language(translations.language)
    return result


__all__ = ["Text", "Translations", "deck_texts", "slide_keys", "translate", "unkeyed_slides"]
