"""Offscreen rendering of one slide to a QImage, for export, thumbnails and the self-test.

The view is built, shown off-screen at the requested size, grabbed and deleted. Views that play
video or audio are never entered, so exporting a deck is silent and does not start decoders. A
view that fails to build or paint yields an error card instead: one broken slide must not stop
an export of sixty.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QEventLoop, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide
from revkiosk.i18n.words import _
from revkiosk.shape import Aspect, letterbox
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.view import SlideView, create_view

log = logging.getLogger(__name__)


@contextmanager
def offscreen_view(slide: Slide, ctx: ViewContext, size: QSize) -> Iterator[SlideView]:
    """Build `slide`'s view, shown off-screen at `size` and entered unless it plays media.

    The view is left and deleted on exit. Exceptions from building or entering propagate; the
    callers turn them into an error card.
    """
    if QApplication.instance() is None:
        raise RuntimeError("rendering a slide needs a QApplication")
    from revkiosk.ui.decoded import IMAGES

    context = dataclasses.replace(ctx, offscreen=True)
    with IMAGES.synchronous():  # the pixels are grabbed right away: no picture may be pending
        view = create_view(slide, context)
    entered = False
    try:
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        view.resize(size)
        view.show()
        if not slide.plays_media:
            view.enter()
            entered = True
        # Let layouts and deferred updates settle, but never handle a visitor's key or touch
        # here: the live app renders thumbnails while it is running.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        yield view
    finally:
        if entered:
            view.leave()
        view.hide()
        view.deleteLater()
        if QApplication.instance() is not None and not _loop_running():
            # Without a running event loop (export), deleteLater never happens: every view of
            # a 300-slide export stayed alive (~8 MB each). Deliver the deletion now.
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _loop_running() -> bool:
    from PySide6.QtCore import QThread

    thread = QThread.currentThread()
    return thread is not None and thread.loopLevel() > 0


def render_slide(slide: Slide, ctx: ViewContext, size: QSize) -> QImage:
    """Draw `slide` at `size` pixels; needs a QApplication. Never raises for a bad view."""
    if QApplication.instance() is None:
        raise RuntimeError("rendering a slide needs a QApplication")
    try:
        with offscreen_view(slide, ctx, size) as view:
            image = view.grab().toImage()
    except Exception as error:  # any view bug becomes an error card, logged
        log.exception("slide %s (%s) could not be rendered", slide.location or "", slide.kind)
        image = error_card(slide, ctx, size, error)
    if image.size() != size:  # a high-DPI grab comes back larger; exports want exact pixels
        image = image.scaled(size, mode=Qt.TransformationMode.SmoothTransformation)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def render_on_screen(slide: Slide, ctx: ViewContext, screen: QSize, aspect: Aspect) -> QImage:
    """What a player whose stage is `screen` shows for `slide`: the slide at `aspect`,
    letterboxed with the theme's background (`auto`: the slide fills the screen)."""
    x, y, width, height = letterbox(screen.width(), screen.height(), aspect)
    slide_image = render_slide(slide, ctx, QSize(width, height))
    if (width, height) == (screen.width(), screen.height()):
        return slide_image
    image = QImage(screen, QImage.Format.Format_RGB32)
    image.fill(QColor(ctx.theme.background))
    painter = QPainter(image)
    painter.drawImage(x, y, slide_image)
    painter.end()
    return image


def paint_slide(
    slide: Slide, ctx: ViewContext, size: QSize, painter: QPainter, target: QRectF
) -> None:
    """Draw `slide` laid out at `size` into `target` of `painter`, as vectors where possible.

    PDF handouts use this so text stays sharp and files stay small; a failing view paints its
    error card as an image instead.
    """
    painter.save()
    try:
        with offscreen_view(slide, ctx, size) as view:
            painter.translate(target.topLeft())
            painter.scale(target.width() / size.width(), target.height() / size.height())
            painter.setClipRect(QRectF(0, 0, size.width(), size.height()))
            view.render(painter, QPoint(0, 0))
    except Exception as error:
        log.exception("slide %s (%s) could not be rendered", slide.location or "", slide.kind)
        painter.restore()
        painter.save()
        painter.drawImage(target, error_card(slide, ctx, size, error))
    finally:
        painter.restore()


def error_card(slide: Slide, ctx: ViewContext, size: QSize, error: BaseException) -> QImage:
    """A calm, readable card naming the slide and the problem (shown instead of a crash)."""
    theme = ctx.theme
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = theme.scale_for(min(size.width(), size.height()))
    margin = 96 * scale
    family = load_fonts()
    painter.fillRect(QRectF(margin, margin, 160 * scale, 12 * scale), QColor("#e5484d"))
    font = QFont(family)
    side = min(size.width(), size.height())
    font.setPixelSize(theme.pt(64, side))
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(QColor(theme.text))
    where = f" ({slide.location})" if slide.location else ""
    box = QRectF(margin, margin + 56 * scale, size.width() - 2 * margin, 200 * scale)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    painter.drawText(box, flags, _("This {kind} slide could not be shown", kind=slide.kind))
    font.setPixelSize(theme.pt(36, side))
    font.setWeight(QFont.Weight.Normal)
    painter.setFont(font)
    painter.setPen(QColor(theme.muted))
    box = QRectF(margin, margin + 200 * scale, size.width() - 2 * margin, size.height())
    painter.drawText(box, flags, f"{type(error).__name__}: {error}{where}")
    painter.end()
    return image
