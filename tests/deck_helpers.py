"""Shared helpers for the deck tests: write a small deck, load it, list its problems."""

from __future__ import annotations

from pathlib import Path

from revkiosk.deck.load import load_deck
from revkiosk.deck.model import Deck, DeckError

# 13 lines; the first slide written after it starts on line 14.
BASE = """\
deck:
  title: T
domains:
  - {id: vision, name: Vision, color: "#4cc9f0"}
milestones:
  - id: alexnet
    date: 2012-09
    domain: vision
    title: AlexNet
    org: U of T
    summary: Wins ImageNet.
    source: https://example.org
slides:
"""
FIRST_SLIDE_LINE = 14


def write(folder: Path, text: str, name: str = "deck.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_text(folder: Path, text: str, loader: type | None = None) -> Deck:
    return load_deck(write(folder, text), loader=loader)


def problems(folder: Path, text: str, loader: type | None = None) -> list[tuple[int, int, str]]:
    """(line, column, message) of every error; fails the test if the deck loads."""
    try:
        load_text(folder, text, loader)
    except DeckError as exc:
        return [
            (p.location.line, p.location.column, p.message)
            for p in exc.problems
            if p.severity == "error"
        ]
    raise AssertionError("deck loaded without errors")


def one_problem(folder: Path, text: str) -> tuple[int, int, str]:
    found = problems(folder, text)
    assert len(found) == 1, found
    return found[0]
