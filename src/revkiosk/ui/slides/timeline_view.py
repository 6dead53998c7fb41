"""`kind: timeline` slides: the whole decade as the slide itself.

The same strip as the overlay, drawn full-size: lane names for the domains, milestone titles
beside their markers, a hint saying what a visitor can do. Tapping a marker opens its slide;
dragging shows the preview card and opens the milestone under the handle on release. T (or a
tap) engages it for the keyboard: Left/Right then step between milestones until Esc.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide, TimelineSlide
from revkiosk.i18n.words import N_, _
from revkiosk.ui.slides.canvas import GAP, CanvasView
from revkiosk.ui.timeline.strip import TimelineStrip
from revkiosk.ui.timeline.thumbs import thumbs_for

HINT = N_("Drag along the years to preview · tap a milestone to open it")
HINT_PX = 31.0
EMPTY = N_("No milestones to place on this timeline yet")
SIDE = 48.0  # design px: the timeline wants the width more than the text margins


class TimelineView(CanvasView):
    """Title, then the full-size timeline strip."""

    slide: TimelineSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        assert isinstance(slide, TimelineSlide)
        self.engaged = False  # keys go to the strip (T or a tap engages, Esc releases)
        self.title = self.make_title(slide.title)
        self.strip = TimelineStrip(
            context, full=True, domains=slide.domains, card_parent=self, parent=self
        )
        self.strip.setVisible(bool(self.strip.milestones))
        self.strip.milestone_chosen.connect(self._jump)
        self.strip.scrub_released.connect(self._jump)
        self.strip.interacted.connect(self._engage)
        self.strip.close_requested.connect(self._release)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        self.hint = self.make_text(
            _(HINT) if self.strip.milestones else _(EMPTY), element="hint", color=self.muted,
            align=align if self.strip.milestones else Qt.AlignmentFlag.AlignCenter,
        )  # fmt: skip

    def arrange(self) -> None:
        area = self.content_rect()
        top = area.top()
        if self.slide.title:
            self.size_text(self.title, 72)
            title_h = self.title.fitted_height(area.width(), round(area.height() * 0.2))
            self.title.setGeometry(area.left(), top, area.width(), title_h)
            top += title_h + self.px(GAP)
        side = self.px(SIDE)
        bottom = self.height() - side
        if not self.strip.milestones:  # a deck (or a `domains:` filter) without milestones
            self.size_text(self.hint, 40)
            self.hint.setGeometry(area.left(), top, area.width(), max(bottom - top, 10))
            return
        self.size_text(self.hint, HINT_PX)
        hint_h = self.hint.fitted_height(area.width(), round(area.height() * 0.2))
        bottom -= hint_h + self.px(8)
        self.hint.setGeometry(area.left(), bottom + self.px(8), area.width(), hint_h)
        self.strip.setGeometry(side, top, self.width() - 2 * side, max(bottom - top, 10))
        self.strip.set_short_side(self.short_side())

    # contract ---------------------------------------------------------------------------
    def enter(self) -> None:
        """Read thumbnails from the shared cache; queue missing ones (never during export)."""
        if self.context.offscreen:
            return
        thumbs = thumbs_for(self.context)
        if self.strip.thumbs is not thumbs:
            self.strip.thumbs = thumbs
            thumbs.ready.connect(self.strip.refresh_card)
        thumbs.pause(False)
        thumbs.prerender(sorted(i for i in self.strip.slide_of.values() if i is not None))

    def leave(self) -> None:
        self._release()
        if self.strip.thumbs is not None:
            # A background render takes 15-20 ms: on the slides after this one it would land
            # on a key press now and then. The rest waits for the next visit (or the overlay).
            self.strip.thumbs.pause(True)
            self.strip.thumbs.ready.disconnect(self.strip.refresh_card)
            self.strip.thumbs = None

    def handle_action(self, action: str) -> bool:
        """T on a timeline slide engages this timeline instead of opening the overlay."""
        if action != "timeline":
            return False
        self._release() if self.engaged else self._engage()
        if self.engaged:
            self.strip.select(self.strip.selected)
        return True

    def _engage(self) -> None:
        self.engaged = self.strip.show_handle = True
        self.strip.update()

    def _release(self) -> None:
        self.engaged = self.strip.show_handle = False
        self.strip.update()
        self.strip.stop()
        self.strip.hide_card()

    def _jump(self, milestone_id: str) -> None:
        index = self.context.deck.slide_index_of_milestone(milestone_id)
        if index is not None:
            self._release()
            self.context.jump_to(index)
