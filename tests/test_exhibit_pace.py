"""The kiosk pace rule (issue 15): every word a slide shows, readable at 180 words a minute.

Unit tests of `revkiosk.deck.pace` on small decks written for the test, and of how
`revkiosk check` reports a slide that is too dense: a warning with its file:line:col.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from revkiosk.commands import check
from revkiosk.deck.load import load_deck
from revkiosk.deck.pace import (
    BODY_WORDS,
    CHART_WORDS,
    count_words,
    deck_pace,
    on_screen_text,
    pace_problems,
    page_seconds,
)

LONG_BODY = " ".join(["word"] * 70)
DECK = f"""\
deck:
  title: Pace test
  author: revkiosk tests
  slide_seconds: 12
domains:
  - {{id: vision, name: Vision, color: "#4cc9f0"}}
milestones:
  - id: alexnet
    date: 2012-10
    domain: vision
    title: AlexNet wins ImageNet
    org: University of Toronto
    summary: A deep network won the ImageNet contest by a wide margin.
    source: https://papers.nips.cc/paper/4824
slides:
  - kind: text
    title: Short
    body: Three words here.
  - kind: text
    title: Far too long for its time
    body: "{LONG_BODY}"
    seconds: 15
  - kind: milestone
    milestone: alexnet
    excerpt:
      text: "A winning error rate of 15.3%."
      source: Krizhevsky et al., 2012
    seconds: 30
  - kind: plot
    title: Compute
    chart: compute
    highlight: [alexnet]
    caption: Each dot is one system.
    seconds: 20
"""


def write(tmp_path: Path, text: str = DECK) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_words_are_counted_as_a_reader_reads_them():
    assert count_words("VIOLA: Why, Salisbury / That which — I am") == 7
    assert count_words("solves 28.8% of the problems, while GPT-3 solves 0%") == 9
    # a URL is glanced at, not read: two words however long its path
    assert count_words("Source: https://papers.nips.cc/paper/2012/hash/c3998-Abstract.html") == 3


def test_a_slide_too_dense_for_its_seconds_is_a_warning_at_its_location(tmp_path):
    path = write(tmp_path)
    problems = pace_problems(load_deck(path))
    dense = [p for p in problems if "slide 2 " in p.message and "take" in p.message]
    assert len(dense) == 1
    problem = dense[0]
    lines = path.read_text().splitlines()
    second_text_slide = [i for i, line in enumerate(lines) if line == "  - kind: text"][1]
    where = (problem.location.file, problem.location.line, problem.location.column)
    assert where == (path, second_text_slide + 1, 5)
    assert problem.severity == "warning"
    assert "180 words a minute" in problem.message and "shows for 15 s" in problem.message
    # the fix is named: the seconds the slide would need
    assert "76 words" in problem.message and "raise `seconds` to 26" in problem.message


def test_a_body_over_sixty_words_is_a_warning(tmp_path):
    problems = pace_problems(load_deck(write(tmp_path)))
    long_body = [p for p in problems if "the body has" in p.message]
    assert [p.message.split(":")[0] for p in long_body] == ["slide 2 (Far too long for its time)"]
    assert f"under {BODY_WORDS}" in long_body[0].message


def test_slides_without_seconds_get_the_decks_slide_seconds(tmp_path):
    paces = deck_pace(load_deck(write(tmp_path)))
    assert paces[0].seconds == 12  # from deck.slide_seconds
    assert paces[1].seconds == 15
    assert paces[0].margin > 0 and paces[1].margin < 0


def test_a_milestone_counts_chip_title_body_source_and_its_excerpt(tmp_path):
    deck = load_deck(write(tmp_path))
    texts, body = on_screen_text(deck.slides[2], deck)
    joined = " ".join(texts)
    for part in ("Vision", "October 2012", "University of Toronto", "AlexNet wins ImageNet"):
        assert part in joined
    assert "Source: https://papers.nips.cc/paper/4824" in texts
    assert "A winning error rate of 15.3%." in texts and "Krizhevsky et al., 2012" in texts
    assert body == "A deep network won the ImageNet contest by a wide margin."


def test_a_milestone_picture_hides_its_excerpt_and_shows_its_credit(tmp_path):
    text = DECK.replace(
        "    excerpt:\n",
        "    media: {image: pic.png, caption: A caption, credit: Someone, licence: CC0}\n"
        "    excerpt:\n",
    )
    deck = load_deck(write(tmp_path, text))
    texts, _ = on_screen_text(deck.slides[2], deck)
    assert "A winning error rate of 15.3%." not in texts  # the view shows the picture instead
    assert any("A caption" in t and "Someone" in t for t in texts)


def test_charts_add_their_own_words(tmp_path):
    deck = load_deck(write(tmp_path))
    chart = deck_pace(deck)[3]
    caption_and_title = count_words("Compute") + count_words("Each dot is one system.")
    assert chart.words == caption_and_title + CHART_WORDS["compute"] + 1  # + one highlight


def test_check_prints_pace_warnings_with_locations_and_still_passes(tmp_path):
    path = write(tmp_path)
    out = io.StringIO()
    assert check.main([str(path)], out=out) == check.OK
    lines = out.getvalue().splitlines()
    assert any(line.startswith(f"{path}:") and ": warning: slide 2 " in line for line in lines)
    out = io.StringIO()
    check.main([str(path), "--json"], out=out)
    found = [p for p in json.loads(out.getvalue()) if "words a minute" in p["message"]]
    assert found and found[0]["severity"] == "warning" and found[0]["column"] == 5


def test_a_deck_within_pace_gets_no_pace_warning(tmp_path):
    text = DECK.replace(f'    body: "{LONG_BODY}"\n    seconds: 15', "    body: Better.")
    assert pace_problems(load_deck(write(tmp_path, text))) == []


def test_a_page_gets_its_share_of_the_slide_time_and_never_less_than_its_words_take():
    assert page_seconds(12, 2, "A short page") == 6.0, "a share of the slide's time"
    assert page_seconds(12, 2, " ".join(["word"] * 30)) == 10.0, "30 words at 180 a minute"
    assert page_seconds(12, 0, "") == 12.0
