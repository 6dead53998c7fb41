"""A tidy stand-in view for kinds whose real view is still being built (plot, media, …).

It shows the slide title and a neutral card saying what will appear, so every kind renders and
the deck can be rehearsed end to end today.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import Slide
from revkiosk.ui.slides.base import ViewContext
from revkiosk.ui.slides.canvas import GAP, CanvasView
from revkiosk.ui.slides.cards import NoticeCard


class PlaceholderView(CanvasView):
    """Title on top, a dashed `headline` card with a `detail` line below it."""

    headline = "Content goes here"

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title = self.make_title(slide.heading)
        self.card = NoticeCard(self.headline, self.detail(), self.theme, self.family, self)

    def detail(self) -> str:
        """One line naming what the real view will show (kind-specific)."""
        return ""

    def arrange(self) -> None:
        area = self.content_rect()
        self.card.set_stage_height(self.height())
        self.title.set_max_pixel_size(self.pt(72))
        title_h = self.title.fitted_height(area.width(), self.px(180))
        self.title.setGeometry(area.left(), area.top(), area.width(), title_h)
        top = area.top() + title_h + self.px(GAP * 1.5)
        self.card.setGeometry(area.left(), top, area.width(), area.bottom() - top)
