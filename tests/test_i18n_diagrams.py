"""The default deck's diagrams and films with words drawn in them, in the visitor's language
(issue 16).

`scripts/media/diagrams.py` writes each diagram in English (`<name>.svg`, the deck's default) and
in French, German and Spanish (`<name>.<code>.svg`); the deck names those per language, and an
export or a visitor in that language gets that file while the English deck keeps its own.
"""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck, Media
from revkiosk.i18n import words

REPO = Path(__file__).resolve().parent.parent
DECK_PATH = REPO / "slides" / "deep-learning-revolution.yaml"
IMAGES = REPO / "media" / "images"
LANGUAGES = ("fr", "de", "es")
DIAGRAMS = {  # milestone id → the diagram's file stem
    "stable-diffusion": "latent-diffusion",
    "alphastar": "games-hidden-map",
    "vpt": "vpt-tech-tree",
    "alphatensor": "alphatensor",
}
# A word each translation must show (and the English label it replaces).
SAMPLES = {
    "fr": ("alphatensor", "méthode classique", "by the book"),
    "de": ("vpt-tech-tree", "Diamantspitzhacke", "diamond pickaxe"),
    "es": ("games-hidden-map", "solo cerca de", "only near"),
}


@pytest.fixture(scope="module")
def english() -> Deck:
    return load_deck(DECK_PATH)


def media_of(deck: Deck, milestone_id: str) -> Media:
    """The media of the slide showing that milestone (or, for a slide with none, of that id)."""
    slide = next(
        s
        for s in deck.slides
        if milestone_id in (getattr(getattr(s, "milestone", None), "id", ""), getattr(s, "id", ""))
    )
    media = getattr(slide, "media", None)
    assert isinstance(media, Media), milestone_id
    return media


def diagram_media(deck: Deck, milestone_id: str) -> Media:
    media = media_of(deck, milestone_id)
    assert media.image is not None, milestone_id
    return media


def texts_of(path: Path) -> list[str]:
    return [unescape(t) for t in re.findall(r"<text [^>]*>([^<]*)</text>", path.read_text("utf-8"))]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_export_in_a_language_shows_that_languages_diagrams(english: Deck, code: str) -> None:
    """`export --lang CODE` takes the deck through `in_language`; the English deck is unchanged."""
    from revkiosk.commands.export import in_language

    err = io.StringIO()
    try:
        shown = in_language(english, code, err)
    finally:
        words.activate("en")
    assert err.getvalue() == ""
    for milestone_id, stem in DIAGRAMS.items():
        image = diagram_media(shown, milestone_id).image
        assert image is not None and image.name == f"{stem}.{code}.svg", milestone_id
        assert image.is_file()
        original = diagram_media(english, milestone_id).image
        assert original is not None and original.name == f"{stem}.svg", milestone_id


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_translated_diagram_has_no_english_label_left(code: str) -> None:
    """Same drawing, same number of labels; none of the English words (names and figures stay)."""
    for stem in DIAGRAMS.values():
        source, translated = (
            texts_of(IMAGES / f"{stem}.svg"),
            texts_of(IMAGES / f"{stem}.{code}.svg"),
        )
        assert len(translated) == len(source), stem
        kept = [t for t in translated if t in source]
        assert all(re.fullmatch(r"[\d ×,]+|[A-Z][\w ]*, \d{4}|StarCraft II", t) for t in kept), kept
    stem, word, replaced = SAMPLES[code]
    assert word in texts_of(IMAGES / f"{stem}.{code}.svg")
    assert replaced not in texts_of(IMAGES / f"{stem}.{code}.svg")


# The project's films whose drawn words are translated too: milestone (or slide) id → file stem.
FILMS = {
    "dqn-atari": "pong-agent",
    "alphago": "go-game",
    "video-diffusion": "tiny-diffusion-training",
    "imagen-video": "tiny-diffusion-denoise",
    "compute-growth": "compute-growth",  # a media slide's own id: it has no milestone
}
VIDEO_BUDGET = 1_600_000  # make_all.py's limit for one film


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_visitor_in_a_language_sees_the_film_drawn_in_it(english: Deck, code: str) -> None:
    """Film, poster and captions all switch together; the English deck keeps its own three."""
    from revkiosk.i18n.catalogs import deck_in

    shown, _problems = deck_in(english, code)
    for milestone_id, stem in FILMS.items():
        media, original = media_of(shown, milestone_id), media_of(english, milestone_id)
        assert media.video is not None and media.video.name == f"{stem}.{code}.mp4"
        assert media.poster is not None and media.poster.name == f"{stem}.{code}.png"
        assert media.subtitles is not None and media.subtitles.name == f"{stem}.{code}.vtt"
        assert 0 < media.video.stat().st_size <= VIDEO_BUDGET
        assert original.video is not None and original.video.name == f"{stem}.mp4"
        assert original.poster is not None and original.poster.name == f"{stem}.png"


def frame_count(video: Path) -> int:
    """Samples in the film's one track (its `stsz` box): the frames a player shows."""
    data = video.read_bytes()
    at = data.find(b"stsz")
    assert at != -1 and data.find(b"stsz", at + 4) == -1, f"{video.name}: not one track"
    return int.from_bytes(data[at + 12 : at + 16], "big")


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_translated_film_keeps_the_english_frames_so_its_captions_fit(code: str) -> None:
    """The translated captions are timed as the English, so the film must last as long."""
    video = REPO / "media" / "video"
    for stem in FILMS.values():
        english, translated = video / f"{stem}.mp4", video / f"{stem}.{code}.mp4"
        assert frame_count(translated) == frame_count(english), translated.name
        english_poster = (video / f"{stem}.png").read_bytes()[16:24]  # PNG width, height
        assert (video / f"{stem}.{code}.png").read_bytes()[16:24] == english_poster
