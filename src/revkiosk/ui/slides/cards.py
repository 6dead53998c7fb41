"""Cards a slide shows in its visual half: an excerpt of model output, a year, a notice.

Each card paints a rounded surface and lays its text out with `FitText`, sized from the slide's
short side like everything else on a slide, never under the legibility floor.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import Excerpt
from revkiosk.i18n.words import _
from revkiosk.theme import Theme
from revkiosk.ui.colors import readable_on
from revkiosk.ui.fit_text import FitText
from revkiosk.ui.slides.chips import StageSized
from revkiosk.ui.text_layout import inline_markup
from revkiosk.ui.textruns import TextRun, line_run

RADIUS = 28.0  # design px corner radius shared by every card
PAGED, CUT = 1, 8  # how bad a layout is: text in pages is fine, cut text is not


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


class ExcerptText(FitText):
    """An excerpt as one text: the PROMPT label and prompt (smaller, italic), the MODEL OUTPUT
    label and the output in large type. One document, so a long excerpt shows in pages split
    between any two lines, and every part stays at or above the floor. In another language the
    quoted words stay as written (smaller, muted) and their translation follows in large type
    under a TRANSLATION label."""

    def __init__(self, excerpt: Excerpt, theme: Theme, family: str, label: QColor, parent=None):
        super().__init__(parent, family=family, color=theme.text, line_height=1.3,
                         element="excerpt")  # fmt: skip
        self.excerpt, self.label, self.muted = excerpt, QColor(label), QColor(theme.muted)
        self.set_content(excerpt.text)  # plain text for `text()`; html_at builds the parts

    def html_at(self, px: int) -> str:
        small = max(self._floor, round(px * 0.72))
        tiny = max(self._floor, round(px * 0.62))

        def label(text: str) -> str:
            return (f"<p style='font-size:{tiny}px; font-weight:700; font-style:normal;"
                    f" color:{self.label.name()}'>{text}</p>")  # fmt: skip

        quoted = f"“{inline_markup(self.excerpt.text.strip())}”"
        output = f"<p>{quoted}</p>"
        if self.excerpt.translation:  # the words as written, then what they say
            output = (f"<p style='font-size:{small}px; color:{self.muted.name()}'><i>{quoted}"
                      f"</i></p>" + label(_("Translation").upper())
                      + f"<p>{inline_markup(self.excerpt.translation.strip())}</p>")  # fmt: skip
        if not self.excerpt.prompt:
            return output
        prompt = (f"<p style='font-size:{small}px; color:{self.muted.name()}'><i>"
                  f"{inline_markup(self.excerpt.prompt.strip())}</i></p>")  # fmt: skip
        return label(_("Prompt").upper()) + prompt + label(_("Model output").upper()) + output


class ExcerptCard(Card):
    """A historical model output: the prompt (if any), the output in large type, its source.

    `preferred_height` lets the slide hug the card around a short excerpt instead of leaving a
    tall, half-empty panel; an excerpt longer than the card shows in pages.
    """

    PAD = 48.0

    def __init__(
        self, excerpt: Excerpt, theme: Theme, family: str, accent: QColor, parent=None
    ) -> None:
        super().__init__(theme, family, accent, parent)
        self.excerpt = excerpt
        label = readable_on(accent, QColor(theme.surface), theme.ratio(4.5))
        self.body = ExcerptText(excerpt, theme, family, label, self)
        self.body.set_shrink(0.6)  # a long output may go down to the floor, then shows pages
        self.body.pageable = True
        self.source = FitText(self, family=family, color=QColor(theme.muted),
                              element="excerpt source")  # fmt: skip
        self.source.set_content(f"— {excerpt.source}" if excerpt.source else "")
        self._badness = 0

    def _place(self, width: int, height: int) -> int:
        """Lay the parts out top-down in `width` x `height`; returns the height used."""
        pad = round(self.px(self.PAD))
        inner = max(1, width - 2 * pad)
        floor = self.floor_px()
        for box, design in ((self.body, 42), (self.source, 26)):
            box.set_max_pixel_size(self.theme.pt(design, self.short_side))
            box.set_floor(floor)
        source_h = self.source.natural_height(inner)
        gap = round(self.px(28)) if source_h else 0
        room = max(1, height - 2 * pad - source_h - gap)
        body_h = self.body.fitted_height(inner, room)
        self.body.setGeometry(pad, pad, inner, body_h)
        if not self.body.shows_whole(inner, body_h):
            self._badness = CUT
        else:
            self._badness = 0 if self.body.fits(inner, body_h) else PAGED
        self.source.setGeometry(pad, pad + body_h + gap, inner, source_h)
        return pad + body_h + gap + source_h + pad

    def preferred_height(self, width: int, max_height: int) -> int:
        """The height the card needs at `width`, at most `max_height`."""
        return min(max_height, self._place(width, max_height))

    def badness(self) -> int:
        """0: everything fits the card as laid out now; `PAGED`: the excerpt shows in pages;
        `CUT`: some text cannot be read whole."""
        return self._badness

    def arrange(self) -> None:
        self._place(self.width(), self.height())


class YearCard(Card):
    """The designed fallback visual: the year in huge accent type, the month and org beneath."""

    def __init__(
        self, year: int, caption: str, theme: Theme, family: str, accent: QColor, parent=None
    ) -> None:
        super().__init__(theme, family, accent, parent)
        self.year, self.caption = str(year), caption

    def _year_font(self, size: QSizeF | None = None) -> QFont:
        rect = QRectF(QPointF(0, 0), size if size is not None else QSizeF(self.size()))
        font = self.face(300, QFont.Weight.Bold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 96)
        metrics = QFontMetricsF(font)
        wide = metrics.horizontalAdvance(self.year) / max(rect.width() * 0.82, 1.0)
        tall = metrics.capHeight() / max(rect.height() * 0.45, 1.0)
        if max(wide, tall) > 1:  # a narrow or short card still shows the whole year
            font.setPixelSize(max(6, int(font.pixelSize() / max(wide, tall))))
        return font

    def _caption_font(self) -> QFont:
        font = self.face(36, QFont.Weight.DemiBold)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        return font

    def _rects(self, size: QSizeF | None = None) -> tuple[QRectF, QRectF]:
        """The year's and the caption's rectangles: the year a little above the middle, the
        caption under its baseline, both inside the card whatever its shape."""
        rect = QRectF(QPointF(0, 0), size if size is not None else QSizeF(self.size()))
        year_metrics = QFontMetricsF(self._year_font(size))
        cap = QFontMetricsF(self._caption_font())
        gap = max(self.px(40), year_metrics.descent() * 0.8)  # under the year's line box
        block = year_metrics.capHeight() + gap + cap.height()
        baseline = rect.center().y() - block / 2 + year_metrics.capHeight()
        year = QRectF(rect.left(), baseline - year_metrics.ascent(), rect.width(),
                      year_metrics.height())  # fmt: skip
        caption = QRectF(rect.left(), baseline + gap, rect.width(), cap.height())
        return year, caption

    def badness(self, width: int, height: int) -> int:
        """`CUT` when a card of this size would set its year under the floor or lose its
        caption (a band too short for it), else 0."""
        size = QSizeF(width, height)
        year, caption = self._rects(size)
        small = self._year_font(size).pixelSize() < self.floor_px() * 2
        outside = caption.bottom() > height or year.top() < -year.height() * 0.3
        return CUT if small or outside else 0

    def text_runs(self) -> list[TextRun]:
        year, caption = self._rects()
        centre = Qt.AlignmentFlag.AlignCenter
        runs = [line_run("year", self.year, self._year_font(), year, centre)]
        if self.caption:
            runs.append(line_run("year caption", self.caption.upper(), self._caption_font(),
                                 caption, centre))  # fmt: skip
        return runs

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
        year, caption = self._rects()
        painter.setFont(self._year_font())
        ratio = self.theme.ratio(3.0)
        painter.setPen(readable_on(self.accent, QColor(self.theme.surface), ratio))
        painter.drawText(year, Qt.AlignmentFlag.AlignCenter, self.year)
        painter.setFont(self._caption_font())
        painter.setPen(QColor(self.theme.muted))
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, self.caption.upper())
        painter.end()
