"""The kiosk knows about exploring: a first touch lands on the hub, idle closes what a visitor
opened, the status file says a layer is open, and a restart returns to where the visitor was."""

from __future__ import annotations

from pathlib import Path

import pytest
from explore_helpers import ALEXNET, HUB, device, pinch, write_deck
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from revkiosk.app import build_player
from revkiosk.kiosk.session import start_kiosk
from revkiosk.kiosk.status import read_json, status_path
from revkiosk.kiosk.supervisor import Supervisor, SupervisorConfig
from revkiosk.ui.media.images import ImageWidget
from revkiosk.ui.zoom import ZoomLens


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    deck = write_deck(tmp_path)
    player = build_player(["--kiosk", "--no-resume", str(deck)])
    qtbot.addWidget(player.window)
    player.window.resize(1280, 720)
    player.window.show()
    session = start_kiosk(player)
    yield player, session
    session.stop()
    session.guard.is_exiting = True


def touch(window, where: QPoint) -> None:  # type: ignore[no-untyped-def]
    QTest.touchEvent(window, device()).press(0, where, window).commit()
    QTest.touchEvent(window, device()).release(0, where, window).commit()


def test_the_first_touch_in_the_attract_loop_lands_on_the_hub(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    assert session.attract.attracting and player.navigator.index == 0
    touch(player.window, QPoint(600, 300))
    qtbot.waitUntil(lambda: player.navigator.index == HUB, timeout=2000)
    assert not session.attract.attracting


def test_idle_closes_the_layer_and_the_zoom_and_resets_the_visitor(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    explore, nav = player.parts["explore"], player.navigator
    touch(player.window, QPoint(600, 300))  # wake: to the hub
    qtbot.waitUntil(lambda: not session.attract.attracting, timeout=2000)
    nav.go(ALEXNET)
    view = player.window.stage.current_view()
    image = view.findChild(ImageWidget)
    qtbot.waitUntil(lambda: bool(image.property("revkiosk_gestures")), timeout=3000)
    pinch(image, 100)
    assert image.findChild(ZoomLens) is not None
    assert player.window.trigger("more") and explore.layer_open == "more"
    session.write_status()
    assert read_json(status_path())["layer"] == "more"
    # nobody touches it for idle_seconds (1 s): the visit is over
    qtbot.waitUntil(lambda: session.attract.attracting, timeout=4000)
    assert explore.layer_open is None
    assert image.findChild(ZoomLens) is None
    assert nav.index == 0
    touch(player.window, QPoint(600, 300))  # the next visitor: to the hub …
    qtbot.waitUntil(lambda: nav.index == HUB, timeout=2000)
    assert player.window.trigger("back") and nav.index == 0  # … back to the slide they woke
    assert not nav.back(), "and no way back into the last visit"


def test_idle_gives_the_next_visitor_the_default_settings(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session = kiosk
    touch(player.window, QPoint(600, 300))
    qtbot.waitUntil(lambda: not session.attract.attracting, timeout=2000)
    player.show.update_visitor(captions=False)
    qtbot.waitUntil(lambda: session.attract.attracting, timeout=4000)
    assert player.show.visitor.captions


def test_a_restart_of_a_player_in_use_returns_to_the_visit(tmp_path: Path) -> None:
    config = SupervisorConfig(command=("player",), heartbeat_path=tmp_path / "beat.json")
    supervisor = Supervisor(config)
    supervisor._last_beat = {"slide": 4, "attracting": False, "layer": "more"}
    assert supervisor._visit_args() == ["--visiting", "--layer", "more"]
    supervisor._last_beat = {"slide": 4, "attracting": False, "layer": None}
    assert supervisor._visit_args() == ["--visiting"]
    supervisor._last_beat = {"slide": 4, "attracting": True, "layer": None}
    assert supervisor._visit_args() == []  # nobody was there: the loop goes on
    supervisor._last_beat = {"slide": 4, "attracting": False, "layer": "more"}
    supervisor._failures_here = 2  # that slide keeps failing: do not reopen it as it was
    assert supervisor._visit_args() == []


def test_a_restarted_player_reopens_the_layer_and_waits_for_idle(
    qtbot: QtBot, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path)
    argv = ["--kiosk", "--start", str(ALEXNET + 1), "--visiting", "--layer", "more", str(deck)]
    player = build_player(argv)
    qtbot.addWidget(player.window)
    player.window.show()
    session = start_kiosk(player)
    try:
        explore = player.parts["explore"]
        qtbot.waitUntil(lambda: explore.layer_open == "more", timeout=2000)
        assert player.navigator.index == ALEXNET
        assert not session.attract.attracting, "a visitor was there: no attract loop yet"
        qtbot.waitUntil(lambda: session.attract.attracting, timeout=4000)  # … until idle
        assert explore.layer_open is None
    finally:
        session.stop()
        session.guard.is_exiting = True


def test_the_statistics_count_a_more_layer_opened(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    import io
    import json

    from revkiosk.commands import stats

    player, session = kiosk
    assert session.visits is not None, "statistics are on by default"
    touch(player.window, QPoint(600, 300))
    qtbot.waitUntil(lambda: not session.attract.attracting, timeout=2000)
    player.navigator.go(ALEXNET)
    assert player.window.trigger("more")
    qtbot.waitUntil(lambda: session.attract.attracting, timeout=4000)  # the visit ends
    session.visits.stop("exit")
    out = io.StringIO()
    assert stats.main(["--json"], out=out) == 0
    assert json.loads(out.getvalue())["layers"] == {"alexnet: more": 1}
