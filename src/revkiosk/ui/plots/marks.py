"""The deck's milestones and the slide's highlights on the compute chart: big, ringed, labelled.

A deck milestone names its dataset row through `system`; a slide's `highlight` lists milestone
ids or dataset system names. Both are matched case-insensitively, as the deck model does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg

from revkiosk.data.dataset import DOMAINS, System
from revkiosk.deck.model import Deck
from revkiosk.ui.plots.axes import format_count, format_flop
from revkiosk.ui.plots.base import rgba
from revkiosk.ui.plots.items import Label
from revkiosk.ui.theme import Theme

FALLBACK_COLORS = {
    "vision": "#4cc9f0",
    "games": "#f72585",
    "language": "#ffb703",
    "science": "#80ed99",
    "other": "#9aa5b8",
}


def domain_colors(deck: Deck | None) -> dict[str, str]:
    """The deck's colour per domain, the fallback palette for domains the deck lacks."""
    deck_colors = {d.id: d.color for d in deck.domains} if deck else {}
    return {d: deck_colors.get(d, FALLBACK_COLORS[d]) for d in DOMAINS}


def domain_name(deck: Deck | None, domain: str) -> str:
    found = deck.domain(domain) if deck else None
    return found.name if found else domain.capitalize()


def short_label(title: str, system: str, limit: int = 16) -> str:
    """What to write beside a marker: the milestone's title when short ('GPT-3'), else the
    system's name without its parenthesis ('AlphaGo Lee' for 'AlphaGo beats Lee Sedol')."""
    if len(title) <= limit:
        return title
    bare = re.sub(r"\s*\(.*\)\s*$", "", system).strip()
    return bare if bare and len(bare) < len(title) else title


def match_milestones(deck: Deck | None, systems: Sequence[System]) -> dict[int, str]:
    """Row index → milestone title, for deck milestones whose `system` is a plotted row."""
    by_name = {s.name.casefold(): i for i, s in enumerate(systems)}
    found: dict[int, str] = {}
    for milestone in deck.milestones if deck else ():
        index = by_name.get((milestone.system or "").casefold())
        if index is not None:
            found[index] = milestone.title
    return found


def match_highlight(deck: Deck | None, systems: Sequence[System], names: Sequence[str]) -> set[int]:
    """Rows named by `highlight` entries (milestone ids first, then system names)."""
    by_name = {s.name.casefold(): i for i, s in enumerate(systems)}
    rows = set()
    for name in names:
        milestone = deck.milestone(name) if deck else None
        key = (milestone.system if milestone and milestone.system else name).casefold()
        if key in by_name:
            rows.add(by_name[key])
    return rows


def card_html(system: System, milestone_title: str | None, muted: str) -> str:
    """The hover card of a system: name, organisation, date, FLOP, parameters (and the slide a
    click opens, for a deck milestone)."""
    link = f"<br><span style='color:{muted}'>Click to open “{milestone_title}”</span>"
    return (
        f"<b>{system.name}</b><br>{system.organisation or 'organisation unknown'}"
        f" · {system.published.day} {system.published:%B %Y}"
        f"<br>{format_flop(system.compute)} · {format_count(system.parameters)}"
        f"{link if milestone_title else ''}"
    )


class Marks:
    """One scatter of big ringed markers plus a text label per marked row."""

    def __init__(
        self,
        plot: pg.PlotItem,
        theme: Theme,
        titles: dict[int, str],
        highlighted: set[int],
    ) -> None:
        self.theme = theme
        self.rows = sorted(titles)
        self.highlighted = highlighted
        self.scatter = pg.ScatterPlotItem()
        self.scatter.setZValue(20)
        plot.addItem(self.scatter)
        self.labels = [
            Label(titles[i], color=theme.text, fill=rgba(theme.background, 0.72)) for i in self.rows
        ]
        for label in self.labels:
            label.setZValue(40)
            plot.addItem(label, ignoreBounds=True)
        self.leaders = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(theme.text, width=2))
        self.leaders.setZValue(19)
        plot.addItem(self.leaders, ignoreBounds=True)

    def set_leader_width(self, width: int) -> None:
        self.leaders.setPen(pg.mkPen(rgba(self.theme.text, 0.8), width=width))

    def set_leaders(self, segments: list[tuple[float, float, float, float]]) -> None:
        """Thin lines joining labels that had to move away to their markers."""
        xs = [v for x0, _, x1, _ in segments for v in (x0, x1)]
        ys = [v for _, y0, _, y1 in segments for v in (y0, y1)]
        self.leaders.setData(np.array(xs, dtype=float), np.array(ys, dtype=float))

    def update(
        self,
        x: np.ndarray,
        y: np.ndarray,
        shown: set[int],
        colors: list[str],
        size_px: int,
    ) -> list[tuple[float, float]]:
        """Redraw the shown marks; returns every mark's data position (for label placement)."""
        spots = []
        for i in self.rows:
            if i not in shown:
                continue
            big = i in self.highlighted
            spots.append(
                {
                    "pos": (x[i], y[i]),
                    "data": i,
                    "size": size_px * (1.3 if big else 0.8),
                    "brush": _brush(colors[i]),
                    "pen": _pen(self.theme.text, max(2, size_px // (5 if big else 9))),
                }
            )
        self.scatter.setData(spots)
        return [(float(x[i]), float(y[i])) for i in self.rows]


@functools.lru_cache(maxsize=256)
def _brush(color: str) -> object:
    """One brush per colour: fresh QBrush objects on every year-cursor step made pyqtgraph's
    symbol atlas grow without bound while a visitor scrubbed (found by the timeline benchmark)."""
    return pg.mkBrush(color)


@functools.lru_cache(maxsize=256)
def _pen(color: str, width: int) -> object:
    """One pen per colour and width, for the same reason as `_brush`."""
    return pg.mkPen(color, width=width)
