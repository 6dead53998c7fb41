"""The strip's geometry: sizes from the slide's short side and the screen's DPI, and hit-testing.

The base class of `TimelineStrip`, split off so that what is where (lanes, markers, a fanned
cluster, the play button) reads apart from what the strip does with a press or a key.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPixmap, QResizeEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Milestone
from revkiosk.ui.fonts import load_fonts
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.timeline import layout as lay
from revkiosk.ui.timeline.style import Style


class StripGeometry(QWidget):
    """Lanes, markers and clusters laid out for the widget's size (`layout_`, `style_`)."""

    def __init__(
        self,
        context: ViewContext,
        *,
        full: bool = False,
        domains: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.full = context, full
        deck = context.deck
        self.milestones = lay.timeline_milestones(deck, domains)
        self.domains = lay.timeline_domains(deck, domains)
        self.slide_of = {m.id: deck.slide_index_of_milestone(m.id) for m in self.milestones}
        self.family = load_fonts()
        self.short_side = 1080
        self.expanded: lay.Cluster | None = None
        self.playable = False
        self._static: QPixmap | None = None  # everything but handle, selection and fan
        self.layout_ = lay.layout_timeline([], [], left=0, right=1, top=0, lane_height=1, gap=1)
        self.style_: Style | None = None

    # geometry ----------------------------------------------------------------------------
    def touch_target(self) -> int:
        """9 mm in pixels on this screen (offscreen and unknown screens: about 96 dpi)."""
        screen = self.screen()
        dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
        return lay.touch_px(min(max(dpi, 72.0), 600.0))

    def _sizes(self, short_side: int) -> tuple[float, float, float, float, float]:
        """(scale, gap, lane height, lanes top, axis height) in pixels for a slide's short side."""
        scale = self.context.theme.scale_for(short_side)
        gap = max(float(self.touch_target()), 40 * scale)
        axis = max(64 * scale if self.full else 58 * scale, gap + 8 * scale)
        top = 24 * scale if self.full else 18 * scale
        if self.full:
            lanes = max(len(self.domains), 1)
            lane_h = max((self.height() - top - axis) / lanes, gap)
        else:
            lane_h = max(46 * scale, gap)
        return scale, gap, lane_h, top, axis

    def preferred_height(self, short_side: int) -> int:
        """Overlay height for a stage: every lane at least one touch target tall."""
        scale, _gap, lane_h, top, axis = self._sizes(short_side)
        return round(top + lane_h * max(len(self.domains), 1) + axis + 6 * scale)

    def set_short_side(self, side: int) -> None:
        if side != self.short_side:
            self.short_side = max(1, side)
            self._relayout()

    def _relayout(self) -> None:
        scale, gap, lane_h, top, axis = self._sizes(self.short_side)
        # the lane names' column: as designed, or wider for names that need it (larger text)
        gutter = max((250 if self.full else 190) * scale, self._widest_name(scale) + 60 * scale)
        left, right = gutter + gap / 2, self.width() - 36 * scale - gap / 2
        self.layout_ = lay.layout_timeline(
            self.milestones, self.domains, left=left, right=max(right, left + 1), top=top,
            lane_height=lane_h, gap=gap,
        )  # fmt: skip
        axis_top = top + lane_h * len(self.domains)
        self.style_ = Style(
            self.context.theme, self.family, scale, self.full,
            marker_r=(15 if self.full else 12) * scale, axis_top=axis_top,
            axis_bottom=axis_top + axis, gutter=gutter,
            background_alpha=255, floor_px=floor_font_px(self.short_side, self.family),
        )  # fmt: skip
        self.expanded = None
        self._static = None
        self.update()

    def _widest_name(self, scale: float) -> float:
        style = Style(self.context.theme, self.family, scale, self.full, 0, 0, 0, 0, 255,
                      floor_px=floor_font_px(self.short_side, self.family))  # fmt: skip
        metrics = QFontMetricsF(style.face(32 if self.full else 24, QFont.Weight.Bold))
        return max((metrics.horizontalAdvance(d.name) for d in self.domains), default=0.0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        self._relayout()

    def play_rect(self) -> QRectF:
        """The play button, in the gutter on the axis row (only drawn when `playable`)."""
        style = self.style_
        assert style is not None
        size = self.layout_.gap
        y = (style.axis_top + style.axis_bottom - size) / 2
        return QRectF(style.px(24), y, size, size)

    def marker_point(self, milestone_id: str) -> QPointF:
        """Where a milestone is drawn (its cluster's badge when collapsed): tests tap here."""
        for cluster in self.layout_.clusters:
            for marker, x in zip(cluster.markers, self._xs(cluster), strict=True):
                if marker.milestone.id == milestone_id:
                    return QPointF(x, cluster.y)
        raise KeyError(milestone_id)

    def _xs(self, cluster: lay.Cluster) -> list[float]:
        if cluster is self.expanded:
            return self.layout_.fan(cluster)
        return [cluster.x] * len(cluster.markers)

    def hit(self, pos: QPointF) -> Milestone | lay.Cluster | str | None:
        """What a press at `pos` touches: "play", a milestone, a (closed) cluster, or None."""
        if self.playable and self.play_rect().contains(pos):
            return "play"
        reach = self.layout_.gap / 2
        if self.expanded is not None:
            for marker, x in zip(self.expanded.markers, self._xs(self.expanded), strict=True):
                if abs(pos.x() - x) <= reach and abs(pos.y() - self.expanded.y) <= reach:
                    return marker.milestone
        for cluster in self.layout_.clusters:
            if abs(pos.x() - cluster.x) <= reach and abs(pos.y() - cluster.y) <= reach:
                return cluster if cluster.crowded else cluster.markers[0].milestone
        return None
