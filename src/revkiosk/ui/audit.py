"""The legibility audit: render slides offscreen and check every line of text a visitor reads.

Each widget that draws text reports its lines (`text_runs()`, see `ui/textruns.py`); the audit
maps them into the slide, works out how much of each line's room is really visible (its widget
and every parent clip it), and reports:

- **below the floor**: a cap height under the legibility floor of the *screen* (22 px per 1080 px
  of its short side, `revkiosk.shape`); a letterboxed slide counts against the whole screen;
- **cut**: ink reaching outside the visible room, or text shortened with "…";
- **broken inside a word**: a line break inside a word that is not a hyphenation point;
- **overlap**: the ink of two different texts crossing.

Text drawn *inside* a picture is held to the same floor when the picture records how small it
is (`ui/picture_text.py`): widgets that show a picture report it (`picture_runs()`), and its
recorded cap height is scaled to the size the picture is shown at.

`audit_view` checks one built view; `audit_deck` renders a deck at a screen size the way the
player would show it (the deck's aspect, or an override) and returns findings per slide;
`audit_more_layers` opens each milestone's "more" layer over the whole screen, as a visitor's
tap does, and returns findings per milestone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Deck, Milestone
from revkiosk.shape import Aspect, floor_cap, letterbox
from revkiosk.ui.picture_text import PictureRun, picture_text, shown_cap
from revkiosk.ui.textruns import TextRun

TOLERANCE = 1.0  # px: antialiasing and rounding, not a cut
OVERLAP = 2.0  # px in both directions before two texts count as overlapping


@dataclass(frozen=True)
class Finding:
    """One problem with one text on one slide."""

    kind: str  # "below the floor" | "cut" | "broken inside a word" | "overlap"
    element: str
    text: str
    detail: str
    media: Path | None = None  # the picture whose text it is (text inside a picture)


@dataclass(frozen=True)
class PlacedRun:
    """A run in slide coordinates, with the widget that drew it and its visible room."""

    owner: int  # id of the reporting widget: its own lines never "overlap" each other
    run: TextRun
    visible: QRectF


def _visible_rect(widget: QWidget, view: QWidget) -> QRectF:
    """The part of `widget` that can show on `view`: clipped by every parent up to it."""
    rect = QRectF(widget.rect()).translated(QPointF(widget.mapTo(view, QPoint(0, 0))))
    parent = widget.parentWidget()
    while parent is not None and parent is not view:
        rect = rect.intersected(
            QRectF(parent.rect()).translated(QPointF(parent.mapTo(view, QPoint(0, 0))))
        )
        parent = parent.parentWidget()
    return rect.intersected(QRectF(view.rect()))


def _reporters(view: QWidget) -> Iterator[QWidget]:
    yield view
    for widget in view.findChildren(QWidget):
        if widget.isVisibleTo(view) and hasattr(widget, "text_runs"):
            yield widget


def view_runs(view: QWidget) -> list[PlacedRun]:
    """Every line of text `view` shows, in its coordinates."""
    placed = []
    for widget in _reporters(view):
        method = getattr(widget, "text_runs", None)
        if method is None:
            continue
        offset = QPointF(widget.mapTo(view, QPoint(0, 0)))
        clip = _visible_rect(widget, view)
        for run in method():
            moved = run.moved(offset)
            room = moved.bounds.intersected(clip) if moved.bounds is not None else clip
            placed.append(PlacedRun(id(widget), moved, room))
    return placed


def view_pictures(view: QWidget) -> list[PictureRun]:
    """Every picture `view` shows (at least partly), in its coordinates."""
    placed = []
    for widget in view.findChildren(QWidget):
        method = getattr(widget, "picture_runs", None)
        if method is None or not widget.isVisibleTo(view):
            continue
        clip = _visible_rect(widget, view)
        offset = QPointF(widget.mapTo(view, QPoint(0, 0)))
        for run in method():
            moved = run.moved(offset)
            if moved.target.intersects(clip):
                placed.append(moved)
    return placed


def audit_pictures(pictures: list[PictureRun], floor: float) -> list[Finding]:
    """Pictures whose recorded text, at the size they are shown, is under the floor (px)."""
    findings = []
    for run in pictures:
        cap = shown_cap(run)
        if cap is None or cap >= floor - 0.05:
            continue
        record = picture_text(run.path)
        assert record is not None
        detail = (
            f"text in the picture: cap height {cap:.1f} px < {floor:.1f} px"
            f" ({record.min_cap:g} px in its {record.width}x{record.height} pixels,"
            f" shown {run.target.width():.0f}x{run.target.height():.0f})"
        )
        findings.append(Finding("below the floor", run.element, run.path.name, detail, run.path))
    return findings


def _inside(inner: QRectF, outer: QRectF) -> bool:
    return (
        inner.left() >= outer.left() - TOLERANCE
        and inner.top() >= outer.top() - TOLERANCE
        and inner.right() <= outer.right() + TOLERANCE
        and inner.bottom() <= outer.bottom() + TOLERANCE
    )


def audit_runs(runs: list[PlacedRun], floor: float) -> list[Finding]:
    """Check placed runs against a cap-height floor (px) and against each other."""
    findings = []
    for placed in runs:
        run = placed.run
        if not run.readable:
            continue
        cap = run.cap_height()
        if cap < floor - 0.05:
            findings.append(Finding("below the floor", run.element, run.text,
                                    f"cap height {cap:.1f} px < {floor:.1f} px"))  # fmt: skip
        if run.elided:
            findings.append(Finding("cut", run.element, run.text, "shortened with …"))
        elif not _inside(run.ink(), placed.visible):
            findings.append(Finding("cut", run.element, run.text, "reaches outside its room"))
        if run.broken_word:
            findings.append(Finding("broken inside a word", run.element, run.text,
                                    run.broken_word))  # fmt: skip
    readable = [p for p in runs if p.run.readable]
    for i, first in enumerate(readable):
        ink = first.run.ink()
        for second in readable[i + 1 :]:
            if second.owner == first.owner and second.run.source == first.run.source:
                continue  # lines of one text
            common = ink.intersected(second.run.ink())
            if common.width() > OVERLAP and common.height() > OVERLAP:
                findings.append(
                    Finding(
                        "overlap",
                        first.run.element,
                        first.run.text,
                        f"overlaps {second.run.element} “{second.run.text}”",
                    )
                )
    return findings  # fmt: skip


def audit_view(
    view: QWidget, screen_short_side: float | None = None, pictures: bool = False
) -> list[Finding]:
    """Audit a laid-out view; the floor is the screen's (by default the view's own size).
    `pictures`: the text inside its pictures too (those that record it)."""
    side = screen_short_side or min(view.width(), view.height())
    floor = floor_cap(side)
    found = audit_runs(view_runs(view), floor)
    return found + audit_pictures(view_pictures(view), floor) if pictures else found


def audit_deck(
    deck: Deck, context: ViewContext, screen: QSize, aspect: Aspect, pictures: bool = False
) -> list[tuple[int, Finding]]:
    """Render every slide as a player with a `screen`-sized stage shows it and audit it:
    (slide index, finding) pairs in slide order; `pictures`: text inside pictures too."""
    from revkiosk.ui.plots.pgimport import pg  # noqa: F401 - charts are built live, not pictured
    from revkiosk.ui.render import offscreen_view

    _x, _y, width, height = letterbox(screen.width(), screen.height(), aspect)
    side = min(screen.width(), screen.height())
    context = dataclasses.replace(context, deck=deck)
    found = []
    for index, slide in enumerate(deck.slides):
        with offscreen_view(slide, context, QSize(width, height)) as view:
            view.grab()  # charts place their labels when they paint: audit what is painted
            found += [(index, finding) for finding in audit_view(view, side, pictures)]
    return found


def audit_more_layers(
    deck: Deck, context: ViewContext, screen: QSize, pictures: bool = False
) -> list[tuple[Milestone, Finding]]:
    """Open the "more" layer of every milestone a slide of `deck` shows, over a `screen`-sized
    window as the player does (the layer covers the whole screen, letterbox included), and
    audit it like a slide: its text and picture are read at the same three metres."""
    from PySide6.QtGui import QImage

    from revkiosk.deck.model import MilestoneSlide
    from revkiosk.ui.more_layer import offscreen_layer

    shown: dict[str, Milestone] = {}
    for slide in deck.slides:
        if isinstance(slide, MilestoneSlide) and slide.milestone.more is not None:
            shown.setdefault(slide.milestone.id, slide.milestone)
    side = min(screen.width(), screen.height())
    backdrop = QImage(screen, QImage.Format.Format_RGB32)  # as export: no screen's DPI asked
    backdrop.fill(0)
    found = []
    for milestone in shown.values():
        domain = deck.domain(milestone.domain)
        with offscreen_layer(milestone, domain, context.theme, backdrop, screen) as layer:
            layer.grab()  # audited as painted
            found += [(milestone, finding) for finding in audit_view(layer, side, pictures)]
    return found
