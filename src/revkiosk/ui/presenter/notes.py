"""The speaker-notes pane: simple Markdown (**bold**, *italic*, - lists), zoomable, scrollable.

Notes are read at arm's length under stage lights, so the default size is large and Ctrl +/-
(or the A−/A+ buttons) change it in steps; the size survives slide changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPaintEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from revkiosk.i18n.words import N_, _

MIN_PX, MAX_PX, STEP = 14, 72, 1.15
NO_NOTES = N_("*No notes for this slide.*")


class NotesView(QTextBrowser):
    """Read-only Markdown notes. It never takes keyboard focus: every key belongs to navigation
    (the presenter window forwards it), and the wheel or scroll bar scrolls the notes."""

    def __init__(self, family: str, text_colour: str, muted: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._family, self._muted = family, muted
        self._base = 28  # from the window height
        self._steps = 0  # the presenter's zoom, kept when the window is resized
        self._px = self._base
        self._markdown = ""
        self.setStyleSheet(
            f"QTextBrowser {{ background: transparent; color: {text_colour}; border: none; }}"
            "QScrollBar:vertical { background: transparent; width: 10px; }"
            "QScrollBar::handle:vertical { background: #3a4458; border-radius: 5px;"
            " min-height: 30px; }"
            "QScrollBar::add-line, QScrollBar::sub-line { height: 0; }"
        )
        self._apply_font()

    @property
    def pixel_size(self) -> int:
        return self._px

    def set_base_size(self, px: int) -> None:
        """The unzoomed size, which follows the window height (the zoom is kept on top)."""
        self._base = px
        self._update_size()

    def zoom(self, steps: int) -> None:
        """Bigger (`steps` > 0) or smaller text, a factor of 1.15 per step, within limits."""
        self._steps = max(-8, min(8, self._steps + steps))
        self._update_size()

    def _update_size(self) -> None:
        px = max(MIN_PX, min(MAX_PX, round(self._base * STEP**self._steps)))
        if px != self._px or self.document().defaultFont().pixelSize() != px:
            self._px = px
            self._apply_font()

    def _apply_font(self) -> None:
        font = QFont(self._family)
        font.setPixelSize(self._px)
        self.document().setDefaultFont(font)
        self.set_notes(self._markdown)

    def set_notes(self, markdown: str) -> None:
        """Show `markdown` (empty: a quiet "No notes" line) scrolled to the top."""
        self._markdown = markdown or ""
        text = self._markdown.strip() or _(NO_NOTES)
        self.document().setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectCommonMark)
        self.verticalScrollBar().setValue(0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Fade the last visible line when more text follows, so a cut line reads as "scroll"."""
        super().paintEvent(event)
        bar = self.verticalScrollBar()
        if bar.value() >= bar.maximum():
            return
        port = self.viewport()
        fade = round(self._px * 1.6)
        gradient = QLinearGradient(0, port.height() - fade, 0, port.height())
        gradient.setColorAt(0, QColor(11, 15, 23, 0))
        gradient.setColorAt(1, QColor(11, 15, 23, 255))
        painter = QPainter(port)
        painter.fillRect(0, port.height() - fade, port.width(), fade, gradient)
        painter.end()
