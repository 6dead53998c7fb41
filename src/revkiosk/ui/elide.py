"""Cutting laid-out text that does not fit its box, visibly: the last line that fits ends in "…".

Used by `FitText` once text has shrunk to its legible floor and still does not fit: a visitor
sees that the text goes on, instead of glyphs cut in half at the bottom of a box.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument

ELLIPSIS = "\u2026"


def elided(doc: QTextDocument, height: float) -> QTextDocument:
    """A copy of `doc` cut after its last line that fits `height`, ending with "…"."""
    cut = doc.clone()
    cursor = QTextCursor(cut)
    end = _first_overflowing_position(cut, height)
    for _ in range(200):  # the "…" may itself wrap onto a line too many: cut back further
        cursor.setPosition(max(0, end))
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.insertText(ELLIPSIS)
        if cut.size().height() <= height + 0.5 or end <= 0:
            break
        end = _word_before(cut, end)
    return cut


def _first_overflowing_position(doc: QTextDocument, height: float) -> int:
    """The text position where the first line that does not fit starts (minus the break)."""
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            if top + line.y() + line.height() > height:
                return max(0, block.position() + line.textStart() - 1)
        block = block.next()
    return doc.characterCount() - 1


def _word_before(doc: QTextDocument, position: int) -> int:
    cursor = QTextCursor(doc)
    cursor.setPosition(max(0, position - 1))
    cursor.movePosition(QTextCursor.MoveOperation.PreviousWord)
    return min(cursor.position(), position - 1)
