"""A deck with one slide of every kind and hard content (long titles, long organisations,
bodies, excerpts, labels), and helpers to lay slides out in a screen shape and read their text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontMetricsF
from view_samples import ALEXNET, ALPHAGO, GAMES, GPT3, LANGUAGE, VISION, write_png

from revkiosk.deck.model import (
    CompareItem,
    CompareSlide,
    Deck,
    DeckInfo,
    Excerpt,
    HubSlide,
    HubTile,
    Media,
    MediaSlide,
    Milestone,
    MilestoneSlide,
    PartialDate,
    PlotSlide,
    QuoteSlide,
    SectionSlide,
    TextSlide,
    TimelineSlide,
    TitleSlide,
)
from revkiosk.ui.audit import PlacedRun

# 16:9, 4:3, 9:16 and 21:9 at a 1080 px short side (the floor's own reference)
SHAPES = {"16:9": QSize(1920, 1080), "4:3": QSize(1440, 1080), "9:16": QSize(1080, 1920),
          "21:9": QSize(2520, 1080)}  # fmt: skip

RESNET = Milestone(
    "resnet",
    PartialDate(2015, 12, 10),
    "vision",
    "Image recognition passes the human score",
    "Microsoft Research Asia (Kaiming He and colleagues)",
    "A network reached 4.94% top-5 error on ImageNet, below the 5.1% measured for a trained "
    "human; newer networks kept going.",
    "https://papers.nips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html",
)


def hard_deck(root: Path, aspect: tuple[int, int] | None = (16, 9)) -> Deck:
    """Every kind, with the content that broke layouts on a portrait screen (issue 23)."""
    picture = write_png(root / "picture.png", size=(640, 360))
    tall = write_png(root / "tall.png", "#2a9d8f", size=(300, 600))
    slides = (
        TitleSlide(kind="title", title="Visualizing the deep learning revolution",
                   subtitle="Eleven years of AI progress, 2011–2022"),
        SectionSlide(kind="section", title="Language", domain="language",
                     media=Media(image=picture)),
        MilestoneSlide(kind="milestone", milestone=RESNET, media=Media(
            image=picture, caption="Project illustration of the result",
            credit="revkiosk project", licence="CC BY 4.0")),
        MilestoneSlide(kind="milestone", milestone=GPT3, excerpt=Excerpt(
            "The scientist named the population, after their distinctive horn, Ovid's Unicorn. "
            "These four-horned, silver-white unicorns were previously unknown to science.",
            "OpenAI, Better language models and their implications, February 2019",
            "In a shocking finding, scientists discovered a herd of unicorns living in a remote "
            "valley in the Andes Mountains.")),
        MilestoneSlide(kind="milestone", milestone=ALPHAGO),
        TextSlide(kind="text", title="Three ideas behind the revolution",
                  body="AI capabilities made huge jumps in a decade.",
                  bullets=("Progress came mostly from scaling up a few simple methods.",
                           "Few predicted it — and many who did also warned of risks."),
                  media=Media(image=tall, caption="Illustration: generated images grew sharper",
                              credit="revkiosk project", licence="CC BY 4.0"), domain="vision"),
        QuoteSlide(kind="quote", title="Forecasting from compute, 1998",
                   text="Based on extrapolation of past trends and on examination of "
                   "technologies under development, it is predicted that the required hardware "
                   "will be available in cheap machines in the 2020s.",
                   author="Hans Moravec", source="When will computer hardware match the human "
                   "brain?, Journal of Evolution and Technology, 1998"),
        MediaSlide(kind="media", title="Compute, year by year", media=Media(
            image=picture, caption="Training compute of notable AI systems appearing year by year",
            credit="revkiosk project; data Epoch AI", licence="CC BY 4.0")),
        PlotSlide(kind="plot", title="Training compute across three eras", years=(1950, 2023),
                  caption="Data: Epoch AI (CC BY 4.0). Doubling times fitted per era."),
        PlotSlide(kind="plot", chart="forecast", title="Forecasters expected 12.7% on MATH",
                  caption="Forecasts made in August 2021 for 30 June 2022 (Steinhardt, 2022)"),
        CompareSlide(kind="compare", title="Same prompt, bigger model", items=tuple(
            CompareItem(label, Media(image=picture)) for label in
            ("350M parameters", "750M parameters", "3B parameters", "20B parameters")),
            caption="Project-made illustrations of the Parti finding"),
        TimelineSlide(kind="timeline"),
        HubSlide(kind="hub", title="Explore eleven years of deep learning",
                 subtitle="Choose a path: a domain, the whole timeline or the forecasts",
                 tiles=(
            HubTile("domain", "vision", 2, "Vision", 2, "milestones", Media(image=picture),
                    color="#4cc9f0"),
            HubTile("domain", "language", 3, "Language and conversation", 1, "milestones",
                    color="#f72585"),
            HubTile("domain", "games", 4, "Games", 1, "milestones", color="#90be6d"),
            HubTile("timeline", "", 11, "The whole timeline, year by year", 12, "slides"),
            HubTile("slide", "forecast", 9, "Forecasters and what they expected", 1,
                    "slides", Media(image=tall)),
        )),
    )  # fmt: skip
    return Deck(
        path=root / "deck.yaml",
        root=root,
        info=DeckInfo(title="Shapes", author="revkiosk tests", aspect=aspect),
        domains=(VISION, GAMES, LANGUAGE),
        milestones=(GPT3, ALEXNET, ALPHAGO, RESNET),
        slides=slides,
    )


def metric_problems(runs: list[PlacedRun]) -> list[str]:
    """What the text's own metrics say about each line, independently of the audit: a line
    wider than its room, or a line not where its room is."""
    problems = []
    for placed in runs:
        run = placed.run
        if not run.readable or run.rotated:
            continue
        advance = QFontMetricsF(run.font).horizontalAdvance(run.text.rstrip("\u00ad"))
        room = placed.visible
        if advance > room.width() + 1.5:
            problems.append(f"{run.element} {run.text!r}: {advance:.0f} px in {room.width():.0f}")
        line = QRectF(run.rect.left(), run.baseline - QFontMetricsF(run.font).capHeight(),
                      advance, QFontMetricsF(run.font).capHeight())  # fmt: skip
        if not room.adjusted(-1.5, -1.5, 1.5, 1.5).contains(line):
            problems.append(f"{run.element} {run.text!r}: outside its room")
    return problems
