"""`chart: compute` — training compute of notable ML systems over time (Epoch AI data).

One scatter per domain (so the legend can hide a domain with one call), era bands, fitted trends,
the deck's milestones drawn larger and labelled, a hover card, click-to-jump, and a year cursor
the timeline can drive. Items are created once; later changes go through `setData`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QEasingCurve, QVariantAnimation
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from revkiosk.data.dataset import CREDIT, DOMAINS, System, with_compute
from revkiosk.data.trends import EraFits, fit_eras
from revkiosk.deck.model import Deck
from revkiosk.i18n.words import N_, _
from revkiosk.theme import Theme
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.plots.axes import PowerOfTenAxis, YearAxis, size_axes, style_axis
from revkiosk.ui.plots.base import ChartBase, rgba
from revkiosk.ui.plots.compute_hover import PointerMixin
from revkiosk.ui.plots.compute_layers import (
    CHART_BOOT,
    TREND_UNTIL,
    EraBands,
    TrendLines,
    label_box,
    place_labels,
    set_visible,
    shipped_fits,
)
from revkiosk.ui.plots.items import Dots
from revkiosk.ui.plots.marks import (
    Marks,
    domain_colors,
    domain_name,
    match_highlight,
    match_milestones,
    short_label,
)
from revkiosk.ui.plots.overlays import OverlayScheduler
from revkiosk.ui.plots.pgimport import pg

DEFAULT_YEARS = (1950.0, 2025.5)
LABEL_INTERVAL_MS = 100  # label layout during a drag: ~10 per second looks smooth enough


# revkiosk.data.dataset.CREDIT, marked here for translation (the data package is Qt- and
# i18n-free); tests/test_i18n_player.py checks the two agree.
CREDIT_SHOWN = N_("Data: Epoch AI (CC BY 4.0)")


class ComputeChart(PointerMixin, ChartBase):
    """The compute scatter. `systems` defaults to the shipped dataset (benchmarks pass more)."""

    credit_text = CREDIT
    built = 0  # charts built in this process (warm_up() builds one only if none exists)

    def __init__(
        self,
        theme: Theme,
        deck: Deck | None = None,
        *,
        highlight: Sequence[str] = (),
        years: tuple[float, float] | None = None,
        jump_to: Callable[[int], None] | None = None,
        systems: Sequence[System] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        axes = {"left": PowerOfTenAxis("left"), "bottom": YearAxis("bottom")}
        super().__init__(theme, axes, parent)
        self.deck = deck
        self._jump_to = jump_to or (lambda index: None)
        rows = tuple(systems) if systems is not None else with_compute()
        order = np.argsort([s.decimal_year for s in rows], kind="stable")  # year cursor: prefixes
        self.systems = tuple(rows[i] for i in order)
        self.x = np.array([s.decimal_year for s in self.systems], dtype=float)
        self.y = np.log10(np.array([s.compute for s in self.systems], dtype=float))
        self.domain_of = np.array([s.domain for s in self.systems])
        self.colors = domain_colors(deck)
        self.visible_domains = set(DOMAINS)
        self.year_cursor: float | None = None
        self.initial_years = (float(years[0]), float(years[1])) if years else DEFAULT_YEARS
        self._animation: QVariantAnimation | None = None
        self._label_px = 0  # the labels' font size now (see `_fit_label_fonts`)

        item = self.plot.getPlotItem()
        self.view_box.disableAutoRange()  # zoom_reset sets the range; skip a re-fit per item
        self.bands = EraBands(item, theme)
        early = self.x < TREND_UNTIL
        if systems is None:
            self.fits: EraFits | None = shipped_fits()
        else:
            xs, flop = self.x[early], 10 ** self.y[early]
            self.fits = fit_eras(xs, flop, n_boot=CHART_BOOT) if xs.size > 40 else None
        self.trends = TrendLines(item, theme, self.fits) if self.fits else None

        # One ScatterPlotItem per domain with one symbol, size, pen and brush for all its points:
        # pyqtgraph then stamps a cached sprite per point (pxMode + useCache) and a pan or zoom
        # only re-maps coordinates. (A PlotDataItem with clipToView rebuilt its points on every
        # view change: 91 ms a frame at 100,000 points.)
        # The year cursor shows a prefix of each domain's rows (they sort by date): a cursor step
        # is one searchsorted per domain and a count, not a rebuilt point list.
        self.scatters: dict[str, Dots] = {}
        self._index_of = {d: np.flatnonzero(self.domain_of == d) for d in DOMAINS}
        self._x_of = {d: self.x[idx] for d, idx in self._index_of.items()}
        self._dot_style: tuple[int, float, int] | None = None
        for domain in DOMAINS:
            scatter = Dots()
            item.addItem(scatter)
            self.scatters[domain] = scatter

        self.milestone_of = match_milestones(deck, self.systems)
        self.highlighted = match_highlight(deck, self.systems, highlight)
        titles = {i: self.systems[i].name for i in self.highlighted} | self.milestone_of
        titles = {i: short_label(t, self.systems[i].name) for i, t in titles.items()}
        self.marks = Marks(item, theme, titles, self.highlighted)
        self._mark_rows = np.array(self.marks.rows, dtype=int)

        # under the labels (40) and trend labels (30): a label the cursor crosses stays readable
        self.cursor_line = pg.InfiniteLine(angle=90, movable=False)
        self.cursor_line.setZValue(25)
        self.cursor_line.hide()
        item.addItem(self.cursor_line, ignoreBounds=True)

        entries = [(d, domain_name(deck, d), self.colors[d]) for d in DOMAINS]
        self.legend.set_entries([e for e in entries if self._index_of[e[0]].size])
        self.legend.toggled.connect(self.set_domain_visible)
        scene = self.plot.scene()
        self._hover_proxy = pg.SignalProxy(scene.sigMouseMoved, rateLimit=60, slot=self._on_moved)
        scene.sigMouseClicked.connect(self._on_scene_clicked)
        self.overlays = OverlayScheduler(self.view_box, self._place_overlays, LABEL_INTERVAL_MS)
        self.set_credit(_(CREDIT_SHOWN))
        # wheel and drag stay near the data: no empty centuries, no zooming into one pixel
        self.view_box.setLimits(xMin=1940, xMax=2040, yMin=-5, yMax=35, minXRange=0.5,
                                minYRange=0.5)  # fmt: skip
        self.restyle()
        self.zoom_reset()
        ComputeChart.built += 1

    # data ------------------------------------------------------------------------------
    def _visible_rows(self) -> np.ndarray:
        """Rows drawn now (the legend's domains, up to the year cursor), by domain."""
        parts = [self._index_of[d][: self._shown_count(d)] for d in DOMAINS]
        return np.concatenate(parts).astype(int)

    def _shown_count(self, domain: str) -> int:
        """How many of `domain`'s rows (sorted by date) the legend and the year cursor leave."""
        if domain not in self.visible_domains:
            return 0
        xs = self._x_of[domain]
        if self.year_cursor is None:
            return xs.size
        return int(np.searchsorted(xs, self.year_cursor, side="right"))

    def _refresh_data(self) -> None:
        """Show the rows the legend and the cursor leave, touching only what changed: the year
        cursor calls this on every drag step and animation frame, `restyle` on every resize.

        A cursor step sets a count per scatter and flags marks shown or hidden; the labels of
        hidden marks hide at once, the rest wait for the next label layout (at most
        `LABEL_INTERVAL_MS` later, and once after the last step), so a drag never lays out
        text on every step.
        """
        alpha = 0.45 if self.highlighted else 0.85  # step back when the slide highlights
        style = (self.pt(13), alpha, self._mark_px)
        restyle = style != self._dot_style
        self._dot_style = style
        for domain, scatter in self.scatters.items():
            count = self._shown_count(domain)
            if restyle:
                idx = self._index_of[domain]
                scatter.setBrush(rgba(self.colors[domain], alpha), update=False)
                scatter.setSize(style[0], update=False)
                scatter.set_points(self.x[idx], self.y[idx], count)
            else:
                scatter.set_count(count)
        rows = self._mark_rows
        shown = np.isin(self.domain_of[rows], list(self.visible_domains))
        if self.year_cursor is not None:
            shown &= self.x[rows] <= self.year_cursor
        if restyle:
            colors = [self.colors[d] for d in self.domain_of]
            self.marks.set_style(self.x, self.y, colors, self._mark_px)
        changed = self.marks.show(shown)
        if restyle:
            self.overlays.invalidate()
        elif changed:
            self.overlays.soon()

    def set_domain_visible(self, domain: str, visible: bool) -> None:
        """Show or hide one domain (the legend calls this on click)."""
        if visible:
            self.visible_domains.add(domain)
        else:
            self.visible_domains.discard(domain)
        button = self.legend.buttons.get(domain)
        if button is not None and button.isChecked() != visible:
            button.setChecked(visible)
        self._refresh_data()

    def visible_systems(self) -> list[str]:
        """Names of the systems currently drawn (tests and the presenter view read this)."""
        return [self.systems[i].name for i in self._visible_rows()]

    # year cursor -----------------------------------------------------------------------
    def set_year_cursor(self, year: float | None) -> None:
        """Hide systems published after `year` (None shows every system)."""
        self.year_cursor = None if year is None else float(year)
        self.cursor_line.setVisible(year is not None)
        if year is not None:
            self.cursor_line.setPos(float(year))
        self._refresh_data()

    def play_years(self, start: float, end: float, seconds: float) -> QVariantAnimation:
        """Sweep the year cursor from `start` to `end` over `seconds` (returns the animation)."""
        self.stop_animation()
        animation = QVariantAnimation(self)
        animation.setStartValue(float(start))
        animation.setEndValue(float(end))
        animation.setDuration(max(1, int(seconds * 1000)))
        animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        animation.valueChanged.connect(lambda value: self.set_year_cursor(float(value)))
        animation.start()
        self._animation = animation
        return animation

    def stop_animation(self) -> None:
        """Stop a running `play_years` sweep (the slide was left)."""
        if self._animation is not None:
            self._animation.stop()
            self._animation = None

    # layout ----------------------------------------------------------------------------
    def zoom_reset(self) -> None:
        """The slide's `years`, with the compute range of the systems in them."""
        x0, x1 = self.initial_years
        inside = (self.x >= x0) & (self.x <= x1)
        ys = self.y[inside] if inside.any() else self.y
        low, high = (float(ys.min()), float(ys.max())) if ys.size else (0.0, 26.0)
        headroom = 0.1 * (high - low) + 0.6  # era names and labels sit above the top system
        self.view_box.setRange(xRange=(x0, x1), yRange=(low - 0.6, high + headroom), padding=0)
        self.overlays.invalidate()  # a jump, not a drag: lay out for the next paint

    def _place_overlays(self) -> bool:
        """Era names, trend labels and milestone labels for the current view (pixel layout);
        `self.overlays` decides when this runs. False when the view has no size yet."""
        rect = self.view_box.viewRect()
        px_w, px_h = self.view_box.viewPixelSize()
        if px_w <= 0 or px_h <= 0:  # not laid out yet (a window being mapped)
            return False
        self._fit_label_fonts()
        self.bands.place(
            (rect.left(), rect.right()),
            rect.bottom() - px_h * self.pt(10),
            px_w * self.pt(14),
            px_w,
            px_h,
            rect.top() + px_h * self.pt(10),
        )
        obstacles = [label_box(label, self.view_box) for label in self.bands.labels]
        if self.trends:
            self.trends.place(self.view_box, obstacles)
            obstacles += [label_box(t.label, self.view_box) for t in self.trends.lines]
        for label, shown in zip(self.marks.labels, self.marks.shown, strict=True):
            set_visible(label, bool(shown))
        leaders = place_labels(
            self.marks.labels,
            self.marks.points,
            self.view_box,
            gap_px=self._mark_px * 0.7,
            obstacles=[b for b in obstacles if b is not None],
            first=[k for k, i in enumerate(self.marks.rows) if i in self.highlighted],
        )
        self.marks.set_leaders(leaders)
        return True

    def _label_font(self, design_px: float) -> QFont:
        """A label face for this plot: its size, but no more than an eighth of the plot's
        height (a short plot at a visitor's larger text keeps its labels in proportion), and
        never under the floor."""
        font = self.make_font(design_px, QFont.Weight.DemiBold)
        floor = floor_font_px(self._short_side, self.family)
        cap = round(self.view_box.height() / 8) if self.view_box.height() > 0 else font.pixelSize()
        font.setPixelSize(max(floor, min(font.pixelSize(), cap)))
        return font

    def _fit_label_fonts(self) -> None:
        """Apply `_label_font` to the era names, trend labels and milestone labels (only when
        the plot's height changed what it gives: a font change re-lays out the labels)."""
        font = self._label_font(32)
        if font.pixelSize() == self._label_px:
            return
        self._label_px = font.pixelSize()
        self.bands.set_font(font, self.bands.fill.edge_px)
        if self.trends:
            self.trends.restyle(max(2, self.pt(4)), font)
        for i, label in zip(self.marks.rows, self.marks.labels, strict=True):
            label.setFont(self._label_font(30 if i in self.highlighted else 26))

    @property
    def _mark_px(self) -> int:
        return self.pt(26)

    def restyle(self) -> None:
        """Fonts, markers and axes for the current slide size."""
        super().restyle()
        tick = self.make_font(28)
        titles = (("left", _("Training compute (FLOP)")), ("bottom", _("Publication date")))
        for name, title in titles:
            axis = self.plot.getAxis(name)
            style_axis(axis, font=tick, color=self.theme.text, grid=self.theme.muted,
                       label=title, label_px=self.text_pt(28))  # fmt: skip
        self.plot.getPlotItem().layout.setContentsMargins(0, self.pt(24), self.pt(24), 0)
        size_axes(self.plot, tick, self.text_pt(28))
        edge_px = max(2, round(2 * self._short_side / 1080))
        # era names and trend labels at 32 design px: 23 px cap height at 1080p (issue 15)
        self.bands.fill.edge_px = edge_px
        self._label_px = 0  # fonts for the labels follow at the next layout (`_fit_label_fonts`)
        self.cursor_line.setPen(pg.mkPen(self.theme.accent, width=max(2, self.pt(4))))
        self.marks.set_leader_width(max(2, self.pt(3)))
        self._refresh_data()
        self.overlays.invalidate()  # new fonts: new label sizes
