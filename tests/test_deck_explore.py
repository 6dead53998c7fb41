"""Hubs, tiles, links, "more" layers and the kiosk's start hub in the deck format: what they
load to, and the file:line:col an author reads when one names something that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_helpers import BASE, FIRST_SLIDE_LINE, load_text, one_problem

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import HubSlide

REPO = Path(__file__).resolve().parent.parent
L = FIRST_SLIDE_LINE

SLIDES = """\
  - {kind: title, id: intro, title: Hello}
  - {kind: section, id: vision-part, title: Vision, domain: vision}
  - {kind: milestone, id: alexnet, milestone: alexnet}
  - {kind: text, id: why, title: Why, links: [alexnet, intro]}
  - {kind: timeline, id: decade}
  - kind: hub
    id: hub
    tiles:
      - {domain: vision}
      - {section: vision-part, title: The vision part}
      - {slide: why}
      - {timeline: true}
"""


def test_a_hub_resolves_each_tile_to_a_slide_title_and_count(tmp_path: Path) -> None:
    deck = load_text(tmp_path, BASE.replace("title: T", "title: T\n  kiosk: {start: hub}") + SLIDES)
    hub = deck.slides[5]
    assert isinstance(hub, HubSlide) and hub.title == "Explore"
    assert [(t.via, t.target, t.title, t.count, t.unit) for t in hub.tiles] == [
        ("domain", 1, "Vision", 1, "milestones"),
        ("section", 1, "The vision part", 3, "slides"),
        ("slide", 3, "Why", 2, "slides"),
        ("timeline", 4, "A decade of deep learning", 1, "milestones"),
    ]
    assert hub.tiles[0].color == "#4cc9f0"
    assert deck.slides[3].links == ("alexnet", "intro")
    assert deck.info.kiosk.start == "hub" and deck.home_index() == 5


def test_a_milestone_carries_its_more_layer(tmp_path: Path) -> None:
    text = BASE.replace(
        "    source: https://example.org\n",
        "    source: https://example.org\n    more:\n      text: Longer.\n"
        "      source: https://example.org/more\n",
    )
    deck = load_text(tmp_path, text + "  - {kind: milestone, milestone: alexnet}\n")
    milestone = deck.milestones[0]
    assert milestone.more is not None and milestone.more.text == "Longer."
    assert milestone.more_source == "https://example.org/more"


def test_the_example_deck_shows_a_hub_links_and_more_layers() -> None:
    deck = load_deck(REPO / "slides" / "example.yaml")
    assert deck.home_index() == len(deck.slides) - 1
    assert {t.via for t in deck.slides[-1].tiles} == {"domain", "section", "slide", "timeline"}  # type: ignore[attr-defined]
    assert any(s.links for s in deck.slides)
    assert deck.milestone("alexnet").more.media is not None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (
            ("links: [alexnet, intro]", "links: [alexnet, intr]"),
            (L + 3, 56),
            'slide 4 (text): links: unknown slide id "intr" (did you mean "intro"?)',
        ),
        (
            ("{slide: why}", "{slide: wyh}"),
            (L + 10, 17),
            'slide 6 (hub): tiles[3]: unknown slide id "wyh" (did you mean "why"?)',
        ),
        (
            ("{section: vision-part, title", "{section: why, title"),
            (L + 9, 19),
            'slide 6 (hub): tiles[2]: section: "why" is a text slide; use slide: instead',
        ),
        (
            ("{domain: vision}", "{domain: vison}"),
            (L + 8, 18),
            'slide 6 (hub): tiles[1]: unknown domain "vison" (did you mean "vision"?)',
        ),
        (
            ("{domain: vision}", "{domain: vision, slide: why}"),
            (L + 8, 26),
            "slide 6 (hub): tiles[1]: give one of domain | section | slide | timeline "
            "(got domain and slide)",
        ),
        (
            ("  - {kind: timeline, id: decade}\n", ""),
            (L + 10, 20),
            "slide 5 (hub): tiles[4]: timeline: the deck has no timeline slide",
        ),
    ],
)
def test_a_wrong_reference_is_one_error_at_its_place(
    tmp_path: Path, change: tuple[str, str], where: tuple[int, int], message: str
) -> None:
    text = BASE + SLIDES.replace(*change)
    assert one_problem(tmp_path, text) == (*where, message)


def test_the_kiosk_start_must_be_a_hub(tmp_path: Path) -> None:
    text = BASE.replace("title: T", "title: T\n  kiosk: {start: why}") + SLIDES
    line, column, message = one_problem(tmp_path, text)
    assert (line, column) == (3, 18)
    assert message == 'deck: kiosk: start: "why" is a text slide, not a hub'
    text = BASE.replace("title: T", "title: T\n  kiosk: {start: hbu}") + SLIDES
    assert one_problem(tmp_path, text)[2] == (
        'deck: kiosk: start: unknown slide id "hbu" (did you mean "hub"?)'
    )


def test_a_more_layer_shows_a_picture_not_a_video(tmp_path: Path) -> None:
    text = BASE.replace(
        "    source: https://example.org\n",
        "    source: https://example.org\n    more: {text: Longer., media: clip.mp4}\n",
    )
    line, column, message = one_problem(tmp_path, text + "  - {kind: title, title: A}\n")
    assert (line, column) == (13, 34)
    assert message == "milestones[1]: more: media: a more layer shows a picture, not a video"


def test_the_default_deck_has_a_hub_and_a_more_layer_on_every_milestone() -> None:
    deck = load_deck(REPO / "slides" / "deep-learning-revolution.yaml")
    assert [m.id for m in deck.milestones if m.more is None] == []
    home = deck.home_index()
    assert home is not None and deck.info.kiosk.start == deck.slides[home].id
    hub = deck.slides[home]
    assert isinstance(hub, HubSlide)
    assert [t.ref for t in hub.tiles if t.via == "domain"] == [d.id for d in deck.domains]
    assert any(t.via == "timeline" for t in hub.tiles)
    compute = next(t for t in hub.tiles if t.via == "slide")
    assert compute.title == "The compute story"
    for milestone in deck.milestones:  # short plain sentences: it is read, and translated
        assert milestone.more is not None
        words = milestone.more.text.split()
        assert 30 <= len(words) <= 90, milestone.id
        sentences = [s for s in milestone.more.text.replace("\n", " ").split(". ") if s]
        assert max(len(s.split()) for s in sentences) <= 25, milestone.id
        if milestone.more.media is not None:
            assert milestone.more.media.image.is_file()
            assert milestone.more.media.credit and milestone.more.media.licence
