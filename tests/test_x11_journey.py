"""A visitor's journey by taps alone, on the real kiosk under Xvfb, driven with xdotool clicks:
attract → touch → hub → a domain → a milestone → more → close → home → idle → attract.

Where to tap is read from the same window laid out off-screen at the screen's size in this
process (the player lays its bar and hub out from the window size alone), and what the visitor
sees is read from the player's trace (`REVKIOSK_TRACE`: slide and layer changes)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from explore_helpers import ALPHAGO, HUB, write_deck
from x11_support import LivePlayer, XServer, missing_tools

from revkiosk.deck.load import load_deck

pytestmark = pytest.mark.skipif(
    bool(missing_tools()) or shutil.which("xdotool") is None, reason="needs Xvfb and xdotool"
)
WIDTH, HEIGHT = 1920, 1080


def tap_points(qtbot, deck_path: Path) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Window coordinates of the hub's Games tile and the bar's buttons, laid out off-screen."""
    from window_helpers import window_for

    from revkiosk.ui.controls import controls_of
    from revkiosk.ui.explore import Explore

    window, nav, show = window_for(load_deck(deck_path), start=HUB)
    qtbot.addWidget(window)
    Explore(window, nav, show, controls=True)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    points = {}
    view = window.stage.current_view()
    games = next(t for t in view.tiles if t.tile.title == "Games")
    centre = games.mapTo(window, games.rect().center())
    points["games"] = (centre.x(), centre.y())
    nav.go(ALPHAGO)
    bar = controls_of(window)
    assert bar is not None
    qtbot.waitUntil(lambda: not bar.button("more").isHidden(), timeout=2000)
    for name in ("home", "more", "next"):
        button = bar.button(name)
        centre = button.mapTo(window, button.rect().center())
        points[name] = (centre.x(), centre.y())
    window.close()
    return points


def test_a_visit_by_taps_alone(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deck = write_deck(tmp_path)
    points = tap_points(qtbot, deck)
    settings = tmp_path / "xdg_config_home" / "revkiosk" / "settings.yaml"
    settings.parent.mkdir(parents=True)
    settings.write_text("idle_seconds: 6\n", encoding="utf-8")
    server = XServer(WIDTH, HEIGHT).start()
    player = LivePlayer(server, ["--kiosk", "--no-resume", str(deck)], tmp_path)
    shots = tmp_path / "shots"
    shots.mkdir()

    def tap(name: str) -> None:
        x, y = points[name] if name in points else (WIDTH // 2, HEIGHT // 3)
        server.xdotool("mousemove", str(x), str(y), "click", "1")

    try:
        player.start()
        assert player.ready() == "1/8"
        assert server.screenshot(shots / "1-attract.png")
        tap("anywhere")  # the first touch during the attract loop: the hub
        player.expect(f"slide {HUB + 1}")
        tap("games")
        player.expect(f"slide {ALPHAGO}")  # the Games section
        tap("next")
        player.expect(f"slide {ALPHAGO + 1}")
        tap("more")
        player.expect("layer more")
        assert server.screenshot(shots / "2-more.png")
        assert _differs(shots / "1-attract.png", shots / "2-more.png")  # the layer is on screen
        server.xdotool("mousemove", "20", "20", "click", "1")  # outside the card
        player.expect("layer more closed")
        tap("home")
        player.expect(f"slide {HUB + 1}")
        player.expect("slide 1")  # nobody touches it for 6 s: back to the start, attracting
    finally:
        player.stop()
        server.stop()


def _differs(first: Path, second: Path) -> bool:
    """True when the two screenshots show different pictures (same size, other pixels)."""
    from PySide6.QtGui import QImage

    one, two = QImage(str(first)), QImage(str(second))
    return not one.isNull() and one.size() == two.size() and one != two
