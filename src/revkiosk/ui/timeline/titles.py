"""Milestone titles beside their markers on the full-size timeline slide.

Placement is greedy, left to right, in rows above and below each lane line (two more, with
leaders, where the lane is tall enough): a
title takes the first row where it overlaps nothing, first at full length and then shortened; a
title that fits nowhere is left out, because its marker still opens the card.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from revkiosk.i18n.words import ngettext
from revkiosk.ui.timeline.layout import Cluster, TimelineLayout
from revkiosk.ui.timeline.style import Style


def paint_titles(painter: QPainter, layout: TimelineLayout, style: Style, width: float) -> None:
    """Milestone titles beside their markers (full-size slide), in up to four rows per lane.

    A title goes in the first row (above, then below the lane line) where it overlaps nothing;
    one that fits nowhere is left out: its marker still opens the card, and a legible half is
    better than an illegible whole.
    """
    font = style.face(31, QFont.Weight.DemiBold)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    rows: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for cluster in sorted(layout.clusters, key=lambda c: c.x):
        lane = layout.lanes[cluster.lane]
        if cluster.crowded:
            year = {m.milestone.date.year for m in cluster.markers}
            when = str(year.pop()) if len(year) == 1 else ""
            n = len(cluster.markers)
            text = ngettext("{count} milestone", "{count} milestones", n, count=n)
            text += f" · {when}" if when else ""
        else:
            text = cluster.markers[0].milestone.title
        widths = [metrics.horizontalAdvance(text)]  # whole or not at all: never "Everyday R…"
        offset = style.marker_r * (1.35 if cluster.crowded else 1) + style.px(6)
        h = metrics.height()
        spots = [
            (lane.center - offset - h, Qt.AlignmentFlag.AlignBottom),
            (lane.center + offset, Qt.AlignmentFlag.AlignTop),
        ]
        if lane.height / 2 >= offset + 2 * h:  # room for a second row each side, with leaders
            spots += [
                (lane.center - offset - 2 * h, Qt.AlignmentFlag.AlignBottom),
                (lane.center + offset + h, Qt.AlignmentFlag.AlignTop),
            ]
        painter.setPen(QColor(style.theme.muted if cluster.crowded else style.theme.text))
        for text_w in widths:
            if _place_title(painter, rows, cluster, layout, style, width, text, text_w, spots):
                break


def _place_title(
    painter: QPainter,
    rows: dict[tuple[int, int], list[tuple[float, float]]],
    cluster: Cluster,
    layout: TimelineLayout,
    style: Style,
    width: float,
    text: str,
    text_w: float,
    spots: list[tuple[float, Qt.AlignmentFlag]],
) -> bool:
    """Draw `text` (elided to `text_w`) in the first free row; False if none is free.

    Outer rows get a thin leader to the marker, and are used only where that leader would not
    cross a title in the inner row.
    """
    metrics = QFontMetricsF(painter.font())
    left = min(max(cluster.x - text_w / 2, layout.left - style.px(20)), width - text_w - 4)
    span = (left - style.px(12), left + text_w + style.px(12))
    lane = layout.lanes[cluster.lane]
    for row, (y, flag) in enumerate(spots):
        if y < lane.top or y + metrics.height() > lane.top + lane.height:
            continue  # a title stays inside its own lane: never over the next lane's titles
        taken = rows.setdefault((cluster.lane, row), [])
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        inner = rows.get((cluster.lane, row - 2), []) if row >= 2 else []
        if any(a - 4 <= cluster.x <= b + 4 for a, b in inner):
            continue
        leaders = rows.setdefault((cluster.lane, row % 2 + 10), [])  # leaders' x, per side
        if row < 2 and any(span[0] <= x <= span[1] for x, _ in leaders):
            continue  # an inner title must not sit on an outer title's leader
        taken.append(span)
        if row >= 2:
            leaders.append((cluster.x, cluster.x))
            pen = painter.pen()
            painter.setPen(QPen(QColor(style.theme.muted), max(1.0, style.px(2))))
            near = cluster.y + (
                style.marker_r if flag & Qt.AlignmentFlag.AlignTop else -style.marker_r
            )
            far = y if flag & Qt.AlignmentFlag.AlignTop else y + metrics.height()
            painter.drawLine(QPointF(cluster.x, near), QPointF(cluster.x, far))
            painter.setPen(pen)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, text_w + 1)
        rect = QRectF(left, y, text_w + 2, metrics.height())
        painter.drawText(rect, flag | Qt.AlignmentFlag.AlignLeft, shown)
        return True
    return False
