"""Loading valid decks: the example deck, the model values, the deck-root rule, both loaders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from deck_helpers import BASE, load_text, write

from revkiosk.deck.load import deck_root, load_deck
from revkiosk.deck.model import (
    SLIDE_KINDS,
    CompareSlide,
    MediaSlide,
    MilestoneSlide,
    PartialDate,
    PlotSlide,
    TimelineSlide,
    TitleSlide,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "slides" / "example.yaml"
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


def test_example_deck_uses_every_slide_kind_and_loads_clean() -> None:
    deck = load_deck(EXAMPLE)
    assert {slide.kind for slide in deck.slides} == set(SLIDE_KINDS)
    assert deck.warnings == ()  # the example media is in the tree
    assert deck.root == REPO  # slides/ → its parent is the root
    assert EXAMPLE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../docs/deck.schema.json\n"
    )


def test_example_deck_values_reach_the_model() -> None:
    deck = load_deck(EXAMPLE)
    assert deck.info.aspect == (16, 9)
    assert deck.info.kiosk.pin == "1234"
    assert deck.domain("vision") is not None and deck.domain("vision").color == "#4cc9f0"
    title = deck.slides[0]
    assert isinstance(title, TitleSlide)
    assert (
        title.media is not None and title.media.image == REPO / "media/examples/example-image.png"
    )
    assert "**every**" in title.notes and title.seconds == 10.0
    alexnet = deck.slides[2]
    assert isinstance(alexnet, MilestoneSlide)
    assert alexnet.milestone.date == PartialDate(2012, 9, 30)
    assert alexnet.location is not None and alexnet.location.line == 80
    csv_plot = next(s for s in deck.slides if isinstance(s, PlotSlide) and s.chart == "csv")
    assert csv_plot.csv is not None and (csv_plot.csv.x, csv_plot.csv.y) == ("year", "value")
    compare = next(s for s in deck.slides if isinstance(s, CompareSlide))
    assert [item.label for item in compare.items] == ["The image", "The diagram"]
    timeline = deck.slides[-2]
    assert isinstance(timeline, TimelineSlide) and timeline.domains == (
        "vision",
        "games",
        "language",
    )


def test_c_and_pure_python_loaders_build_equal_decks() -> None:
    decks = [load_deck(EXAMPLE, loader=loader) for loader in LOADERS]
    assert all(deck == decks[0] for deck in decks)
    assert [s.location for s in decks[0].slides] == [s.location for s in decks[-1].slides]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2020", PartialDate(2020)),
        ("'2020'", PartialDate(2020)),
        ("2020-05", PartialDate(2020, 5)),
        ("2020-05-28", PartialDate(2020, 5, 28)),
        ("'2020-5-8'", PartialDate(2020, 5, 8)),
        ("2020-02-29", PartialDate(2020, 2, 29)),
    ],
)
def test_milestone_dates_to_year_month_or_day(
    tmp_path: Path, written: str, expected: PartialDate
) -> None:
    text = (
        BASE.replace("date: 2012-09", f"date: {written}")
        + "  - {kind: milestone, milestone: alexnet}\n"
    )
    assert load_text(tmp_path, text).milestones[0].date == expected


def test_text_fields_keep_numbers_as_written(tmp_path: Path) -> None:
    """`pin: 0123` would be the octal int 83 in YAML 1.1; the loader keeps what was typed."""
    text = (
        BASE.replace("title: T", "title: 1984\n  kiosk: {pin: 0123}")
        + "  - {kind: title, title: 42}\n"
    )
    deck = load_text(tmp_path, text)
    assert deck.info.title == "1984" and deck.info.kiosk.pin == "0123"
    assert deck.slides[0].heading == "42"


def test_empty_optional_value_means_default(tmp_path: Path) -> None:
    deck = load_text(tmp_path, BASE + "  - kind: title\n    title: Hi\n    subtitle:\n")
    assert deck.slides[0].subtitle == ""  # type: ignore[attr-defined]


def test_media_shorthand_is_classified_by_extension(tmp_path: Path) -> None:
    for name in ("a.PNG", "b.webm", "n.ogg"):
        (tmp_path / name).write_bytes(b"x")
    text = BASE + (
        "  - {kind: media, media: a.PNG}\n"
        "  - {kind: media, media: b.webm, audio: n.ogg}\n"
        "  - kind: media\n"
        "    media: {video: b.webm, poster: a.PNG, loop: true, start: 1, end: 2.5}\n"
    )
    first, second, third = load_text(tmp_path, text).slides
    assert isinstance(first, MediaSlide) and first.media.image == tmp_path / "a.PNG"
    assert second.media.video == tmp_path / "b.webm"  # type: ignore[attr-defined]
    assert second.audio is not None and second.audio.audio == tmp_path / "n.ogg"
    assert third.media.loop and (third.media.start, third.media.end) == (1.0, 2.5)  # type: ignore[attr-defined]


def test_missing_media_is_a_warning_with_its_line(tmp_path: Path) -> None:
    deck = load_text(tmp_path, BASE + "  - {kind: media, media: media/none.png}\n")
    assert [(w.severity, w.location.line, w.location.column) for w in deck.warnings] == [
        ("warning", 14, 26)
    ]
    assert "not found" in deck.warnings[0].message


def test_deck_root_is_the_folder_or_the_parent_of_slides(tmp_path: Path) -> None:
    assert deck_root(tmp_path / "talk.yaml") == tmp_path
    assert deck_root(tmp_path / "slides" / "talk.yaml") == tmp_path
    (tmp_path / "slides").mkdir()
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "x.png").write_bytes(b"x")
    path = write(tmp_path / "slides", BASE + "  - {kind: media, media: media/x.png}\n")
    deck = load_deck(path)
    assert deck.slides[0].media.image == tmp_path / "media" / "x.png"  # type: ignore[attr-defined]
    assert deck.warnings == ()


def test_highlight_of_unknown_id_is_a_warning_not_an_error(tmp_path: Path) -> None:
    text = BASE + "  - {kind: plot, highlight: [alexnet, alexnte, AlexNet]}\n"
    deck = load_text(tmp_path, text)
    assert deck.slides[0].highlight == ("alexnet", "alexnte", "AlexNet")  # type: ignore[attr-defined]
    [warning] = deck.warnings
    assert warning.location.line == 14 and 'did you mean "alexnet"' in warning.message
