"""The deck's milestones and the slide's highlights on the compute chart: big, ringed, labelled.

A deck milestone names its dataset row through `system`; a slide's `highlight` lists milestone
ids or dataset system names. Both are matched case-insensitively, as the deck model does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF

from revkiosk.data.dataset import DOMAINS, System
from revkiosk.deck.model import Deck
from revkiosk.i18n.words import N_, _
from revkiosk.theme import Theme
from revkiosk.ui.plots.axes import format_count, format_flop
from revkiosk.ui.plots.base import rgba
from revkiosk.ui.plots.items import CachedBounds, Label
from revkiosk.ui.plots.pgimport import pg

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


_DOMAIN_NAMES = {  # for domains a deck does not name (the dataset's "other" systems)
    "vision": N_("Vision"),
    "games": N_("Games"),
    "language": N_("Language"),
    "science": N_("Science"),
    "other": N_("Other"),
}


def domain_name(deck: Deck | None, domain: str) -> str:
    """The deck's (translated) name of a domain, else the player's word for it."""
    found = deck.domain(domain) if deck else None
    if found:
        return found.name
    return _(_DOMAIN_NAMES[domain]) if domain in _DOMAIN_NAMES else domain.capitalize()


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


class MarkScatter(CachedBounds, pg.ScatterPlotItem):
    """The ringed markers' scatter, with its bounding rect kept between data changes."""


class Marks:
    """One scatter of big ringed markers plus a text label per marked row.

    Every mark is in the scatter once per style (`set_style`); the year cursor and the legend
    only flag marks hidden or shown (`show`), which repaints just the markers that changed.
    """

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
        self.scatter = MarkScatter()
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
        self.shown = np.zeros(len(self.rows), dtype=bool)  # per mark, in `rows` order
        self.points: list[tuple[float, float]] = []  # per mark: data position
        self._leaders: dict[int, tuple[float, float, float, float]] = {}  # mark -> segment

    def set_leader_width(self, width: int) -> None:
        self.leaders.setPen(pg.mkPen(rgba(self.theme.text, 0.8), width=width))

    def set_leaders(self, segments: dict[int, tuple[float, float, float, float]]) -> None:
        """Thin lines joining labels that had to move away to their markers (mark -> segment)."""
        self._leaders = dict(segments)
        self._draw_leaders()

    def _draw_leaders(self) -> None:
        shown = [seg for k, seg in self._leaders.items() if self.shown[k]]
        xs = [v for x0, _, x1, _ in shown for v in (x0, x1)]
        ys = [v for _, y0, _, y1 in shown for v in (y0, y1)]
        self.leaders.setData(np.array(xs, dtype=float), np.array(ys, dtype=float))

    def set_style(self, x: np.ndarray, y: np.ndarray, colors: list[str], size_px: int) -> None:
        """Put every mark in the scatter at `size_px` (new sizes or data); `show` decides which
        of them are drawn."""
        self.points = [(float(x[i]), float(y[i])) for i in self.rows]
        spots = []
        for i in self.rows:
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
        self._apply_shown(None)

    def show(self, shown: np.ndarray) -> bool:
        """Draw the marks flagged in `shown` (per mark, `rows` order), hide the others and
        their labels and leaders at once. True if any mark changed: the labels then need a
        layout (those of marks that appeared stay hidden until it runs)."""
        shown = np.asarray(shown, dtype=bool)
        changed = np.flatnonzero(shown != self.shown)
        if changed.size == 0:
            return False
        self.shown = shown.copy()
        self._apply_shown(changed)
        for k in changed:
            if not shown[k]:
                self.labels[k].setVisible(False)
        if any(k in self._leaders for k in changed):
            self._draw_leaders()
        return True

    def _apply_shown(self, changed: np.ndarray | None) -> None:
        """Flag the scatter's points as `shown` says and repaint around the marks in `changed`
        (None: every mark, after a restyle)."""
        scatter = self.scatter
        if len(scatter.data) != len(self.rows):
            return
        scatter.data["visible"] = self.shown
        px, py = scatter.pixelVectors()
        if changed is None or px is None or py is None:
            scatter.update()
            return
        pad = scatter.pixelPadding() + 2.0
        pad_x, pad_y = abs(px.x()) * pad, abs(py.y()) * pad
        for k in changed:
            x, y = self.points[k]
            scatter.update(QRectF(x - pad_x, y - pad_y, 2 * pad_x, 2 * pad_y))


@functools.lru_cache(maxsize=256)
def _brush(color: str) -> object:
    """One brush per colour: fresh QBrush objects on every year-cursor step made pyqtgraph's
    symbol atlas grow without bound while a visitor scrubbed (found by the timeline benchmark)."""
    return pg.mkBrush(color)


@functools.lru_cache(maxsize=256)
def _pen(color: str, width: int) -> object:
    """One pen per colour and width, for the same reason as `_brush`."""
    return pg.mkPen(color, width=width)
