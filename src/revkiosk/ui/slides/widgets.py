"""Shared slide parts: text that fits its box, the domain chip, the source line, the excerpt card.

Every part sizes itself from the stage height it is given (`set_stage_height`), never from its
own size, so type stays in proportion with the rest of the slide. The still-image widget lives in
`still.py`, the chip and source line in `chips.py`; all are re-exported here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from revkiosk.ui.slides.chips import DomainChip, SourceLine, StageSized
from revkiosk.ui.slides.elide import elided
from revkiosk.ui.slides.still import StillImage

__all__ = [
    "DomainChip",
    "FitText",
    "SourceLine",
    "StageSized",
    "StillImage",
    "inline_markup",
    "short_source",
]

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
MIN_PIXEL_SIZE = 6  # below this nothing is legible anyway; Theme.pt uses the same floor
LEGIBLE_SHARE = 0.4  # text shrinks to at most 40 % of its design size; longer text is elided


def inline_markup(text: str) -> str:
    """Escape `text` for Qt rich text, keeping the **bold** and *italic* authors write."""
    # html.escape(text, quote=False), without importing `html` (and its entity table) at start.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    escaped = _ITALIC.sub(r"<i>\1</i>", escaped)
    return escaped.replace("\n", "<br>")


def short_source(url: str, limit: int = 48) -> str:
    """`https://www.arxiv.org/abs/2005.14165` → `arxiv.org/abs/2005.14165`, middle-shortened.

    Plain citations ("GPT-2 paper, 2019") pass through unchanged.
    """
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    text = host + path
    if len(text) <= limit:
        return text
    segments = [s for s in path.split("/") if s]
    if len(segments) >= 2:
        text = f"{host}/{segments[0]}/…/{segments[-1]}"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


class FitText(QWidget):
    """Wrapped text that shrinks until it fits its box: a slide never clips a word silently.

    The largest pixel size up to `max_px` whose wrapped layout fits the widget is chosen by
    bisection, down to a legible floor (`LEGIBLE_SHARE` of the design size); very long words
    break anywhere rather than overflow sideways. Text that does not fit even then is cut after
    the last line that fits and ends with "…" (`elided`; `revkiosk check` warns about it), so
    a visitor sees that there is more, never glyphs cut in half.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        family: str = "Inter",
        weight: QFont.Weight = QFont.Weight.Normal,
        italic: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        line_height: float = 1.2,
        color: QColor | str = "#ffffff",
        own_direction: bool = False,
    ) -> None:
        super().__init__(parent)
        # Text runs in the widget's direction (a right-to-left slide's); `own_direction` lets
        # each paragraph find its own instead (a quotation kept in its original language).
        self._own_direction = own_direction
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._family, self._weight, self._italic = family, weight, italic
        self._align, self._line_height = align, line_height
        self._color = QColor(color)
        self._marker: QColor | None = None
        self._html = ""
        self._max_px = 48
        self._doc: QTextDocument | None = None
        # Layouts by (pixel size, width): sizing (`fitted_height`) and painting ask for the same
        # ones, and each costs a rich-text parse. Cleared when the content changes.
        self._docs: dict[tuple[int, float], QTextDocument] = {}
        self._plain = ""
        self.elided = False  # the text did not fit at the legible floor and ends with "…"

    # -- content -------------------------------------------------------------------------------
    def set_content(self, text: str = "", bullets: Sequence[str] = ()) -> None:
        """Paragraphs (blank-line separated) then bullets, both with inline **bold**/*italic*."""
        parts = [f"<p>{inline_markup(p.strip())}</p>" for p in text.split("\n\n") if p.strip()]
        if bullets:
            items = "".join(f"<li>{inline_markup(b)}</li>" for b in bullets)
            parts.append(f"<ul>{items}</ul>")
        self._html = "".join(parts)
        self._plain = "\n".join([text, *bullets]).strip()
        self._invalidate()

    def text(self) -> str:
        return self._plain

    def set_color(self, color: QColor | str) -> None:
        self._color = QColor(color)
        self.update()

    def set_marker_color(self, color: QColor | str | None) -> None:
        """Colour of the bullet markers (the text colour when None): slides use their accent."""
        self._marker = QColor(color) if color is not None else None
        self._invalidate()

    def set_max_pixel_size(self, px: int) -> None:
        """The size the text has when it fits; it only ever gets smaller than this."""
        if px != self._max_px:
            self._max_px = max(MIN_PIXEL_SIZE, px)
            self._relayout()  # layouts are kept by size: only the choice among them changes

    # -- fitting -------------------------------------------------------------------------------
    def _layout(self, px: int, width: float) -> QTextDocument:
        doc = self._docs.get((px, width))
        if doc is None:
            if len(self._docs) > 16:
                self._docs.clear()
            doc = self._docs[px, width] = self._new_layout(px, width)
        return doc

    def _new_layout(self, px: int, width: float) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        font = QFont(self._family)
        font.setPixelSize(px)
        font.setWeight(self._weight)
        font.setItalic(self._italic)
        doc.setDefaultFont(font)
        doc.setIndentWidth(px * 1.1)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        if not self._own_direction:
            option.setTextDirection(self.layoutDirection())
        doc.setDefaultTextOption(option)
        gap = round(px * 0.55)
        doc.setDefaultStyleSheet(f"p, li {{ margin-bottom: {gap}px; }} ul {{ margin: 0; }}")
        doc.setHtml(self._html)
        block = QTextBlockFormat()
        block.setLineHeight(self._line_height * 100, 1)  # 1 = ProportionalHeight
        block.setAlignment(self._align & Qt.AlignmentFlag.AlignHorizontal_Mask)
        cursor = QTextCursor(doc)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)
        if self._marker is not None:
            marker = QTextCharFormat()
            marker.setForeground(self._marker)
            block_ = doc.begin()
            while block_.isValid():
                if block_.textList() is not None:
                    QTextCursor(block_).mergeBlockCharFormat(marker)
                block_ = block_.next()
        last = doc.lastBlock().blockFormat()
        last.setBottomMargin(0)
        QTextCursor(doc.lastBlock()).setBlockFormat(last)
        doc.setTextWidth(max(1.0, width))
        return doc

    def min_pixel_size(self) -> int:
        """The smallest size this text is shrunk to (beyond, it is elided)."""
        return max(MIN_PIXEL_SIZE, round(self._max_px * LEGIBLE_SHARE))

    def best_pixel_size(self, width: float, height: float) -> int:
        """The largest size ≤ the maximum whose layout fits `width` x `height` (the legible
        floor when none does)."""
        lo, hi = self.min_pixel_size(), self._max_px
        if self._layout(hi, width).size().height() <= height:
            return hi
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._layout(mid, width).size().height() <= height:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def fitted_height(self, width: int, max_height: int) -> int:
        """The height this text needs at `width` when allowed up to `max_height` (for stacking)."""
        if not self._html:
            return 0
        px = self.best_pixel_size(width, max_height)
        return min(max_height, math.ceil(self._layout(px, width).size().height()))

    def pixel_size(self) -> int:
        """The size the text is drawn at now."""
        self._ensure()
        return self._doc.defaultFont().pixelSize() if self._doc else self._max_px

    def text_rect(self) -> QRectF:
        """Where the laid-out lines actually are, in widget coordinates (tests check fitting)."""
        self._ensure()
        if self._doc is None:
            return QRectF()
        rect = QRectF()
        layout = self._doc.documentLayout()
        block = self._doc.begin()
        while block.isValid():
            origin = layout.blockBoundingRect(block).topLeft()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i).naturalTextRect().translated(origin)
                rect = rect.united(line.translated(0, self._offset()))
            block = block.next()
        return rect

    def _offset(self) -> float:
        if self._doc is None:
            return 0.0
        free = self.height() - self._doc.size().height()
        if self._align & Qt.AlignmentFlag.AlignVCenter:
            return max(0.0, free / 2)
        if self._align & Qt.AlignmentFlag.AlignBottom:
            return max(0.0, free)
        return 0.0

    def _ensure(self) -> None:
        if self._doc is None and self._html and self.width() > 0:
            px = self.best_pixel_size(self.width(), self.height())
            doc = self._layout(px, self.width())
            self.elided = doc.size().height() > self.height() + 0.5
            self._doc = elided(doc, self.height()) if self.elided else doc

    def _invalidate(self) -> None:
        self._docs.clear()
        self._relayout()

    def _relayout(self) -> None:
        self._doc = None
        self.elided = False
        self.update()

    def is_elided(self) -> bool:
        """True when the text is cut with "…" at the current size (lays it out if needed)."""
        self._ensure()
        return self.elided

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._relayout()  # same content: the layouts already made for this width still hold

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        self._ensure()
        if self._doc is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(0, self._offset())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, self._color)
        self._doc.documentLayout().draw(painter, context)
        painter.end()
