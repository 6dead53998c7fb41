"""What pinch, pan and double tap act on: a chart's view (`ChartZoom`), or a picture, which a
`ZoomLens` covers while zoomed and paints magnified from its source pixels (`ImageZoom`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from revkiosk.ui.media.images import ImageWidget

MAX_ZOOM = 8.0
WHEEL_STEP = 1.25  # zoom per wheel notch


class ChartZoom:
    """A pyqtgraph chart: positions are in its plot's viewport pixels."""

    def __init__(self, chart: Any) -> None:
        self.chart = chart
        self._zoomed = False

    @property
    def zoomed(self) -> bool:
        return self._zoomed

    def _scene(self, pos: QPointF) -> QPointF:
        return self.chart.plot.mapToScene(pos.toPoint())

    def zoom_by(self, factor: float, centre: QPointF) -> None:
        if factor <= 0 or abs(factor - 1) < 1e-3:
            return
        view_box = self.chart.view_box
        anchor = view_box.mapSceneToView(self._scene(centre))
        view_box.scaleBy((1 / factor, 1 / factor), center=anchor)
        self._zoomed = True

    def pan_by(self, delta: QPointF) -> None:
        view_box = self.chart.view_box
        origin = view_box.mapSceneToView(self._scene(QPointF(0, 0)))
        moved = view_box.mapSceneToView(self._scene(delta))
        view_box.translateBy(x=origin.x() - moved.x(), y=origin.y() - moved.y())
        self._zoomed = True

    def reset(self) -> None:
        self.chart.zoom_reset()
        card = getattr(self.chart, "card", None)
        if card is not None:
            card.hide()
        self._zoomed = False

    def tap(self, pos: QPointF) -> bool:
        """The chart's own click: a point's card, or the jump to a marked milestone's slide.
        A tap on empty chart hides the card (as a click there moves nothing)."""
        click = getattr(self.chart, "click_at", None)
        if click is not None:
            click(self._scene(pos))
        return True


class ImageZoom:
    """A picture: zooming puts a `ZoomLens` over it; back at 1x the lens goes."""

    def __init__(self, image: ImageWidget) -> None:
        self.image = image
        self.lens: ZoomLens | None = None

    @property
    def zoomed(self) -> bool:
        return self.lens is not None

    def _lens(self) -> ZoomLens:
        if self.lens is None:
            self.lens = ZoomLens(self)
        return self.lens

    def zoom_by(self, factor: float, centre: QPointF) -> None:
        lens = self._lens()
        lens.zoom_about(factor, centre)
        if lens.scale <= 1.001:
            self.reset()

    def pan_by(self, delta: QPointF) -> None:
        if self.lens is not None:
            self.lens.pan(delta)

    def reset(self) -> None:
        lens, self.lens = self.lens, None
        if lens is not None:
            lens.hide()
            lens.setParent(None)  # gone from the picture now, deleted when Qt is ready
            lens.deleteLater()

    def tap(self, pos: QPointF) -> bool:
        return self.zoomed  # unzoomed, a tap on a picture goes on like anywhere on the slide


class ZoomLens(QWidget):
    """Covers a picture while it is zoomed and paints it magnified from its source pixels.

    It takes the touches, drags, wheel turns and double clicks over the picture until the zoom
    is back to 1x, so nothing under it moves the slide meanwhile."""

    def __init__(self, zoom: ImageZoom) -> None:
        super().__init__(zoom.image)
        self.zoom = zoom
        self.scale = 1.0
        self.offset = QPointF(0, 0)  # where the picture's origin moved to, in widget pixels
        self._drag: QPointF | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setGeometry(zoom.image.rect())
        self.setAccessibleName("Zoomed picture (double tap to reset)")
        self.show()

    def zoom_about(self, factor: float, centre: QPointF) -> None:
        new = min(max(self.scale * factor, 1.0), MAX_ZOOM)
        applied = new / self.scale
        self.offset = centre - (centre - self.offset) * applied
        self.scale = new
        self._clamp()
        self.update()

    def pan(self, delta: QPointF) -> None:
        self.offset += delta
        self._clamp()
        self.update()

    def _clamp(self) -> None:
        """Keep the magnified picture over the whole widget (no empty margin dragged in)."""
        w, h = self.width(), self.height()
        x = min(max(self.offset.x(), w - w * self.scale), 0.0)
        y = min(max(self.offset.y(), h - h * self.scale), 0.0)
        self.offset = QPointF(x, y)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor(self.zoom.image.theme.background))
        target = self.zoom.image.target_rect()
        zoomed = QRectF(
            self.offset.x() + target.x() * self.scale,
            self.offset.y() + target.y() * self.scale,
            target.width() * self.scale,
            target.height() * self.scale,
        )
        self.zoom.image.paint_picture(painter, zoomed)
        painter.end()

    # a presenter's mouse on the zoomed picture
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._drag = event.position()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._drag is not None:
            self.pan(event.position() - self._drag)
            self._drag = event.position()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._drag = None
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        self.zoom.reset()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        event.accept()
        notches = event.angleDelta().y() / 120
        if notches:
            self.zoom.zoom_by(WHEEL_STEP**notches, event.position())
