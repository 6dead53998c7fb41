"""The timeline strip in the real player on the default deck: scrubbing shows the right card,
release and taps land on the right slide, keys step between milestones before the window turns
pages, the compute chart's year cursor follows, crowded years fan out."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from window_helpers import live_chart

from revkiosk.app import build_player
from revkiosk.ui.timeline.overlay import install_timeline
from revkiosk.ui.timeline.strip import TimelineStrip

NO = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def player(qtbot):
    p = build_player(["--no-resume"])
    qtbot.addWidget(p.window)
    p.window.resize(1920, 1080)
    p.window.show()
    p.overlay = install_timeline(p.window)
    return p


def opened(player) -> TimelineStrip:
    assert player.window.trigger("timeline")
    strip = player.overlay.strip
    assert strip is not None and strip.isVisible()
    return strip


def axis_point(strip: TimelineStrip, year: float) -> QPoint:
    """A point on the year axis row (empty strip: pressing there grabs the handle)."""
    style = strip.style_
    return QPoint(round(strip.layout_.x_of(year)), round((style.axis_top + style.axis_bottom) / 2))


def drag(strip: TimelineStrip, start: float, end: float, release: bool = True) -> None:
    QTest.mousePress(strip, LEFT, NO, axis_point(strip, start))
    for k in range(1, 9):
        QTest.mouseMove(strip, axis_point(strip, start + (end - start) * k / 8))
    if release:
        QTest.mouseRelease(strip, LEFT, NO, axis_point(strip, end))


def hover(widget, pos: QPoint) -> None:
    """A plain mouse move, delivered as the platform does: to the window, which dispatches it."""
    window = widget.window()
    QTest.mouseMove(window.windowHandle(), widget.mapTo(window, pos))


def slide_of(player, milestone_id: str) -> int:
    index = player.deck.slide_index_of_milestone(milestone_id)
    assert index is not None
    return index


def test_t_opens_the_strip_over_the_bottom_of_the_slide_and_t_closes_it(player) -> None:
    strip = opened(player)
    slide = player.window.stage.slide_rect()
    assert strip.geometry().bottom() == slide.bottom()
    assert strip.width() == slide.width() and strip.height() < slide.height() / 3
    player.window.trigger("timeline")
    assert not strip.isVisible()


def test_dragging_to_a_year_shows_that_years_milestone_on_the_card(player) -> None:
    strip = opened(player)
    drag(strip, 2012.0, 2016.2, release=False)  # AlphaGo: March 2016
    assert strip.dragging
    assert strip.card.isVisible() and strip.card.milestone.id == "alphago"
    assert player.navigator.index == 0  # nothing jumps while dragging
    drag(strip, 2016.2, 2020.4, release=False)
    assert strip.card.milestone.id == "gpt-3"


def test_releasing_the_handle_lands_on_the_milestones_slide(player) -> None:
    strip = opened(player)
    drag(strip, 2012.0, 2016.2)
    assert player.navigator.index == slide_of(player, "alphago")
    assert not strip.dragging and not strip.card.isVisible()
    assert strip.current_id == "alphago"  # the new slide's place is highlighted


def test_clicking_a_marker_jumps_at_once(player) -> None:
    strip = opened(player)
    QTest.mouseClick(strip, LEFT, NO, strip.marker_point("alexnet").toPoint())
    assert player.navigator.index == slide_of(player, "alexnet")


def test_keys_step_between_milestones_before_the_window_turns_pages(player, qtbot) -> None:
    win, nav = player.window, player.navigator
    strip = opened(player)
    first = strip.milestones[0]
    assert strip.selected is first
    qtbot.keyClick(win, Qt.Key.Key_Right)  # sent to the window, still the strip's key
    assert strip.selected is strip.milestones[1] and nav.index == 0
    qtbot.keyClick(strip, Qt.Key.Key_Left)
    assert strip.selected is first
    qtbot.keyClick(strip, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert strip.selected.date.year == 2012  # the next year with a milestone
    assert strip.card.isVisible() and strip.card.milestone is strip.selected
    qtbot.keyClick(strip, Qt.Key.Key_Return)
    assert nav.index == slide_of(player, strip.selected.id)
    qtbot.keyClick(strip, Qt.Key.Key_Escape)
    assert not strip.isVisible()
    before = nav.index
    qtbot.keyClick(win, Qt.Key.Key_Right)  # closed: Right is the window's again
    assert nav.index == before + 1


def test_on_a_compute_chart_the_cursor_follows_the_handle_and_release_stays(player, qtbot):
    nav = player.navigator
    chart_index = next(
        i for i, s in enumerate(player.deck.slides) if s.id == "compute-deep-learning"
    )
    nav.go(chart_index)  # a jump: the chart's picture first, the live chart right after
    view = player.window.stage.current_view()
    strip = opened(player)
    assert strip.playable and strip.card.compact
    drag(strip, 2012.0, 2015.0, release=False)  # maybe before the live chart: it keeps the year
    chart = live_chart(qtbot, view)
    qtbot.waitUntil(lambda: chart.year_cursor is not None and abs(chart.year_cursor - 2015) < 0.1)
    shown = chart.visible_systems()
    years = {s.name: s.decimal_year for s in chart.systems}
    assert shown and max(years[name] for name in shown) <= 2015.0
    gpt3 = player.deck.milestone("gpt-3").system
    assert gpt3 in years and gpt3 not in shown
    drag(strip, 2015.0, 2021.0)
    qtbot.waitUntil(lambda: gpt3 in chart.visible_systems())
    assert nav.index == chart_index  # on a chart the drag explores; it does not leave
    nav.next()
    assert chart.year_cursor is None  # leaving the chart restores every system


def test_the_play_button_sweeps_the_chart_through_the_years(player, qtbot) -> None:
    nav = player.navigator
    nav.go(next(i for i, s in enumerate(player.deck.slides) if s.id == "compute-eras"))
    view = player.window.stage.current_view()
    strip = opened(player)
    QTest.mouseClick(strip, LEFT, NO, strip.play_rect().center().toPoint())
    assert strip.is_playing()
    chart = live_chart(qtbot, view)  # a sweep asked for on the picture builds the chart now
    qtbot.waitUntil(lambda: chart.year_cursor is not None)
    start = chart.year_cursor
    qtbot.waitUntil(lambda: chart.year_cursor > start + 0.2, timeout=10_000)
    QTest.mouseClick(strip, LEFT, NO, strip.play_rect().center().toPoint())
    assert not strip.is_playing()


def test_the_play_button_is_offered_only_where_there_is_a_chart(player) -> None:
    strip = opened(player)
    assert not strip.playable and not strip.card.compact
    assert strip.hit(strip.play_rect().center()) != "play"


def test_a_crowded_year_fans_out_on_hover_and_a_fanned_marker_opens(player) -> None:
    strip = opened(player)
    crowd = max(strip.layout_.clusters, key=lambda c: len(c.markers))
    assert len(crowd.markers) >= 4  # vision, 2022
    ids = [m.milestone.id for m in crowd.markers]
    assert len({strip.marker_point(i).x() for i in ids}) == 1  # collapsed: one badge
    hover(strip, QPointF(crowd.x, crowd.y).toPoint())
    assert strip.expanded is crowd
    xs = [strip.marker_point(i).x() for i in ids]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= strip.touch_target() - 0.5
    target = ids[-1]
    hover(strip, strip.marker_point(target).toPoint())
    assert strip.card.isVisible() and strip.card.milestone.id == target
    QTest.mouseClick(strip, LEFT, NO, strip.marker_point(target).toPoint())
    assert player.navigator.index == slide_of(player, target)


def test_a_tap_on_a_cluster_opens_it_instead_of_jumping(player) -> None:
    strip = opened(player)
    crowd = max(strip.layout_.clusters, key=lambda c: len(c.markers))
    QTest.mouseClick(strip, LEFT, NO, QPointF(crowd.x, crowd.y).toPoint())
    assert strip.expanded is crowd and player.navigator.index == 0


def test_the_strip_hides_itself_when_unused(player, qtbot) -> None:
    player.overlay._hide.setInterval(30)
    strip = opened(player)
    qtbot.waitUntil(lambda: not strip.isVisible())


def test_the_mouse_near_the_bottom_edge_shows_the_strip(player) -> None:
    win = player.window
    hover(win, QPoint(960, 500))
    assert not player.overlay.is_open()
    hover(win, QPoint(960, 1070))
    assert player.overlay.is_open()


def test_a_tap_on_the_bottom_edge_wakes_the_strip_without_turning_the_page(player) -> None:
    QTest.mouseClick(player.window, LEFT, NO, QPoint(700, 1075))
    assert player.overlay.is_open()
    assert player.navigator.index == 0


def test_installing_twice_gives_one_strip(player) -> None:
    assert install_timeline(player.window) is player.overlay


NO_SLIDE_DECK = """\
deck:
  title: Gaps
domains:
  - {id: vision, name: Vision, color: "#4cc9f0"}
milestones:
  - {id: alexnet, date: 2012-09, domain: vision, title: AlexNet, org: U of T,
     summary: Wins ImageNet., source: "https://example.org/a"}
  - {id: gan, date: 2014-06, domain: vision, title: GANs, org: Montreal,
     summary: Two networks compete., source: "https://example.org/b"}
slides:
  - {kind: title, title: Gaps}
  - {kind: milestone, milestone: alexnet}
"""


def start_deck(qtbot, tmp_path, text: str):
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    p = build_player([str(path), "--no-resume"])
    qtbot.addWidget(p.window)
    p.window.resize(1280, 720)
    p.window.show()
    p.overlay = install_timeline(p.window)
    return p


def test_a_milestone_without_a_slide_says_so_instead_of_jumping(qtbot, tmp_path) -> None:
    p = start_deck(qtbot, tmp_path, NO_SLIDE_DECK)
    strip = opened(p)
    QTest.mouseClick(strip, LEFT, NO, strip.marker_point("gan").toPoint())
    assert p.navigator.index == 0
    assert p.window.is_shown("notice")
    QTest.mouseClick(strip, LEFT, NO, strip.marker_point("alexnet").toPoint())
    assert p.navigator.index == 1


def test_a_deck_without_milestones_explains_why_there_is_no_timeline(qtbot, tmp_path) -> None:
    text = "deck: {title: Plain}\nslides:\n  - {kind: title, title: Hi}\n"
    p = start_deck(qtbot, tmp_path, text)
    assert p.window.trigger("timeline")
    assert not p.overlay.is_open() and p.window.is_shown("notice")
    hover(p.window, QPoint(640, 715))  # the bottom edge does not pop up an empty strip
    assert not p.overlay.is_open()


def test_blanking_the_screen_or_opening_help_puts_the_strip_away(player) -> None:
    strip = opened(player)
    player.window.trigger("black")
    assert not strip.isVisible()
    player.navigator.set_blank(None)
    strip = opened(player)
    player.window.trigger("help")
    assert not strip.isVisible()


def test_reloading_the_deck_retires_the_old_strip(player, qtbot) -> None:
    old = opened(player)
    info = dataclasses.replace(player.deck.info, title="Edited")
    player.show.set_deck(dataclasses.replace(player.deck, info=info))  # a reload
    qtbot.keyClick(player.window, Qt.Key.Key_Right)  # the stale strip steps aside …
    assert not old.isVisible() and player.navigator.index == 1  # … and the key turns the page
    assert opened(player) is not old


def test_a_touch_drag_scrubs_and_lands_like_the_mouse(player) -> None:
    strip = opened(player)
    device = QTest.createTouchDevice()
    window = player.window
    at = lambda year: strip.mapTo(window, axis_point(strip, year))  # noqa: E731
    QTest.touchEvent(window, device).press(0, at(2012.0))
    for year in (2013.0, 2014.0, 2015.0, 2016.2):
        QTest.touchEvent(window, device).move(0, at(year))
    assert strip.card.isVisible() and strip.card.milestone.id == "alphago"
    QTest.touchEvent(window, device).release(0, at(2016.2))
    assert player.navigator.index == slide_of(player, "alphago")


def test_on_the_timeline_slide_t_engages_it_and_keys_step_its_milestones(player, qtbot) -> None:
    nav, win = player.navigator, player.window
    index = next(i for i, s in enumerate(player.deck.slides) if s.kind == "timeline")
    nav.go(index)
    view = win.stage.current_view()
    hover(win, QPoint(960, 1075))
    assert not player.overlay.is_open()  # the slide is the timeline: no second strip
    win.trigger("timeline")
    assert view.engaged and not player.overlay.is_open()
    first = view.strip.selected
    qtbot.keyClick(win, Qt.Key.Key_Right)
    assert view.strip.selected is not first and nav.index == index
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert not view.engaged
    qtbot.keyClick(win, Qt.Key.Key_Right)
    assert nav.index == index + 1


def test_thumbnails_render_in_the_background_before_the_strip_is_first_used(
    qtbot, tmp_path, monkeypatch
) -> None:
    from revkiosk.ui.timeline import overlay, thumbs

    monkeypatch.setattr(overlay, "PRERENDER_DELAY_MS", 10)
    monkeypatch.setattr(thumbs, "IDLE_MS", 1)
    p = start_deck(qtbot, tmp_path, NO_SLIDE_DECK)
    cache = thumbs.thumbs_for(p.window.context)
    qtbot.waitUntil(lambda: cache.renders == 1 and cache.pending == 0)  # alexnet has a slide
    assert cache.path(1).is_file() and not p.overlay.is_open()


def test_a_tiny_window_still_opens_and_drags_without_errors(player) -> None:
    player.window.resize(320, 180)
    strip = opened(player)
    assert strip.height() <= player.window.stage.slide_rect().height()
    drag(strip, 2012.0, 2016.2)  # exceptions inside Qt handlers fail the test (pytest-qt)
    assert player.navigator.index == slide_of(player, "alphago")
