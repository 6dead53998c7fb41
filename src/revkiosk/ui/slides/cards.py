"""Cards a slide shows in its visual half: an excerpt of model output, a year, a notice.

Each card paints a rounded surface and lays its text out with `FitText`, sized from the stage
height like everything else on a slide.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import Excerpt
from revkiosk.i18n.words import _
from revkiosk.theme import Theme
from revkiosk.ui.colors import readable_on
from revkiosk.ui.slides.widgets import FitText, StageSized

RADIUS = 28.0  # design px corner radius shared by every card


class Card(StageSized):
    """A rounded surface with an optional accent edge; subclasses add content."""

    def __init__(self, theme: Theme, family: str, accent: QColor, parent: QWidget | None = None):
        super().__init__(theme, family, parent)
        self.accent = QColor(accent)

    def paint_surface(self, painter: QPainter, *, edge: bool = True) -> None:
        rect = QRectF(self.rect())
        radius = self.px(RADIUS)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.theme.surface))
        painter.drawRoundedRect(rect, radius, radius)
        # A hairline keeps a white card distinct from the light theme's off-white paper.
        painter.setPen(QPen(QColor(self.theme.grid), max(1.0, self.px(2))))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        if edge:
            painter.setBrush(self.accent)
            painter.setClipRect(self.visual(QRectF(0, 0, self.px(10), rect.height())))
            painter.drawRoundedRect(rect, radius, radius)
            painter.setClipping(False)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        self.paint_surface(painter)
        painter.end()


class ExcerptCard(Card):
    """A historical model output: the prompt (if any), the output in large type, its source.

    In another language the quoted words stay as written (smaller, in their own direction) and
    their translation follows in large type under a "Translation" label. `preferred_height`
    lets the slide hug the card around a short excerpt instead of leaving a tall, half-empty
    panel.
    """

    PAD = 64.0

    def __init__(
        self, excerpt: Excerpt, theme: Theme, family: str, accent: QColor, parent=None
    ) -> None:
        super().__init__(theme, family, accent, parent)
        self.excerpt = excerpt
        muted, ink = QColor(theme.muted), QColor(theme.text)
        self.label_color = readable_on(accent, QColor(theme.surface), theme.ratio(4.5))
        self.prompt = FitText(self, family=family, italic=True, color=muted, line_height=1.25)
        self.prompt.set_content(excerpt.prompt)
        self.prompt.setVisible(bool(excerpt.prompt))
        translated = bool(excerpt.translation)
        self.body = FitText(
            self, family=family, color=muted if translated else ink, line_height=1.3,
            italic=translated, own_direction=True,
        )  # fmt: skip
        self.body.set_content(f"“{excerpt.text.strip()}”")
        self.translation = FitText(self, family=family, color=ink, line_height=1.3)
        self.translation.set_content(excerpt.translation.strip())
        self.translation.setVisible(translated)
        self.source = FitText(self, family=family, color=muted)
        self.source.set_content(f"— {excerpt.source}" if excerpt.source else "")
        self._labels: list[tuple[float, str]] = []

    def _place(self, width: int, height: int) -> int:
        """Lay the parts out top-down in `width` x `height`; returns the height used."""
        pad = round(self.px(self.PAD))
        inner = max(1, width - 2 * pad)
        label_h, pt = round(self.px(30)), self.theme.pt
        translated = bool(self.excerpt.translation)
        self.prompt.set_max_pixel_size(pt(30, self.stage_height))
        self.body.set_max_pixel_size(pt(30 if translated else 42, self.stage_height))
        self.translation.set_max_pixel_size(pt(40, self.stage_height))
        self.source.set_max_pixel_size(pt(26, self.stage_height))
        source_h = self.source.fitted_height(inner, round(self.px(80)))
        self._labels = []
        top = pad
        if self.excerpt.prompt:
            self._labels.append((top, _("Prompt")))
            top += label_h + round(self.px(10))
            prompt_h = self.prompt.fitted_height(inner, round((height - 2 * pad) * 0.3))
            self.prompt.setGeometry(pad, top, inner, prompt_h)
            top += prompt_h + round(self.px(40))
            self._labels.append((top, _("Model output")))
            top += label_h + round(self.px(14))
        gap = round(self.px(36)) if source_h else 0
        room = max(1, height - pad - source_h - gap - top)
        if translated:
            room -= label_h + round(self.px(46))
            body_h = self.body.fitted_height(inner, max(1, room * 2 // 5))
            self.body.setGeometry(pad, top, inner, body_h)
            top += body_h + round(self.px(32))
            self._labels.append((top, _("Translation")))
            top += label_h + round(self.px(14))
            text_h = self.translation.fitted_height(inner, max(1, room - body_h))
            self.translation.setGeometry(pad, top, inner, text_h)
            top += text_h + gap
        else:
            body_h = self.body.fitted_height(inner, room)
            self.body.setGeometry(pad, top, inner, body_h)
            top += body_h + gap
        self.source.setGeometry(pad, top, inner, source_h)
        return top + source_h + pad

    def preferred_height(self, width: int, max_height: int) -> int:
        """The height the card needs at `width`, at most `max_height`."""
        return min(max_height, self._place(width, max_height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._place(self.width(), self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setLayoutDirection(self.layoutDirection())
        self.paint_surface(painter)
        font = self.face(22, QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
        painter.setFont(font)
        painter.setPen(self.label_color)
        pad = self.px(self.PAD)
        for top, text in self._labels:
            rect = QRectF(pad, top, self.width() - 2 * pad, self.px(30))
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, flags, text.upper())
        painter.end()


class YearCard(Card):
    """The designed fallback visual: the year in huge accent type, the month and org beneath."""

    def __init__(
        self, year: int, caption: str, theme: Theme, family: str, accent: QColor, parent=None
    ) -> None:
        super().__init__(theme, family, accent, parent)
        self.year, self.caption = str(year), caption

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        self.paint_surface(painter, edge=False)
        rect = QRectF(self.rect())
        glow = QLinearGradient(rect.topLeft(), rect.bottomRight())
        wash = QColor(self.accent)
        wash.setAlphaF(0.22)
        glow.setColorAt(0.0, wash)
        wash.setAlphaF(0.0)
        glow.setColorAt(1.0, wash)
        painter.setBrush(glow)
        radius = self.px(RADIUS)
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(QPen(self.accent, self.px(3)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = self.px(1.5)
        painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
        font = self.face(300, QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 96)
        wide = QFontMetricsF(font).horizontalAdvance(self.year)
        if wide > rect.width() * 0.82:  # a narrow card still shows the whole year
            font.setPixelSize(max(6, int(font.pixelSize() * rect.width() * 0.82 / wide)))
        painter.setFont(font)
        ratio = self.theme.ratio(3.0)
        painter.setPen(readable_on(self.accent, QColor(self.theme.surface), ratio))
        year_rect = rect.adjusted(0, 0, 0, -rect.height() * 0.12)
        painter.drawText(year_rect, Qt.AlignmentFlag.AlignCenter, self.year)
        font = self.face(36, QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.muted))
        caption_rect = QRectF(
            rect.left(), rect.center().y() + self.px(150), rect.width(), self.px(60)
        )
        painter.drawText(caption_rect, Qt.AlignmentFlag.AlignCenter, self.caption.upper())
        painter.end()
