"""End to end: the real player on a real X server, driven by X11 key and button events.

Each test starts `revkiosk` as a subprocess on a private Xvfb and presses keys with `xdotool`
exactly as a presenter's clicker (Logitech R400/R700/R800, Kensington) or a museum visitor
would, then reads which slide the player shows from its trace (`REVKIOSK_TRACE=1`, see
`x11_support.py`). Unlike the offscreen pytest-qt tests, this covers the xcb key mapping,
focus, full screen without a window manager and the kiosk's grip on a real window.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from x11_support import EXAMPLE_DECK, LivePlayer, XServer, close_request, missing_tools

_missing = missing_tools()
pytestmark = pytest.mark.skipif(
    bool(_missing), reason=f"needs {' and '.join(_missing)} (apt-get install xvfb xdotool)"
)


Launch = Callable[..., LivePlayer]


@pytest.fixture(scope="module")
def xserver() -> Iterator[XServer]:
    server = XServer(1920, 1080).start()
    yield server
    server.stop()


@pytest.fixture
def launch(xserver: XServer, tmp_path: Path) -> Iterator[Launch]:
    """`launch(*args)` starts the player on the example deck and waits for its first slide."""
    players: list[LivePlayer] = []

    def start(*args: str, first: str = "1/12") -> LivePlayer:
        player = LivePlayer(xserver, [str(EXAMPLE_DECK), *args], tmp_path).start()
        players.append(player)
        assert player.ready() == first
        return player

    yield start
    for player in players:
        player.stop()


def test_clicker_and_keyboard_keys_move_one_slide_each(launch: Launch) -> None:
    """PageDown/PageUp (every clicker), Down/Up (some clickers), the presenter's keyboard keys."""
    p = launch("--no-resume")
    p.key("Next")
    p.expect("slide 2")
    p.key("Next", "Next")
    p.expect("slide 3", "slide 4")
    p.key("Prior")
    p.expect("slide 3")
    p.key("Down")
    p.expect("slide 4")
    p.key("Up")
    p.expect("slide 3")
    p.key("space", "shift+space")
    p.expect("slide 4", "slide 3")
    p.key("Return", "BackSpace")
    p.expect("slide 4", "slide 3")
    p.key("Right", "Left", "n", "p")
    p.expect("slide 4", "slide 3", "slide 4", "slide 3")
    p.key("End")
    p.expect("slide 12")
    p.key("Next")  # past the end: nothing (no wrap to slide 1: the next line is slide 11)
    p.key("Prior")
    p.expect("slide 11")
    p.key("Home")
    p.expect("slide 1")
    p.key("Prior")  # before the start: nothing (no wrap to slide 12)
    p.key("KP_Next")  # the keypad's PgDn (NumLock off) is PageDown too
    p.expect("slide 2")


def test_typed_slide_number_then_return_jumps(launch: Launch) -> None:
    p = launch("--no-resume")
    p.key("7", "Return")
    p.expect("slide 7")
    p.key("1", "0", "Return")
    p.expect("slide 10")
    p.key("2", "BackSpace", "3", "Return")  # a typo corrected in the box
    p.expect("slide 3")
    p.key("KP_5", "KP_Enter")
    p.expect("slide 5")
    p.key("4", "Escape")  # cancelled: stays on 5
    p.key("Next")
    p.expect("slide 6")


def test_keys_with_an_unused_modifier_are_ignored(launch: Launch) -> None:
    """Ctrl+Right (word-jump habit), Alt+Right and Ctrl+Next must not move the slide."""
    p = launch("--no-resume")
    p.key("ctrl+Right", "alt+Right", "ctrl+Next", "ctrl+space", "super+Right")
    p.key("End")  # the barrier: had any of the above moved, the next line would not be this
    p.expect("slide 12")


@pytest.mark.parametrize("blank_key", ["period", "b", "slash"])
def test_blank_key_then_any_key_returns_without_moving(launch: Launch, blank_key: str) -> None:
    """Logitech's blank button sends `.`, Kensington's sends B; the next press only unblanks."""
    p = launch("--no-resume")
    p.key("Next")
    p.expect("slide 2")
    p.key(blank_key)
    p.expect("blank black")
    p.key("Next")  # the presenter presses "next" to come back: the audience sees slide 2 again
    p.expect("blank off")
    p.key("Prior")
    p.expect("slide 1")


def test_white_screen_and_a_click_returns(launch: Launch) -> None:
    p = launch("--no-resume")
    p.key("Next")
    p.expect("slide 2")
    p.key("w")
    p.expect("blank white")
    p.click(1)  # any input returns, and does nothing else
    p.expect("blank off")
    p.key("Prior")
    p.expect("slide 1")


def test_f5_and_escape_toggle_full_screen_at_the_current_slide(launch: Launch) -> None:
    """The R400's start button sends F5 then Esc alternately: full screen in and out, and F5
    never restarts the deck at slide 1 (the PowerPoint habit)."""
    p = launch("--no-resume")
    normal = p.geometry()
    assert not p.covers_screen(), normal
    p.key("4", "Return")
    p.expect("slide 4")
    p.key("F5")
    _wait_for(p, full=True)
    p.key("Next")  # the first line after F5 must be slide 5: F5 did not go back to slide 1
    p.expect("slide 5")
    p.key("F5", "Next")  # pressed again while full screen: stays full screen, same slide
    p.expect("slide 6")
    assert p.covers_screen(), p.geometry()
    p.key("Escape")
    _wait_for(p, full=False)
    assert p.geometry() == normal
    p.key("shift+F5")
    _wait_for(p, full=True)
    p.key("F11")  # F11 toggles
    _wait_for(p, full=False)
    p.key("Prior")
    p.expect("slide 5")
    assert p.running


def test_started_full_screen_escape_gives_a_normal_window(launch: Launch) -> None:
    """`--fullscreen` (a lecturer's usual start), then Esc: a window, not a 3x3 speck or a
    window still covering the screen (there is no window manager to restore its size)."""
    p = launch("--no-resume", "--fullscreen")
    _wait_for(p, full=True)
    p.key("Escape")
    _wait_for(p, full=False)
    size = p.geometry()
    assert size["WIDTH"] >= 640 and size["HEIGHT"] >= 360, size
    p.key("f")
    _wait_for(p, full=True)


def test_mouse_click_advances_and_wheel_moves_once_per_notch(launch: Launch) -> None:
    p = launch("--no-resume")
    p.click(1)
    p.expect("slide 2")
    p.click(3)  # right click: back
    p.expect("slide 1")
    p.click(5)  # one notch down
    p.expect("slide 2")
    p.click(5, repeat=3)
    p.expect("slide 3", "slide 4", "slide 5")
    p.click(4)  # one notch up
    p.expect("slide 4")
    p.key("Home")  # barrier: no extra slide from the wheel
    p.expect("slide 1")


def test_ctrl_q_quits_and_the_next_start_resumes_there(launch: Launch) -> None:
    """A lecturer quits on slide 5 and opens the deck again: it comes back on slide 5."""
    p = launch("--no-resume")
    p.key("5", "Return")
    p.expect("slide 5")
    p.key("ctrl+q")
    assert p.wait_exit() == 0
    again = launch(first="5/12")
    again.key("Next")
    again.expect("slide 6")


def test_a_window_manager_close_request_quits_outside_kiosk(launch: Launch) -> None:
    """Alt+F4 or the title bar's × (what `close_request` sends) closes a presenter's window;
    this also shows the kiosk test's close request really reaches the player."""
    p = launch("--no-resume")
    close_request(p.server.display, p.window)
    assert p.wait_exit() == 0


def test_kiosk_ignores_escape_alt_f4_ctrl_q_f11_and_close_requests(launch: Launch) -> None:
    """A visitor's keys never leave the kiosk; the exit chord plus the deck's PIN does."""
    p = launch("--kiosk")
    p.focus()  # kiosk mode re-creates the window (frameless, on top): find it again
    assert p.covers_screen(), p.geometry()
    # The kiosk starts in its attract loop: the first press only wakes it (a visitor's first
    # tap must not skip the slide they came to read), the second one moves.
    p.key("Next", "Next")
    p.expect("slide 2")
    p.key("Escape", "alt+F4", "ctrl+q", "F11", "ctrl+w", "b", "F5")
    close_request(p.server.display, p.window)  # what a window manager sends for Alt+F4
    p.key("Next")
    p.expect("slide 3")  # still running, still taking visitors' keys, nothing blanked
    assert p.running
    assert p.covers_screen(), p.geometry()
    p.key("ctrl+alt+shift+q")  # the example deck sets PIN 1234
    time.sleep(0.5)  # a person looks at the PIN box before typing; xdotool would not
    p.type("9999")
    p.key("Return")  # a wrong PIN does not let anyone out …
    p.key("Escape")  # … and Esc closes the prompt
    p.key("Next")
    p.expect("slide 4")
    assert p.running
    p.key("ctrl+alt+shift+q")
    time.sleep(0.5)
    p.type("1234")
    p.key("Return")
    assert p.wait_exit() == 0


# X keycodes (evdev + 8) a USB clicker sends whatever the layout: the key positions, not letters.
PAGE_DOWN, PAGE_UP, US_PERIOD = "117", "112", "60"


@pytest.mark.skipif(shutil.which("setxkbmap") is None, reason="needs setxkbmap (x11-xkb-utils)")
def test_clicker_blank_button_on_a_french_layout(tmp_path: Path) -> None:
    """A lecturer's French laptop: PageDown/PageUp work, the blank button must too.

    Bug: keys were bound by character, and on AZERTY the key a Logitech clicker's blank button
    sends ('.' on a US layout) types ':', which nothing bound; an unbound key at that physical
    position now blanks."""
    server = XServer(1280, 720).start()
    player = LivePlayer(server, [str(EXAMPLE_DECK), "--no-resume"], tmp_path)
    try:
        server.set_layout("fr")
        player.start()
        assert player.ready() == "1/12"
        player.key(PAGE_DOWN)  # xdotool reads a number as a raw keycode
        player.expect("slide 2")
        player.key(US_PERIOD)
        player.key(PAGE_UP)
        player.expect("blank black", "blank off")  # the clicker's blank, then "back"
    finally:
        player.stop()
        server.stop()


def _wait_for(player: LivePlayer, *, full: bool) -> None:
    """Poll the X server for the window geometry (full screen is applied asynchronously)."""
    for _ in range(100):
        if player.covers_screen() == full:
            return
        time.sleep(0.05)
    state = "full screen" if full else "a normal window"
    raise AssertionError(f"the window did not become {state}: {player.geometry()}")


def test_a_held_clicker_button_moves_one_slide(tmp_path: Path) -> None:
    """Bug: holding PageDown (a clicker button pressed a little long) auto-repeated through
    seven slides a second; navigation now acts once per press."""
    server = XServer(1280, 720).start()
    player = LivePlayer(server, [str(EXAMPLE_DECK), "--no-resume"], tmp_path)
    try:
        player.start()
        assert player.ready() == "1/12"
        player.focus()
        server.xdotool("keydown", "Next")
        time.sleep(1.0)  # X auto-repeat starts after 660 ms at 25 Hz: several repeats
        server.xdotool("keyup", "Next")
        player.expect("slide 2")
        player.key("End")
        player.expect("slide 12")  # the very next change: no repeated "slide 3" before it
    finally:
        player.stop()
        server.stop()
