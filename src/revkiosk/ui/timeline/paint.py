"""Drawing the timeline strip: year bands, lanes, markers, clusters, titles, handle, play button.

Kept apart from `strip.py` (state and input) so each stays readable. The static part (everything
but the handle, the selection and an open fan) is painted once into a pixmap and reused while the
handle moves, so a drag step repaints only what moved over a cached picture.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from revkiosk.ui.colors import field_for, ink_on, readable_on
from revkiosk.ui.timeline.layout import Cluster, Marker, TimelineLayout
from revkiosk.ui.timeline.style import Style
from revkiosk.ui.timeline.titles import paint_titles


def lane_color(style: Style, color: str) -> QColor:
    """A domain colour as readable text on the strip's background."""
    return readable_on(QColor(color), QColor(style.theme.background), style.theme.ratio(4.5))


def edge(style: Style, color: QColor) -> QColor:
    """A marker's outline: the background on dark (a cut-out), a darker rim on light paper,
    where pale domain colours would otherwise fade into the page."""
    background = QColor(style.theme.background)
    return background if background.lightnessF() < 0.5 else readable_on(color, background, 3.0)


def paint_static(
    painter: QPainter,
    layout: TimelineLayout,
    style: Style,
    width: float,
    height: float,
    current: str | None,
) -> None:
    """Background, year bands and labels, lane names and lines, markers and clusters."""
    theme = style.theme
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    back = QColor(theme.background)
    back.setAlpha(style.background_alpha)
    painter.fillRect(QRectF(0, 0, width, height), back)
    if not style.full:
        painter.fillRect(QRectF(0, 0, width, max(1.0, style.px(3))), QColor(theme.grid))
    lanes_top = layout.lanes[0].top if layout.lanes else style.axis_top
    band = QColor(theme.surface)
    painter.setFont(year_font(style))
    years = list(layout.years())
    # label every year, or every 2nd or 5th: as often as the labels fit side by side
    label_w = QFontMetricsF(year_font(style)).horizontalAdvance("2000") + style.px(16)
    step = layout.x_of(years[0] + 1) - layout.x_of(years[0])
    every = next((k for k in (1, 2, 5) if k * step >= label_w), 10)
    for year in years:  # every band first: a band painted after a label would cover it
        if year % 2 == 0:
            x0, x1 = layout.x_of(year), layout.x_of(year + 1)
            painter.fillRect(QRectF(x0, lanes_top, x1 - x0, style.axis_bottom - lanes_top), band)
    painter.setPen(QColor(theme.muted))
    for year in years:
        if (year - years[0]) % every == 0:
            x0, x1 = layout.x_of(year), layout.x_of(year + 1)
            rect = QRectF(x0 - style.px(40), style.axis_top, x1 - x0 + style.px(80),
                          style.axis_bottom - style.axis_top)  # fmt: skip
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(year))
    name_font = style.face(32 if style.full else 24, QFont.Weight.Bold)
    for lane in layout.lanes:
        color = QColor(lane.domain.color)
        line = QColor(color)
        line.setAlpha(110)
        painter.setPen(QPen(line, max(1.0, style.px(3))))
        painter.drawLine(QPointF(layout.left - style.px(8), lane.center),
                         QPointF(layout.right + style.px(8), lane.center))  # fmt: skip
        painter.setFont(name_font)
        painter.setPen(lane_color(style, lane.domain.color))
        label = QRectF(style.px(24), lane.top, style.gutter - style.px(36), lane.height)
        text = QFontMetricsF(name_font).elidedText(
            lane.domain.name, Qt.TextElideMode.ElideRight, label.width()
        )
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    if style.full:
        paint_titles(painter, layout, style, width)
    for cluster in layout.clusters:
        paint_cluster(painter, layout, cluster, style, current)


def paint_cluster(
    painter: QPainter,
    layout: TimelineLayout,
    cluster: Cluster,
    style: Style,
    current: str | None,
    selected: str = "",
) -> None:
    """A single marker, or a badge with the count for markers that would overlap."""
    color = QColor(layout.lanes[cluster.lane].domain.color)
    ids = {m.milestone.id for m in cluster.markers}
    if not cluster.crowded:
        paint_marker(painter, layout, cluster.markers[0], cluster.x, style, current, selected)
        return
    r = style.marker_r * 1.35
    if current in ids:
        paint_ring(
            painter, QPointF(cluster.x, cluster.y), r + style.px(9), style.theme.accent, style
        )
    color = field_for(color, style.theme.ratio(1.0))  # its count is text on it
    painter.setPen(QPen(edge(style, color), max(1.0, style.px(3))))
    painter.setBrush(color)
    painter.drawEllipse(QPointF(cluster.x, cluster.y), r, r)
    painter.setPen(ink_on(color))
    painter.setFont(style.face(24 if style.full else 20, QFont.Weight.Bold))
    box = QRectF(cluster.x - r, cluster.y - r, 2 * r, 2 * r)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(len(cluster.markers)))


def paint_marker(
    painter: QPainter,
    layout: TimelineLayout,
    marker: Marker,
    x: float,
    style: Style,
    current: str | None,
    selected: str = "",
) -> None:
    """A milestone dot; the current slide's gets an accent ring, the selection a white one."""
    centre = QPointF(x, marker.y)
    color = QColor(layout.lanes[marker.lane].domain.color)
    r = style.marker_r
    if marker.milestone.id == current:
        paint_ring(painter, centre, r + style.px(9), style.theme.accent, style)
    if marker.milestone.id == selected:
        paint_ring(painter, centre, r + style.px(5), style.theme.text, style)
    painter.setPen(QPen(edge(style, color), max(1.0, style.px(3))))
    painter.setBrush(color)
    painter.drawEllipse(centre, r, r)


def paint_ring(painter: QPainter, centre: QPointF, radius: float, color: str, style: Style) -> None:
    painter.setPen(QPen(QColor(color), max(2.0, style.px(5))))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, radius, radius)


def paint_fan(
    painter: QPainter,
    layout: TimelineLayout,
    cluster: Cluster,
    style: Style,
    current: str | None,
    selected: str,
) -> None:
    """An open cluster: its markers `gap` apart on a raised pill over the lane."""
    xs = layout.fan(cluster)
    color = QColor(layout.lanes[cluster.lane].domain.color)
    half = layout.gap / 2
    pill = QRectF(xs[0] - half, cluster.y - half, xs[-1] - xs[0] + 2 * half, 2 * half)
    painter.setPen(QPen(color, max(1.0, style.px(3))))
    painter.setBrush(QColor(style.theme.surface))
    painter.drawRoundedRect(pill, half, half)
    for marker, x in zip(cluster.markers, xs, strict=True):
        paint_marker(painter, layout, marker, x, style, current, selected)


def year_font(style: Style) -> QFont:
    return style.face(30 if style.full else 24, QFont.Weight.DemiBold)


def paint_handle(
    painter: QPainter,
    layout: TimelineLayout,
    year: float,
    style: Style,
) -> None:
    """The scrub handle: an accent line through the lanes and a pill showing its year.

    Axis labels the pill would half cover are wiped first (the pill names the year itself):
    a "2016" peeking out beside the pill reads as "2016 6" from across the room.
    """
    knob, x = layout.gap, layout.x_of(year)
    accent = QColor(style.theme.accent)
    centre_y = (style.axis_top + style.axis_bottom) / 2
    font = style.face(30 if style.full else 26, QFont.Weight.Bold)
    text = str(int(year))
    width = max(knob * 1.8, QFontMetricsF(font).horizontalAdvance(text) + knob * 0.7)
    pill = QRectF(x - width / 2, centre_y - knob / 2, width, knob)
    labels = QFontMetricsF(year_font(style))
    for label_year in layout.years():
        mid = (layout.x_of(label_year) + layout.x_of(label_year + 1)) / 2
        half = labels.horizontalAdvance(str(label_year)) / 2 + style.px(4)
        if mid - half < pill.right() and pill.left() < mid + half:
            band = style.theme.surface if label_year % 2 == 0 else style.theme.background
            painter.fillRect(QRectF(mid - half, pill.top(), 2 * half, pill.height()), QColor(band))
    painter.setPen(QPen(accent, max(2.0, style.px(4))))
    painter.drawLine(QPointF(x, layout.lanes[0].top), QPointF(x, centre_y))
    painter.setPen(QPen(QColor(style.theme.background), max(2.0, style.px(3))))
    painter.setBrush(accent)
    painter.drawRoundedRect(pill, knob / 2, knob / 2)
    painter.setFont(font)
    painter.setPen(ink_on(accent))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)


def paint_play(painter: QPainter, rect: QRectF, playing: bool, style: Style) -> None:
    """A round play / pause button (drawn, not a font glyph: every machine shows it the same)."""
    accent = QColor(style.theme.accent)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(accent)
    painter.drawEllipse(rect)
    painter.setBrush(ink_on(accent))
    c, s = rect.center(), rect.width() * 0.22
    if playing:
        w = s * 0.55
        painter.drawRect(QRectF(c.x() - s * 0.8, c.y() - s, w, 2 * s))
        painter.drawRect(QRectF(c.x() + s * 0.8 - w, c.y() - s, w, 2 * s))
    else:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x() - s * 0.7, c.y() - s),
                    QPointF(c.x() + s * 1.1, c.y()),
                    QPointF(c.x() - s * 0.7, c.y() + s),
                ]
            )
        )


def paint_rings(
    painter: QPainter,
    layout: TimelineLayout,
    style: Style,
    ids: set[str],
    skip: Cluster | None,
) -> None:
    """White rings on the selected and hovered milestones (a closed cluster rings its badge)."""
    for cluster in layout.clusters:
        if cluster is skip or not ids & {m.milestone.id for m in cluster.markers}:
            continue
        if cluster.crowded:  # ring the badge; the count stays readable
            radius = style.marker_r * 1.35 + style.px(5)
            paint_ring(painter, QPointF(cluster.x, cluster.y), radius, style.theme.text, style)
        else:
            marker = cluster.markers[0]
            paint_marker(painter, layout, marker, cluster.x, style, None, marker.milestone.id)
