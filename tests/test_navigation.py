"""Keys, clicker keys, blanking and go-to on the real window (offscreen, real slide views)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_helpers import window_for

from revkiosk.deck.model import Deck, DeckInfo, QuoteSlide, TextSlide, TitleSlide
from revkiosk.settings import Settings
from revkiosk.ui.window import MainWindow

K = Qt.Key
M = Qt.KeyboardModifier


def make_deck(count: int = 12, seconds: float | None = None) -> Deck:
    slides = [TitleSlide(kind="title", title="Start")]
    slides += [
        TextSlide(kind="text", title=f"Slide {i + 1}", body="Body text.", seconds=seconds)
        for i in range(1, count)
    ]
    root = Path("/nonexistent")
    return Deck(root / "deck.yaml", root, DeckInfo(title="Test"), (), (), tuple(slides))


def make_window(qtbot, deck: Deck | None = None, start: int = 0, **settings: object):
    deck = deck or make_deck()
    window, navigator, _ = window_for(
        deck, Settings(**{"transition": "none", **settings}), start=start
    )
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    qtbot.waitExposed(window)
    return window, navigator


def press(window: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier = M.NoModifier) -> None:
    QTest.keyClick(window, key, mods)


NEXT = [
    (K.Key_Right, M.NoModifier),
    (K.Key_Down, M.NoModifier),
    (K.Key_Space, M.NoModifier),
    (K.Key_PageDown, M.NoModifier),  # clicker "next"
    (K.Key_Return, M.NoModifier),
    (K.Key_Enter, M.KeypadModifier),
    (K.Key_N, M.NoModifier),
]
PREVIOUS = [
    (K.Key_Left, M.NoModifier),
    (K.Key_Up, M.NoModifier),
    (K.Key_Backspace, M.NoModifier),
    (K.Key_Space, M.ShiftModifier),
    (K.Key_PageUp, M.NoModifier),  # clicker "previous"
    (K.Key_P, M.NoModifier),
]


@pytest.mark.parametrize(("key", "mods"), NEXT)
def test_next_keys_move_forward_one_slide(qtbot, key, mods) -> None:
    window, nav = make_window(qtbot, start=5)
    press(window, key, mods)
    assert nav.index == 6
    assert window.stage.current_index == 6


@pytest.mark.parametrize(("key", "mods"), PREVIOUS)
def test_previous_keys_move_back_one_slide(qtbot, key, mods) -> None:
    window, nav = make_window(qtbot, start=5)
    press(window, key, mods)
    assert nav.index == 4


def test_home_and_end_jump_to_the_ends(qtbot) -> None:
    window, nav = make_window(qtbot, start=5)
    press(window, K.Key_End)
    assert nav.index == 11
    press(window, K.Key_Home)
    assert nav.index == 0


@pytest.mark.parametrize(
    ("key", "mods"),
    [
        (K.Key_Right, M.ControlModifier),
        (K.Key_Left, M.AltModifier),
        (K.Key_Space, M.ControlModifier),
        (K.Key_Right, M.ShiftModifier),
        (K.Key_N, M.MetaModifier),
        (K.Key_B, M.ControlModifier),
    ],
)
def test_keys_with_an_unused_modifier_do_nothing(qtbot, key, mods) -> None:
    window, nav = make_window(qtbot, start=5)
    press(window, key, mods)
    assert nav.index == 5
    assert nav.blank is None


@pytest.mark.parametrize(
    ("key", "mode"),
    [(K.Key_B, "black"), (K.Key_Period, "black"), (K.Key_Slash, "black")]
    + [(K.Key_W, "white"), (K.Key_Comma, "white")],
)
def test_blank_keys_blank_the_screen_and_any_key_returns(qtbot, key, mode) -> None:
    window, nav = make_window(qtbot, start=3)
    press(window, key)
    assert nav.blank == mode
    centre = window.grab().toImage().pixelColor(480, 270).name()
    assert centre == ("#000000" if mode == "black" else "#ffffff")
    press(window, K.Key_Right)  # returns from blank, is consumed: still on slide 4
    assert nav.blank is None
    assert nav.index == 3
    assert not window.blank.isVisible()


def test_click_returns_from_blank_without_moving(qtbot) -> None:
    window, nav = make_window(qtbot, start=3)
    press(window, K.Key_B)
    QTest.mouseClick(window.blank, Qt.MouseButton.LeftButton)
    assert nav.blank is None
    assert nav.index == 3


def test_digits_then_enter_go_to_that_slide_and_show_the_number(qtbot) -> None:
    window, nav = make_window(qtbot)
    press(window, K.Key_1)
    press(window, K.Key_1)
    assert window.goto_box.isVisible()
    assert window.goto_box.digits == "11"
    assert nav.index == 0  # nothing moves until Enter
    press(window, K.Key_Return)
    assert nav.index == 10
    assert not window.goto_box.isVisible()


def test_keypad_digits_and_zero_inside_a_number(qtbot) -> None:
    window, nav = make_window(qtbot)
    press(window, K.Key_1, M.KeypadModifier)
    press(window, K.Key_0, M.KeypadModifier)
    press(window, K.Key_Enter, M.KeypadModifier)
    assert nav.index == 9


def test_goto_box_opens_with_g_and_esc_cancels(qtbot) -> None:
    window, nav = make_window(qtbot, start=2)
    press(window, K.Key_G)
    assert window.goto_box.isVisible() and window.goto_box.digits == ""
    press(window, K.Key_7)
    press(window, K.Key_Backspace)
    press(window, K.Key_5)
    press(window, K.Key_Escape)
    assert not window.goto_box.isVisible()
    assert nav.index == 2
    press(window, K.Key_G)
    press(window, K.Key_9)
    press(window, K.Key_9)
    press(window, K.Key_Return)
    assert nav.index == 11  # past the end: the last slide


def test_help_overlay_shows_and_hides(qtbot) -> None:
    window, nav = make_window(qtbot)
    press(window, K.Key_Question, M.ShiftModifier)  # `?` needs Shift on most layouts
    assert window.help.isVisible()
    press(window, K.Key_Escape)
    assert not window.help.isVisible()
    press(window, K.Key_F1)
    assert window.help.isVisible()
    press(window, K.Key_H)
    assert not window.help.isVisible()
    press(window, K.Key_H)
    press(window, K.Key_Right)  # any other key closes help and still acts
    assert not window.help.isVisible()
    assert nav.index == 1


def test_fullscreen_keys_never_change_the_slide(qtbot) -> None:
    window, nav = make_window(qtbot, start=4)
    press(window, K.Key_F5)
    assert window.is_fullscreen()
    assert nav.index == 4
    press(window, K.Key_Escape)
    assert not window.is_fullscreen()
    press(window, K.Key_F5, M.ShiftModifier)
    assert window.is_fullscreen()
    press(window, K.Key_F11)
    assert not window.is_fullscreen()
    press(window, K.Key_F)
    assert window.is_fullscreen()
    assert nav.index == 4


def test_ctrl_q_asks_to_quit(qtbot) -> None:
    window, _ = make_window(qtbot)
    with qtbot.waitSignal(window.quit_requested, timeout=1000):
        press(window, K.Key_Q, M.ControlModifier)
    press(window, K.Key_Q)  # plain Q is not bound


def test_a_refusing_policy_blocks_only_the_refused_action(qtbot) -> None:
    window, nav = make_window(qtbot, start=3)
    window.set_policy(lambda action: action != "next")
    press(window, K.Key_Right)
    assert nav.index == 3
    press(window, K.Key_Left)
    assert nav.index == 2


def test_delegated_actions_go_to_the_view_first_then_to_hooks(qtbot) -> None:
    window, _ = make_window(qtbot)
    calls: list[str] = []
    window.register_action("timeline", lambda: calls.append("timeline"))
    window.register_action("zoom_in", lambda: calls.append("zoom hook"))
    press(window, K.Key_T)
    assert calls == ["timeline"]
    view = window.stage.current_view()
    view.handle_action = lambda action: action == "zoom_in"  # a chart view zooms itself
    press(window, K.Key_Plus, M.ShiftModifier)
    assert calls == ["timeline"]


def test_auto_advance_waits_for_the_slides_seconds(qtbot) -> None:
    window, nav = make_window(qtbot, deck=make_deck(seconds=3))
    timer = window.auto._timer
    press(window, K.Key_A)
    assert window.auto_advancing
    assert timer.isActive() and timer.interval() == 12_000  # the title: the deck's default
    assert "auto" in window.progress.label()
    timer.timeout.emit()
    assert nav.index == 1
    assert timer.isActive() and timer.interval() == 3000  # this slide's own `seconds`
    press(window, K.Key_End)
    timer.timeout.emit()
    assert nav.index == 0  # plays as a loop
    press(window, K.Key_A)
    assert not timer.isActive()


def test_quote_slide_kind_renders_through_the_registry(qtbot) -> None:
    """A deck of mixed kinds builds real views (not placeholders) for the kinds part B ships."""
    deck = make_deck()
    slides = (*deck.slides[:2], QuoteSlide(kind="quote", text="Q", author="A"), *deck.slides[3:])
    deck = Deck(deck.path, deck.root, deck.info, (), (), slides)
    window, nav = make_window(qtbot, deck=deck, start=2)
    assert type(window.stage.current_view()).__name__ != "PlaceholderView"


def test_help_lists_every_bound_action_and_key() -> None:
    """The help is generated from the key table, so adding a binding cannot leave it stale."""
    from revkiosk.keymap import ACTIONS, BINDINGS, help_rows, key_label

    rows = help_rows()
    texts = {text for _, text in rows}
    assert {ACTIONS[action] for _, action in BINDINGS} <= texts
    shown_keys = " ".join(keys for keys, _ in rows).split()
    for spec, _ in BINDINGS:
        if key_label(spec):
            assert key_label(spec) in shown_keys, spec
