"""A visitor steering by touch: hub tiles, home, links, the "more" layer, pinch and tap on a
chart, the control bar — with real QTouchEvents on the player window."""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_helpers import ALEXNET, ALPHAGO, COMPUTE, HUB, WHY, pinch, tap, write_deck
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot
from window_helpers import live_chart

from revkiosk.app import build_player
from revkiosk.first_paint import install_parts
from revkiosk.player import Player
from revkiosk.ui.colors import contrast
from revkiosk.ui.controls import ORDER, Control, ControlBar, controls_of
from revkiosk.ui.timeline.layout import touch_px


@pytest.fixture
def player(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The player on the small exhibit, with the controls a kiosk shows, 1280x720."""
    deck = write_deck(tmp_path)
    built = build_player(["--controls", "--no-resume", "--start", str(HUB + 1), str(deck)])
    qtbot.addWidget(built.window)
    built.window.resize(1280, 720)
    built.window.show()
    qtbot.waitExposed(built.window)
    yield built
    built.window.close()


def bar_of(player: Player) -> ControlBar:
    bar = controls_of(player.window)
    assert bar is not None
    return bar


def current_view(player: Player):  # type: ignore[no-untyped-def]
    stage = player.window.stage
    assert stage is not None
    return stage.current_view()


def test_a_hub_tile_leads_where_it_says_and_home_comes_back(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    nav = player.navigator
    hub = current_view(player)
    games = next(t for t in hub.tiles if t.tile.title == "Games")
    assert games.accessibleName() == "Games, 1 milestone"
    tap(games)
    qtbot.waitUntil(lambda: nav.index == ALPHAGO - 1, timeout=2000)  # the Games section
    nav.go(ALPHAGO)
    tap(bar_of(player).button("home"))
    qtbot.waitUntil(lambda: nav.index == HUB, timeout=2000)
    tap(bar_of(player).button("back"))  # back: where the visitor came from
    qtbot.waitUntil(lambda: nav.index == ALPHAGO, timeout=2000)


def test_a_link_button_jumps_to_its_slide(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    player.navigator.go(WHY)
    bar = bar_of(player)
    qtbot.waitUntil(lambda: len(bar.links) == 2, timeout=2000)
    assert [b.text() for b in bar.links] == ["AlexNet", "Compute"]
    assert all(b.isVisible() for b in bar.links)
    tap(bar.links[0])
    qtbot.waitUntil(lambda: player.navigator.index == ALEXNET, timeout=2000)
    assert bar.links == []  # the milestone slide has no links of its own


def test_more_opens_from_its_button_and_closes_with_a_tap_outside(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    nav, bar = player.navigator, bar_of(player)
    nav.go(WHY)
    assert bar.button("more").isHidden(), "no more layer on a text slide"
    nav.go(ALEXNET)
    more = bar.button("more")
    qtbot.waitUntil(more.isVisible, timeout=2000)
    tap(more)
    explore = player.parts["explore"]
    qtbot.waitUntil(lambda: explore.layer_open == "more", timeout=2000)
    layer = explore.layer
    assert layer.card.geometry().contains(layer.card.qr.geometry().center() + layer.card.pos())
    tap(layer, QPoint(5, 5))  # outside the card
    qtbot.waitUntil(lambda: explore.layer_open is None, timeout=2000)
    assert nav.index == ALEXNET, "the tap that closed the layer did not also move the slide"


def test_m_opens_the_layer_and_esc_closes_it(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    player.navigator.go(ALEXNET)
    explore = player.parts["explore"]
    QTest.keyClick(player.window, Qt.Key.Key_M)
    assert explore.layer_open == "more"
    QTest.keyClick(player.window, Qt.Key.Key_Escape)
    assert explore.layer_open is None
    QTest.keyClick(player.window, Qt.Key.Key_M)
    player.navigator.go(ALPHAGO)  # another slide closes it too
    assert explore.layer_open is None


def test_the_close_button_closes_the_layer(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    player.navigator.go(ALPHAGO)
    explore = player.parts["explore"]
    explore.toggle_more()
    card = explore.layer.card
    assert card.qr is not None and card.qr.url == "https://doi.org/10.1038/nature16961"
    close = card.close_button
    assert close.height() >= touch_px(close.screen().physicalDotsPerInch()) - 1
    tap(close)
    qtbot.waitUntil(lambda: explore.layer_open is None, timeout=2000)


def chart_of(qtbot: QtBot, player):  # type: ignore[no-untyped-def]
    player.navigator.go(COMPUTE)  # a jump: the chart's picture, then the live chart
    chart = live_chart(qtbot, current_view(player))
    viewport = chart.plot.viewport()
    qtbot.waitUntil(lambda: bool(viewport.property("revkiosk_gestures")), timeout=3000)
    return chart, viewport


def test_a_pinch_zooms_the_chart_and_a_double_tap_resets_it(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    chart, viewport = chart_of(qtbot, player)
    before = chart.view_box.viewRange()[0]
    pinch(viewport, 120)
    after = chart.view_box.viewRange()[0]
    assert after[1] - after[0] < 0.7 * (before[1] - before[0]), (before, after)
    assert player.navigator.index == COMPUTE
    tap(viewport, QPoint(20, 20))
    tap(viewport, QPoint(22, 20))
    qtbot.waitUntil(lambda: chart.view_box.viewRange()[0] == pytest.approx(before), timeout=2000)


def test_a_tap_on_a_chart_point_shows_its_card_and_a_milestone_opens_its_slide(
    qtbot: QtBot, player
) -> None:  # type: ignore[no-untyped-def]
    chart, viewport = chart_of(qtbot, player)
    name = next(s.name for s in chart.systems if 2014 < s.decimal_year < 2015)
    point = viewport.mapFromParent(chart.plot.mapFromScene(chart.scene_pos_of(name)))
    index = chart.nearest(chart.scene_pos_of(name))
    if index in chart.milestone_of:  # want a plain system for the card
        pytest.skip("nearest point is a milestone")
    tap(viewport, point)
    assert chart.card.isVisible() and chart.systems[index].name in chart.card.text()
    assert player.navigator.index == COMPUTE
    mark = chart.plot.mapFromScene(chart.scene_pos_of("AlphaGo Lee"))
    tap(viewport, viewport.mapFromParent(mark))
    qtbot.waitUntil(lambda: player.navigator.index == ALPHAGO, timeout=2000)


def test_a_swipe_over_an_unzoomed_picture_still_turns_the_slide(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    from revkiosk.ui.media.images import ImageWidget

    player.navigator.go(ALEXNET)
    image = current_view(player).findChild(ImageWidget)
    qtbot.waitUntil(lambda: bool(image.property("revkiosk_gestures")), timeout=3000)
    window = player.window
    start, end = image.mapTo(window, image.rect().center()), QPoint(40, 0)
    from explore_helpers import device

    QTest.touchEvent(window, device()).press(0, start, window).commit()
    QTest.touchEvent(window, device()).move(0, start - end * 4, window).commit()
    QTest.touchEvent(window, device()).release(0, start - end * 8, window).commit()
    qtbot.waitUntil(lambda: player.navigator.index == ALEXNET + 1, timeout=2000)


def test_a_pinch_zooms_a_picture_and_a_double_tap_resets_it(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    from revkiosk.ui.media.images import ImageWidget

    player.navigator.go(ALEXNET)
    image = current_view(player).findChild(ImageWidget)
    qtbot.waitUntil(lambda: bool(image.property("revkiosk_gestures")), timeout=3000)
    before = image.grab().toImage()
    pinch(image, 100)
    from revkiosk.ui.zoom import ZoomLens

    lens = image.findChild(ZoomLens)
    assert lens is not None and lens.scale > 1.5
    assert image.grab().toImage() != before, "the picture is drawn magnified"
    tap(image)  # a tap on a zoomed picture does not turn the slide
    tap(image)
    qtbot.waitUntil(lambda: image.findChild(ZoomLens) is None, timeout=2000)
    assert player.navigator.index == ALEXNET


def test_a_long_press_opens_nothing_and_moves_nothing(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    from explore_helpers import at, device

    player.navigator.go(WHY)
    window = player.window
    where = at(player.window.stage, QPoint(200, 200))
    QTest.touchEvent(window, device()).press(0, where, window).commit()
    qtbot.wait(900)
    QTest.touchEvent(window, device()).release(0, where, window).commit()
    qtbot.wait(50)
    assert player.navigator.index == WHY
    assert not any(isinstance(w, QMenu) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_the_bar_is_big_labelled_high_contrast_and_off_the_slide(player) -> None:  # type: ignore[no-untyped-def]
    bar, window = bar_of(player), player.window
    stage = window.stage
    slide = stage.slide_rect().translated(stage.pos())
    assert not slide.intersects(bar.geometry()), "the bar never covers the slide"
    dpi = bar.screen().physicalDotsPerInch()
    for name in ("back", "home", "captions", "next"):
        button = bar.button(name)
        assert button.isVisible() and button.accessibleName()
        assert button.height() >= touch_px(dpi) and button.width() >= touch_px(dpi)
        assert bar.geometry().contains(button.geometry().translated(bar.pos()))
    theme = player.show.theme
    assert contrast(QColor(theme.text), QColor(theme.background)) >= 7


def test_the_bar_has_two_rows_on_a_portrait_screen(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    player.window.resize(720, 1280)
    player.navigator.go(WHY)
    bar = bar_of(player)
    qtbot.waitUntil(lambda: bar.rows == 2 and len(bar.links) == 2, timeout=2000)
    links_bottom = max(b.geometry().bottom() for b in bar.links)
    assert links_bottom < bar.button("next").geometry().top()
    assert all(b.isVisible() for b in bar.links)
    slide = player.window.stage.slide_rect().translated(player.window.stage.pos())
    assert not slide.intersects(bar.geometry())


def test_other_modules_add_buttons_where_the_order_keeps_room(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    bar, seen = bar_of(player), []
    player.window.register_action("language", lambda: seen.append("language"))
    bar.add(Control("language", "Français", icon="language", order=ORDER["language"]))
    button = bar.button("language")
    assert button.isVisible()
    captions, nxt = bar.button("captions").geometry(), bar.button("next").geometry()
    assert captions.right() < button.geometry().left() < nxt.left()
    tap(button)
    qtbot.waitUntil(lambda: seen == ["language"], timeout=2000)


def test_captions_toggle_the_visitor_setting(qtbot: QtBot, player) -> None:  # type: ignore[no-untyped-def]
    show, button = player.show, bar_of(player).button("captions")
    assert show.visitor.captions and button.isChecked()
    tap(button)
    qtbot.waitUntil(lambda: not show.visitor.captions, timeout=2000)
    assert not bar_of(player).button("captions").isChecked()


def test_presenters_see_no_bar_unless_they_ask(qtbot: QtBot, tmp_path: Path) -> None:
    built = build_player(["--no-resume", str(write_deck(tmp_path))])
    qtbot.addWidget(built.window)
    assert "explore" not in built.parts  # a presenter's first slide paints without it
    install_parts(built)  # what the player does once its first slide is painted
    assert controls_of(built.window) is None
    built.navigator.go(ALEXNET)
    QTest.keyClick(built.window, Qt.Key.Key_M)  # the M key works without the bar
    assert built.parts["explore"].layer_open == "more"
