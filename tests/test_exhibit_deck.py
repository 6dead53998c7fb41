"""The default deck as a museum exhibit (issue 15): the fixes an outside read asked for, held.

Plain pytest on the loaded deck and its media files, no Qt: each test names the error it keeps
from coming back (a date, a number, a unit, a repeated title, an image shown three times, the
argument that ended in the speaker notes).
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from revkiosk.data.dataset import with_compute
from revkiosk.data.trends import fit_eras
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import (
    CompareSlide,
    Deck,
    MilestoneSlide,
    PartialDate,
    PlotSlide,
    QuoteSlide,
    SectionSlide,
    TextSlide,
)
from revkiosk.deck.pace import deck_pace, on_screen_text, pace_problems

REPO = Path(__file__).resolve().parent.parent
DECK_PATH = REPO / "slides" / "deep-learning-revolution.yaml"
TREND_UNTIL = 2023.0  # the chart fits systems up to the end of 2022 (ui/plots/compute_layers.py)
# Sevilla et al. 2022, Table 2: doubling time 95% intervals in months (slides/SOURCES.md)
PAPER_INTERVALS = {"pre": (17.0, 29.3), "deep": (4.3, 9.0), "large": (7.7, 17.1)}
# Jargon a visitor cannot be assumed to know, and words that explain it on the same slide.
JARGON = {
    "top-5": ("five best guesses", "five guesses"),
    "FLOP": ("arithmetic operation",),
    "MMLU": ("exam questions",),
    "HumanEval": (),
    "docstring": (),
    "miniF2F": ("olympiad problems",),
    "modulo 2": (),
    "Kinetics-600": (),
    "AGI": ("AI that can do most of what people can",),
}


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK_PATH)


def screen_text(deck: Deck, slide) -> str:
    texts, _ = on_screen_text(slide, deck)
    if isinstance(slide, PlotSlide) and slide.chart == "compute":
        texts.append("Training compute (FLOP)")  # the chart's own axis title
    return " ".join(texts)


def slides_in_sections(deck: Deck):
    section = None
    for slide in deck.slides:
        if isinstance(slide, SectionSlide):
            section = slide
        yield section, slide


def test_every_slide_of_the_default_deck_passes_the_pace_rule(deck):
    assert pace_problems(deck) == []
    assert min(p.margin for p in deck_pace(deck)) >= 1.0  # at least a second to spare


def test_alexnet_is_dated_to_the_results_and_its_two_scores_are_explained(deck):
    alexnet = deck.milestone("alexnet")
    assert alexnet.date == PartialDate(2012, 10)  # results October 2012; 30 Sept was the deadline
    chart = next(s for s in deck.slides if isinstance(s, PlotSlide) and s.chart == "csv")
    assert "16.4%" in chart.caption and "15.3%" in chart.caption
    assert "extra images" in chart.caption
    rows = (REPO / "media/data/imagenet-top5.csv").read_text()
    assert "AlexNet (SuperVision),16.4" in rows  # the chart plots the contest-data-only entry


def test_video_diffusion_claims_only_the_first_diffusion_results(deck):
    summary = deck.milestone("video-diffusion").summary
    assert "first diffusion results" in summary
    assert "GODIVA" in summary and "NÜWA" in summary  # text-to-video existed before
    assert "first results on generating clips" not in summary


def test_the_starcraft_diagram_compares_like_with_like(deck):
    slide = deck.slides[deck.slide_index_of_milestone("alphastar")]
    svg = (slide.media.image).read_text(encoding="utf-8")
    # no "legal moves per turn" set against "actions in a game" any more
    assert "legal moves" not in svg and "1000s" not in svg
    assert "StarCraft II" in svg and "only near" in svg


def test_the_pong_agent_says_rallies_everywhere(deck):
    slide = deck.slides[deck.slide_index_of_milestone("dqn-atari")]
    vtt = slide.media.subtitles.read_text(encoding="utf-8")
    assert "rallies" in vtt and "games" not in vtt
    assert "rallies" in slide.media.caption and "games" not in slide.media.caption


def test_gpt2_code_credits_the_essay_on_screen(deck):
    milestone = deck.milestone("gpt-2-code")
    slide = deck.slides[deck.slide_index_of_milestone("gpt-2-code")]
    assert milestone.date == PartialDate(2019, 2)
    assert "richardcngo" in milestone.source  # the essay is the only source for the 2019 story
    assert "Ngo" in slide.excerpt.source


def test_vpt_says_the_pickaxe_came_after_fine_tuning(deck):
    assert "After extra training" in deck.milestone("vpt").summary
    notes = deck.slides[deck.slide_index_of_milestone("vpt")].notes
    assert "only after fine-tuning" in notes


def test_the_forecast_chart_footnotes_palms_mmlu_score(deck):
    chart = next(s for s in deck.slides if isinstance(s, PlotSlide) and s.chart == "forecast")
    assert "67.5%" in chart.caption and "69.3%" in chart.caption and "PaLM" in chart.caption


def test_every_milestone_slide_sits_in_its_own_domains_section(deck):
    """A LANGUAGE pill inside the science section read as a mistake."""
    misplaced = [
        (slide.milestone.id, section.title if section else None)
        for section, slide in slides_in_sections(deck)
        if isinstance(slide, MilestoneSlide) and (section is None or section.domain != slide.domain)
    ]
    assert misplaced == []


def test_no_two_slides_share_a_title(deck):
    titles = Counter(s.heading for s in deck.slides)
    assert [t for t, n in titles.items() if n > 1] == []


def test_no_image_is_shown_on_three_slides(deck):
    uses: Counter[Path] = Counter()
    for slide in deck.slides:
        media = [getattr(slide, "media", None)]
        if isinstance(slide, CompareSlide):
            media += [item.media for item in slide.items]
        pictures = {p for m in media if m is not None for p in (m.image, m.poster) if p}
        uses.update(pictures)
    assert {p.name: n for p, n in uses.items() if n >= 3} == {}


def test_model_output_never_starts_with_the_prompts_words(deck):
    for slide in deck.slides:
        if isinstance(slide, MilestoneSlide) and slide.excerpt and slide.excerpt.prompt:
            prompt = slide.excerpt.prompt.strip().lower()
            assert not slide.excerpt.text.strip(' “"…').lower().startswith(prompt[:20])


def test_jargon_is_explained_on_the_slide_that_shows_it(deck):
    unexplained = []
    for number, slide in enumerate(deck.slides, 1):
        text = screen_text(deck, slide)
        for term, explanations in JARGON.items():
            if term.lower() in text.lower() and not any(e in text for e in explanations):
                unexplained.append((number, term))
    assert unexplained == []


def test_the_2022_text_to_image_milestones_are_there_with_primary_sources(deck):
    expected = {
        "dall-e-2": (PartialDate(2022, 4), "OpenAI", "arxiv.org/abs/2204.06125"),
        "imagen": (PartialDate(2022, 5), "Google Research", "arxiv.org/abs/2205.11487"),
        "stable-diffusion": (PartialDate(2022, 8), "Stability AI", "arxiv.org/abs/2112.10752"),
    }
    for milestone_id, (date, org, source) in expected.items():
        milestone = deck.milestone(milestone_id)
        assert (milestone.date, milestone.source.removeprefix("https://")) == (date, source)
        assert org in milestone.org
        slide = deck.slides[deck.slide_index_of_milestone(milestone_id)]
        assert slide.media or slide.excerpt


def test_the_deck_ends_on_the_stakes_then_the_credits(deck):
    *_, section_index = (i for i, s in enumerate(deck.slides) if isinstance(s, SectionSlide))
    stakes = deck.slides[section_index]
    assert stakes.title == "The stakes"
    after = deck.slides[section_index + 1 :]
    assert after[-1].id == "credits"
    last_word = after[-2]
    assert isinstance(last_word, QuoteSlide) and last_word.title == "What is at stake"
    for slide in after[:-1]:  # every claim about risk carries its source on screen
        if isinstance(slide, QuoteSlide):
            assert slide.source and slide.author
        if isinstance(slide, TextSlide):
            assert all(re.search(r"\((OpenAI|Ngo)[^)]*20\d\d\)", b) for b in slide.bullets)
    said = " ".join(screen_text(deck, s) for s in after)
    for who in ("OpenAI", "Anthropic", "DeepMind", "extinction"):
        assert who in said


def test_the_eras_chart_says_its_method_and_that_the_fits_sit_inside_the_papers_ranges(deck):
    """The caption's claim is computed again from the shipped data: if new data moved a fit
    outside the paper's interval, this fails and the caption must change."""
    chart = next(s for s in deck.slides if s.id == "compute-eras")
    assert "Sevilla et al. (2022)" in chart.caption and "straight fit" in chart.caption
    rows = [s for s in with_compute() if s.decimal_year < TREND_UNTIL]
    fits = fit_eras(np.array([s.decimal_year for s in rows]), np.array([s.compute for s in rows]))
    shown = re.findall(r"(\d+(?:\.\d+)?)–(\d+(?:\.\d+)?)", chart.caption)
    assert len(shown) == 3 and "All three doubling times fall inside" in chart.caption
    for fit, (low, high) in zip(fits, shown, strict=True):
        paper_low, paper_high = PAPER_INTERVALS[fit.era]
        assert abs(float(low) - paper_low) < 0.6 and abs(float(high) - paper_high) < 0.6
        assert paper_low <= round(fit.doubling_months, 1) <= paper_high, fit.label


def test_kiosk_visitors_see_the_risk_argument_not_only_the_lecturer(deck):
    """The essay's third idea was only in the notes; now slides say it."""
    on_screen = " ".join(screen_text(deck, s) for s in deck.slides)
    assert "Many who did also warn of risks" in on_screen
    assert "Mitigating the risk of extinction from AI" in on_screen


# The video section's milestones that show a film of a small model the project trained
# (scripts/media/tiny_*.py) instead of a quote box: milestone id -> the film's name.
SMALL_MODEL_FILMS = {
    "dvd-gan": "tiny-video-gan",
    "make-a-video": "tiny-make-a-video",
    "cogvideo": "tiny-cogvideo",
}


@pytest.mark.parametrize("milestone", sorted(SMALL_MODEL_FILMS))
def test_a_video_milestone_plays_its_small_models_film_captioned_in_every_language(deck, milestone):
    """A visitor sees moving pictures labelled as what they are, and reads them in French,
    German or Spanish too (the film has no words of its own: only its captions change)."""
    from revkiosk.i18n.catalogs import deck_in

    slide = deck.slides[deck.slide_index_of_milestone(milestone)]
    media = slide.media
    name = SMALL_MODEL_FILMS[milestone]
    assert slide.excerpt is None and media is not None
    assert media.video.name == f"{name}.mp4" and media.poster.name == f"{name}.png"
    assert media.caption.startswith("Real output of a small model trained for this exhibit: ")
    assert media.loop and media.muted and media.alt
    assert (media.credit, media.licence) == ("revkiosk project", "CC BY 4.0")
    english = media.subtitles.read_text(encoding="utf-8")
    assert english.startswith("WEBVTT") and "[No sound]" in english
    for code in ("fr", "de", "es"):
        shown, problems = deck_in(deck, code)
        assert not problems
        there = shown.slides[shown.slide_index_of_milestone(milestone)].media
        assert there.video == media.video  # the same film: it has no words to translate
        assert there.caption != media.caption and there.alt != media.alt
        assert there.subtitles.name == f"{name}.{code}.vtt"
        words = there.subtitles.read_text(encoding="utf-8")
        assert words.count(" --> ") == english.count(" --> ") and words != english


@pytest.mark.parametrize("name", sorted(SMALL_MODEL_FILMS.values()))
def test_a_small_models_film_moves(name):
    """Moving pictures, not a still: at the end of the film (the trained model) frames an
    eighth of a second apart differ, and the film's last frame is not its first."""
    imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")
    path = REPO / "media" / "video" / f"{name}.mp4"
    side, fps = 180, 24  # decoded small: motion shows at any size
    raw = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-vf",
         f"scale={side}:{side}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    frames = list(np.frombuffer(raw, np.uint8).reshape(-1, side, side, 3))
    assert len(frames) >= 10 * fps  # long enough to watch
    last = frames[-len(frames) // 8 :]  # the trained model, at the end of the film
    changes = [np.abs(a.astype(int) - b).mean() for a, b in zip(last, last[3:], strict=False)]
    assert max(changes) > 1.0, "the trained model's clips do not move"
    assert np.abs(frames[0].astype(int) - frames[-1]).mean() > 1.0  # it changes over training
