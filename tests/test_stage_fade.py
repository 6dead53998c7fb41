"""Key press to frame: the first frame is a picture made in idle time; the old slide stops after."""

from __future__ import annotations

import numpy as np
from pixels import rgb
from test_navigation import K, make_window, press

import revkiosk.ui.stage as stage_module
from revkiosk.ui.fade import FADE_FROM


def _slide_pixels(window) -> np.ndarray:
    area = window.stage.slide_rect().adjusted(0, 0, 0, -80)  # not the progress strip
    return rgb(window.grab(area).toImage()).astype(int)


def test_the_first_frame_of_a_fade_is_the_old_slide_over_the_new_one(qtbot) -> None:
    window, _ = make_window(qtbot, start=1, transition="fade")
    stage = window.stage
    qtbot.waitUntil(
        lambda: stage._next_shot is not None and stage._snapshot is not None, timeout=3000
    )
    old = rgb(stage._snapshot[1].toImage()).astype(float)
    new = rgb(stage._next_shot[1].toImage()).astype(float)
    press(window, K.Key_Right)
    assert stage.fade_layer.shows_next
    first = rgb(stage.fade_layer.grab().toImage()).astype(float)
    expected = new * (1 - FADE_FROM) + old * FADE_FROM
    assert np.abs(first - expected).max() <= 2  # the composed frame is the blend, to rounding
    qtbot.waitUntil(lambda: not stage.fading(), timeout=2000)
    assert not stage.fade_layer.isVisible()


def test_after_a_slide_without_a_picture_the_next_one_appears_from_its_picture(
    qtbot, monkeypatch
) -> None:
    # Video slides are never pictured (a live video surface cannot be grabbed): the key must
    # still land on the preloaded slide's picture at once, then on the live view.
    monkeypatch.setattr(stage_module, "has_video", lambda slide: slide.title == "Slide 2")
    window, nav = make_window(qtbot, start=1, transition="fade")
    stage = window.stage
    qtbot.waitUntil(lambda: stage._next_shot is not None, timeout=3000)
    qtbot.wait(300)
    assert stage._snapshot is None  # the "video" slide was not pictured
    press(window, K.Key_Right)
    assert nav.index == 2
    assert stage.fade_layer.shows_next  # a cut to the picture: one blit, no view repaint
    cut = _slide_pixels(window)
    qtbot.waitUntil(lambda: not stage.fading(), timeout=2000)
    assert not stage.fade_layer.isVisible()  # the live view took over
    live = _slide_pixels(window)
    assert np.abs(cut - live).max() <= 1  # and they look the same


def test_the_slide_left_is_stopped_after_the_frame_and_before_it_can_return(qtbot) -> None:
    window, nav = make_window(qtbot, start=1)
    stage = window.stage
    view = stage.current_view()
    calls: list[str] = []
    view.leave = lambda: calls.append("leave")
    view.enter = lambda: calls.append("enter")
    press(window, K.Key_Right)
    qtbot.waitUntil(lambda: calls == ["leave"], timeout=1000)  # stopped (its video, say)
    calls.clear()
    stage.show_slide(1)  # back and forth with no event-loop turn in between
    stage.show_slide(2)
    stage.show_slide(1)
    assert calls == ["enter", "leave", "enter"]  # never entered twice without leaving
    qtbot.wait(50)
    assert calls == ["enter", "leave", "enter"]  # and no late leave of the current slide
