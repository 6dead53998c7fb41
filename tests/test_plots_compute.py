"""The compute chart as a visitor meets it: hover, click, legend, year cursor, zoom, pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from dots_sample import dots_plot
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from revkiosk.context import ViewContext
from revkiosk.deck.model import (
    Deck,
    DeckInfo,
    Domain,
    Milestone,
    MilestoneSlide,
    PartialDate,
    PlotSlide,
)
from revkiosk.theme import theme_named
from revkiosk.ui.view import create_view

GPT3_SYSTEM = "GPT-3 175B (davinci)"


def make_deck(plot: PlotSlide) -> Deck:
    """Plot slide first, then milestone slides for GPT-3 (index 1) and AlexNet (index 2)."""
    gpt3 = Milestone("gpt-3", PartialDate(2020, 5), "language", "GPT-3", "OpenAI", "s", "u",
                     system=GPT3_SYSTEM)  # fmt: skip
    alexnet = Milestone("alexnet", PartialDate(2012, 9), "vision", "AlexNet", "U of T", "s", "u",
                        system="AlexNet")  # fmt: skip
    slides = (plot, MilestoneSlide(kind="milestone", milestone=gpt3),
              MilestoneSlide(kind="milestone", milestone=alexnet))  # fmt: skip
    domains = (Domain("language", "Language", "#7bd88f"), Domain("vision", "Vision", "#4cc9f0"))
    return Deck(Path("deck.yaml"), Path("."), DeckInfo("t"), domains, (gpt3, alexnet), slides)


@pytest.fixture
def view(qtbot):
    """A shown 1920x1080 compute slide over 2010-2023; jumps are recorded in `view.jumps`."""
    slide = PlotSlide(kind="plot", title="Compute", chart="compute", years=(2010, 2023))
    jumps: list[int] = []
    v = create_view(slide, ViewContext(make_deck(slide), theme_named("dark"), jump_to=jumps.append))
    v.jumps = jumps
    qtbot.addWidget(v)
    v.resize(1920, 1080)
    v.show()
    qtbot.waitExposed(v)
    return v


def viewport_point(chart, system: str) -> QPoint:
    return chart.plot.mapFromScene(chart.scene_pos_of(system))


def distinct_colours(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint32, image.width() * image.height())
    return len(np.unique(data))


def test_hovering_gpt3_shows_its_card(view, qtbot) -> None:
    chart = view.chart
    qtbot.mouseMove(chart.plot.viewport(), viewport_point(chart, GPT3_SYSTEM))
    qtbot.waitUntil(chart.card.isVisible, timeout=2000)
    text = chart.card.text()
    for expected in (GPT3_SYSTEM, "OpenAI", "28 May 2020", "3.14e23 FLOP", "175 billion"):
        assert expected in text


def test_hovering_empty_space_hides_the_card(view) -> None:
    chart = view.chart
    chart.hover_at(chart.scene_pos_of(GPT3_SYSTEM))
    assert chart.card.isVisible()
    empty = chart.view_box.mapViewToScene(chart.view_box.viewRect().topLeft())
    assert chart.hover_at(empty) is None
    assert not chart.card.isVisible()


def test_clicking_a_milestone_asks_to_jump_to_its_slide(view, qtbot) -> None:
    chart = view.chart
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton,
                     pos=viewport_point(chart, "AlexNet"))  # fmt: skip
    assert view.jumps == [2]


def test_clicking_a_system_without_a_slide_does_not_jump(view, qtbot) -> None:
    chart = view.chart
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton,
                     pos=viewport_point(chart, "Megatron-Turing NLG 530B"))  # fmt: skip
    assert view.jumps == []


def test_legend_click_hides_and_shows_a_domain(view, qtbot) -> None:
    chart = view.chart
    button = chart.legend.buttons["language"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert GPT3_SYSTEM not in chart.visible_systems()
    assert len(chart.scatters["language"].getData()[0]) == 0
    hit = chart.nearest(chart.scene_pos_of(GPT3_SYSTEM))  # a hidden point cannot be hovered
    assert hit is None or chart.systems[hit].name != GPT3_SYSTEM
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert GPT3_SYSTEM in chart.visible_systems()


def test_year_cursor_hides_later_systems(view) -> None:
    chart = view.chart
    view.set_year_cursor(2015.0)
    shown = chart.visible_systems()
    assert "AlexNet" in shown and GPT3_SYSTEM not in shown
    assert max(chart.scatters["language"].getData()[0]) <= 2015.0
    view.set_year_cursor(None)
    assert GPT3_SYSTEM in chart.visible_systems()


def test_play_years_sweeps_the_cursor_to_the_end(view, qtbot) -> None:
    chart = view.chart
    animation = chart.play_years(2012, 2021, 0.3)
    with qtbot.waitSignal(animation.finished, timeout=3000):
        pass
    assert chart.year_cursor == pytest.approx(2021)
    assert GPT3_SYSTEM in chart.visible_systems()
    assert "PaLM (540B)" not in chart.visible_systems()


def test_zoom_actions_narrow_widen_and_reset_the_view(view) -> None:
    box = view.chart.view_box

    def width() -> float:
        return box.viewRect().width()

    start = width()
    assert view.handle_action("zoom_in") and width() < start
    assert view.handle_action("zoom_out") and view.handle_action("zoom_out") and width() > start
    assert view.handle_action("zoom_reset") and width() == pytest.approx(13.0)
    assert not view.handle_action("play_pause")


def test_highlighted_milestones_are_drawn_bigger(qtbot) -> None:
    slide = PlotSlide(kind="plot", chart="compute", highlight=("gpt-3", "PaLM (540B)"))
    v = create_view(slide, ViewContext(make_deck(slide), theme_named("dark")))
    qtbot.addWidget(v)
    v.resize(1280, 720)
    v.show()
    sizes = {v.chart.systems[int(p.data())].name: p.size() for p in v.chart.marks.scatter.points()}
    assert sizes[GPT3_SYSTEM] > sizes["AlexNet"]
    assert "PaLM (540B)" in sizes  # a system name works as well as a milestone id


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
@pytest.mark.parametrize("theme", ["dark", "light"])
def test_rendered_chart_is_not_blank_and_credits_epoch(qtbot, tmp_path, size, theme) -> None:
    slide = PlotSlide(kind="plot", title="Compute", chart="compute")
    v = create_view(slide, ViewContext(make_deck(slide), theme_named(theme)))
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    qtbot.waitExposed(v)
    png = tmp_path / f"compute_{theme}_{size[0]}.png"
    assert v.grab().save(str(png))
    image = QImage(str(png))
    assert (image.width(), image.height()) == size
    assert distinct_colours(image) > 200  # points, bands, text: far from a flat fill
    assert v.chart.credit.text() == "Data: Epoch AI (CC BY 4.0)"
    assert (
        v.chart.credit.isVisible() and v.chart.credit.width() >= v.chart.credit.sizeHint().width()
    )


def test_tapping_a_system_without_a_slide_shows_its_card(view, qtbot) -> None:
    chart = view.chart
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton,
                     pos=viewport_point(chart, "Megatron-Turing NLG 530B"))  # fmt: skip
    assert chart.card.isVisible() and "Megatron-Turing NLG 530B" in chart.card.text()


def _send_mouse(widget, kind, pos: QPoint, buttons) -> None:
    point = QPointF(pos)
    global_point = QPointF(widget.mapToGlobal(pos))
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, point, global_point, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_wheel_zooms_and_drag_pans(view) -> None:
    chart = view.chart
    viewport = chart.plot.viewport()
    centre = viewport.rect().center()
    before = chart.view_box.viewRect()
    wheel = QWheelEvent(QPointF(centre), QPointF(viewport.mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(viewport, wheel)
    zoomed = chart.view_box.viewRect()
    assert zoomed.width() < before.width()  # wheel forward zooms in

    left = Qt.MouseButton.LeftButton
    _send_mouse(viewport, QEvent.Type.MouseButtonPress, centre, left)
    for step in range(1, 6):
        _send_mouse(viewport, QEvent.Type.MouseMove, centre + QPoint(40 * step, 0), left)
    _send_mouse(viewport, QEvent.Type.MouseButtonRelease, centre + QPoint(200, 0), left)
    panned = chart.view_box.viewRect()
    assert panned.left() < zoomed.left()  # dragging right shows earlier years
    assert panned.width() == pytest.approx(zoomed.width())


def test_a_chart_squeezed_to_no_plot_height_does_not_crash(qtbot) -> None:
    """Bug: a window being mapped has a plot area 0 px high; label layout divided by zero."""
    from revkiosk.ui.plots.compute import ComputeChart

    chart = ComputeChart(theme_named("dark"))
    qtbot.addWidget(chart)
    chart.resize(300, 40)
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.view_box.height() == 0
    chart.set_year_cursor(2015)
    chart.set_domain_visible("games", False)
    assert chart.hover_at(chart.scene_pos_of(GPT3_SYSTEM)) is None


def test_fast_dots_draw_the_same_pixels_as_pyqtgraph(qtbot, monkeypatch) -> None:
    """The culled, sorted-x drawing of `Dots` must not lose or move any dot."""
    from revkiosk.ui.plots.items import Dots

    widget, dots = dots_plot(qtbot, 5000, seed=1, x_range=(20, 60))
    fast = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert dots.last_paint_fast
    monkeypatch.setattr(Dots, "fast_paint", False)
    stock = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert not dots.last_paint_fast
    size = fast.width() * fast.height()
    a = np.frombuffer(fast.constBits(), np.uint32, size)
    b = np.frombuffer(stock.constBits(), np.uint32, size)
    assert distinct_colours(fast) > 20  # dots were drawn at all
    assert np.count_nonzero(a != b) < size * 0.001  # at most a rounding pixel here and there


def label_of(chart, system: str):
    row = next(i for i, s in enumerate(chart.systems) if s.name == system)
    return chart.marks.labels[chart.marks.rows.index(row)]


def test_an_exported_slide_has_its_labels_placed_without_an_event_loop(qtbot) -> None:
    """Labels are laid out lazily, just before a paint: a grab() straight after building the
    slide (export, thumbnails) must still show them beside their markers."""
    slide = PlotSlide(kind="plot", chart="compute", highlight=("alexnet",), years=(2010, 2023))
    v = create_view(slide, ViewContext(make_deck(slide), theme_named("dark")))
    qtbot.addWidget(v)
    v.resize(1920, 1080)
    v.grab()
    chart = v.chart
    assert not chart.overlays.stale
    label = label_of(chart, "AlexNet")
    box = label.mapRectToScene(label.boundingRect())
    marker = chart.scene_pos_of("AlexNet")
    assert label.isVisible()
    assert abs(box.center().x() - marker.x()) < 300 and abs(box.center().y() - marker.y()) < 200


def test_after_a_pan_labels_leave_with_their_points_and_never_cover_them(view, qtbot) -> None:
    chart = view.chart
    chart.view_box.translateBy(x=-6.0)  # 2004-2017: GPT-3 (2020) leaves the view
    qtbot.waitUntil(lambda: not chart.overlays.stale and not chart.overlays._timer.isActive())
    chart.plot.viewport().repaint()
    assert not label_of(chart, GPT3_SYSTEM).isVisible()
    alexnet = label_of(chart, "AlexNet")
    assert alexnet.isVisible()
    marker = chart.scene_pos_of("AlexNet")
    assert not alexnet.mapRectToScene(alexnet.boundingRect()).contains(marker)
    chart.view_box.translateBy(x=6.0)
    qtbot.waitUntil(lambda: label_of(chart, GPT3_SYSTEM).isVisible(), timeout=3000)


def test_an_empty_dots_item_paints_nothing_without_error(qtbot) -> None:
    """A domain hidden from the legend leaves its scatter empty; painting it must not fail."""
    import pyqtgraph as pg

    from revkiosk.ui.plots.items import Dots

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    dots = Dots()
    dots.set_points(np.zeros(0), np.zeros(0))
    widget.addItem(dots)
    widget.setRange(xRange=(-1, 1), yRange=(-1, 1), padding=0)  # (0, 0), where it would sit
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()
    assert dots.last_paint_fast  # it was painted (an exception there fails the test)


def test_era_names_and_the_other_domain_are_in_the_visitors_language(qtbot) -> None:
    """The era names were written back in English when placed; 'Other' had no translation."""
    from revkiosk.i18n import words
    from revkiosk.ui.plots.marks import domain_name

    slide = PlotSlide(kind="plot", chart="compute", years=(1950, 2023))
    words.activate("fr")
    try:
        v = create_view(slide, ViewContext(make_deck(slide), theme_named("dark")))
        qtbot.addWidget(v)
        v.resize(1920, 1080)
        v.grab()  # places the era names
        names = [label.toPlainText() for label in v.chart.bands.labels]
        assert any(name.startswith("AVANT 2010") for name in names), names
        assert not any("ERA" in name for name in names), names
        assert domain_name(None, "other") == "Autres"
    finally:
        words.activate("en")
