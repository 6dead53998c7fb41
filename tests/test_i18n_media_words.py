"""The default deck's words about its pictures and films, in the visitor's language (issue 16).

A visitor who cannot see the screen hears the alternative text in spoken mode; one who cannot
hear reads a film's captions. Both must be in the language the visitor chose, not English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck, Media, Slide
from revkiosk.describe.slides import slide_text
from revkiosk.i18n import words
from revkiosk.i18n.catalogs import deck_in

REPO = Path(__file__).resolve().parent.parent
DECK_PATH = REPO / "slides" / "deep-learning-revolution.yaml"
LANGUAGES = ("fr", "de", "es")


@pytest.fixture(scope="module")
def english() -> Deck:
    return load_deck(DECK_PATH)


@pytest.fixture(scope="module")
def shown(english: Deck) -> dict[str, Deck]:
    decks = {}
    for code in LANGUAGES:
        deck, problems = deck_in(english, code)
        assert not [p for p in problems if p.severity == "error"], problems
        decks[code] = deck
    return decks


def media_of(slide: Slide) -> Iterator[Media]:
    """Every media item a slide shows: its own, its compare cells', its "more" layer's."""
    media = getattr(slide, "media", None)
    if isinstance(media, Media):
        yield media
    for item in getattr(slide, "items", ()):
        yield item.media
    milestone = getattr(slide, "milestone", None)
    if milestone is not None and milestone.more is not None and milestone.more.media:
        yield milestone.more.media


def slide_by_id(deck: Deck, ident: str) -> Slide:
    return next(s for s in deck.slides if s.id == ident)


def milestone_slide(deck: Deck, milestone_id: str) -> Slide:
    return next(
        s for s in deck.slides if getattr(getattr(s, "milestone", None), "id", "") == milestone_id
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_alt_text_is_translated(english: Deck, shown: dict[str, Deck], code: str) -> None:
    """Each written alt text has a translation (decorative pictures keep their empty alt)."""
    pairs = [
        (a.alt, b.alt)
        for before, after in zip(english.slides, shown[code].slides, strict=True)
        for a, b in zip(media_of(before), media_of(after), strict=True)
        if a.alt is not None
    ]
    assert len([p for p in pairs if p[0]]) >= 17
    for source, translated in pairs:
        if not source:
            assert translated == "", "a decorative picture stays decorative"
        else:
            assert translated and translated != source, source


def test_spoken_mode_reads_the_pong_film_in_french(shown: dict[str, Deck]) -> None:
    deck = shown["fr"]
    slide = milestone_slide(deck, "dqn-atari")
    assert "après 1\u00a0500" in next(media_of(slide)).alt  # spoken mode folds the spaces
    words.activate("fr")
    try:
        spoken = slide_text(slide, deck)
    finally:
        words.activate("en")
    assert "Vidéo" in spoken and "la raquette rose" in spoken and "après 1 500" in spoken
    assert "paddle" not in spoken and "rallies" not in spoken


def test_a_compare_cell_is_described_in_german(shown: dict[str, Deck]) -> None:
    """Compare cells read `label: alt`; the sign's misspelt words stay as the picture has them."""
    spoken = slide_text(slide_by_id(shown["de"], "parti-sizes"), shown["de"])
    assert "Känguru" in spoken and "„Wlcemo Frnids“" in spoken and "kangaroo" not in spoken
