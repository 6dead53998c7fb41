"""`kind: timeline` slides: the whole decade as the slide itself.

The same strip as the overlay, drawn full-size: lane names for the domains, milestone titles
beside their markers, a hint saying what a visitor can do. Tapping a marker opens its slide;
dragging shows the preview card and opens the milestone under the handle on release. T (or a
tap) engages it for the keyboard: Left/Right then step between milestones until Esc.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide, TimelineSlide
from revkiosk.i18n.words import N_, _
from revkiosk.ui.slides.canvas import GAP, CanvasView
from revkiosk.ui.timeline.strip import TimelineStrip
from revkiosk.ui.timeline.thumbs import thumbs_for

HINT = N_("Drag along the years to preview · tap a milestone to open it")
HINT_PX = 28.0
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
        self._hint_rect = QRect()

    def arrange(self) -> None:
        area = self.content_rect()
        top = area.top()
        if self.slide.title:
            self.title.set_max_pixel_size(self.pt(72))
            title_h = self.title.fitted_height(area.width(), self.px(150))
            self.title.setGeometry(area.left(), top, area.width(), title_h)
            top += title_h + self.px(GAP)
        hint_h = self.px(HINT_PX * 1.6)
        bottom = self.height() - self.px(SIDE) - hint_h
        self._hint_rect = QRect(area.left(), bottom + self.px(8), area.width(), hint_h)
        side = self.px(SIDE)
        self.strip.setGeometry(side, top, self.width() - 2 * side, max(bottom - top, 10))
        self.strip.set_stage_height(self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(QColor(self.theme.muted))
        if self.strip.milestones:
            painter.setFont(self.face(HINT_PX))
            painter.drawText(self._hint_rect, Qt.AlignmentFlag.AlignRight, _(HINT))
        else:  # a deck (or a `domains:` filter) without milestones: say so, calmly
            painter.setFont(self.face(40))
            painter.drawText(self.strip.geometry(), Qt.AlignmentFlag.AlignCenter, _(EMPTY))
        painter.end()

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
