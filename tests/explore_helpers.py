"""A small exhibit for the exploration tests (hub, links, more layers, a chart, a picture) and
real touch input: QTest touch sequences on the window, as a finger on a kiosk sends them."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

REPO = Path(__file__).resolve().parent.parent

DECK = """\
deck:
  title: Explore test
  slide_seconds: 30
  kiosk: {idle_seconds: 1, warning_seconds: 1, start_slide: 1, start: hub}
domains:
  - {id: vision, name: Vision, color: "#4cc9f0"}
  - {id: games, name: Games, color: "#f72585"}
milestones:
  - id: alexnet
    date: 2012-09
    domain: vision
    title: AlexNet
    org: University of Toronto
    summary: A deep network wins ImageNet.
    source: https://papers.nips.cc/paper/4824
    system: AlexNet
    more:
      text: Eight layers, sixty million weights.
      media: media/picture.png
  - id: alphago
    date: 2016-03
    domain: games
    title: AlphaGo
    org: DeepMind
    summary: A program beats a Go champion.
    source: https://www.nature.com/articles/nature16961
    system: AlphaGo Lee
    more: {text: Two networks guide a search., source: "https://doi.org/10.1038/nature16961"}
slides:
  - {kind: title, id: intro, title: Explore test}
  - kind: hub
    id: hub
    tiles:
      - {domain: vision}
      - {domain: games}
      - {slide: compute, title: Compute}
  - {kind: section, title: Vision, domain: vision}
  - {kind: milestone, id: alexnet, milestone: alexnet, media: media/picture.png}
  - {kind: text, id: why, title: Why, body: Data and compute., links: [alexnet, compute]}
  - {kind: section, title: Games, domain: games}
  - {kind: milestone, milestone: alphago}
  - kind: plot
    id: compute
    title: Compute
    chart: compute
    highlight: [alexnet, alphago]
    years: [2010, 2020]
"""
HUB, ALEXNET, WHY, ALPHAGO, COMPUTE = 1, 3, 4, 6, 7


def write_deck(folder: Path, text: str = DECK) -> Path:
    """The exhibit in `folder`, with its picture beside it."""
    (folder / "media").mkdir(exist_ok=True)
    shutil.copy(REPO / "media" / "examples" / "example-image.png", folder / "media" / "picture.png")
    path = folder / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


_DEVICE = None


def device():  # type: ignore[no-untyped-def]
    """One touch screen for the whole test session (Qt keeps every device registered)."""
    global _DEVICE
    if _DEVICE is None:
        _DEVICE = QTest.createTouchDevice()
    return _DEVICE


def at(widget: QWidget, point: QPoint | None = None) -> QPoint:
    """`point` of `widget` (its centre by default) in its window's coordinates."""
    return widget.mapTo(widget.window(), point if point is not None else widget.rect().center())


def tap(widget: QWidget, point: QPoint | None = None) -> None:
    """A finger down and up on `widget` (sent to its window, as the screen sends it)."""
    window, where = widget.window(), at(widget, point)
    QTest.touchEvent(window, device()).press(0, where, window).commit()
    QTest.touchEvent(window, device()).release(0, where, window).commit()


def pinch(widget: QWidget, spread: int, steps: int = 4) -> None:
    """Two fingers either side of `widget`'s centre moving `spread` pixels apart each."""
    window, centre = widget.window(), widget.rect().center()
    left, right = centre - QPoint(40, 0), centre + QPoint(40, 0)
    QTest.touchEvent(window, device()).press(0, at(widget, left), window).press(
        1, at(widget, right), window
    ).commit()
    for step in range(1, steps + 1):
        shift = QPoint(round(spread * step / steps), 0)
        QTest.touchEvent(window, device()).move(0, at(widget, left - shift), window).move(
            1, at(widget, right + shift), window
        ).commit()
    shift = QPoint(spread, 0)
    QTest.touchEvent(window, device()).release(0, at(widget, left - shift), window).release(
        1, at(widget, right + shift), window
    ).commit()
