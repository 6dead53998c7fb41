"""The designed-canvas base every static slide view shares: background, accent, type, margins.

Views lay their parts out by hand in `resizeEvent` from design units (a 1920x1080 canvas scaled
by `SlideView.px`), because a slide is a fixed composition, not a resizable form: the same
proportions must hold on a 1280x720 projector and a 4K kiosk screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide
from revkiosk.ui.colors import readable_on
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.slides.widgets import FitText
from revkiosk.ui.view import SlideView

MARGIN = 96.0  # design px around every slide's content
GAP = 32.0  # design px between stacked parts


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
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

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
        title = FitText(
            self,
            family=self.family,
            weight=QFont.Weight.Bold,
            color=self.ink if color is None else color,
            line_height=line_height,
            align=align,
        )
        title.set_content(text)
        title.setVisible(bool(text))
        return title

    def face(self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        """The slide face at a design size (scaled to this view and the user's font scale)."""
        font = QFont(self.family)
        font.setPixelSize(self.theme.pt(design_px, self.height()))
        font.setWeight(weight)
        return font

    def pt(self, design_px: float) -> int:
        """A font pixel size for a design size (honours the user's font scale)."""
        return self.theme.pt(design_px, self.height())

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
