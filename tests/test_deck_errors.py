"""Every mistake an author can make is reported with its exact line:column and a useful hint."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from deck_helpers import BASE, one_problem, problems

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import DeckError

LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "decks"

# (slides appended to BASE, line, column, text the message must contain)
SLIDE_MISTAKES = [
    ("  - kind: title\n    title: A\n    subtitel: B\n", 16, 5, 'did you mean "subtitle"'),
    ("  - kind: qoute\n    text: A\n", 14, 11, 'unknown value "qoute" (did you mean "quote"?)'),
    ("  - title: A\n", 14, 5, 'missing "kind"'),
    ("  - kind: quote\n    author: A\n", 14, 5, 'missing required key "text"'),
    ("  - kind: text\n    title: [a, b]\n", 15, 12, "expected text, got a list"),
    ("  - kind: text\n    title: yes\n", 15, 12, 'quote it: "yes"'),
    ('  - {kind: title, title: A, seconds: "12"}\n', 14, 38, 'expected a number, got text "12"'),
    ("  - {kind: title, title: A, seconds: .inf}\n", 14, 38, "expected a finite number"),
    ("  - {kind: title, title: A, seconds: 0}\n", 14, 38, "must be at least 1"),
    (
        "  - {kind: title, title: A, id: a}\n  - {kind: title, title: B, id: a}\n",
        15,
        33,
        'duplicate id "a" (first on line 14)',
    ),
    ("  - {kind: milestone, milestone: alexnett}\n", 14, 34, 'did you mean "alexnet"'),
    ("  - {kind: section, title: S, domain: vison}\n", 14, 39, 'did you mean "vision"'),
    ("  - {kind: timeline, domains: [vision, gmes]}\n", 14, 40, 'unknown domain "gmes"'),
    ("  []\n", 14, 3, "at least one slide"),
    ('  - {kind: title, title: A, id: "a b"}\n', 14, 33, "is not a valid id"),
    ("  - {kind: media, media: /etc/x.png}\n", 14, 26, "is absolute"),
    ('  - {kind: media, media: "C:\\\\x.png"}\n', 14, 26, "is absolute"),
    ("  - {kind: media, media: ../x.png}\n", 14, 26, "leads outside the deck root"),
    ("  - {kind: media, media: media/../../x.png}\n", 14, 26, "leads outside the deck root"),
    ("  - {kind: media, media: a.txt}\n", 14, 26, "cannot tell the media type"),
    ("  - {kind: media, media: n.ogg}\n", 14, 26, "is audio; expected an image or video"),
    ("  - {kind: title, title: A, audio: b.mp4}\n", 14, 36, "expected an audio file"),
    ("  - kind: media\n    media: {image: a.png, video: b.mp4}\n", 15, 27, "not both"),
    ("  - kind: media\n    media: {caption: C}\n", 15, 12, 'needs "image" or "video"'),
    ("  - kind: media\n    media: {imge: a.png}\n", 15, 13, 'did you mean "image"'),
    ("  - kind: media\n    media: {video: b.mp4, start: 5, end: 2}\n", 15, 42, "end must be after"),
    (
        "  - kind: media\n    media: {image: a.png, poster: p.png}\n",
        15,
        27,
        "only applies to a video",
    ),
    ("  - {kind: media, media: {video: a.png}}\n", 14, 34, ".png is not .mp4"),
    ("  - {kind: media, media: {image: a.png, fit: stretch}}\n", 14, 46, "expected fit | fill"),
    ("  - {kind: plot, chart: csv}\n", 14, 25, 'needs a "csv" mapping'),
    ("  - {kind: plot, chart: csv, csv: {file: d.csv, x: a, y: b}}\n", 14, 42, "not found"),
    ("  - {kind: plot, years: [2020, 2010]}\n", 14, 25, "first year must come before"),
    ("  - {kind: plot, years: [2020]}\n", 14, 25, "expected [first, last]"),
    ("  - {kind: compare, items: []}\n", 14, 28, "at least one item"),
    ("  - {kind: compare, columns: 9, items: [{label: A, media: a.png}]}\n", 14, 30, "at most 8"),
    ("  - {kind: compare, items: [{label: A}]}\n", 14, 29, 'missing required key "media"'),
    (
        "  - kind: title\n    title: A\n    <<: {subtitle: B}\n",
        16,
        5,
        "merge keys (<<) are not supported",
    ),
    (
        "  - kind: title\n    title: A\n    title: B\n",
        16,
        5,
        'duplicate key "title" (first on line 15)',
    ),
    ("  - {kind: title, title: A, 3: x}\n", 14, 29, "keys must be plain words"),
]


@pytest.mark.parametrize(("slides", "line", "column", "fragment"), SLIDE_MISTAKES)
def test_slide_mistake_reported_at_its_place(
    tmp_path: Path, slides: str, line: int, column: int, fragment: str
) -> None:
    found_line, found_column, message = one_problem(tmp_path, BASE + slides)
    assert (found_line, found_column) == (line, column), message
    assert fragment in message


DECK_MISTAKES = [
    ("title: T", "title: T\n  theme: drak", 3, 10, 'did you mean "dark"'),
    ("title: T", 'title: T\n  aspect: "16:0"', 3, 11, "is not a ratio"),
    ("title: T", "title: T\n  kiosk: {pin: 12ab}", 3, 16, "pin: expected digits"),
    ("title: T", "title: T\n  kiosk: {start_slide: 3}", 2, 3, "start_slide 3 is past the last"),
    ("title: T", "title: T\n  tema: dark", 3, 3, 'unknown key "tema" (did you mean "theme"?)'),
    ("deck:\n  title: T\n", "", 1, 1, 'missing required key "deck"'),
    ('color: "#4cc9f0"', "color: blue", 4, 39, '"blue" is not a colour'),
    ("date: 2012-09", "date: 2012-13", 7, 11, "month 13 is not 1-12"),
    ("date: 2012-09", "date: 2021-02-29", 7, 11, "day 29 is not in February 2021"),
    ("date: 2012-09", "date: May 2012", 7, 11, "expected 2020, 2020-05 or 2020-05-28"),
    ("date: 2012-09", "date: 2012-09-01 10:00", 7, 11, "is not a date"),
    ("domain: vision", "domain: vison", 8, 13, 'unknown domain "vison" (did you mean "vision"?)'),
    ("    source: https://example.org\n", "", 6, 5, 'missing required key "source"'),
]


@pytest.mark.parametrize(("old", "new", "line", "column", "fragment"), DECK_MISTAKES)
def test_deck_domain_milestone_mistakes(
    tmp_path: Path, old: str, new: str, line: int, column: int, fragment: str
) -> None:
    text = BASE.replace(old, new, 1) + "  - {kind: title, title: A}\n"
    found_line, found_column, message = one_problem(tmp_path, text)
    assert (found_line, found_column) == (line, column), message
    assert fragment in message


def test_duplicate_domain_and_milestone_ids(tmp_path: Path) -> None:
    text = (
        BASE.replace("milestones:\n", '  - {id: vision, name: V, color: "#fff"}\nmilestones:\n')
        + "  - {kind: title, title: A}\n"
    )
    text = text.replace(
        "slides:",
        "  - {id: alexnet, date: 2012, domain: vision, title: A, "
        "org: O, summary: S, source: s}\nslides:",
    )
    assert [(line, col) for line, col, _ in problems(tmp_path, text)] == [(5, 10), (14, 10)]
    assert all("duplicate id" in message for *_, message in problems(tmp_path, text))


def test_a_broken_domain_is_reported_once_not_at_each_reference(tmp_path: Path) -> None:
    text = (
        BASE.replace('color: "#4cc9f0"', "color: 12")
        + "  - {kind: section, title: S, domain: vision}\n"
    )
    assert [line for line, *_ in problems(tmp_path, text)] == [4]


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("", 1, 1, "a deck is a mapping"),
        ("- a\n- b\n", 1, 1, "a deck is a mapping"),
        ("deck: {title: T}\nslides: [\n", 3, 1, "YAML syntax"),
        ("deck: {title: T}\n  bad: indent\n", 2, 3, "YAML syntax"),
        ("deck: {title: T}\n---\nslides: []\n", 2, 1, "only one YAML document"),
        ("deck: {title: T}\nslides: [*nothing]\n", 2, 10, "refers to no finished anchor"),
        ("deck:\n  title: \x01\n", 2, 10, "character #x0001 is not allowed"),
    ],
)
def test_file_level_mistakes(
    tmp_path: Path, text: str, line: int, column: int, fragment: str
) -> None:
    """Syntax errors carry the parser's position; both parsers agree on it (not on wording)."""
    for loader in LOADERS:
        [(found_line, found_column, message)] = problems(tmp_path, text, loader)
        assert (found_line, found_column) == (line, column), (loader, message)
    assert fragment in message


TEN_MISTAKES = [
    (4, 10, 'theme: unknown value "drak" (did you mean "dark"?)'),
    (8, 11, "an unquoted # starts a comment"),
    (12, 11, "month 13 is not 1-12"),
    (20, 13, 'unknown domain "gmaes" (did you mean "games"?)'),
    (26, 11, 'unknown value "titel" (did you mean "title"?)'),
    (29, 16, 'unknown milestone "alexnt" (did you mean "alexnet"?)'),
    (32, 5, 'unknown key "bulets" (did you mean "bullets"?)'),
    (36, 5, 'duplicate key "title" (first on line 35)'),
    (38, 12, '"../outside.png" leads outside the deck root'),
    (41, 14, 'seconds: expected a number, got text "fast"'),
]


@pytest.mark.parametrize("loader", LOADERS)
def test_ten_mistakes_all_reported_in_file_order(loader: type) -> None:
    path = FIXTURES / "slides" / "ten_mistakes.yaml"
    with pytest.raises(DeckError) as caught:
        load_deck(path, loader=loader)
    found = [(p.location.line, p.location.column, p.message) for p in caught.value.problems]
    assert len(found) == len(TEN_MISTAKES), found
    for (line, column, message), (want_line, want_column, fragment) in zip(
        found, TEN_MISTAKES, strict=True
    ):
        assert (line, column) == (want_line, want_column), message
        assert fragment in message
    assert all(p.location.file == path and p.severity == "error" for p in caught.value.problems)


def test_c_and_pure_python_loaders_report_the_same_problems(tmp_path: Path) -> None:
    text = BASE + "".join(slides for slides, *_ in SLIDE_MISTAKES[:20] if "[]" not in slides)
    assert problems(tmp_path, text, yaml.SafeLoader) == problems(tmp_path, text, yaml.CSafeLoader)


def test_problem_count_is_capped(tmp_path: Path) -> None:
    text = BASE + "  - {kind: title, title: A, seconds: x}\n" * 150
    found = problems(tmp_path, text)
    assert len(found) == 101 and found[-1][2] == "too many problems; stopping here"


CSV_DECK = (
    BASE
    + "  - kind: plot\n    chart: csv\n    csv: {file: d.csv, x: year, y: vlaue, group: kind}\n"
)


def test_csv_chart_columns_must_exist_in_the_header(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("year,value,kind\n2012,1,a\n", encoding="utf-8")
    [(line, column, message)] = problems(tmp_path, CSV_DECK)
    assert (line, column) == (16, 36)
    assert 'no column "vlaue" in the CSV (did you mean "value"?)' in message
    deck = load_deck(_fixed(tmp_path))
    assert deck.slides[0].csv.y == "value"  # type: ignore[attr-defined]


def _fixed(folder: Path) -> Path:
    path = folder / "deck.yaml"
    path.write_text(CSV_DECK.replace("vlaue", "value"), encoding="utf-8")
    return path


def test_csv_given_for_a_non_csv_chart_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("a,b\n", encoding="utf-8")
    text = BASE + "  - {kind: plot, csv: {file: d.csv, x: a, y: b}}\n"
    assert one_problem(tmp_path, text)[:2] == (14, 18)
    assert "only applies to chart: csv" in one_problem(tmp_path, text)[2]


def test_csv_without_a_header_row_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_bytes(b"")
    text = CSV_DECK.replace("vlaue", "value")
    line, column, message = one_problem(tmp_path, text)
    assert (line, column) == (16, 17) and "no header row" in message


def test_misspelt_required_key_is_one_problem_not_two(tmp_path: Path) -> None:
    text = "deck: {titel: T}\nslide:\n  - {kind: title, title: A}\n"
    assert problems(tmp_path, text) == [
        (1, 8, 'deck: unknown key "titel" (did you mean "title"?)'),
        (2, 1, 'deck file: unknown key "slide" (did you mean "slides"?)'),
    ]
