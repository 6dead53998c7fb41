"""`FitText`: wrapped slide text that fits its box without ever cutting a word or going
below the legibility floor.

The size is the largest between the box's top size and its lowest (`SHRINK` of the top, never
under the floor) at which the text fits the box in whole words (a box that cannot show pages,
such as a title, goes on down to the floor before it gives up). A word too long for the line
at any such size is hyphenated by the language's rules (`ui/hyphenate.py`) rather than shrunk
to nothing; when hyphenating lets the text stay clearly larger, it wins. Text that still does
not fit at the lowest size is the view's to reflow (`measure` tells it so); a box marked
`pageable` shows it a page at a time with a page indicator, and the slide turns pages on
"next"/"previous" before it moves on; a box that cannot page is cut after its last whole line
with "…" (`elided`; `revkiosk check` warns), never through the glyphs. Nothing is ever drawn
smaller than the floor, so a visitor's 150 % text size really is larger.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from revkiosk.record import Record
from revkiosk.ui.elide import elided
from revkiosk.ui.text_layout import inline_markup, new_document
from revkiosk.ui.textruns import TextRun, document_runs, line_run

MIN_PIXEL_SIZE = 6  # below this nothing is legible anyway; Theme.pt uses the same floor
SHRINK = 0.72  # a box may shrink its text to this share of its size before the view reflows
PREFER_WHOLE = 0.8  # whole words win over hyphenated ones down to this share of their size
SHARED_KEPT = 4096  # measures kept for the process (a few hundred bytes each)
_SHARED: dict[tuple[object, ...], Fit] = {}


class Fit(Record):
    """How a text fits a box: its size, the height it takes there, and whether it fits."""

    px: int
    height: int
    fits: bool
    broken: bool = False  # long words were hyphenated to fit


def forget_shared_measures() -> None:
    """Drop the measures kept for the process: something they depend on that their key does
    not name changed (a language's hyphenation patterns arrived, `ui/hyphenate_later.py`)."""
    _SHARED.clear()


class FitText(QWidget):
    """Wrapped text, sized to fit its box in whole (or properly hyphenated) words."""

    page_changed = Signal(int, int)  # page (0-based), pages

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
        element: str = "text",
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
        self.element = element
        self._html = ""
        self._plain = ""
        self._max_px = 48
        self._floor = MIN_PIXEL_SIZE
        self._shrink = SHRINK
        self._least = 0.0
        self.language = "en"
        self.pageable = False
        self._doc: QTextDocument | None = None
        self._pages: list[tuple[float, float, range]] = []  # (top, bottom, line numbers)
        self._page = 0
        self.elided = False  # too long for the box even at the floor: cut with "…"
        # Layouts by (pixel size, width, hyphenated): sizing and painting ask for the same ones,
        # and each costs a rich-text parse. Cleared when the content changes.
        self._docs: dict[tuple[int, float, bool], QTextDocument] = {}
        # `measure` by (width, height): views ask the same question while they arrange (a fit,
        # then its height, then whether it fits); cleared with anything that changes the answer.
        self._measures: dict[tuple[float, float], Fit] = {}

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
        """The size the text has when it fits; it only gets smaller down to `lowest_px`."""
        if px != self._max_px:
            self._max_px = max(MIN_PIXEL_SIZE, px)
            self._relayout()  # layouts are kept by size: only the choice among them changes

    def set_floor(self, px: int) -> None:
        """The legibility floor here: the text is never drawn smaller (a smaller top size is
        raised to it)."""
        if px != self._floor:
            self._floor = max(MIN_PIXEL_SIZE, px)
            self._relayout()

    def set_shrink(self, share: float) -> None:
        """How far below its top size this box may shrink before it reflows or pages."""
        share = min(max(share, 0.1), 1.0)
        if share != self._shrink:
            self._shrink = share
            self._relayout()

    def set_least_share(self, share: float) -> None:
        """Never shrink under this share of the top size whatever `set_shrink` allows (a
        visitor who chose larger text gets pages sooner, not the text shrunk back)."""
        if share != self._least:
            self._least = share
            self._relayout()

    def top_px(self) -> int:
        return max(self._max_px, self._floor)

    def lowest_px(self) -> int:
        share = max(self._shrink, self._least)
        return max(self._floor, min(self.top_px(), math.ceil(self.top_px() * share)))

    # -- fitting -------------------------------------------------------------------------------
    def _layout(self, px: int, width: float, broken: bool = False) -> QTextDocument:
        key = (px, width, broken)
        doc = self._docs.get(key)
        if doc is None:
            if len(self._docs) > 24:
                self._docs.clear()
            html = self._broken_html(px, width) if broken else self.html_at(px)
            if broken and html == self.html_at(px):
                doc = self._layout(px, width, False)
            else:
                font = self._font(px)
                direction = None if self._own_direction else self.layoutDirection()
                doc = new_document(
                    html, font, width, self._line_height, self._align, self._marker, direction
                )
            self._docs[key] = doc
        return doc

    def html_at(self, px: int) -> str:
        """The rich text laid out at `px` (subclasses size parts of it relative to `px`)."""
        return self._html

    def _font(self, px: int) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(px)
        font.setWeight(self._weight)
        font.setItalic(self._italic)
        return font

    def _broken_html(self, px: int, width: float) -> str:
        from revkiosk.ui.hyphenate import break_long_words

        bold = self._font(px)
        bold.setWeight(QFont.Weight.Bold)  # inline **bold** is wider: measure the widest
        metrics = QFontMetricsF(bold)
        return break_long_words(
            self.html_at(px), lambda word: metrics.horizontalAdvance(word) > width, self.language
        )

    def _fits(self, px: int, width: float, height: float, broken: bool) -> bool:
        doc = self._layout(px, width, broken)
        return doc.idealWidth() <= width + 0.5 and doc.size().height() <= height + 0.5

    def _largest(
        self, width: float, height: float, broken: bool, lo: int | None = None
    ) -> int | None:
        lo = self.lowest_px() if lo is None else lo
        hi = self.top_px()
        if not self._fits(lo, width, height, broken):
            return None
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._fits(mid, width, height, broken):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def measure(self, width: float, height: float) -> Fit:
        """The size this text takes in `width` x `height`, and whether it fits there at all
        (when not: its height at the lowest size, for the view to reflow or page).

        Answers are also kept for the process (`_SHARED`), by everything they depend on: a
        view built again (evicted, passed by, rebuilt for a jump) finds its text measured —
        a dozen rich-text layouts per box, ~15 ms a slide, that held rapid key presses."""
        if not self._html:
            return Fit(self.top_px(), 0, True)
        width = max(1.0, float(width))
        key = (width, float(height))
        fit = self._measures.get(key)
        if fit is None:
            if len(self._measures) > 64:
                self._measures.clear()
            shared = self._shared_key(width, float(height))
            fit = _SHARED.get(shared) if shared is not None else None
            if fit is None:
                fit = self._measure(width, height)
                if shared is not None:
                    if len(_SHARED) > SHARED_KEPT:
                        _SHARED.clear()
                    _SHARED[shared] = fit
            self._measures[key] = fit
        return fit

    def _shared_key(self, width: float, height: float) -> tuple[object, ...] | None:
        """What a measure depends on; None for a subclass that lays out its own html."""
        if type(self).html_at is not FitText.html_at:
            return None
        from revkiosk.ui.fonts import generation

        direction = None if self._own_direction else self.layoutDirection()
        return (self._html, self._family, self._weight, self._italic, self._align,
                self._line_height, self.language, direction, self._max_px, self._floor,
                self._shrink, self._least, self.pageable, generation(), width, height)  # fmt: skip

    def _measure(self, width: float, height: float) -> Fit:
        whole = self._largest(width, height, False)
        if whole == self.top_px():
            return Fit(whole, self._height(whole, width, False), True)
        broken = self._largest(width, height, True)
        if whole is not None and (broken is None or whole >= broken * PREFER_WHOLE):
            return Fit(whole, self._height(whole, width, False), True)
        if broken is not None:
            return Fit(broken, self._height(broken, width, True), True, True)
        if not self.pageable and self._floor < self.lowest_px():
            # A box that cannot show pages (a title) goes on down to the floor before it is cut.
            last = self._largest(width, height, True, lo=self._floor)
            if last is not None:
                return Fit(last, self._height(last, width, True), True, True)
        low = self._floor if not self.pageable else self.lowest_px()
        return Fit(low, self._height(low, width, True), False, True)

    def _height(self, px: int, width: float, broken: bool) -> int:
        return math.ceil(self._layout(px, width, broken).size().height())

    def best_pixel_size(self, width: float, height: float) -> int:
        return self.measure(width, height).px

    def fits(self, width: float, height: float) -> bool:
        return self.measure(width, height).fits

    def shows_whole(self, width: float, height: float) -> bool:
        """True when every word can be read in `width` x `height`: it fits, or it is pageable
        and a page holds at least one line beside the page indicator."""
        if self.fits(width, height):
            return True
        return self.pageable and self.least_page_height(1, width) <= height

    def least_page_height(self, lines: int, width: float | None = None) -> int:
        """A page of `lines` lines at the lowest size with its page indicator under them (the
        lines measured in the layout at `width`: a fallback face, such as Arabic's, sets taller
        lines than the slide's own)."""
        line = QFontMetricsF(self._font(self.lowest_px())).height() * self._line_height
        if width is not None and self._html:
            doc = self._layout(self.lowest_px(), max(1.0, float(width)), True)
            block = doc.begin()
            if block.isValid() and block.layout().lineCount():
                line = max(line, block.layout().lineAt(0).height() * self._line_height)
        return math.ceil(line * lines + self._indicator_height())

    def fitted_height(self, width: int, max_height: int) -> int:
        """The height this text needs at `width` when allowed up to `max_height` (for stacking)."""
        if not self._html:
            return 0
        return min(max_height, self.measure(width, max_height).height)

    def min_height(self, width: float) -> int:
        """The height at the lowest size (the least room this text can do with on one page)."""
        if not self._html:
            return 0
        return self._height(self.lowest_px(), max(1.0, float(width)), True)

    def natural_height(self, width: float) -> int:
        """The height at the top size (what the text would like)."""
        if not self._html:
            return 0
        return self.measure(width, 1e9).height

    # -- what is shown ---------------------------------------------------------------------
    def pixel_size(self) -> int:
        """The size the text is drawn at now."""
        self._ensure()
        return self._doc.defaultFont().pixelSize() if self._doc else self.top_px()

    def _ensure(self) -> None:
        if self._doc is not None or not self._html or self.width() <= 0:
            return
        fit = self.measure(self.width(), self.height())
        self._doc = self._layout(fit.px, self.width(), fit.broken)
        self._pages = []
        self.elided = False
        if not fit.fits and self.pageable:
            self._pages = self._paginate(self._doc, self.height() - self._indicator_height())
        elif not fit.fits and self._doc.size().height() > self.height() + 0.5:
            # Too long even at the floor and no pages here: cut after the last whole line with
            # "…", so a visitor sees there is more instead of glyphs sliced by the box's edge.
            self.elided = True
            self._doc = elided(self._doc, self.height())
        self._page = min(self._page, max(0, len(self._pages) - 1))

    def is_elided(self) -> bool:
        """True when the text is cut with "…" at the current size (lays it out if needed)."""
        self._ensure()
        return self.elided

    def _paginate(self, doc: QTextDocument, room: float) -> list[tuple[float, float, range]]:
        """Whole lines per page: a page ends before the first line that would not fit."""
        lines: list[tuple[float, float]] = []
        layout = doc.documentLayout()
        block = doc.begin()
        while block.isValid():
            origin = layout.blockBoundingRect(block).top()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                lines.append((origin + line.y(), origin + line.y() + line.height()))
            block = block.next()
        pages: list[tuple[float, float, range]] = []
        first = 0
        for number in range(1, len(lines) + 1):
            top = lines[first][0]
            if number == len(lines) or lines[number][1] - top > room:
                pages.append((top, lines[number - 1][1], range(first, number)))
                first = number
        return pages

    def _indicator_height(self) -> int:
        return math.ceil(QFontMetricsF(self._indicator_font()).height() * 1.3)

    def _indicator_font(self) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(max(self._floor, round(self.lowest_px() * 0.8)))
        font.setWeight(QFont.Weight.Bold)
        return font

    # -- pages ---------------------------------------------------------------------------------
    def page_count(self) -> int:
        self._ensure()
        return max(1, len(self._pages))

    def page(self) -> int:
        return self._page

    def set_page(self, page: int) -> bool:
        """Show page `page` (clamped); True if that changed what is shown."""
        page = min(max(page, 0), self.page_count() - 1)
        if page == self._page:
            return False
        self._page = page
        self.update()
        self.page_changed.emit(page, self.page_count())
        return True

    def _page_span(self) -> tuple[float, float, range] | None:
        return self._pages[self._page] if self._pages else None

    # -- geometry ------------------------------------------------------------------------------
    def _offset(self) -> float:
        if self._doc is None or self._pages:
            return 0.0
        free = self.height() - self._doc.size().height()
        if self._align & Qt.AlignmentFlag.AlignVCenter:
            return max(0.0, free / 2)
        if self._align & Qt.AlignmentFlag.AlignBottom:
            return max(0.0, free)
        return 0.0

    def _origin(self) -> QPointF:
        span = self._page_span()
        return QPointF(0.0, self._offset() - (span[0] if span else 0.0))

    def text_runs(self) -> list[TextRun]:
        """The lines shown (the current page's), and the page indicator."""
        self._ensure()
        if self._doc is None:
            return []
        span = self._page_span()
        room = QRectF(self.rect())
        if span is not None:
            room.setHeight(self.height() - self._indicator_height())
        runs = document_runs(
            self._doc, self.element, self._origin(), room, span[2] if span else None
        )
        if self.elided and runs:
            runs[-1] = replace(runs[-1], elided=True)
        if span is not None:
            runs.append(
                line_run(
                    "page indicator",
                    self._indicator_text(),
                    self._indicator_font(),
                    self._indicator_rect(),
                )  # fmt: skip
            )
        return runs

    def text_rect(self) -> QRectF:
        """Where the shown lines are, in widget coordinates (tests check fitting)."""
        rect = QRectF()
        for run in self.text_runs():
            if run.element == self.element:
                rect = rect.united(run.rect)
        return rect

    def _indicator_text(self) -> str:
        more = " ›" if self._page + 1 < len(self._pages) else ""
        return f"{self._page + 1} / {len(self._pages)}{more}"

    def _indicator_rect(self) -> QRectF:
        height = self._indicator_height()
        return QRectF(0, self.height() - height, self.width(), height)

    # -- Qt --------------------------------------------------------------------------------------
    def _invalidate(self) -> None:
        self._docs.clear()
        self._relayout()

    def _relayout(self) -> None:
        self._doc = None
        self.elided = False
        self._measures.clear()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._doc = None  # same content and sizes: the layouts and measures made still hold
        self.update()
        self._ensure()  # layout work here, not in paintEvent

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        self._ensure()
        if self._doc is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        span = self._page_span()
        if span is not None:  # only this page's lines: the next one must not peek in
            painter.setClipRect(QRectF(0, 0, self.width(), span[1] - span[0]))
        painter.translate(self._origin())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, self._color)
        if span is not None:
            context.clip = QRectF(0, span[0], self.width(), span[1] - span[0])
        self._doc.documentLayout().draw(painter, context)
        if span is not None:
            painter.resetTransform()
            painter.setClipping(False)
            painter.setFont(self._indicator_font())
            painter.setPen(self._marker or self._color)
            painter.drawText(self._indicator_rect(), Qt.AlignmentFlag.AlignVCenter,
                             self._indicator_text())  # fmt: skip
        painter.end()
