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
from revkiosk.ui.qr import min_qr_px, paint_qr, qr_matrix
from revkiosk.ui.slides.still import StillImage
from revkiosk.ui.slides.widgets import FitText, short_source

SCRIM = 200  # of 255: the slide stays visible as a place, but its text no longer competes


class QrCode(QWidget):
    """The QR code of a URL with a short caption under it."""

    def __init__(self, url: str, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.url, self.theme = url, theme
        self.caption_px = 31
        self.setAccessibleName(_("QR code of {url}", url=url))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    CAPTION = N_("Scan to read the source")

    def caption_font(self) -> QFont:
        font = QFont(load_fonts())
        font.setPixelSize(self.caption_px)
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def wanted_width(self, side: int) -> int:
        """The code's side, or its caption's width when that is wider."""
        caption = QFontMetricsF(self.caption_font()).horizontalAdvance(_(self.CAPTION))
        return max(side, math.ceil(caption) + 8)

    def code_rect(self) -> QRect:
        side = min(self.width(), self.height() - round(self.caption_px * 1.7))
        return QRect((self.width() - side) // 2, 0, max(side, 0), max(side, 0))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        paint_qr(painter, self.url, self.code_rect())
        painter.setFont(self.caption_font())
        painter.setPen(QColor(self.theme.muted))
        below = QRect(0, self.code_rect().bottom() + 4, self.width(), self.height())
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        painter.drawText(below, int(flags), _(self.CAPTION))
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
                               color=theme.text, line_height=1.08)  # fmt: skip
        self.heading.set_content(more.title or milestone.title)
        detail = " · ".join(p for p in (domain.name if domain else "", str(milestone.date),
                                        milestone.org) if p)  # fmt: skip
        self.detail = FitText(self, family=self.family, weight=QFont.Weight.DemiBold,
                              color=self.accent, line_height=1.1)  # fmt: skip
        self.detail.set_content(detail)
        self.body = FitText(self, family=self.family, color=theme.text, line_height=1.4)
        # Paragraphs are split by blank lines; the line breaks of a YAML block are not meant.
        # Only ASCII white space folds: a translation's no-break spaces ("26,2 %") must hold.
        paragraphs = (re.sub(r"[ \t\r\n]+", " ", p).strip() for p in more.text.split("\n\n"))
        self.body.set_content("\n\n".join(paragraphs))
        self.source = milestone.more_source
        self.source_line = FitText(self, family=self.family, color=theme.muted, line_height=1.2)
        self.source_line.set_content(_("Source: {source}", source=short_source(self.source)))
        self.picture: StillImage | None = None
        self.credit = FitText(self, family=self.family, color=theme.muted, line_height=1.15)
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

    def arrange(self, short: int, touch: int, qr_min: int) -> None:
        """Lay the parts out for a window whose short side is `short` pixels."""
        self.short = short
        pad, gap = self.px(56), self.px(32)
        inner = self.rect().adjusted(pad, pad, -pad, -pad)
        close_h = max(touch, self.px(64))
        self.close_button.font_px = self.px(31)
        close_w = self.close_button.wanted_width(close_h)
        self.close_button.setGeometry(inner.right() - close_w + 1, inner.top(), close_w, close_h)
        portrait = self.height() > self.width() * 1.1
        side = max(qr_min, self.px(260))
        text = QRect(inner)
        if not portrait and (self.picture is not None or self.qr is not None):
            column = round(inner.width() * 0.38)
            text.setRight(inner.right() - column - gap)
            aside = QRect(text.right() + gap, inner.top() + close_h + gap, column,
                          inner.height() - close_h - gap)  # fmt: skip
            self._aside(aside, side, gap)
        self.heading.set_max_pixel_size(self.px(64))
        self.detail.set_max_pixel_size(self.px(32))
        self.body.set_max_pixel_size(self.px(38))
        self.source_line.set_max_pixel_size(self.px(31))
        top = text.top()
        width = text.width() - (close_w + gap if text.right() >= inner.right() - close_w else 0)
        detail_h = self.detail.fitted_height(width, self.px(48))
        self.detail.setGeometry(text.left(), top, width, detail_h)
        top += detail_h + self.px(12)
        heading_h = self.heading.fitted_height(width, self.px(160))
        self.heading.setGeometry(text.left(), top, width, heading_h)
        top = max(top + heading_h, inner.top() + close_h) + gap
        source_h = self.source_line.fitted_height(text.width(), self.px(80))
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
            self.qr.caption_px = self.px(31)
            if across:  # its caption may be wider than the code: give it room
                wide = min(box.width() // 2, self.qr.wanted_width(side))
                self.qr.setGeometry(box.right() - wide + 1, box.top(), wide, qr_h)
            elif self.picture is None:  # alone in its column: in the middle of it
                top = box.top() + (box.height() - qr_h) // 2
                self.qr.setGeometry(box.left(), top, box.width(), qr_h)
            else:
                self.qr.setGeometry(box.left(), box.bottom() - qr_h + 1, box.width(), qr_h)
        if self.picture is not None:
            self.picture.radius = self.px(16)
            if across:
                qr_w = self.qr.width() if self.qr is not None else 0
                room = box.width() - (qr_w + gap if self.qr is not None else 0)
                area = QRect(box.left(), box.top(), room, box.height())
            else:
                area = QRect(box.left(), box.top(), box.width(),
                             box.height() - (qr_h + gap if self.qr is not None else 0))  # fmt: skip
            self.credit.set_max_pixel_size(self.px(31))
            credit_h = (
                self.credit.fitted_height(area.width(), self.px(110)) if self.credit.text() else 0
            )
            area.setBottom(area.bottom() - (credit_h + self.px(10) if credit_h else 0))
            picture = self.picture.target_rect(QRectF(area)).toRect()
            self.picture.setGeometry(picture)
            self.credit.setGeometry(area.left(), picture.bottom() + self.px(10), area.width(),
                                    credit_h)  # fmt: skip

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
        margin = round(short * 0.05)
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


def render_more(
    milestone: Milestone, domain: Domain | None, theme: Theme, backdrop: QImage, size: QSize
) -> QImage:
    """The layer of `milestone` over `backdrop` (its slide's picture) at `size`, for export."""
    layer = MoreLayer(backdrop=backdrop)
    layer.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    layer.resize(size)
    layer.open_for(milestone, domain, theme)
    QApplication.processEvents()
    image = layer.grab().toImage()
    layer.close_layer()
    layer.deleteLater()
    if image.size() != size:
        image = image.scaled(size, mode=Qt.TransformationMode.SmoothTransformation)
    return image.convertToFormat(QImage.Format.Format_RGB32)
