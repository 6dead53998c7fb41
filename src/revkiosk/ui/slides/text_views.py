"""Text and quote slides: type-led compositions on the designed canvas.

A text slide with media sets them side by side on a landscape screen and stacks the media under
the text on a portrait one (near-square screens try side by side first). A body that does not
fit at the visitor's text size is shown in pages. A quote keeps its attribution on every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import QuoteSlide, Slide, TextSlide
from revkiosk.shape import Shape
from revkiosk.ui.slides.canvas import GAP, TOP_LEFT, CanvasView
from revkiosk.ui.textruns import TextRun, line_run

if TYPE_CHECKING:
    from revkiosk.ui.media.widget import MediaWidget

BOTTOM = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
KICKER_PX = 31.0
MEDIA_MIN_SHARE = 0.3  # stacked media keeps at least this share of the content height


def kicker_font(view: CanvasView) -> QFont:
    font = view.face(KICKER_PX, QFont.Weight.Bold)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 120)
    return font


class TextView(CanvasView):
    """A title with an accent rule, then body paragraphs and/or bullets; media beside them or
    under them (a picture or a video, with its caption and credit).

    The media package is imported only for a slide that has media (what `MediaHost` does for
    other views, done here for the one widget), which keeps it off the start-up path.
    """

    slide: TextSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title = self.make_title(self.slide.title, align=TOP_LEFT)
        self.body = self.page_by(self.make_text(self.slide.body, element="body", line_height=1.32))
        self.body.set_content(self.slide.body, self.slide.bullets)
        self.body.setVisible(bool(self.slide.body or self.slide.bullets))
        self.body.set_marker_color(self.accent_ink)
        self._kicker_rect = QRectF()
        media = self.slide.media
        self.picture: MediaWidget | None = None
        if media is not None and (media.image or media.video):
            from revkiosk.ui.media.widget import MediaWidget

            self.picture = MediaWidget(media, context, self, show_caption=True)

    def preload(self) -> None:
        if self.picture is not None:
            self.picture.preload()

    def enter(self) -> None:
        if self.picture is not None:
            self.picture.enter()

    def leave(self) -> None:
        if self.picture is not None:
            self.picture.leave()

    def handle_action(self, action: str) -> bool:
        if action == "play_pause":
            return self.picture is not None and bool(self.picture.play_pause())
        return super().handle_action(action)

    def _arrangements(self) -> list[tuple[str, float]]:
        if self.picture is None:
            return [("alone", 1.0)]
        return {
            Shape.LANDSCAPE: [("side", 0.52), ("side", 0.6)],
            Shape.SQUARE: [("side", 0.56), ("stack", 0.0)],
            Shape.PORTRAIT: [("stack", 0.0)],
        }[self.shape()]

    def arrange(self) -> None:
        self.size_text(self.title, 84)
        self.size_text(self.body, 46)
        choices = self._arrangements()
        for n, (kind, share) in enumerate(choices):
            if self._place(kind, share) or n == len(choices) - 1:
                return

    def _place(self, kind: str, share: float) -> bool:
        """Lay the slide out one way; True when every text fits without pages."""
        area = self.content_rect()
        inset = self.px(44)  # room for the accent rule left of the title
        line = QFontMetricsF(kicker_font(self)).height()
        kicker = round(max(self.px(56), line * 1.4)) if self.domain_name else 0
        top = area.top() + kicker
        if kind == "side":
            text_w = round(area.width() * share) - inset
            left = area.left() + round(area.width() * share) + self.px(64)
            self._place_media(QRect(left, area.top(), area.right() - left + 1, area.height()))
        else:
            text_w = self.measure_width(area.width() - inset)
        title_h = self.title.fitted_height(text_w, round(area.height() * 0.34))
        body_top = top + title_h + self.px(GAP * 2)
        bottom = area.bottom() + 1
        if kind == "stack":  # the text takes what it needs; the media gets the rest
            room = bottom - body_top - round(area.height() * MEDIA_MIN_SHARE) - self.px(GAP * 2)
            body_h = self.body.fitted_height(text_w, room)
            media_top = body_top + body_h + self.px(GAP * 2)
            self._place_media(QRect(area.left(), media_top, area.width(), bottom - media_top))
            bottom = body_top + body_h
        self.title.setGeometry(area.left() + inset, top, text_w, title_h)
        self.body.setGeometry(area.left() + inset, body_top, text_w, max(0, bottom - body_top))
        self._kicker_rect = QRectF(area.left() + inset, area.top(), text_w, line)
        return self.body.fits(text_w, bottom - body_top) and self.title.fits(text_w, title_h)

    def _place_media(self, box: QRect) -> None:
        if self.picture is not None:
            self.picture.radius = self.px(28)
            self.picture.setGeometry(box)

    def text_runs(self) -> list[TextRun]:
        if not self.domain_name or self.title.height() <= self.px(16):
            return []
        return [line_run("kicker", self.domain_name.upper(), kicker_font(self),
                         self.visual(self._kicker_rect))]  # fmt: skip

    def paint_background(self, painter: QPainter) -> None:
        super().paint_background(painter)
        title = self.title.geometry()
        if title.height() <= self.px(16):
            return  # no title, no rule (and no kicker floating above nothing)
        rule = self.visual(
            QRectF(self.px(96), title.top() + self.px(8), self.px(12), title.height() - self.px(16))
        )
        painter.fillRect(rule, self.accent)
        if self.domain_name:
            painter.setFont(kicker_font(self))
            painter.setPen(self.accent_ink)
            painter.drawText(self.visual(self._kicker_rect),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.domain_name.upper())  # fmt: skip


class QuoteView(CanvasView):
    """A large quotation under a giant accent quote mark, with its attribution beneath."""

    slide: QuoteSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.quote = self.page_by(
            self.make_text(self.slide.text.strip(), element="quote",
                           weight=QFont.Weight.DemiBold, line_height=1.22, align=BOTTOM)
        )  # fmt: skip
        self.author = self.make_text(
            f"— {self.slide.author}" if self.slide.author else "",
            element="attribution", weight=QFont.Weight.Bold,
        )  # fmt: skip
        self.source = self.make_text(
            self.slide.source, element="source", color=self.muted, line_height=1.2
        )
        self.kicker = self.make_text(
            self.slide.title.upper(), element="kicker", color=self.muted, weight=QFont.Weight.Bold
        )

    def arrange(self) -> None:
        area = self.content_rect()
        indent = self.px(150) if self.shape() is Shape.LANDSCAPE else self.px(24)
        left = area.left() + indent
        width = self.measure_width(area.right() - left - self.px(60))
        self.size_text(self.quote, 84)
        self.size_text(self.author, 40)
        self.size_text(self.source, 30)
        src_h = self.source.fitted_height(width, self.px(200))
        self.source.setGeometry(left, area.bottom() + 1 - src_h, width, src_h)
        bottom = area.bottom() + 1 - src_h - (self.px(12) if src_h else 0)
        auth_h = self.author.fitted_height(width, self.px(160))
        self.author.setGeometry(left, bottom - auth_h, width, auth_h)
        bottom -= auth_h + self.px(GAP * 2)
        # Room above the first line for the quote mark (and the kicker title, if any).
        self.size_text(self.kicker, KICKER_PX)
        kicker_w = self.width() - 2 * self.px(96)
        kicker_h = self.kicker.fitted_height(kicker_w, round(area.height() * 0.2))
        self.kicker.setGeometry(self.px(96), self.px(72), kicker_w, kicker_h)
        top = area.top() + self.px(150) + (kicker_h + self.px(16) if self.slide.title else 0)
        quote_h = self.quote.fitted_height(width, bottom - top)
        # Sit the quotation in the optical middle when it is short.
        quote_top = max(top, min(bottom - quote_h, round(self.height() * 0.5 - quote_h * 0.6)))
        self.quote.setGeometry(left, quote_top, width, quote_h)
        shift = bottom - (quote_top + quote_h)
        for part in (self.author, self.source):
            part.move(left, part.y() - shift)

    def paint_background(self, painter: QPainter) -> None:
        super().paint_background(painter)
        # Place the quote mark's ink (not its font box) just above-left of the first line.
        mark = QPainterPath()
        mark.addText(0, 0, self.face(360, QFont.Weight.Bold), "“")
        ink = mark.boundingRect()
        quote = self.quote.geometry()
        dx = self.px(96) - ink.left()
        if self.isRightToLeft():  # the mark before the first line, on the right
            mark = QPainterPath()
            mark.addText(0, 0, self.face(360, QFont.Weight.Bold), "”")
            ink = mark.boundingRect()
            dx = self.width() - self.px(96) - ink.right()
        dy = quote.top() + self.quote.text_rect().top() - self.px(20) - ink.bottom()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.accent_ink)
        painter.drawPath(mark.translated(dx, dy))
