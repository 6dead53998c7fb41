"""A small deck with one slide of every kind, built from the model (no YAML), for view tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from revkiosk.deck.model import (
    CompareItem,
    CompareSlide,
    Deck,
    DeckInfo,
    Domain,
    Excerpt,
    Media,
    MediaSlide,
    Milestone,
    MilestoneSlide,
    PartialDate,
    PlotSlide,
    QuoteSlide,
    SectionSlide,
    Slide,
    TextSlide,
    TimelineSlide,
    TitleSlide,
)

VISION = Domain("vision", "Vision", "#4cc9f0", "Seeing: from ImageNet to diffusion models.")
GAMES = Domain("games", "Games", "#f72585")
LANGUAGE = Domain("language", "Language", "#7bd88f")
GPT3 = Milestone(
    "gpt-3",
    PartialDate(2020, 5),
    "language",
    "GPT-3",
    "OpenAI",
    "A 175-billion-parameter language model learns new tasks from a few examples.",
    "https://arxiv.org/abs/2005.14165",
    "GPT-3",
)
ALEXNET = Milestone(
    "alexnet",
    PartialDate(2012, 9, 30),
    "vision",
    "AlexNet",
    "University of Toronto",
    "A deep convolutional network trained on two GPUs wins ImageNet by a wide margin.",
    "https://papers.nips.cc/paper/4824",
)
ALPHAGO = Milestone(
    "alphago",
    PartialDate(2016, 3),
    "games",
    "AlphaGo beats Lee Sedol",
    "DeepMind",
    "Deep networks and tree search beat a top Go professional 4-1.",
    "https://www.nature.com/articles/nature16961",
)
LONG_BODY = " ".join(
    ["Deep networks learned to see, play, read and write in one decade;"] * 10
)  # 120 words


def words(text: str) -> int:
    return len(text.split())


def write_png(path: Path, color: str = "#e63946", size: tuple[int, int] = (320, 180)) -> Path:
    """A solid-colour PNG, so a test can look for its colour on the slide."""
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def one_of_each(root: Path) -> tuple[Slide, ...]:
    """Every slide kind, the milestone three ways (image, excerpt, nothing)."""
    picture = write_png(root / "picture.png")
    return (
        TitleSlide(kind="title", title="The deep learning revolution", subtitle="2011 to 2022"),
        SectionSlide(kind="section", title="Vision", domain="vision"),
        MilestoneSlide(kind="milestone", milestone=ALEXNET, media=Media(image=picture)),
        MilestoneSlide(
            kind="milestone",
            milestone=GPT3,
            excerpt=Excerpt("The stranger arrived on a Tuesday.", "GPT-3 paper", "Begin a story:"),
        ),
        MilestoneSlide(kind="milestone", milestone=ALPHAGO),
        TextSlide(
            kind="text",
            title="Why now?",
            body="Three things arrived together.",
            bullets=("Data", "Compute", "Algorithms"),
            domain="vision",
        ),
        QuoteSlide(kind="quote", text="Learning machines are here.", author="A researcher"),
        MediaSlide(kind="media", title="Pong", media=Media(video=root / "pong.mp4")),
        PlotSlide(kind="plot", title="Training compute"),
        CompareSlide(
            kind="compare",
            title="Bigger models",
            items=(CompareItem("small", Media(image=picture)),),
        ),
        TimelineSlide(kind="timeline"),
    )


def sample_deck(root: Path, slides: tuple[Slide, ...] | None = None, theme: str = "dark") -> Deck:
    """A deck around `slides` (default: one of each kind) whose media live under `root`."""
    return Deck(
        path=root / "deck.yaml",
        root=root,
        info=DeckInfo(title="Sample", author="revkiosk tests", theme=theme),  # type: ignore[arg-type]
        domains=(VISION, GAMES, LANGUAGE),
        milestones=(GPT3, ALEXNET, ALPHAGO),
        slides=one_of_each(root) if slides is None else slides,
    )
