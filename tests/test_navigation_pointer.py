"""Mouse, wheel, touch, the overview grid, cross-fades, failing views and the view cache."""

from __future__ import annotations

import pytest
from pixels import rgb
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QCursor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_navigation import K, M, make_deck, make_window, press

import revkiosk.ui.input as input_module
import revkiosk.ui.stage as stage_module

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton


def wheel(widget, dy: int, pixel_dy: int = 0) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        pos,
        widget.mapToGlobal(pos),
        QPoint(0, pixel_dy),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_left_click_is_next_and_right_click_is_previous(qtbot) -> None:
    window, nav = make_window(qtbot, start=3)
    QTest.mouseClick(window.stage, LEFT, pos=QPoint(400, 300))
    assert nav.index == 4
    QTest.mouseClick(window.stage, RIGHT, pos=QPoint(400, 300))
    assert nav.index == 3


def test_one_wheel_notch_is_one_slide(qtbot) -> None:
    window, nav = make_window(qtbot, start=3)
    wheel(window.stage, -120)
    assert nav.index == 4
    wheel(window.stage, -120)
    assert nav.index == 5
    wheel(window.stage, 120)
    assert nav.index == 4


def test_a_trackpad_stroke_moves_one_slide_not_many(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(input_module, "STROKE_PAUSE_MS", 60_000)  # no pause: one stroke
    window, nav = make_window(qtbot, start=3)
    for _ in range(40):  # one long inertial stroke of small deltas
        wheel(window.stage, -15, pixel_dy=-8)
    assert nav.index == 4


def test_a_new_trackpad_stroke_after_a_pause_moves_again(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(input_module, "STROKE_PAUSE_MS", 100)
    window, nav = make_window(qtbot, start=3)
    for _stroke in range(2):
        for _ in range(10):
            wheel(window.stage, -15, pixel_dy=-8)
        qtbot.wait(300)  # longer than the pause: the next events start a new stroke
    assert nav.index == 5


def test_a_horizontal_drag_swipes_by_direction(qtbot) -> None:
    window, nav = make_window(qtbot, start=3)
    QTest.mousePress(window.stage, LEFT, pos=QPoint(800, 300))
    QTest.mouseMove(window.stage, QPoint(500, 305))
    QTest.mouseRelease(window.stage, LEFT, pos=QPoint(200, 310))
    assert nav.index == 4  # swipe left: next
    QTest.mousePress(window.stage, LEFT, pos=QPoint(200, 300))
    QTest.mouseRelease(window.stage, LEFT, pos=QPoint(700, 290))
    assert nav.index == 3  # swipe right: previous


def test_a_touch_swipe_moves_to_the_next_slide(qtbot) -> None:
    window, nav = make_window(qtbot, start=3)
    device = QTest.createTouchDevice()
    QTest.touchEvent(window, device).press(0, QPoint(800, 300), window).commit()
    QTest.touchEvent(window, device).move(0, QPoint(500, 300), window).commit()
    QTest.touchEvent(window, device).release(0, QPoint(200, 300), window).commit()
    qtbot.waitUntil(lambda: nav.index == 4, timeout=1000)


def test_overview_pick_by_keys(qtbot) -> None:
    window, nav = make_window(qtbot, start=0)
    press(window, K.Key_O)
    grid = window.overview
    assert grid.isVisible()
    columns = grid.columns()
    press(window, K.Key_Right)
    press(window, K.Key_Down)
    assert nav.index == 0  # moving the selection does not navigate
    press(window, K.Key_Return)
    assert not grid.isVisible()
    assert nav.index == 1 + columns


def test_overview_opens_with_tab_and_esc_closes_it(qtbot) -> None:
    window, nav = make_window(qtbot, start=2)
    press(window, K.Key_Tab)
    assert window.overview.isVisible()
    press(window, K.Key_Right)
    press(window, K.Key_Escape)
    assert not window.overview.isVisible()
    assert nav.index == 2


def test_overview_pick_by_click(qtbot) -> None:
    window, nav = make_window(qtbot, start=0)
    press(window, K.Key_O)
    target = window.overview.cell_rect(7).center()
    QTest.mouseClick(window.overview, LEFT, pos=target)
    assert nav.index == 7
    assert not window.overview.isVisible()


def test_overview_fills_in_thumbnails_lazily(qtbot) -> None:
    window, _ = make_window(qtbot, deck=make_deck(6))
    press(window, K.Key_O)
    qtbot.waitUntil(lambda: not window.overview._timer.isActive(), timeout=5000)
    assert set(window.overview._thumbs) | window.overview._failed == set(range(6))


def test_a_key_during_a_transition_lands_on_the_next_slide_at_once(qtbot) -> None:
    window, nav = make_window(qtbot, start=0, transition="fade")
    qtbot.waitUntil(lambda: window.stage._snapshot is not None, timeout=3000)  # idle snapshot
    press(window, K.Key_Right)
    assert window.stage.fading()
    press(window, K.Key_Right)  # no waiting for the fade
    assert nav.index == 2
    view = window.stage.current_view()
    assert view.slide.heading == "Slide 3" and view.isVisible()
    assert all(
        not v.isVisible() for i, v in window.stage._views.items() if i != 2
    )  # the slide we passed through is not left on screen
    qtbot.waitUntil(lambda: not window.stage.fading(), timeout=2000)


def test_transition_none_switches_without_a_fade(qtbot) -> None:
    window, nav = make_window(qtbot, transition="none")
    qtbot.wait(400)
    press(window, K.Key_Right)
    assert not window.stage.fading()


def test_the_fade_starts_near_the_old_slide_and_ends_on_the_new(qtbot) -> None:
    window, nav = make_window(qtbot, start=0, transition="fade")
    qtbot.waitUntil(lambda: window.stage._snapshot is not None, timeout=3000)
    slide_area = window.stage.slide_rect().adjusted(0, 0, 0, -80)  # not the progress strip
    before = rgb(window.grab(slide_area).toImage()).astype(int)
    press(window, K.Key_Right)
    first = rgb(window.grab(slide_area).toImage()).astype(int)
    qtbot.waitUntil(lambda: not window.stage.fading(), timeout=2000)
    after = rgb(window.grab(slide_area).toImage()).astype(int)
    assert window.stage.fade_layer.isHidden()
    assert (after != before).any()
    # The key changes the picture at once (no waiting for an animation tick), starting close
    # to the old slide so the eye follows the cross-fade.
    assert 0 < abs(first - before).mean() < abs(first - after).mean()


def test_a_view_that_raises_shows_a_placeholder_and_the_show_goes_on(qtbot, monkeypatch) -> None:
    real = stage_module.create_view

    def flaky(slide, context, parent=None):
        if slide.heading == "Slide 3":
            raise RuntimeError("simulated view bug")
        return real(slide, context, parent)

    monkeypatch.setattr(stage_module, "create_view", flaky)
    window, nav = make_window(qtbot, start=1)
    press(window, K.Key_Right)
    view = window.stage.current_view()
    assert isinstance(view, stage_module.PlaceholderView)
    assert "simulated view bug" in view.error
    assert window.notice.isVisible()
    assert "Slide 3" in window.notice.messages[-1] or "3" in window.notice.messages[-1]
    press(window, K.Key_Right)
    assert nav.index == 3
    assert not isinstance(window.stage.current_view(), stage_module.PlaceholderView)


def test_a_view_whose_enter_raises_is_replaced_by_a_placeholder(qtbot, monkeypatch) -> None:
    window, nav = make_window(qtbot, start=0)
    view = window.stage.view_at(1)
    view.enter = lambda: 1 / 0
    press(window, K.Key_Right)
    assert nav.index == 1
    assert isinstance(window.stage.current_view(), stage_module.PlaceholderView)


def test_the_view_cache_stays_small_on_a_long_walk(qtbot) -> None:
    window, nav = make_window(qtbot, deck=make_deck(30))
    for _ in range(29):
        press(window, K.Key_Right)
        window.after_paint.preload_next()
    assert nav.index == 29
    assert len(window.stage.cached_indices()) <= window.stage.cache_size
    assert 29 in window.stage.cached_indices()


def test_the_next_slide_is_preloaded(qtbot) -> None:
    window, nav = make_window(qtbot, start=4)
    qtbot.waitUntil(lambda: 5 in window.stage.cached_indices(), timeout=2000)


@pytest.mark.parametrize(("size", "rect"), [((1000, 800), (0, 119, 1000, 562))])
def test_slides_are_letterboxed_at_the_deck_aspect(qtbot, size, rect) -> None:
    window, _ = make_window(qtbot)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    slide = window.stage.slide_rect()
    assert (slide.x(), slide.y(), slide.width(), slide.height()) == rect
    assert window.stage.current_view().geometry() == slide
    image = window.grab().toImage()
    bar = image.pixelColor(500, 40).name()
    assert bar == window.theme.background  # the bars are the theme background


def test_shift_is_ignored_on_symbol_keys_only(qtbot) -> None:
    window, nav = make_window(qtbot)
    press(window, K.Key_Period, M.ShiftModifier)
    assert nav.blank == "black"


def test_the_pointer_hides_in_full_screen_and_returns_on_movement(qtbot, monkeypatch) -> None:
    window, _ = make_window(qtbot)
    hider = window.cursor_hider
    monkeypatch.setattr(hider, "IDLE_MS", 100)
    hider._poll.setInterval(20)
    monkeypatch.setattr(hider, "POLL_MS", 20)
    press(window, K.Key_F)
    qtbot.waitUntil(lambda: hider.hidden, timeout=3000)
    QCursor.setPos(QCursor.pos() + QPoint(40, 30))  # the mouse moves
    qtbot.waitUntil(lambda: not hider.hidden, timeout=3000)
    press(window, K.Key_F)  # out of full screen the pointer stays
    qtbot.wait(300)
    assert not hider.hidden


def test_the_fade_snapshot_follows_changes_but_does_not_loop(qtbot) -> None:
    window, _ = make_window(qtbot, transition="fade")
    stage = window.stage
    qtbot.waitUntil(lambda: stage._snapshot is not None, timeout=3000)
    first = stage._snapshot[1].cacheKey()
    qtbot.wait(700)  # grabbing paints the view; that must not count as a change
    assert stage._snapshot[1].cacheKey() == first
    stage.current_view().update()  # the slide's content changed (a chart zoomed, say)
    qtbot.waitUntil(lambda: stage._snapshot[1].cacheKey() != first, timeout=3000)


def test_a_preloaded_slide_fades_in_from_a_faithful_picture(qtbot) -> None:
    window, nav = make_window(qtbot, transition="fade")
    stage = window.stage
    qtbot.waitUntil(lambda: stage._next_shot is not None, timeout=3000)
    qtbot.waitUntil(lambda: stage._snapshot is not None, timeout=3000)
    picture = stage._next_shot[1].toImage()
    press(window, K.Key_Right)
    assert stage.fade_layer.shows_next  # frames are two blits, not a repaint of the view
    qtbot.waitUntil(lambda: not stage.fading(), timeout=2000)
    assert not stage.fade_layer.isVisible()  # the live view takes over at the end
    assert stage.current_view().grab().toImage() == picture  # and looks the same


def test_going_back_fades_over_the_live_view(qtbot) -> None:
    window, nav = make_window(qtbot, start=3, transition="fade")
    stage = window.stage
    qtbot.waitUntil(lambda: stage._snapshot is not None, timeout=3000)
    press(window, K.Key_Left)  # slide 3 was not preloaded: no picture of it
    assert stage.fading() and not stage.fade_layer.shows_next
