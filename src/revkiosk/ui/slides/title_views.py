"""Title and section slides: type-led openers on the designed canvas.

The title slide is one column in every shape (narrower than the slide on a landscape screen).
A section with a picture puts the picture beside its colour field on a landscape screen and
under it on a near-square or portrait one.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import SectionSlide, Slide, TitleSlide
from revkiosk.i18n.words import _
from revkiosk.shape import Shape
from revkiosk.ui.colors import field_for, ink_on
from revkiosk.ui.slides.canvas import GAP, CanvasView
from revkiosk.ui.slides.still import picture_of
from revkiosk.ui.textruns import TextRun, line_run

BOTTOM = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
KICKER_PX = 34.0


class TitleView(CanvasView):
    """The opening slide: a huge title, subtitle and author; media becomes a dimmed backdrop."""

    slide: TitleSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        # White text over a picture: a darker scrim in high contrast keeps it past 7:1.
        scrim = 0.82 if self.theme.contrast == "high" else 0.6
        self.backdrop = picture_of(self, self.slide.media, scrim=scrim)
        if self.backdrop is not None:
            self.backdrop.fit = "fill"
            self.backdrop.hide()  # painted under the text by paint_background
            self.ink, self.muted = QColor("#ffffff"), QColor("#d6dbe4")
        self.title = self.make_title(self.slide.title, line_height=1.05, align=BOTTOM)
        self.subtitle = self.make_text(
            self.slide.subtitle, element="subtitle", color=self.muted, line_height=1.25
        )
        self.author = self.make_text(
            context.deck.info.author, element="author", color=self.muted,
            weight=QFont.Weight.DemiBold,
        )  # fmt: skip

    def arrange(self) -> None:
        area = self.content_rect()
        landscape = self.shape() is Shape.LANDSCAPE
        width = min(round(area.width() * 0.86) if landscape else area.width(), self.px(1900))
        self.size_text(self.title, 128)
        self.size_text(self.subtitle, 52)
        self.size_text(self.author, 32)
        author_h = self.author.fitted_height(width, self.px(160))
        self.author.setGeometry(area.left(), area.bottom() + 1 - author_h, width, author_h)
        top = area.top() + self.px(56 + 12)  # the accent rule sits above the title
        bottom = area.bottom() - author_h - self.px(GAP)
        gap = self.px(GAP + 8)
        sub_least = self.subtitle.min_height(width)
        title_h = self.title.fitted_height(width, bottom - top - gap - sub_least)
        sub_h = self.subtitle.fitted_height(width, bottom - top - gap - title_h)
        # The title's foot on the slide's optical line when there is room, higher when not.
        middle = area.top() + round(area.height() * (0.56 if landscape else 0.5))
        middle = min(max(middle, top + title_h), bottom - (sub_h + gap if sub_h else 0))
        self.title.setGeometry(area.left(), middle - title_h, width, title_h)
        self.subtitle.setGeometry(area.left(), middle + gap, width, sub_h)

    def paint_background(self, painter: QPainter) -> None:
        super().paint_background(painter)
        if self.backdrop is not None:
            self.backdrop.paint_into(painter, QRectF(self.rect()))
        # A short accent rule above the title and a strip of every domain's colour at the foot.
        rule_y = self.title.geometry().top() - self.px(56)
        painter.fillRect(
            self.visual(QRectF(self.px(96), rule_y, self.px(160), self.px(12))), self.accent
        )
        domains = self.context.deck.domains
        if domains:
            width = self.width() / len(domains)
            for i, domain in enumerate(domains):
                band = QRectF(i * width, self.height() - self.px(14), width + 1, self.px(14))
                painter.fillRect(band, QColor(domain.color))


class SectionView(CanvasView):
    """A chapter opener: a full field of the domain's colour with a very large title."""

    slide: SectionSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.field = field_for(QColor(self.accent), self.theme.ratio(1.0))
        self.on_field = ink_on(self.field)
        self.picture = picture_of(self, self.slide.media, radius=0.0)
        if self.picture is not None:
            self.picture.fit = "fill"
        sections = [s for s in context.deck.slides if s.kind == "section"]
        number = next((i for i, s in enumerate(sections, 1) if s is slide), None)
        # Parts are numbered only in a deck whose sections are all unnamed: "PART 5" after
        # four sections kicked by their domain names reads as a mistake (issue 15).
        numbered = not any(getattr(s, "domain", None) for s in sections)
        self.kicker = self.domain_name.upper() or (
            _("Part {number}", number=number).upper() if number and numbered else ""
        )
        self._kicker_rect = QRectF()
        self.title = self.make_title(
            self.slide.title, color=self.on_field, line_height=1.02, align=BOTTOM
        )
        domain = context.deck.slide_domain(slide)
        self.subtitle = self.make_text(
            self.slide.subtitle or (domain.summary if domain else ""),
            element="subtitle", color=self.on_field, line_height=1.25,
        )  # fmt: skip

    def field_rect(self) -> QRectF:
        """The coloured area: the whole slide, or beside (landscape) or above its picture."""
        if self.picture is None:
            return QRectF(self.rect())
        if self.shape() is Shape.LANDSCAPE:
            return QRectF(0, 0, round(self.width() * 0.58), self.height())
        return QRectF(0, 0, self.width(), round(self.height() * 0.62))

    def arrange(self) -> None:
        field = self.field_rect().toRect()
        if self.picture is not None:
            if self.shape() is Shape.LANDSCAPE:
                rest = QRect(field.right() + 1, 0, self.width() - field.width(), self.height())
            else:
                rest = QRect(0, field.bottom() + 1, self.width(), self.height() - field.height())
            self.picture.setGeometry(rest)
        m = self.px(120)
        wide = self.picture is None and self.shape() is Shape.LANDSCAPE
        width = round(self.width() * 0.78) if wide else field.width() - 2 * m
        self.size_text(self.title, 168)
        self.size_text(self.subtitle, 48)
        kicker_h = self.px(96) if self.kicker else 0
        top, bottom = field.top() + m + kicker_h, field.bottom() + 1 - m
        gap = self.px(GAP + 8)
        sub_w = min(width, self.px(1300))
        title_h = self.title.fitted_height(
            width, bottom - top - gap - self.subtitle.min_height(sub_w)
        )
        sub_h = self.subtitle.fitted_height(sub_w, bottom - top - gap - title_h)
        middle = field.top() + round(field.height() * 0.6)
        middle = min(max(middle, top + title_h), bottom - (sub_h + gap if sub_h else 0))
        self.title.setGeometry(m, middle - title_h, width, title_h)
        self.subtitle.setGeometry(m, middle + gap, sub_w, sub_h)
        line = self.face(KICKER_PX).pixelSize() * 2
        self._kicker_rect = QRectF(self.px(216), middle - title_h - self.px(96) - line / 2 + 4,
                                   field.width() - self.px(216), line)  # fmt: skip

    def _kicker_font(self) -> QFont:
        font = self.face(KICKER_PX, QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 125)
        return font

    def text_runs(self) -> list[TextRun]:
        if not self.kicker:
            return []
        return [line_run("section kicker", self.kicker, self._kicker_font(),
                         self.visual(self._kicker_rect))]  # fmt: skip

    def paint_background(self, painter: QPainter) -> None:
        field = self.visual(self.field_rect())
        if self.theme.contrast == "high":  # a flat field: every word keeps its 7:1
            painter.fillRect(field, self.field)
        else:
            shade = QLinearGradient(field.topLeft(), field.bottomRight())
            shade.setColorAt(0.0, self.field.lighter(108))
            shade.setColorAt(1.0, self.field.darker(118))
            painter.fillRect(field, shade)
            # Two large rings drifting off the right edge give the flat field some depth.
            ring = QColor(self.on_field)
            ring.setAlphaF(0.10)
            painter.setPen(QPen(ring, self.px(36)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.save()
            painter.setClipRect(field)
            centre = self.visual(
                QRectF(self.field_rect().right() - self.px(260), self.px(300), 0, 0)
            ).topLeft()
            painter.drawEllipse(centre, self.px(520), self.px(520))
            painter.drawEllipse(centre, self.px(300), self.px(300))
            painter.restore()
        if self.kicker:
            rect = self._kicker_rect
            rule = QRectF(self.px(120), rect.center().y() - self.px(4), self.px(72), self.px(8))
            painter.fillRect(self.visual(rule), self.on_field)
            painter.setFont(self._kicker_font())
            painter.setPen(self.on_field)
            painter.drawText(self.visual(rect),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.kicker)  # fmt: skip
