"""Small things a translation must keep: no-break spaces in a "more" layer, and spoken mode reading
the translation shown beside a quoted model output (both found by the French translator)."""

from __future__ import annotations

from pathlib import Path

from revkiosk.deck.model import (
    Deck,
    DeckInfo,
    Domain,
    Excerpt,
    Milestone,
    MilestoneSlide,
    More,
    PartialDate,
)
from revkiosk.describe.slides import slide_text
from revkiosk.theme import DARK
from revkiosk.ui.more_layer import MoreCard

NBSP = "\u00a0"


def milestone(more_text: str = "Done.") -> Milestone:
    return Milestone(
        id="m",
        date=PartialDate(2015),
        domain="vision",
        title="T",
        org="O",
        summary="S",
        source="https://example.org",
        more=More(text=more_text),
    )


def test_a_more_layer_keeps_no_break_spaces(qtbot) -> None:  # type: ignore[no-untyped-def]
    """ "26,2 %" must never break between the number and its sign; the layer folds only the
    YAML block's own line breaks."""
    text = f"Le taux tombe à 26,2{NBSP}%\ndans la\n\nsuite{NBSP}: fin."
    card = MoreCard(milestone(text), Domain("vision", "Vision", "#4cc9f0"), DARK, None)  # type: ignore[arg-type]
    qtbot.addWidget(card)
    shown = card.body.text()
    assert f"26,2{NBSP}%" in shown and f"suite{NBSP}:" in shown
    assert "à 26,2" in shown and "\n" not in shown.split("\n\n")[0]


def test_spoken_mode_reads_the_translation_beside_a_quoted_output() -> None:
    excerpt = Excerpt(text="The reining of the raven", source="1911", translation="Le cheval")
    slide = MilestoneSlide(kind="milestone", milestone=milestone(), excerpt=excerpt)
    root = Path("/nonexistent")
    deck = Deck(root / "d.yaml", root, DeckInfo(title="D"), (), (milestone(),), (slide,))
    spoken = slide_text(slide, deck)
    assert "Le cheval" in spoken and "raven" not in spoken
