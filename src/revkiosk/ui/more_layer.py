"""A milestone's "more" layer: the longer story, a second picture and the source, with a QR code
of the source a visitor can scan to take home.

It lies over the whole window with the slide dimmed under it; a tap outside the card, the Close
button or Esc closes it. `render_more` draws the same layer over a picture of its slide for
`revkiosk export --layers`. Sizes follow the window's short side against the 1080-pixel design,
so it reads the same on a landscape screen and a portrait totem; the QR code is never smaller
than 25 mm on the screen it is shown on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QApplication, QWidget

from revkiosk.deck.model import Domain, Milestone
from revkiosk.i18n.words import N_, _
from revkiosk.theme import Theme
from revkiosk.ui.controls import Control, ControlButton
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.qr import min_qr_px, paint_qr, qr_matrix
from revkiosk.ui.slides.still import StillImage
from revkiosk.ui.slides.widgets import FitText, short_source
from revkiosk.ui.textruns import TextRun, line_run

SCRIM = 200  # of 255: the slide stays visible as a place, but its text no longer competes


class QrCode(QWidget):
    """The QR code of a URL with a short caption under it (one line, as large as the width
    allows between `caption_px` and the legibility floor `floor_px`)."""

    def __init__(self, url: str, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.url, self.theme = url, theme
        self.caption_px = 31
        self.floor_px = 6
        self.setAccessibleName(_("QR code of {url}", url=url))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    CAPTION = N_("Scan to read the source")

    def caption_font(self, px: int | None = None) -> QFont:
        font = QFont(load_fonts())
        font.setPixelSize(px or self.shown_px())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _caption_width(self, px: int) -> float:
        return QFontMetricsF(self.caption_font(px)).horizontalAdvance(_(self.CAPTION))

    def shown_px(self) -> int:
        """The caption's size: `caption_px`, smaller if the width needs it, not under the floor."""
        px = max(self.caption_px, self.floor_px)
        while px > self.floor_px and self._caption_width(px) + 8 > self.width():
            px -= 1
        return px

    def wanted_width(self, side: int) -> int:
        """The code's side, or its caption's width at the floor when that is wider."""
        caption = self._caption_width(min(self.caption_px, self.floor_px))
        return max(side, math.ceil(caption) + 8)

    def code_rect(self) -> QRect:
        side = min(self.width(), self.height() - round(self.caption_px * 1.7))
        return QRect((self.width() - side) // 2, 0, max(side, 0), max(side, 0))

    def _caption_box(self) -> QRect:
        return QRect(0, self.code_rect().bottom() + 4, self.width(), self.height())

    def text_runs(self) -> list[TextRun]:
        """The caption, for the legibility audit (`ui/audit.py`)."""
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        return [line_run("QR caption", _(self.CAPTION), self.caption_font(),
                         QRectF(self._caption_box()), flags)]  # fmt: skip

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        paint_qr(painter, self.url, self.code_rect())
        painter.setFont(self.caption_font())
        painter.setPen(QColor(self.theme.muted))
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        painter.drawText(self._caption_box(), int(flags), _(self.CAPTION))
        painter.end()


class MoreCard(QWidget):
    """The card: heading, text, picture, source and QR code, and a Close button."""

    close_requested = Signal()

    def __init__(self, milestone: Milestone, domain: Domain | None, theme: Theme,
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        assert milestone.more is not None
        more = milestone.more
        self.theme, self.family = theme, load_fonts()
        self.accent = QColor(domain.color if domain else theme.accent)
        self.short = 1080
        self.heading = FitText(self, family=self.family, weight=QFont.Weight.Bold,
                               color=theme.text, line_height=1.08, element="heading")  # fmt: skip
        self.heading.set_content(more.title or milestone.title)
        detail = " · ".join(p for p in (domain.name if domain else "", str(milestone.date),
                                        milestone.org) if p)  # fmt: skip
        self.detail = FitText(self, family=self.family, weight=QFont.Weight.DemiBold,
                              color=self.accent, line_height=1.1, element="detail")  # fmt: skip
        self.detail.set_content(detail)
        self.body = FitText(self, family=self.family, color=theme.text, line_height=1.4,
                            element="text")  # fmt: skip
        # Paragraphs are split by blank lines; the line breaks of a YAML block are not meant.
        # Only ASCII white space folds: a translation's no-break spaces ("26,2 %") must hold.
        paragraphs = (re.sub(r"[ \t\r\n]+", " ", p).strip() for p in more.text.split("\n\n"))
        self.body.set_content("\n\n".join(paragraphs))
        # Never cut and never under the floor: on a small or square screen the story shows a
        # page at a time, and a tap on the card turns the page (`turn_page`).
        self.body.pageable = True
        self.source = milestone.more_source
        self.source_line = FitText(self, family=self.family, color=theme.muted, line_height=1.2,
                                   element="source")  # fmt: skip
        # A long address may wrap after a slash rather than be cut ("nature.com/articles/" …)
        shown_source = short_source(self.source).replace("/", "/\u200b")
        self.source_line.set_content(_("Source: {source}", source=shown_source))
        self.picture: StillImage | None = None
        self.credit = FitText(self, family=self.family, color=theme.muted, line_height=1.15,
                              element="credit")  # fmt: skip
        if more.media is not None and more.media.image is not None:
            self.picture = StillImage(more.media.image, theme, fit="fit", family=self.family,
                                      parent=self)  # fmt: skip
            media = more.media
            tail = " · ".join(p for p in (media.credit, media.licence) if p)
            self.credit.set_content(" — ".join(p for p in (media.caption, tail) if p))
        self.credit.setVisible(bool(self.credit.text()))
        self.qr: QrCode | None = None
        if self.source.startswith(("http://", "https://")) and qr_matrix(self.source):
            self.qr = QrCode(self.source, theme, self)
        self.close_button = ControlButton(Control("close", N_("Close"), icon="close"), theme, self)
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.clicked.connect(self.close_requested)
        self.setAccessibleName(_("More about {title}", title=milestone.title))

    def px(self, design: float) -> int:
        return max(1, round(design * self.short / 1080))

    def tx(self, design: float) -> int:
        """A text size: the layout's, times the visitor's text size (125 %, 150 %)."""
        return max(1, round(design * self.short / 1080 * self.theme.font_scale))

    def turn_page(self) -> bool:
        """The story's next page, back to the first after the last; False if it has one."""
        pages = self.body.page_count()
        if pages < 2:
            return False
        return self.body.set_page((self.body.page() + 1) % pages)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A tap on the card (not on Close) turns the story's page; it never closes it."""
        event.accept()
        self.turn_page()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()  # the layer under it would close on a press outside the card only

    def arrange(self, short: int, touch: int, qr_min: int) -> None:
        """Lay the parts out for a window whose short side is `short` pixels."""
        self.short = short
        pad, gap = self.px(44), self.px(32)
        inner = self.rect().adjusted(pad, pad, -pad, -pad)
        close_h = max(touch, self.px(64))
        self.close_button.font_px = self.tx(31)
        close_w = self.close_button.wanted_width(close_h)
        self.close_button.setGeometry(inner.right() - close_w + 1, inner.top(), close_w, close_h)
        portrait = self.height() > self.width() * 1.1
        # Beside a picture the code is smaller (still over 25 mm), so the picture is shown
        # large enough for the words inside it (`revkiosk check` holds them to the floor).
        side = max(qr_min, self.px(260 if self.picture is None else 200))
        floor = floor_font_px(short, self.family)
        for box in (self.heading, self.detail, self.body, self.source_line, self.credit):
            box.set_floor(floor)  # read at three metres, like the slides
        if self.qr is not None:
            self.qr.floor_px = floor
        text = QRect(inner)
        if not portrait and (self.picture is not None or self.qr is not None):
            column = round(inner.width() * (0.45 if self.picture is not None else 0.38))
            text.setRight(inner.right() - column - gap)
            aside = QRect(text.right() + gap, inner.top() + close_h + gap, column,
                          inner.height() - close_h - gap)  # fmt: skip
            self._aside(aside, side, gap)
        self.heading.set_max_pixel_size(self.tx(64))
        self.detail.set_max_pixel_size(self.tx(32))
        self.body.set_max_pixel_size(self.tx(38))
        self.source_line.set_max_pixel_size(self.tx(31))
        top = text.top()
        width = text.width() - (close_w + gap if text.right() >= inner.right() - close_w else 0)
        detail_h = self.detail.fitted_height(width, self.px(96))
        self.detail.setGeometry(text.left(), top, width, detail_h)
        top += detail_h + self.px(12)
        heading_h = self.heading.fitted_height(width, self.px(160))
        self.heading.setGeometry(text.left(), top, width, heading_h)
        top = max(top + heading_h, inner.top() + close_h) + gap
        source_h = self.source_line.fitted_height(text.width(), self.px(120))
        bottom = text.bottom()
        if portrait and (self.picture is not None or self.qr is not None):
            aside_h = side + self.px(56) if self.qr is not None else 0
            if self.picture is not None:
                aside_h = max(aside_h, round(text.height() * 0.3))
            self._aside(QRect(text.left(), bottom - aside_h + 1, text.width(), aside_h), side,
                        gap, across=True)  # fmt: skip
            bottom -= aside_h + gap
        self.source_line.setGeometry(text.left(), bottom - source_h + 1, text.width(), source_h)
        body_h = bottom - source_h - gap - top
        self.body.setGeometry(text.left(), top, text.width(), max(body_h, 0))

    def _aside(self, box: QRect, side: int, gap: int, across: bool = False) -> None:
        """The picture and the QR code: stacked in a column, or side by side (`across`)."""
        qr_h = side + self.px(56) if self.qr is not None else 0
        if self.qr is not None:
            self.qr.caption_px = self.tx(31)
            if across:  # its caption may be wider than the code: give it room
                wide = min(box.width() // 2, self.qr.wanted_width(side))
                self.qr.setGeometry(box.right() - wide + 1, box.top(), wide, qr_h)
            elif self.picture is None:  # alone in its column: in the middle of it
                top = box.top() + (box.height() - qr_h) // 2
                self.qr.setGeometry(box.left(), top, box.width(), qr_h)
            else:  # under the picture, at the right: the picture's credit beside it
                wide = min(box.width(), self.qr.wanted_width(side))
                self.qr.setGeometry(box.right() - wide + 1, box.bottom() - qr_h + 1, wide, qr_h)
        if self.picture is not None:
            self.picture.radius = self.px(16)
            self.credit.set_max_pixel_size(self.tx(31))
            beside = box.width() - self.qr.width() - gap if self.qr is not None else 0
            if across:
                room = box.width() - (self.qr.width() + gap if self.qr is not None else 0)
                picture, credit = self._credit_below(QRect(box.left(), box.top(), room,
                                                           box.height()))  # fmt: skip
            elif self.qr is not None and self.credit.shows_whole(beside, qr_h):
                # the picture on top, the credit beside the code
                area = QRect(box.left(), box.top(), box.width(), box.height() - qr_h - gap)
                picture = self.picture.target_rect(QRectF(area)).toRect()
                credit = QRect(box.left(), self.qr.y(), beside, self._credit_height(beside, qr_h))
            else:  # the credit under the picture (and the code, if any, below both)
                below = qr_h + gap if self.qr is not None else 0
                area = QRect(box.left(), box.top(), box.width(), box.height() - below)
                picture, credit = self._credit_below(area)
            self.picture.setGeometry(picture)
            self.credit.setGeometry(credit)

    def _credit_below(self, area: QRect) -> tuple[QRect, QRect]:
        """The picture as large as `area` allows with its credit under it: their rects."""
        assert self.picture is not None
        credit_h = self._credit_height(area.width(), self.px(220))
        area = area.adjusted(0, 0, 0, -(credit_h + self.px(10) if credit_h else 0))
        picture = self.picture.target_rect(QRectF(area)).toRect()
        return picture, QRect(area.left(), picture.bottom() + self.px(10), area.width(), credit_h)

    def _credit_height(self, width: int, most: int) -> int:
        return self.credit.fitted_height(width, most) if self.credit.text() else 0

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.px(28)
        painter.setPen(QPen(self.accent, max(2, self.px(6))))
        painter.setBrush(QColor(self.theme.surface))
        box = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.drawRoundedRect(box, radius, radius)
        painter.end()


class MoreLayer(QWidget):
    """The layer over the window: a dimmed backdrop and the card. `closed` when it goes."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None, backdrop: QImage | None = None) -> None:
        super().__init__(parent)
        self.backdrop = backdrop  # export: the slide's picture under the scrim
        self.card: MoreCard | None = None
        self.milestone: Milestone | None = None
        self.dpi = 96.0
        self.hide()

    def open_for(self, milestone: Milestone, domain: Domain | None, theme: Theme) -> None:
        """Show the layer of `milestone` (which has a `more:`)."""
        self.close_card()
        self.milestone = milestone
        self.card = MoreCard(milestone, domain, theme, self)
        self.card.close_requested.connect(self.close_layer)
        self.card.show()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._arrange()
        self.show()
        if parent is not None:
            self.raise_()

    def close_card(self) -> None:
        if self.card is not None:
            self.card.hide()
            self.card.deleteLater()
            self.card = None
        self.milestone = None

    def close_layer(self) -> None:
        """Close (a tap outside, the Close button, Esc, another slide, the kiosk going idle)."""
        was_open = self.isVisible() or self.card is not None
        self.hide()
        self.close_card()
        if was_open:
            self.closed.emit()

    @property
    def is_open(self) -> bool:
        return self.card is not None and not self.isHidden()

    def _arrange(self) -> None:
        if self.card is None:
            return
        short = min(self.width(), self.height())
        margin = round(short * 0.03)
        self.card.setGeometry(self.rect().adjusted(margin, margin, -margin, -margin))
        screen = self.screen() if self.backdrop is None else None
        dpi = screen.physicalDotsPerInch() if screen is not None else self.dpi
        touch = round(9 * max(dpi, 1.0) / 25.4)
        self.card.arrange(short, touch, min_qr_px(dpi))

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._arrange()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A press outside the card closes the layer (and goes no further: the slide under it
        must not also advance)."""
        event.accept()
        if self.card is None or not self.card.geometry().contains(event.position().toPoint()):
            self.close_layer()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        if self.backdrop is not None:
            painter.drawImage(self.rect(), self.backdrop)
        painter.fillRect(self.rect(), QColor(0, 0, 0, SCRIM))
        painter.end()


@contextmanager
def offscreen_layer(
    milestone: Milestone, domain: Domain | None, theme: Theme, backdrop: QImage, size: QSize
) -> Iterator[MoreLayer]:
    """The layer of `milestone` laid out off-screen at `size` over `backdrop`, as it is painted:
    its picture decoded here, not pending on the worker (export grabs it, `check` audits it).
    Closed and deleted on exit."""
    from revkiosk.ui.decoded import IMAGES

    layer = MoreLayer(backdrop=backdrop)
    layer.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    layer.resize(size)
    with IMAGES.synchronous():
        layer.open_for(milestone, domain, theme)
    QApplication.processEvents()
    try:
        yield layer
    finally:
        layer.close_layer()
        layer.deleteLater()


def render_more(
    milestone: Milestone, domain: Domain | None, theme: Theme, backdrop: QImage, size: QSize
) -> QImage:
    """The layer of `milestone` over `backdrop` (its slide's picture) at `size`, for export."""
    with offscreen_layer(milestone, domain, theme, backdrop, size) as layer:
        image = layer.grab().toImage()
    if image.size() != size:
        image = image.scaled(size, mode=Qt.TransformationMode.SmoothTransformation)
    return image.convertToFormat(QImage.Format.Format_RGB32)
