"""The milestone slide: what happened, when, who did it, and one picture of it.

The text — domain chip with date and organisation, a big title, one or two sentences, the
source — and the visual: the slide's image (or a video's poster), else the excerpt card, else a
year card, so every milestone has a visual even before its media exists.

On a landscape screen the text is a column beside the visual (wider when the text needs it), or,
for a visitor's large text, the title across the slide over a body column beside the visual; on
a portrait screen the visual goes under the text; a near-square screen tries side by side, then
the title across, then stacked. Whatever does not fit at the visitor's text size is paged (the
body), never shrunk under the floor.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import MilestoneSlide, Slide
from revkiosk.i18n.words import _
from revkiosk.shape import Shape
from revkiosk.ui.media.widget import MediaHost, media_picture
from revkiosk.ui.slides.canvas import GAP, TOP_LEFT, CanvasView
from revkiosk.ui.slides.cards import CUT, PAGED, ExcerptCard, YearCard
from revkiosk.ui.slides.widgets import DomainChip, SourceLine, short_source

VISUAL_GAP = 88.0  # design px between the text column and the visual
STACKED_VISUAL = 0.25  # a visual under the text keeps at least this share of the content height
BODY_LINES = 2  # a body that must page keeps at least this many lines on a page
# The text column's share of the width beside the visual, per shape: the default, then wider
# for text that does not fit, then narrower for an excerpt card that does not; after these the
# visual goes under the text.
SIDE_SHARES: dict[Shape, tuple[float, ...]] = {
    Shape.LANDSCAPE: (0.47, 0.56, 0.38, 0.64),
    Shape.SQUARE: (0.52, 0.6),
    Shape.PORTRAIT: (),
}
# Then the title across the whole width, the body column (this share) beside the visual under it.
ACROSS_SHARES: dict[Shape, tuple[float, ...]] = {
    Shape.LANDSCAPE: (0.47, 0.56),
    Shape.SQUARE: (0.52,),
    Shape.PORTRAIT: (),
}


class MilestoneView(MediaHost, CanvasView):
    """One dated achievement, told in type and shown beside or under it."""

    slide: MilestoneSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        milestone = self.slide.milestone
        detail = " · ".join(p for p in (str(milestone.date), milestone.org) if p)
        self.chip = DomainChip(
            self.domain_name or milestone.domain, detail, self.accent, self.theme, self.family, self
        )
        self.title = self.make_title(milestone.title, line_height=1.04, align=TOP_LEFT)
        self.body = self.page_by(self.make_text(self.slide.text, element="body", line_height=1.35))
        source = short_source(milestone.source) if milestone.source else ""
        self.source = SourceLine(
            _("Source: {source}", source=source) if source else "", self.theme, self.family, self
        )
        self.source.setVisible(bool(source))
        self.credit = self.make_text(
            self._credit_text(), element="credit", color=self.muted, line_height=1.2
        )
        self.picture = media_picture(self, self.slide.media)
        self.card: QWidget | None = None
        if self.picture is None and self.slide.excerpt is not None:
            self.card = ExcerptCard(self.slide.excerpt, self.theme, self.family, self.accent, self)
            self.page_by(self.card.body)  # a long output shows in pages after the body's
        elif self.picture is None:
            date = milestone.date
            caption = date.month_name or self.domain_name
            self.card = YearCard(date.year, caption, self.theme, self.family, self.accent, self)

    def _credit_text(self) -> str:
        media = self.slide.media
        if media is None:
            return ""
        tail = " · ".join(p for p in (media.credit, media.licence) if p)
        return " — ".join(p for p in (media.caption, tail) if p)

    def visual(self) -> QWidget:
        """The picture, excerpt card or year card."""
        return self.picture if self.picture is not None else self.card  # type: ignore[return-value]

    def arrange(self) -> None:
        side = self.short_side()
        for part in (self.chip, self.source, self.card):
            if part is not None:
                part.set_short_side(side)  # type: ignore[attr-defined]
        self.size_text(self.title, 104)
        self.size_text(self.body, 44)
        self.size_text(self.credit, 24)
        tried: list[tuple[int, tuple[str, float]]] = []
        for choice in self._choices():
            badness = self._place(*choice)
            if badness == 0:
                return
            tried.append((badness, choice))
        best = min(tried, key=lambda t: t[0])[1]  # the first of the least bad
        if best != tried[-1][1]:
            self._place(*best)

    def _choices(self) -> list[tuple[str, float]]:
        shape = self.shape()
        # stacked is a landscape slide's last resort (a visitor's 150 % text in a narrow column)
        return (
            [("side", share) for share in SIDE_SHARES[shape]]
            + [("across", share) for share in ACROSS_SHARES[shape]]
            + [("stack", 0.0)]
        )

    def _place(self, kind: str, share: float) -> int:
        """Lay the slide out one way; returns how bad that is: 0 all fits, `PAGED` (per text
        shown in pages), `CUT` for any text that cannot be read whole."""
        area = self.content_rect()
        width = round(area.width() * share) if kind != "stack" else area.width()
        title_w = width if kind == "side" else area.width()
        chip_h = self.chip.preferred_height(title_w)
        self.chip.setGeometry(area.left(), area.top(), title_w, chip_h)
        source_h = self._source_height(width)
        top = area.top() + chip_h + self.px(56)
        title_h = self._title_height(kind, width, area, top, source_h)
        self.title.setGeometry(area.left(), top, title_w, title_h)
        top += title_h + self.px(GAP * 1.5)
        bottom = area.bottom() + 1
        if kind == "stack":
            body_h, visual_top = self._stack(width, top, bottom, source_h)
            source_top = top + body_h + (self.px(GAP) if body_h else 0)
            visual = QRect(area.left(), visual_top, area.width(), bottom - visual_top)
        else:
            source_top = bottom - source_h
            body_h = source_top - self.px(GAP) - top
            left = area.left() + width + self.px(VISUAL_GAP)
            visual_top = area.top() if kind == "side" else top
            visual = QRect(left, visual_top, area.right() + 1 - left, bottom - visual_top)
        self.body.setGeometry(area.left(), top, width, max(0, body_h))
        self.source.setGeometry(area.left(), source_top, width, source_h)
        badness = self._arrange_visual(visual)
        if not self.title.fits(title_w, title_h) or not self.body.shows_whole(width, body_h):
            badness += CUT
        elif self.body.text() and not self.body.fits(width, body_h):
            badness += PAGED
        return badness

    def _source_height(self, width: int) -> int:
        """One line when the source fits on one at a size it may take, else what it needs."""
        if not self.source.text():
            return 0
        one = self.source.natural_height(1e6)
        fit = self.source.measure(width, one)
        return fit.height if fit.fits else self.source.natural_height(width)

    def _title_height(self, kind: str, width: int, area: QRect, top: int, source_h: int) -> int:
        """The title's height: it gives up size (within its own range) for the whole body to
        fit under it (in a column `width` wide), and if that is not enough, for a page of the
        body; only then pages. A title across the slide is as wide as the slide."""
        title_w = width if kind == "side" else area.width()
        cap = round(area.height() * {"side": 0.5, "across": 0.4}.get(kind, 0.3))
        rest = area.bottom() + 1 - top - self.px(GAP * 2.5) - source_h
        if kind == "stack":
            rest -= round(area.height() * STACKED_VISUAL) + self.px(VISUAL_GAP * 0.6)
        if self.body.text():
            whole = rest - self.body.natural_height(width)
            fit = self.title.measure(title_w, min(cap, whole))
            if fit.fits and fit.px >= self.title.lowest_px():
                return min(fit.height, cap)
            rest -= self._body_least(width)
        # never under the title's own lowest size: a visitor's larger title stays large (the
        # body pages, or the next arrangement gives the text more room)
        least = self.title.min_height(title_w)
        return self.title.fitted_height(title_w, max(min(cap, rest), least))

    def _stack(self, width: int, top: int, bottom: int, source_h: int) -> tuple[int, int]:
        """Heights for a body above the visual: (body height, visual top). The visual gets what
        it needs (an excerpt card its text, a picture its width's worth) when the body still
        fits; else the body keeps at least `BODY_LINES` lines a page and pages."""
        gap, visual_gap = self.px(GAP), round(self.px(VISUAL_GAP) * 0.6)
        room = bottom - top - source_h - gap - visual_gap
        least_visual = round((bottom - top) * STACKED_VISUAL)
        want_visual = max(least_visual, self._visual_need(width, bottom - top))
        body_need = self.body.natural_height(width) if self.body.text() else 0
        body_least = min(body_need, self._body_least(width))
        if body_need + want_visual <= room:
            body_h = body_need
        else:  # the visual whole (an excerpt is the point of the slide), the body in pages
            body_h = max(body_least, room - want_visual)
        body_h = max(0, min(body_h, room))
        return body_h, top + body_h + (gap if body_h else 0) + source_h + visual_gap

    def _body_least(self, width: int, lines: int = BODY_LINES) -> int:
        """A page of `lines` lines at the body's lowest size, with its page indicator."""
        return self.body.least_page_height(lines, width)

    def _visual_need(self, width: int, height: int) -> int:
        """The height the visual would like at `width` (credit included)."""
        credit = self.credit.natural_height(width) + self.px(16) if self.credit.text() else 0
        if isinstance(self.card, ExcerptCard):
            self.card.set_short_side(self.short_side())
            return self.card.preferred_height(width, round(height * 0.6)) + credit
        if self.picture is not None and self.picture.ok:
            return min(round(width / self.picture.aspect()), round(height * 0.5)) + credit
        return 0

    def _arrange_visual(self, box: QRect) -> int:
        """Put the visual and its credit in `box`; returns how bad that is (see `_place`)."""
        badness = 0
        credit_h = 0
        for _round in range(4):  # a picture narrower than the box leaves its credit less width
            frame = QRect(box)
            frame.setBottom(box.bottom() - credit_h - (self.px(16) if credit_h else 0))
            if self.picture is not None and self.picture.ok and self.picture.fit == "fit":
                # Frame the picture itself, so rounded corners sit on its edges.
                frame = self.picture.target_rect(QRectF(frame)).toRect()
            # the credit runs from the picture's left edge to the box's right edge
            credit_w = box.right() + 1 - frame.left()
            need = self.credit.natural_height(credit_w) if self.credit.text() else 0
            if need <= credit_h:
                break
            credit_h = min(need, box.height() // 3)
        if self.picture is not None:
            self.picture.radius = self.px(24)
            self.picture.setGeometry(frame)
        elif isinstance(self.card, ExcerptCard):
            self.card.set_short_side(self.short_side())
            needed = self.card.preferred_height(frame.width(), frame.height())
            # a tall column gets a card of some presence; a wide band under the text hugs it
            tall = frame.height() > frame.width()
            height = max(frame.height() * 3 // 5, needed) if tall else needed
            frame.setTop(frame.top() + (frame.height() - height) // 2)
            frame.setHeight(height)
            self.card.setGeometry(frame)
            badness = self.card.badness()
        elif isinstance(self.card, YearCard):
            badness = self.card.badness(frame.width(), frame.height())
            self.card.setGeometry(frame)
        if credit_h and not self.credit.fits(credit_w, credit_h):
            badness += CUT
        self.credit.setGeometry(frame.left(), frame.bottom() + self.px(16), credit_w, credit_h)
        self.credit.setVisible(bool(credit_h))
        return badness
