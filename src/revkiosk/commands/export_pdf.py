"""The handout PDF: one slide a page (16:9 pages), or A4 pages with speaker notes beneath.

Slides are painted as vectors (`paint_slide`), so text stays sharp when printed and a
sixty-slide deck stays a few megabytes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QFile, QFileDevice, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)

from revkiosk.context import ViewContext
from revkiosk.deck.model import Deck, Slide
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.media.subtitles import cues_for
from revkiosk.ui.render import paint_slide

DPI = 300
SLIDE_WIDTH_MM = 254.0  # 10 in wide, the common slide page; height follows the aspect
MARGIN_MM = 15.0


def write_pdf(deck: Deck, ctx: ViewContext, size: QSize, path: Path, *, notes: bool) -> str:
    """Write the PDF; returns "" on success or a sentence saying why it could not be written.

    The pages go to a temporary file beside the target, which replaces the target only once
    every byte is written and synced: a full disk leaves the old file (or none) and says so,
    never a cut PDF reported as done (QPdfWriter itself does not report write errors).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        os.close(descriptor)
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    device = QFile(temporary)
    try:
        problem = _write_pages(deck, ctx, size, device, notes=notes)
        if not problem:
            _sync(temporary)
            os.replace(temporary, path)
    except OSError as exc:
        problem = f"cannot write: {exc.strerror or exc}"
    finally:
        if device.isOpen():
            device.close()
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # gone after a good replace; a failed write leaves nothing
    return problem


def _sync(name: str) -> None:
    descriptor = os.open(name, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_pages(deck: Deck, ctx: ViewContext, size: QSize, device: QFile, *, notes: bool) -> str:
    if not device.open(QIODevice.OpenModeFlag.WriteOnly | QIODevice.OpenModeFlag.Truncate):
        return f"cannot write: {device.errorString()}"
    writer = QPdfWriter(device)
    writer.setResolution(DPI)
    writer.setCreator("revkiosk")
    writer.setTitle(deck.info.title)
    if notes:
        page = QPageSize(QPageSize.PageSizeId.A4)
        margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
        orientation = QPageLayout.Orientation.Portrait
    else:
        aspect = size.height() / size.width()
        page = QPageSize(
            QSizeF(SLIDE_WIDTH_MM, SLIDE_WIDTH_MM * aspect), QPageSize.Unit.Millimeter, "Slide"
        )
        margins = QMarginsF(0, 0, 0, 0)
        orientation = QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(page, orientation, margins, QPageLayout.Unit.Millimeter))
    painter = QPainter()
    if not painter.begin(writer):
        return "cannot start a PDF (is the folder writable?)"
    try:
        for index, slide in enumerate(deck.slides):
            if index:
                writer.newPage()
            paint = writer.pageLayout().paintRectPixels(DPI)
            area = QRectF(0, 0, paint.width(), paint.height())  # painter origin: paint rect
            if notes:
                slide_h = area.width() * size.height() / size.width()
                target = QRectF(0, 0, area.width(), slide_h)
                paint_slide(slide, ctx, size, painter, target)
                painter.setPen(QColor("#c8ccd4"))
                painter.drawRect(target)
                gap = DPI * 0.25
                below = QRectF(0, slide_h + gap, area.width(), area.height() - slide_h - gap)
                footer_h = DPI * 0.3
                below.setHeight(below.height() - footer_h)
                words = transcript(slide) if ctx.visitor.captions else ""
                _paint_notes(painter, below, index + 1, slide.heading, slide.notes, words)
                _paint_footer(
                    painter, area, f"{deck.info.title} · {index + 1} / {len(deck.slides)}"
                )
            else:
                paint_slide(slide, ctx, size, painter, area)
    finally:
        painter.end()
    flushed = device.flush()
    device.close()  # the last bytes go out here: its error counts too
    if not flushed or device.error() != QFileDevice.FileError.NoError:
        return f"cannot write: {device.errorString() or 'write error'}"
    return ""


def transcript(slide: Slide) -> str:
    """The words of a slide's narration and videos, from their captions ("" if none)."""
    media = [slide.audio, getattr(slide, "media", None)]
    media += [item.media for item in getattr(slide, "items", ())]
    parts = []
    for clip in media:
        if clip is None or (clip.audio is None and clip.video is None):
            continue
        cues = cues_for(clip)
        if cues is not None:
            kind = "Narration" if clip.audio is not None else "Video"
            parts.append(f"*{kind}:* " + " ".join(c.text.replace("\n", " ") for c in cues.cues))
    return "\n\n".join(parts)


def _paint_notes(
    painter: QPainter, rect: QRectF, number: int, heading: str, notes: str, words: str = ""
) -> None:
    """Slide number and heading, then the notes' simple Markdown (and, with captions on, the
    words of the slide's narration and videos), shrunk if they run long."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    body = notes.strip() or "*No speaker notes.*"
    if words:
        body += "\n\n" + words
    doc.setMarkdown(f"**{number}. {heading}**\n\n{body}")
    doc.setTextWidth(rect.width())
    for points in (11, 10, 9, 8, 7, 6):
        font = QFont(load_fonts())
        font.setPixelSize(round(points * DPI / 72))
        doc.setDefaultFont(font)
        if doc.size().height() <= rect.height():
            break
    painter.save()
    painter.translate(rect.topLeft())
    painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, QColor("#14181f"))
    doc.documentLayout().draw(painter, context)
    painter.restore()


def _paint_footer(painter: QPainter, area: QRectF, text: str) -> None:
    """A small grey line at the foot of a handout page, so loose pages can be put in order."""
    font = QFont(load_fonts())
    font.setPixelSize(round(8 * DPI / 72))
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#6b7280"))
    footer = QRectF(0, area.height() - DPI * 0.2, area.width(), DPI * 0.2)
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
    painter.restore()
