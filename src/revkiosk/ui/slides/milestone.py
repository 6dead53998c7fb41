"""The milestone slide: what happened, when, who did it, and one picture of it.

Left: domain chip with date and organisation, a big title, one or two sentences, the source.
Right: the slide's image (or a video's poster), else the excerpt card, else a year card, so
every milestone has a visual even before its media exists.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import MilestoneSlide, Slide
from revkiosk.i18n.words import _
from revkiosk.ui.media.widget import MediaHost, media_picture
from revkiosk.ui.slides.canvas import GAP, TOP_LEFT, CanvasView
from revkiosk.ui.slides.cards import ExcerptCard, YearCard
from revkiosk.ui.slides.widgets import DomainChip, FitText, SourceLine, short_source

LEFT_SHARE = 0.47  # of the content width, for the text column


class MilestoneView(MediaHost, CanvasView):
    """One dated achievement, told in type on the left and shown on the right."""

    slide: MilestoneSlide

    def __init__(self, slide: Slide, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(slide, context, parent)
        milestone = self.slide.milestone
        detail = " · ".join(p for p in (str(milestone.date), milestone.org) if p)
        self.chip = DomainChip(
            self.domain_name or milestone.domain, detail, self.accent, self.theme, self.family, self
        )
        self.title = self.make_title(milestone.title, line_height=1.04, align=TOP_LEFT)
        self.body = FitText(self, family=self.family, color=self.ink, line_height=1.35)
        self.body.set_content(self.slide.text)
        source = short_source(milestone.source) if milestone.source else ""
        self.source = SourceLine(
            _("Source: {source}", source=source) if source else "", self.theme, self.family, self
        )
        self.credit = FitText(self, family=self.family, color=self.muted, line_height=1.2)
        self.credit.set_content(self._credit_text())
        self.picture = media_picture(self, self.slide.media)
        self.card: QWidget | None = None
        if self.picture is None and self.slide.excerpt is not None:
            self.card = ExcerptCard(self.slide.excerpt, self.theme, self.family, self.accent, self)
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
        """The right-hand widget: picture, excerpt card or year card."""
        return self.picture if self.picture is not None else self.card  # type: ignore[return-value]

    def arrange(self) -> None:
        area = self.content_rect()
        stage_h = self.height()
        for part in (self.chip, self.source, self.card):
            if part is not None:
                part.set_stage_height(stage_h)  # type: ignore[attr-defined]
        left_w = round(area.width() * LEFT_SHARE)
        self.chip.setGeometry(area.left(), area.top(), left_w, self.px(56))
        source_h = self.px(40)
        self.source.setGeometry(area.left(), area.bottom() - source_h, left_w, source_h)
        self.title.set_max_pixel_size(self.pt(104))
        self.body.set_max_pixel_size(self.pt(44))
        top = area.top() + self.px(56 + 56)
        title_h = self.title.fitted_height(left_w, round(area.height() * 0.38))
        self.title.setGeometry(area.left(), top, left_w, title_h)
        top += title_h + self.px(GAP * 1.5)
        self.body.setGeometry(
            area.left(), top, left_w, area.bottom() - source_h - self.px(GAP) - top
        )
        self._arrange_visual(area, left_w)

    def _arrange_visual(self, area: QRect, left_w: int) -> None:
        left = area.left() + left_w + self.px(88)
        box = QRect(left, area.top(), area.right() - left + 1, area.height())
        self.credit.set_max_pixel_size(self.pt(24))
        credit_h = self.credit.fitted_height(box.width(), self.px(64)) if self.credit.text() else 0
        box.setBottom(box.bottom() - credit_h - (self.px(16) if credit_h else 0))
        if self.picture is not None:
            self.picture.radius = self.px(24)
            if self.picture.ok and self.picture.fit == "fit":
                # Frame the picture itself, so rounded corners sit on its edges.
                box = self.picture.target_rect(QRectF(box)).toRect()
            self.picture.setGeometry(box)
        elif isinstance(self.card, ExcerptCard):
            self.card.set_stage_height(self.height())
            height = max(
                box.height() * 3 // 5, self.card.preferred_height(box.width(), box.height())
            )
            box.setTop(box.top() + (box.height() - height) // 2)
            box.setHeight(height)
            self.card.setGeometry(box)
        elif self.card is not None:
            self.card.setGeometry(box)
        credit_h = self.credit.fitted_height(box.width(), self.px(64)) if credit_h else 0
        self.credit.setGeometry(box.left(), box.bottom() + self.px(16), box.width(), credit_h)
        self.credit.setVisible(bool(credit_h))
