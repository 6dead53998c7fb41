"""Rich-text documents for slide text: inline **bold**/*italic*, paragraphs, bullets.

`new_document` builds the one kind of layout every slide text box uses (`FitText`): word wrap
(never inside a word), a proportional line height, paragraph gaps that scale with the type,
and bullet markers in the slide's accent.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def inline_markup(text: str) -> str:
    """Escape `text` for Qt rich text, keeping the **bold** and *italic* authors write."""
    # html.escape(text, quote=False), without importing `html` (and its entity table) at start.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    escaped = _ITALIC.sub(r"<i>\1</i>", escaped)
    return escaped.replace("\n", "<br>")


def new_document(
    html: str,
    font: QFont,
    width: float,
    line_height: float,
    align: Qt.AlignmentFlag,
    marker: QColor | None = None,
    direction: Qt.LayoutDirection | None = None,
) -> QTextDocument:
    """`html` laid out in `font` at `width`: lines break between words only (a word longer
    than the line overflows it, so the caller can see it does not fit and act)."""
    px = font.pixelSize()
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setIndentWidth(px * 1.1)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    if direction is not None:  # None: each paragraph finds its own direction
        option.setTextDirection(direction)
    doc.setDefaultTextOption(option)
    gap = round(px * 0.55)
    doc.setDefaultStyleSheet(f"p, li {{ margin-bottom: {gap}px; }} ul {{ margin: 0; }}")
    doc.setHtml(html)
    block = QTextBlockFormat()
    block.setLineHeight(line_height * 100, 1)  # 1 = ProportionalHeight
    block.setAlignment(align & Qt.AlignmentFlag.AlignHorizontal_Mask)
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeBlockFormat(block)
    if marker is not None:
        marker_format = QTextCharFormat()
        marker_format.setForeground(marker)
        each = doc.begin()
        while each.isValid():
            if each.textList() is not None:
                QTextCursor(each).mergeBlockCharFormat(marker_format)
            each = each.next()
    last = doc.lastBlock().blockFormat()
    last.setBottomMargin(0)
    QTextCursor(doc.lastBlock()).setBlockFormat(last)
    doc.setTextWidth(max(1.0, width))
    return doc
