"""Title, section, text and quote slides: type-led compositions on the 1920x1080 canvas.

Sizes below are design pixels (see `CanvasView`); every text box is a `FitText`, so a long
title or a 120-word body shrinks to fit instead of running off the slide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Media, QuoteSlide, SectionSlide, Slide, TextSlide, TitleSlide
from revkiosk.i18n.words import _
from revkiosk.ui.colors import field_for, ink_on
from revkiosk.ui.slides.canvas import GAP, TOP_LEFT, CanvasView
from revkiosk.ui.slides.still import StillImage
from revkiosk.ui.slides.widgets import FitText

if TYPE_CHECKING:
    from revkiosk.ui.media.widget import MediaWidget

TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
BOTTOM = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom


def picture_of(view: CanvasView, media: Media | None, **options: object) -> StillImage | None:
    """A still for a slide's media: the image, or a video's poster; None when there is none."""
    if media is None or (media.image is None and media.video is None):
        return None
    path = media.image or media.poster
    if path is not None and not path.is_absolute():
        path = view.context.deck.root / path
    label = _("Image unavailable") if media.image else _("Video")
    return StillImage(
        path, view.theme, fit=media.fit, family=view.family, label=label, parent=view, **options
    )


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
        self.subtitle = FitText(self, family=self.family, color=self.muted, line_height=1.25)
        self.subtitle.set_content(self.slide.subtitle)
        self.author = FitText(
            self, family=self.family, weight=QFont.Weight.DemiBold, color=self.muted
        )
        self.author.set_content(context.deck.info.author)

    def arrange(self) -> None:
        area = self.content_rect()
        width = round(area.width() * 0.86)
        self.title.set_max_pixel_size(self.pt(128))
        self.subtitle.set_max_pixel_size(self.pt(52))
        self.author.set_max_pixel_size(self.pt(32))
        author_h = self.author.fitted_height(width, self.px(48))
        self.author.setGeometry(area.left(), area.bottom() - author_h, width, author_h)
        middle = area.top() + round(area.height() * 0.56)
        title_h = self.title.fitted_height(width, middle - area.top() - self.px(64))
        self.title.setGeometry(area.left(), middle - title_h, width, title_h)
        sub_top = middle + self.px(GAP + 8)
        sub_h = self.subtitle.fitted_height(
            width, area.bottom() - author_h - self.px(GAP) - sub_top
        )
        self.subtitle.setGeometry(area.left(), sub_top, width, sub_h)

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
        self.title = self.make_title(
            self.slide.title, color=self.on_field, line_height=1.02, align=BOTTOM
        )
        domain = context.deck.slide_domain(slide)
        self.subtitle = FitText(self, family=self.family, color=self.on_field, line_height=1.25)
        self.subtitle.set_content(self.slide.subtitle or (domain.summary if domain else ""))

    def field_rect(self) -> QRectF:
        """The coloured area: the whole slide, or its left part when there is a picture."""
        if self.picture is None:
            return QRectF(self.rect())
        return QRectF(0, 0, round(self.width() * 0.58), self.height())

    def arrange(self) -> None:
        field = self.field_rect().toRect()
        if self.picture is not None:
            self.picture.setGeometry(
                field.right() + 1, 0, self.width() - field.width(), self.height()
            )
        m = self.px(120)
        width = round(field.width() - 2 * m) if self.picture else round(self.width() * 0.78)
        self.title.set_max_pixel_size(self.pt(168))
        self.subtitle.set_max_pixel_size(self.pt(48))
        middle = round(self.height() * 0.6)
        title_h = self.title.fitted_height(width, middle - self.px(260))
        self.title.setGeometry(m, middle - title_h, width, title_h)
        top = middle + self.px(GAP + 8)
        sub_h = self.subtitle.fitted_height(min(width, self.px(1300)), self.height() - m - top)
        self.subtitle.setGeometry(m, top, min(width, self.px(1300)), sub_h)

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
            centre = self.visual(
                QRectF(self.field_rect().right() - self.px(260), self.px(300), 0, 0)
            ).topLeft()
            painter.drawEllipse(centre, self.px(520), self.px(520))
            painter.drawEllipse(centre, self.px(300), self.px(300))
        if self.kicker:
            font = self.face(34, QFont.Weight.Bold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 125)
            painter.setFont(font)
            painter.setPen(self.on_field)
            top = self.title.geometry().top() - self.px(96)
            painter.fillRect(
                self.visual(QRectF(self.px(120), top, self.px(72), self.px(8))), self.on_field
            )
            painter.drawText(
                self.visual(
                    QRectF(
                        self.px(216), top - self.px(30), field.width() - self.px(312), self.px(68)
                    )
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.kicker,
            )


class TextView(CanvasView):
    """A title with an accent rule, then body paragraphs and/or bullets; media on the right
    (a picture or a video, with its caption and credit under it).

    The media package is imported only for a slide that has media (what `MediaHost` does for
    other views, done here for the one widget), which keeps it off the start-up path.
    """

    slide: TextSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.title = self.make_title(self.slide.title, align=TOP_LEFT)
        self.body = FitText(self, family=self.family, color=self.ink, line_height=1.32)
        self.body.set_content(self.slide.body, self.slide.bullets)
        self.body.set_marker_color(self.accent_ink)
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

    def arrange(self) -> None:
        area = self.content_rect()
        inset = self.px(44)  # room for the accent rule left of the title
        text_w = area.width() - inset
        if self.picture is not None:
            text_w = round(area.width() * 0.52) - inset
            left = area.left() + round(area.width() * 0.56)
            self.picture.radius = self.px(28)
            self.picture.setGeometry(left, area.top(), area.right() - left, area.height())
        self.title.set_max_pixel_size(self.pt(84))
        self.body.set_max_pixel_size(self.pt(46))
        kicker = self.px(56) if self.domain_name else 0
        title_top = area.top() + kicker
        title_h = self.title.fitted_height(text_w, round(area.height() * 0.34))
        self.title.setGeometry(area.left() + inset, title_top, text_w, title_h)
        top = title_top + title_h + self.px(GAP * 2)
        self.body.setGeometry(area.left() + inset, top, text_w, area.bottom() - top)

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
            font = self.face(28, QFont.Weight.Bold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 120)
            painter.setFont(font)
            painter.setPen(self.accent_ink)
            painter.drawText(
                QRectF(title.left(), self.px(96), title.width(), self.px(40)),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.domain_name.upper(),
            )


class QuoteView(CanvasView):
    """A large quotation under a giant accent quote mark, with its attribution beneath."""

    slide: QuoteSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        self.quote = FitText(
            self,
            family=self.family,
            weight=QFont.Weight.DemiBold,
            color=self.ink,
            line_height=1.22,
            align=BOTTOM,
        )
        self.quote.set_content(self.slide.text.strip())
        self.author = FitText(self, family=self.family, weight=QFont.Weight.Bold, color=self.ink)
        self.author.set_content(f"— {self.slide.author}" if self.slide.author else "")
        self.source = FitText(self, family=self.family, color=self.muted, line_height=1.2)
        self.source.set_content(self.slide.source)

    def arrange(self) -> None:
        area = self.content_rect()
        left = area.left() + self.px(150)
        width = area.right() - left - self.px(60)
        self.quote.set_max_pixel_size(self.pt(84))
        self.author.set_max_pixel_size(self.pt(40))
        self.source.set_max_pixel_size(self.pt(30))
        src_h = self.source.fitted_height(width, self.px(90))
        self.source.setGeometry(left, area.bottom() - src_h, width, src_h)
        bottom = area.bottom() - src_h - (self.px(12) if src_h else 0)
        auth_h = self.author.fitted_height(width, self.px(60))
        self.author.setGeometry(left, bottom - auth_h, width, auth_h)
        bottom -= auth_h + self.px(GAP * 2)
        # Room above the first line for the quote mark (and the kicker title, if any).
        top = area.top() + self.px(150) + (self.px(56) if self.slide.title else 0)
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
        if self.slide.title:
            font = self.face(28, QFont.Weight.Bold)
            font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 120)
            painter.setFont(font)
            painter.setPen(self.muted)
            painter.drawText(
                self.visual(
                    QRectF(self.px(96), self.px(72), self.width() - self.px(192), self.px(40))
                ),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.slide.title.upper(),
            )
