"""The remote service bound to the real player: each endpoint's effect on what is shown, the
screenshot against the window's own pixels, the kiosk policy, events after a key press, and
the presenter console's pairing code."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWebSockets import QWebSocket
from pytestqt.qtbot import QtBot
from remote_support import TOKEN, Reply, off_thread, request

from revkiosk import settings as s
from revkiosk.app import build_player
from revkiosk.kiosk.policy import KioskPolicy
from revkiosk.player import Player
from revkiosk.remote.adapter import start_remote
from revkiosk.remote.service import RemoteService

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DECK = """\
deck:
  title: Remote test
  duration_minutes: 20
slides:
  - {kind: title, title: Hello, id: hello, notes: "Greet the room."}
  - {kind: text, title: Two, id: two, body: The second slide., notes: "Talk about two."}
  - {kind: quote, text: Three, author: Someone}
  - {kind: text, title: Four, bullets: [a, b, c]}
  - {kind: section, title: Five}
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.fixture
def player(qtbot: QtBot, deck_file: Path) -> Player:
    player = build_player([str(deck_file), "--no-resume", "--remote", "127.0.0.1:0",
                           "--remote-token", TOKEN])  # fmt: skip
    qtbot.addWidget(player.window)
    player.window.resize(960, 540)
    player.window.show()
    qtbot.waitExposed(player.window)
    return player


@pytest.fixture
def service(player: Player) -> Iterator[RemoteService]:
    service = start_remote(player)
    assert service is not None
    yield service
    service.stop()


def call(qtbot: QtBot, service: RemoteService, method: str, path: str) -> Reply:
    return off_thread(qtbot, lambda: request(service.port, method, path, AUTH))


def settle(qtbot: QtBot, player: Player) -> None:
    stage = player.window.stage
    qtbot.waitUntil(lambda: stage is not None and not stage.fading(), timeout=5000)
    qtbot.wait(100)


def test_commands_move_the_real_player(
    qtbot: QtBot, player: Player, service: RemoteService
) -> None:
    status = call(qtbot, service, "GET", "/status").json()
    assert (status["slide"], status["slide_count"], status["slide_id"]) == (1, 5, "hello")
    assert status["deck"]["title"] == "Remote test" and status["language"] == "en"
    reply = call(qtbot, service, "POST", "/next")
    assert reply.status == 200 and player.navigator.index == 1
    assert reply.json()["slide_title"] == "Two"
    assert call(qtbot, service, "POST", "/goto/4").status == 200 and player.navigator.index == 3
    assert call(qtbot, service, "POST", "/prev").status == 200 and player.navigator.index == 2
    assert call(qtbot, service, "POST", "/blank").json()["blanked"] is True
    assert player.navigator.blank == "black"
    assert call(qtbot, service, "POST", "/blank").json()["blanked"] is False


def test_screenshot_is_the_frame_on_screen(
    qtbot: QtBot, player: Player, service: RemoteService
) -> None:
    shots = {}
    for number in (1, 2):
        call(qtbot, service, "POST", f"/goto/{number}")
        settle(qtbot, player)
        reply = call(qtbot, service, "GET", "/screenshot.png")
        assert reply.status == 200 and reply.headers["content-type"] == "image/png"
        shots[number] = QImage.fromData(reply.body, "PNG").convertToFormat(
            QImage.Format.Format_RGB32
        )
        window = player.window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        assert shots[number].size() == window.size()
        assert shots[number] == window  # every pixel: the frame the audience sees
    assert shots[1] != shots[2]
    call(qtbot, service, "POST", "/blank")
    settle(qtbot, player)
    black = QImage.fromData(call(qtbot, service, "GET", "/screenshot.png").body, "PNG")
    centre = black.pixelColor(black.width() // 2, black.height() // 2)
    assert max(centre.red(), centre.green(), centre.blue()) < 10


def test_mute_toggles_the_visitor_sound(
    qtbot: QtBot, player: Player, service: RemoteService
) -> None:
    assert player.show.visitor.sound is True
    assert call(qtbot, service, "POST", "/mute").json()["muted"] is True
    assert player.show.visitor.sound is False
    call(qtbot, service, "POST", "/mute")
    assert player.show.visitor.sound is True


def test_reload_reads_the_edited_deck(
    qtbot: QtBot, player: Player, service: RemoteService, deck_file: Path
) -> None:
    call(qtbot, service, "POST", "/next")
    deck_file.write_text(DECK.replace("title: Two", "title: Two edited"), encoding="utf-8")
    reply = call(qtbot, service, "POST", "/reload")
    assert reply.status == 200 and reply.json()["slide_title"] == "Two edited"
    assert player.show.deck is not None and player.show.deck.slides[1].heading == "Two edited"
    assert player.navigator.index == 1  # the place is kept
    deck_file.write_text(DECK.replace("kind: text, title: Two", "kind: txet, title: Two"))
    reply = call(qtbot, service, "POST", "/reload")
    assert reply.status == 422 and "deck.yaml:6" in reply.json()["error"]
    assert player.show.deck.slides[1].heading == "Two edited"  # the last good deck stays


def test_kiosk_policy_applies_to_remote_commands(
    qtbot: QtBot, player: Player, service: RemoteService
) -> None:
    player.window.set_policy(KioskPolicy().allows)
    for path in ("/blank", "/reload", "/goto/3"):
        reply = call(qtbot, service, "POST", path)
        assert reply.status == 403, path
    assert player.navigator.blank is None and player.navigator.index == 0
    assert call(qtbot, service, "POST", "/next").status == 200 and player.navigator.index == 1
    assert call(qtbot, service, "POST", "/mute").status == 200  # a visitor may turn sound off
    assert call(qtbot, service, "POST", "/quit").status == 404  # there is no way to quit


def test_events_follow_a_key_press_on_the_player(
    qtbot: QtBot, player: Player, service: RemoteService
) -> None:
    from PySide6.QtCore import Qt

    socket = QWebSocket()
    messages: list[dict[str, object]] = []
    socket.textMessageReceived.connect(lambda text: messages.append(json.loads(text)))
    socket.open(QUrl(f"ws://127.0.0.1:{service.port}/events?token={TOKEN}"))
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages[-1]["notes"] == "Greet the room."
    qtbot.keyClick(player.window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: messages[-1]["slide"] == 2, timeout=5000)
    last = messages[-1]
    assert last["notes"] == "Talk about two."
    assert last["next_title"] == player.show.deck.slides[2].heading  # type: ignore[union-attr]
    assert last["timer"]["planned"] == 1200 and last["timer"]["running"] is True  # type: ignore[index]
    socket.close()


def test_metrics_count_changes_and_time_frames(
    qtbot: QtBot, player: Player, service: RemoteService
) -> None:
    for _ in range(3):
        qtbot.keyClick(player.window, "n")
        settle(qtbot, player)
    text = call(qtbot, service, "GET", "/metrics").body.decode()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    assert families["revkiosk_slide_changes"].samples[0].value == 3
    frames = {s.name: s.value for s in families["revkiosk_frame_time_seconds"].samples}
    assert frames["revkiosk_frame_time_seconds_count"] == 3
    assert 0 < frames["revkiosk_frame_time_seconds_sum"] < 3


def test_settings_turn_the_remote_on(qtbot: QtBot, deck_file: Path) -> None:
    s.settings_path().parent.mkdir(parents=True, exist_ok=True)
    s.settings_path().write_text("remote: {listen: '127.0.0.1:0', name: hall-2}\n")
    player = build_player([str(deck_file)])
    qtbot.addWidget(player.window)
    service = start_remote(player)
    assert service is not None
    try:
        token = (s.config_dir() / "remote-token").read_text().strip()
        reply = off_thread(
            qtbot,
            lambda: request(service.port, "GET", "/status", {"Authorization": f"Bearer {token}"}),
        )
        assert reply.json()["name"] == "hall-2"
    finally:
        service.stop()


def test_off_unless_asked_and_bad_values_are_notices(qtbot: QtBot, deck_file: Path) -> None:
    player = build_player([str(deck_file)])
    qtbot.addWidget(player.window)
    assert start_remote(player) is None  # nothing asked for: nothing listens
    bad = build_player([str(deck_file), "--remote", "museum:80"])
    qtbot.addWidget(bad.window)
    assert start_remote(bad) is None
    assert "not an IP address" in bad.window.notice.messages[-1]


def test_presenter_console_shows_the_pairing_code(
    qtbot: QtBot, player: Player, service: RemoteService, tmp_path: Path
) -> None:
    from revkiosk.first_paint import install

    install(player, "presenter", "revkiosk.ui.presenter.controller:PresenterController",
            player.window, player.navigator, player.show, player.settings)  # fmt: skip
    presenter = player.parts["presenter"]
    presenter.set_pairing_url(service.pairing_url())  # type: ignore[attr-defined]
    presenter.open()  # type: ignore[attr-defined]
    view = presenter.view  # type: ignore[attr-defined]
    qtbot.waitExposed(view)
    assert view.pairing is not None and view.pairing.isVisible()
    assert view.pairing.url.endswith(f"?token={TOKEN}")
    assert view.pairing.module_pixels() >= 4  # big enough for a phone camera at arm's length
    view.grab().save(str(tmp_path / "presenter.png"))
    presenter.close()  # type: ignore[attr-defined]


def test_a_kiosk_reports_visits_in_its_metrics(qtbot: QtBot, deck_file: Path) -> None:
    """The statistics hook: a visitor's touch during the attract loop counts as a visit."""
    from PySide6.QtCore import Qt

    from revkiosk.kiosk.session import start_kiosk

    player = build_player(["--kiosk", str(deck_file), "--remote", "0", "--remote-token", TOKEN])
    qtbot.addWidget(player.window)
    player.window.show()
    session = player.parts["kiosk"] = start_kiosk(player)
    service = start_remote(player)
    assert service is not None
    try:
        assert session.attract.attracting
        qtbot.keyClick(player.window, Qt.Key.Key_Right)  # a visitor arrives
        text = call(qtbot, service, "GET", "/metrics").body.decode()
        families = {f.name: f for f in text_string_to_metric_families(text)}
        assert families["revkiosk_visitor_sessions"].samples[0].value == 1
        assert families["revkiosk_visitor_present"].samples[0].value == 1
        qtbot.wait(100)  # a change made by input is published just after its frame
        status = call(qtbot, service, "GET", "/status").json()
        assert status["kiosk"] is True and status["attracting"] is False
    finally:
        service.stop()
        session.stop()
        session.guard.is_exiting = True


def test_status_says_when_the_last_good_copy_plays(qtbot: QtBot, deck_file: Path) -> None:
    """A kiosk whose configured deck broke plays its last good copy: the desk sees it in
    /status (what, why) and in the metrics (an alert rule watches revkiosk_fallback)."""
    import time

    from revkiosk.kiosk.session import start_kiosk
    from revkiosk.update.lastgood import Copy
    from revkiosk.update.startup import Fallback

    player = build_player(["--kiosk", str(deck_file), "--remote", "0", "--remote-token", TOKEN])
    qtbot.addWidget(player.window)
    player.window.show()
    session = player.parts["kiosk"] = start_kiosk(player)
    service = start_remote(player)
    assert service is not None and session.content is not None
    try:
        assert call(qtbot, service, "GET", "/status").json()["fallback"] is None
        copy = Copy(deck_file, "/srv/museum/deck.yaml", time.time(), "v1")
        reason = "/srv/museum/deck.yaml:3:5: error: expected a mapping"
        session.content.fallback = Fallback(
            player.show.deck, copy, Path("/srv/museum/deck.yaml"), reason
        )
        qtbot.wait(1200)  # the once-a-second snapshot
        status = call(qtbot, service, "GET", "/status").json()
        assert status["fallback"]["reason"] == reason
        assert status["fallback"]["configured"] == "/srv/museum/deck.yaml"
        text = call(qtbot, service, "GET", "/metrics").body.decode()
        families = {f.name: f for f in text_string_to_metric_families(text)}
        assert families["revkiosk_fallback"].samples[0].value == 1
    finally:
        service.stop()
        session.stop()
        session.guard.is_exiting = True
