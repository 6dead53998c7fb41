"""The default deck as the views lay it out at 1920x1080 (issue 15).

What a visitor would notice: an organisation cut off in the chip ("Everyday R…"), a "PART 5"
kicker after four sections named by their domain, text shrunk to fit because the slide says too
much. Views are built offscreen, the way `revkiosk export` builds them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from revkiosk.context import ViewContext
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import MilestoneSlide, SectionSlide
from revkiosk.theme import theme_named
from revkiosk.ui.render import offscreen_view

REPO = Path(__file__).resolve().parent.parent
DECK = load_deck(REPO / "slides" / "deep-learning-revolution.yaml")
SIZE = QSize(1920, 1080)
MILESTONE_SLIDES = [s for s in DECK.slides if isinstance(s, MilestoneSlide)]


@pytest.fixture(scope="module")
def context(qapp):
    return ViewContext(deck=DECK, theme=theme_named("dark"))


@pytest.mark.parametrize("slide", MILESTONE_SLIDES, ids=lambda s: s.milestone.id)
def test_the_chip_shows_date_and_organisation_whole_at_full_size(context, slide):
    """A long "date · organisation" was shrunk and then elided: neither may happen."""
    with offscreen_view(slide, context, SIZE) as view:
        detail = view.chip.detail
        assert detail.pixel_size() == view.pt(32), f"{detail.text()!r} is shrunk"
        assert detail.fits(detail.width(), detail.height())
        assert not any(run.elided for run in view.chip.text_runs() + detail.text_runs())
        assert detail.geometry().top() < view.chip.row_height(), "beside its pill, one line"


@pytest.mark.parametrize("slide", MILESTONE_SLIDES, ids=lambda s: s.milestone.id)
def test_milestone_text_fits_without_shrinking(context, slide):
    """Title, body and excerpt are drawn at their design size: the slide does not say too much."""
    with offscreen_view(slide, context, SIZE) as view:
        parts = {"title": (view.title, view.pt(104)), "body": (view.body, view.pt(44))}
        card = getattr(view, "card", None)
        if card is not None and hasattr(card, "body"):
            # prompt and output are one text (ExcerptText): the prompt is sized from it
            parts["excerpt"] = (card.body, view.theme.pt(42, SIZE.height()))
        for name, (text, design_px) in parts.items():
            size = text.best_pixel_size(text.width(), text.height())
            assert size >= min(design_px, 60), f"{name} shrinks to {size}px (design {design_px})"


def test_sections_named_by_domain_do_not_number_the_others(context):
    """ "PART 5" after four sections kicked VISION, GAMES, LANGUAGE, SCIENCE read as a mistake."""
    kickers = []
    for slide in DECK.slides:
        if isinstance(slide, SectionSlide):
            with offscreen_view(slide, context, SIZE) as view:
                kickers.append(view.kicker)
    assert kickers[:4] == ["VISION", "GAMES", "LANGUAGE", "SCIENCE"]
    assert all(not k.startswith("PART") for k in kickers)
