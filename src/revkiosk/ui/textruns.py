"""What a widget says it drew: the text runs the legibility audit checks (`ui/audit.py`).

Every widget that draws text a visitor reads — slide text boxes, chips, source lines, captions,
chart ticks and legends, timeline titles — reports each line it drew as a `TextRun`: the text,
the font, where its line sits and the room it was given. The audit reads these instead of
guessing from pixels, so it can say "the source line was elided" or "the title broke inside
'AlexNet'" with the element's name. A widget reports by having a `text_runs()` method; runs are
in the widget's own coordinates.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QPen, QTextDocument

from revkiosk.record import Record

_SOURCES = itertools.count(1)  # a fresh `TextRun.source` per text
_JOINERS = "\u00ad\u200b-‐‑–—/"  # a line may end after these without cutting a word


class TextRun(Record):
    """One line of text as drawn.

    `rect` is the line box (left edge to the end of the text, ascent to descent) and `baseline`
    its baseline, in the reporting widget's coordinates. `bounds` is the room the text was given
    (None: the widget's rectangle). `elided` marks text shortened with "…"; `broken_word` holds
    the word a line break fell inside ("AlexNe|t"), if any. `readable` is False for decoration
    (the giant quote mark) that the floor does not apply to.
    """

    element: str
    text: str
    rect: QRectF
    baseline: float
    font: QFont
    bounds: QRectF | None = None
    elided: bool = False
    broken_word: str = ""
    readable: bool = True
    rotated: bool = False  # drawn turned (a vertical axis title): `rect` is its bounding box
    source: int = 0  # lines of one text share it (they may touch; different texts may not)

    def cap_height(self) -> float:
        return QFontMetricsF(self.font).capHeight()

    def ink(self) -> QRectF:
        """Where the glyphs really are: caps (and accents a little above) to most of the
        descenders. Line boxes of tightly set titles touch; their ink does not."""
        if self.rotated:
            return QRectF(self.rect)
        metrics = QFontMetricsF(self.font)
        top = self.baseline - metrics.capHeight() * 1.08
        bottom = self.baseline + metrics.descent() * 0.75
        return QRectF(self.rect.left(), top, self.rect.width(), bottom - top)

    def moved(self, offset: QPointF) -> TextRun:
        """The same run in a parent's coordinates (the widget sits at `offset` in it)."""
        return replace(
            self,
            rect=self.rect.translated(offset),
            baseline=self.baseline + offset.y(),
            bounds=self.bounds.translated(offset) if self.bounds is not None else None,
        )


def break_inside_word(text: str, at: int) -> str:
    """The word a line break at index `at` of `text` cuts ("Alex|Net"), or "" if the break
    falls between words, after a hyphen (soft or hard), a dash or a slash."""
    if at <= 0 or at >= len(text):
        return ""
    before, after = text[at - 1], text[at]
    if before.isspace() or after.isspace() or before in _JOINERS:
        return ""
    if not (before.isalnum() and after.isalnum()):
        return ""  # punctuation: "(2012)" or "…" may end a line
    start = at
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = at
    while end < len(text) and text[end].isalnum():
        end += 1
    return f"{text[start:at]}|{text[at:end]}"


def document_runs(
    doc: QTextDocument,
    element: str,
    offset: QPointF | None = None,
    bounds: QRectF | None = None,
    lines: range | None = None,
) -> list[TextRun]:
    """The lines of a laid-out document, translated by `offset` (where the widget drew it).

    `lines`, when given, keeps only those line numbers (counted across the whole document): a
    paged text reports the lines of the page shown.
    """
    offset = offset or QPointF()
    layout = doc.documentLayout()
    source = next(_SOURCES)
    runs: list[TextRun] = []
    number = 0
    block = doc.begin()
    while block.isValid():
        origin = layout.blockBoundingRect(block).topLeft() + offset
        text_layout = block.layout()
        text = block.text()
        font = _block_font(doc, block)
        count = text_layout.lineCount()
        for i in range(count):
            line = text_layout.lineAt(i)
            shown = lines is None or number in lines
            number += 1
            if not shown:
                continue
            start, length = line.textStart(), line.textLength()
            broken = break_inside_word(text, start + length) if i + 1 < count else ""
            natural = line.naturalTextRect().translated(origin)
            # A line's natural rect may land a few px past the text width although its glyphs
            # are drawn inside it (seen with right-to-left Arabic lines, whose
            # right edge is the text width): under 0.15 em is Qt's arithmetic, not text
            # reaching outside its box (word wrap never lets a line run longer).
            right = offset.x() + doc.textWidth()
            slip = natural.right() - right
            if 0 < slip < font.pixelSize() * 0.15:
                natural.translate(-slip, 0)
            runs.append(
                TextRun(
                    element,
                    text[start : start + length].replace("\u00ad", "").strip(),
                    natural,
                    origin.y() + line.y() + line.ascent(),
                    font,
                    bounds,
                    broken_word=broken,
                    source=source,
                )
            )
        block = block.next()
    return [run for run in runs if run.text]


def _block_font(doc: QTextDocument, block: object) -> QFont:
    """The smallest font a block uses (rich text may mix sizes: the smallest must be legible)."""
    smallest: QFont | None = None
    it = block.begin()  # type: ignore[attr-defined]
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            font = fragment.charFormat().font()
            if font.pixelSize() <= 0:
                font = QFont(doc.defaultFont())
            if smallest is None or font.pixelSize() < smallest.pixelSize():
                smallest = font
        it += 1
    return smallest if smallest is not None else QFont(doc.defaultFont())


def new_source() -> int:
    """A `TextRun.source` for a text made of several runs (a rotated axis title's lines)."""
    return next(_SOURCES)


def line_run(
    element: str,
    text: str,
    font: QFont,
    box: QRectF,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    *,
    full_text: str | None = None,
    readable: bool = True,
) -> TextRun:
    """The run of one unwrapped line drawn with `QPainter.drawText(box, align, text)`.

    `full_text` is what the widget meant to show: when `text` differs (elided), the run says so.
    The run's rect is the text's own advance, placed as Qt aligns it, so text wider than its
    box shows up as reaching outside the box.
    """
    metrics = QFontMetricsF(font)
    width = metrics.horizontalAdvance(text)
    height = metrics.ascent() + metrics.descent()
    if align & Qt.AlignmentFlag.AlignHCenter:
        left = box.center().x() - width / 2
    elif align & Qt.AlignmentFlag.AlignRight:
        left = box.right() - width
    else:
        left = box.left()
    if align & Qt.AlignmentFlag.AlignVCenter:
        top = box.center().y() - height / 2
    elif align & Qt.AlignmentFlag.AlignBottom:
        top = box.bottom() - height
    else:
        top = box.top()
    rect = QRectF(left, top, width, height)
    elided = full_text is not None and full_text != text
    return TextRun(element, text, rect, top + metrics.ascent(), QFont(font), QRectF(box),
                   elided=elided, readable=readable, source=next(_SOURCES))  # fmt: skip


class TextRecorder:
    """Stands in for a `QPainter` to learn which text a paint function draws, and where.

    Paint code that lays out text while it draws (the timeline strip's labels) is run once
    against a recorder: every `drawText` becomes a `TextRun` named by `element_of(text)`, and
    every other painter call is accepted and ignored. Runs ending in "…" count as elided.
    """

    def __init__(self, element_of: Callable[[str], str]) -> None:
        self._element_of = element_of
        self._font = QFont()
        self._pen = QPen()
        self.runs: list[TextRun] = []

    def setFont(self, font: QFont) -> None:  # noqa: N802 - QPainter's API
        self._font = QFont(font)

    def font(self) -> QFont:
        return QFont(self._font)

    def setPen(self, pen: object) -> None:  # noqa: N802 - QPainter's API
        self._pen = pen if isinstance(pen, QPen) else QPen(pen)  # type: ignore[arg-type]

    def pen(self) -> QPen:
        return self._pen

    def fontMetrics(self) -> QFontMetrics:  # noqa: N802 - QPainter's API
        return QFontMetrics(self._font)

    def drawText(self, *args: object) -> None:  # noqa: N802 - QPainter's API
        if len(args) == 3 and isinstance(args[0], (QRectF, QRect)):
            rect, flags, text = QRectF(args[0]), args[1], str(args[2])
            align = Qt.AlignmentFlag(int(flags))  # type: ignore[call-overload]
            run = line_run(self._element_of(text), text, self._font, rect, align)
        elif len(args) == 2:
            point, text = QPointF(args[0]), str(args[1])  # type: ignore[call-overload]
            metrics = QFontMetricsF(self._font)
            rect = QRectF(point.x(), point.y() - metrics.ascent(),
                          metrics.horizontalAdvance(text), metrics.height())  # fmt: skip
            run = TextRun(self._element_of(text), text, rect, point.y(), QFont(self._font),
                          source=next(_SOURCES))  # fmt: skip
        else:
            return
        self.runs.append(replace(run, elided=text.endswith("…")))

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None  # shapes, pens, hints: nothing to record


def wrapped_runs(element: str, text: str, font: QFont, box: QRectF) -> list[TextRun]:
    """The lines of `text` drawn with `QPainter.drawText(box, AlignLeft | AlignTop |
    TextWordWrap, text)`: laid out the way Qt breaks them, a run per line."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(box.width())
        line.setPosition(QPointF(0, y))
        y += line.height()
        lines.append(line)
    layout.endLayout()
    source = next(_SOURCES)
    runs = []
    for i, line in enumerate(lines):
        start, length = line.textStart(), line.textLength()
        shown = text[start : start + length].strip()
        if not shown:
            continue
        broken = break_inside_word(text, start + length) if i + 1 < len(lines) else ""
        rect = QRectF(box.left(), box.top() + line.y(), line.naturalTextWidth(), line.height())
        runs.append(TextRun(element, shown, rect, rect.top() + line.ascent(), QFont(font),
                            QRectF(box), broken_word=broken, source=source))  # fmt: skip
    return runs
