"""What the player tells the audience in words: notices, the deck-error screen, and the
placeholder shown instead of a slide view that failed.

A broken settings file, a slide that failed, a reload that failed: a banner says so for a few
seconds (and the log has the details). A deck that does not load at all gets the whole screen,
its problems listed as `file:line:col` lines an author can act on.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide
from revkiosk.i18n.words import _, ngettext
from revkiosk.theme import Theme
from revkiosk.ui.overlays import LEFT, WRAP, Overlay
from revkiosk.ui.view import SlideView


class NoticeBanner(Overlay):
    """Short on-screen notices (a broken settings file, a failed slide) that fade on a timer."""

    SECONDS = 10

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.messages: list[str] = []
        self._timer = QTimer(self, singleShot=True, timeout=self.dismiss)

    def design_height(self) -> int:
        parent = self.parentWidget() or self
        return min(parent.width(), parent.height())

    def post(self, message: str) -> None:
        self.messages = (self.messages + [message])[-4:]
        self.show()
        self._timer.start(self.SECONDS * 1000)
        self.update()

    def dismiss(self) -> None:
        self.messages = []
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        color = QColor(self.theme.surface)
        color.setAlpha(240)
        painter.fillRect(self.rect(), color)
        painter.fillRect(
            0, self.height() - self.px(4), self.width(), self.px(4), QColor(self.theme.accent)
        )
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(30))
        inner = self.rect().adjusted(self.px(48), self.px(16), -self.px(48), -self.px(16))
        painter.drawText(inner, WRAP | LEFT, "\n".join(self.messages))
        painter.end()


class DeckErrorScreen(Overlay):
    """The deck could not be loaded: its problems as readable `file:line:col` lines."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(theme, parent)
        self.path = ""
        self.problems: list[str] = []

    def set_problems(self, path: str, problems: Sequence[str]) -> None:
        self.path, self.problems = path, list(problems)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.background))
        margin = self.px(100)
        width = self.width() - 2 * margin
        painter.fillRect(
            margin - self.px(30), self.px(90), self.px(10), self.px(120), QColor(self.theme.accent)
        )
        painter.setPen(QColor(self.theme.text))
        painter.setFont(self.font(60, QFont.Weight.Bold))
        painter.drawText(
            QRect(margin, self.px(80), width, self.px(80)), LEFT, _("This deck could not be loaded")
        )
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(28))
        errors = sum(": error:" in p for p in self.problems)
        warnings = sum(": warning:" in p for p in self.problems)
        summary = ngettext("{count} error", "{count} errors", errors, count=errors)
        if warnings:
            counted = ngettext("{count} warning", "{count} warnings", warnings, count=warnings)
            summary = _("{errors}, {warnings}", errors=summary, warnings=counted)
        painter.drawText(
            QRect(margin, self.px(160), width, self.px(50)), LEFT, f"{summary} · {self.path}"
        )
        font = self.font(30)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.text))
        metrics = QFontMetrics(font)
        y, bottom = self.px(250), self.height() - self.px(130)
        shown = 0
        for problem in self.problems:
            rect = metrics.boundingRect(QRect(0, 0, width, 10_000), WRAP, problem)
            if y + rect.height() > bottom:
                break
            error = ": error:" in problem
            painter.setPen(QColor(self.theme.text if error else self.theme.muted))
            painter.drawText(QRect(margin, y, width, rect.height()), WRAP, problem)
            y += rect.height() + self.px(18)
            shown += 1
        painter.setPen(QColor(self.theme.muted))
        painter.setFont(self.font(26))
        more = len(self.problems) - shown
        hint = _("…and {count} more.", count=more) + " " if more else ""
        hint += _("Fix the file, then press R to reload (or run `revkiosk check` on it).")
        painter.drawText(QRect(margin, bottom + self.px(30), width, self.px(60)), WRAP, hint)
        painter.end()


class PlaceholderView(SlideView):
    """Shown instead of a view that raised: names the slide kind and the error, calmly."""

    def __init__(self, slide: Slide, context: ViewContext, error: str) -> None:
        super().__init__(slide, context)
        self.error = error
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        theme = self.theme
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(theme.background))
        margin = self.px(160)
        box = self.rect().adjusted(margin, margin, -margin, -margin)
        painter.fillRect(box, QColor(theme.surface))
        inner = box.adjusted(self.px(60), self.px(50), -self.px(60), -self.px(50))
        font = QFont(theme.font_family)
        font.setPixelSize(theme.pt(64, self.height()))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QColor(theme.text))
        flags = Qt.AlignmentFlag.AlignLeft.value | Qt.TextFlag.TextWordWrap.value
        title = self.slide.heading
        head = painter.boundingRect(inner, flags, title)
        painter.drawText(inner, flags, title)
        font.setWeight(QFont.Weight.Normal)
        font.setPixelSize(theme.pt(36, self.height()))
        painter.setFont(font)
        painter.setPen(QColor(theme.muted))
        rest = inner.adjusted(0, head.height() + self.px(30), 0, 0)
        text = _("This {kind} slide cannot be shown.", kind=self.slide.kind) + f"\n\n{self.error}"
        painter.drawText(rest, flags, text)
        painter.end()
