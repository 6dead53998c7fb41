"""The designed-canvas base every static slide view shares: background, accent, type, margins.

Views lay their parts out by hand in `arrange()` (called on every resize) from design units —
a 1920x1080 canvas scaled by the slide's short side (`SlideView.px`) — because a slide is a
fixed composition, not a resizable form. Each view has an arrangement per shape (`shape()`:
landscape side by side, near-square, portrait stacked) and reflows when text does not fit
rather than shrinking it under the legibility floor (`floor_px`), which every text box here
respects.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide
from revkiosk.ui.colors import readable_on
from revkiosk.ui.fit_text import SHRINK, FitText
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.view import SlideView

MARGIN = 96.0  # design px around every slide's content
GAP = 32.0  # design px between stacked parts
MEASURE = 1600.0  # design px: the longest comfortable line of body text (about 70 characters)
LARGER_TEXT_LEAST = 0.88  # at a visitor's 125 or 150 %, text shrinks to no less than this share


TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def mirror_children(widget: QWidget) -> None:
    """Mirror where `widget`'s children sit (right to left): a view lays its composition out
    once, left to right, and a right-to-left language gets it reflected about the middle."""
    width = widget.width()
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        box = child.geometry()
        child.move(width - box.x() - box.width(), box.y())


class CanvasView(SlideView):
    """A slide view that paints its own background and knows its accent colour and type face."""

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.family = load_fonts()
        self.background = QColor(self.theme.background)
        self.ink = QColor(self.theme.text)
        self.muted = QColor(self.theme.muted)
        self.surface = QColor(self.theme.surface)
        domain = context.deck.slide_domain(slide)
        self.domain_name = domain.name if domain else ""
        self.accent = QColor(domain.color if domain else self.theme.accent)
        if not self.accent.isValid():
            self.accent = QColor(self.theme.accent)
        self.accent_ink = readable_on(self.accent, self.background, self.theme.ratio(3.0))
        self.paged: list[FitText] = []  # text boxes that may show pages, turned in this order
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def make_text(
        self,
        text: str = "",
        *,
        element: str,
        color: QColor | None = None,
        weight: QFont.Weight = QFont.Weight.Normal,
        italic: bool = False,
        line_height: float = 1.2,
        align: Qt.AlignmentFlag = TOP_LEFT,
    ) -> FitText:
        """A text box of this slide: its face, its language's hyphenation, hidden when empty."""
        box = FitText(
            self,
            family=self.family,
            weight=weight,
            italic=italic,
            color=self.ink if color is None else color,
            line_height=line_height,
            align=align,
            element=element,
        )
        box.language = self.context.language or self.context.deck.info.language
        box.set_content(text)
        box.setVisible(bool(text))
        return box

    def make_title(
        self,
        text: str,
        *,
        color: QColor | None = None,
        line_height: float = 1.08,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> FitText:
        """The slide title as every kind shows it: bold, in the slide's ink unless a coloured
        field needs another colour, hidden when empty."""
        return self.make_text(
            text, element="title", color=color, weight=QFont.Weight.Bold,
            line_height=line_height, align=align,
        )  # fmt: skip

    def page_by(self, box: FitText) -> FitText:
        """Let `box` show its text in pages when it cannot fit; the slide turns them (the
        boxes registered first turn first)."""
        box.pageable = True
        self.paged.append(box)
        box.page_changed.connect(lambda *_: self.page_changed.emit(self.page(), self.page_count()))
        return box

    def size_text(self, box: FitText, design_px: float) -> FitText:
        """Give `box` its top size (design px at this slide's scale and text size) and the
        floor for this slide."""
        box.set_max_pixel_size(self.pt(design_px))
        box.set_floor(self.floor_px())
        # A visitor's larger reading text stays larger: it shrinks a little, then shows in pages.
        # A title, already the largest text, may give up more, to a lowest size still √scale
        # times its lowest at 100 %, so that the reading text keeps its room.
        scale = self.context.visitor.text_scale
        box.set_least_share(LARGER_TEXT_LEAST if scale > 1 and box.pageable else 0.0)
        if box.element == "title":
            box.set_shrink(SHRINK / math.sqrt(max(1.0, scale)))
        return box

    def face(self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        """The slide face at a design size (scaled to this view and the user's font scale),
        never under the floor."""
        font = QFont(self.family)
        font.setPixelSize(self.readable(design_px))
        font.setWeight(weight)
        return font

    def pt(self, design_px: float) -> int:
        """A font pixel size for a design size (honours the user's font scale)."""
        return self.theme.pt(design_px, self.short_side())

    def floor_px(self) -> int:
        """The smallest font size readable text may have on this slide."""
        return floor_font_px(self.short_side(), self.family)

    def readable(self, design_px: float) -> int:
        """`pt(design_px)`, raised to the floor."""
        return max(self.pt(design_px), self.floor_px())

    def visual(self, rect: QRectF) -> QRectF:
        """A rectangle placed left to right, where it goes in this slide's direction: painted
        decorations follow the mirrored composition of a right-to-left slide."""
        if not self.isRightToLeft():
            return rect
        return QRectF(self.width() - rect.right(), rect.top(), rect.width(), rect.height())

    def content_rect(self) -> QRect:
        """The area inside the design margins."""
        m = self.px(MARGIN)
        return self.rect().adjusted(m, m, -m, -m)

    def measure_width(self, width: int) -> int:
        """`width`, or less on a very wide slide: lines of body text stay readable."""
        return min(width, self.px(MEASURE))

    # -- pages ---------------------------------------------------------------------------
    def _shown_paged(self) -> list[FitText]:
        return [box for box in self.paged if not box.isHidden()]

    def page_count(self) -> int:
        return 1 + sum(box.page_count() - 1 for box in self._shown_paged())

    def page(self) -> int:
        return sum(box.page() for box in self._shown_paged())

    def turn_page(self, step: int) -> bool:
        """Next: the first box with a page left moves on; previous: the last one moved back."""
        boxes = self._shown_paged()
        for box in boxes if step > 0 else reversed(boxes):
            if box.set_page(box.page() + step):
                return True
        return False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        for box in self.paged:
            box.set_page(0)  # a slide shown again starts on its first page

    # -- painting ------------------------------------------------------------------------
    def paint_background(self, painter: QPainter) -> None:
        """Fill the slide; subclasses override for colour fields and scrims."""
        painter.fillRect(self.rect(), self.background)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setLayoutDirection(self.layoutDirection())  # AlignLeft means "leading" then
        self.paint_background(painter)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.arrange()
        if self.isRightToLeft():
            mirror_children(self)

    def arrange(self) -> None:
        """Place child widgets for the current size (called on every resize)."""
