"""The remote service over real HTTP on a free loopback port, against a fake player.

The adapter to the real player is tested in test_remote_player.py; here each endpoint's
answer and its effect on the player are checked, and what a wrong token gets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebSockets import QWebSocket
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from remote_support import AUTH, TOKEN, FakePlayer, Reply, off_thread, request, start_service

from revkiosk.remote.service import RemoteService

ENDPOINTS = [
    ("GET", "/"),
    ("GET", "/status"),
    ("GET", "/metrics"),
    ("GET", "/screenshot.png"),
    ("GET", "/slide/current.png"),
    ("POST", "/next"),
    ("POST", "/prev"),
    ("POST", "/goto/2"),
    ("POST", "/blank"),
    ("POST", "/reload"),
    ("POST", "/mute"),
]


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def service(qapp: QApplication, player: FakePlayer) -> Iterator[RemoteService]:
    service = start_service(player)
    yield service
    service.stop()


def call(
    qtbot: QtBot,
    service: RemoteService,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    **kw: Any,
) -> Reply:
    return off_thread(qtbot, lambda: request(service.port, method, path, headers, **kw))


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_needs_the_token(
    qtbot: QtBot, service: RemoteService, player: FakePlayer, method: str, path: str
) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}):
        reply = call(qtbot, service, method, path, headers)
        assert reply.status == 401, path
        assert reply.headers["www-authenticate"].startswith("Bearer")
        assert TOKEN.encode() not in reply.body
    assert player.performed == [] and player.index == 0


def test_status_reports_what_the_player_shows(
    qtbot: QtBot, service: RemoteService, player: FakePlayer
) -> None:
    player.index = 2
    service.bridge.publish()
    status = call(qtbot, service, "GET", "/status", AUTH).json()
    assert status["slide"] == 3 and status["slide_count"] == 5
    assert status["slide_id"] == "slide-3" and status["deck"]["title"] == "Fake deck"
    assert status["language"] == "en" and status["blanked"] is False
    assert status["kiosk"] is False and status["responding"] is True
    assert status["memory_bytes"] > 10_000_000 and status["uptime_seconds"] >= 0
    assert status["restarts"] == 0 and "last_error" in status


def test_query_token_works_for_get_only(
    qtbot: QtBot, service: RemoteService, player: FakePlayer
) -> None:
    assert call(qtbot, service, "GET", f"/status?token={TOKEN}").status == 200
    assert call(qtbot, service, "POST", f"/next?token={TOKEN}").status == 401
    assert player.index == 0


def test_commands_move_the_player(qtbot: QtBot, service: RemoteService, player: FakePlayer) -> None:
    reply = call(qtbot, service, "POST", "/next", AUTH)
    assert reply.status == 200 and player.index == 1
    assert reply.json()["slide"] == 2  # the answer already reports the new slide
    assert call(qtbot, service, "POST", "/goto/5", AUTH).json()["slide"] == 5
    assert call(qtbot, service, "POST", "/prev", AUTH).status == 200 and player.index == 3
    assert call(qtbot, service, "POST", "/blank", AUTH).json()["blanked"] is True
    assert player.blank == "black"
    assert call(qtbot, service, "POST", "/mute", AUTH).json()["muted"] is True
    assert call(qtbot, service, "POST", "/reload", AUTH).status == 200 and player.generation == 1
    assert player.performed == ["next", "previous", "black", "mute", "reload"]


@pytest.mark.parametrize("path", ["/goto/0", "/goto/6", "/goto/999999"])
def test_goto_outside_the_deck_is_a_bad_request(
    qtbot: QtBot, service: RemoteService, player: FakePlayer, path: str
) -> None:
    reply = call(qtbot, service, "POST", path, AUTH)
    assert reply.status == 400 and "does not exist (1-5)" in reply.json()["error"]
    assert player.index == 0


def test_kiosk_policy_refuses_what_visitors_may_not_do(qtbot: QtBot, qapp: QApplication) -> None:
    player = FakePlayer(kiosk=True)
    service = start_service(player)
    try:
        for path in ("/blank", "/reload", "/goto/3"):
            reply = call(qtbot, service, "POST", path, AUTH)
            assert reply.status == 403 and "kiosk mode" in reply.json()["error"]
        assert player.blank is None and player.index == 0 and player.generation == 0
        assert call(qtbot, service, "POST", "/next", AUTH).status == 200 and player.index == 1
    finally:
        service.stop()


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("GET", "/next", 405, "POST"),
        ("PUT", "/goto/2", 405, "POST"),
        ("POST", "/status", 405, "GET"),
        ("DELETE", "/screenshot.png", 405, "GET"),
        ("HEAD", "/status", 405, "GET"),
        ("GET", "/nope", 404, None),
        ("POST", "/goto/two", 404, None),
        ("POST", "/quit", 404, None),
    ],
)
def test_wrong_methods_and_unknown_paths(
    qtbot: QtBot,
    service: RemoteService,
    player: FakePlayer,
    method: str,
    path: str,
    status: int,
    allow: str | None,
) -> None:
    reply = call(qtbot, service, method, path, AUTH)
    assert reply.status == status
    if allow:
        assert reply.headers["allow"] == allow
    assert player.performed == [] and player.index == 0


def test_screenshot_is_the_frame_on_screen(
    qtbot: QtBot, service: RemoteService, player: FakePlayer
) -> None:
    for index in (0, 3):
        player.go_to(index)
        reply = call(qtbot, service, "GET", "/screenshot.png", AUTH)
        assert reply.status == 200 and reply.headers["content-type"] == "image/png"
        image = QImage.fromData(reply.body, "PNG")
        assert (image.width(), image.height()) == (480, 270)
        assert image.pixelColor(240, 135) == player.colour(index)
    call(qtbot, service, "POST", "/blank", AUTH)
    image = QImage.fromData(call(qtbot, service, "GET", "/screenshot.png", AUTH).body, "PNG")
    assert image.pixelColor(10, 10) == QColor("black")


def test_slide_pictures_for_the_phone(
    qtbot: QtBot, service: RemoteService, player: FakePlayer
) -> None:
    player.go_to(1)
    for path, index in (("/slide/current.png", 1), ("/slide/next.png", 2)):
        image = QImage.fromData(call(qtbot, service, "GET", path, AUTH).body, "PNG")
        assert image.width() == 640 and image.pixelColor(5, 5) == player.colour(index)
    player.go_to(4)
    assert call(qtbot, service, "GET", "/slide/next.png", AUTH).status == 404  # the last slide


def test_metrics_parse_and_count_slide_changes(
    qtbot: QtBot, service: RemoteService, player: FakePlayer
) -> None:
    for _ in range(3):
        call(qtbot, service, "POST", "/next", AUTH)
    player.frame_time(0.012)
    player.frame_time(0.4)
    call(qtbot, service, "GET", "/status")  # one failed token
    reply = call(qtbot, service, "GET", "/metrics", AUTH)
    assert reply.headers["content-type"].startswith("text/plain; version=0.0.4")
    families = {f.name: f for f in text_string_to_metric_families(reply.body.decode())}
    value = {name: f.samples[0].value for name, f in families.items()}
    assert value["revkiosk_slide_changes"] == 3 and value["revkiosk_slide"] == 4
    assert value["revkiosk_restarts"] == 0 and value["revkiosk_remote_auth_failures"] == 1
    assert value["revkiosk_resident_memory_bytes"] > 10_000_000
    frames = {s.labels.get("le"): s.value for s in families["revkiosk_frame_time_seconds"].samples
              if s.name.endswith("_bucket")}  # fmt: skip
    assert frames["0.016"] == 1 and frames["0.5"] == 2 and frames["+Inf"] == 2
    assert families["revkiosk_info"].samples[0].labels["deck"] == "Fake deck"


def test_errors_logged_by_the_player_reach_status_and_metrics(
    qtbot: QtBot, service: RemoteService
) -> None:
    import logging

    logging.getLogger("revkiosk.ui.media").error("video %s could not be decoded", "x.mp4")
    status = call(qtbot, service, "GET", "/status", AUTH).json()
    assert status["errors"] == 1 and "x.mp4 could not be decoded" in status["last_error"]
    text = call(qtbot, service, "GET", "/metrics", AUTH).body.decode()
    families = {f.name: f for f in text_string_to_metric_families(text)}
    assert "x.mp4" in families["revkiosk_last_error_info"].samples[0].labels["message"]


def test_restarts_and_last_error_come_from_the_supervisor(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVKIOSK_RESTARTS", "4")
    monkeypatch.setenv("REVKIOSK_LAST_ERROR", "killed by SIGSEGV")
    service = start_service(FakePlayer())
    try:
        status = call(qtbot, service, "GET", "/status", AUTH).json()
    finally:
        service.stop()
    assert status["restarts"] == 4 and status["last_error"] == "killed by SIGSEGV"


def test_the_page_is_served_with_a_strict_policy(qtbot: QtBot, service: RemoteService) -> None:
    reply = call(qtbot, service, "GET", f"/?token={TOKEN}")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/html")
    page = reply.body.decode()
    assert "<script nonce=" in page and 'id="go-next"' in page
    assert "http://" not in page and "https://" not in page  # no CDN: works offline
    policy = reply.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    nonce = page.split('<script nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in policy
    second = call(qtbot, service, "GET", f"/?token={TOKEN}").body.decode()
    assert nonce not in second  # a fresh nonce every time
    locked = call(qtbot, service, "GET", "/")
    assert locked.status == 401 and b"pairing link" in locked.body


def test_events_follow_the_player(qtbot: QtBot, service: RemoteService, player: FakePlayer) -> None:
    socket = QWebSocket()
    messages: list[dict] = []
    socket.textMessageReceived.connect(lambda text: messages.append(json.loads(text)))
    socket.open(QUrl(f"ws://127.0.0.1:{service.port}/events?token={TOKEN}"))
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    first = messages[-1]
    assert first["type"] == "state" and first["slide"] == 1
    assert first["notes"] == "Say something about slide 1." and first["timer"]["planned"] == 2700
    player.perform("next")  # as a key press on the player would
    qtbot.waitUntil(lambda: messages[-1]["slide"] == 2, timeout=5000)
    assert messages[-1]["next_title"] == "Slide 3"
    assert messages[-1]["pictures"]["current"] != first["pictures"]["current"]
    socket.close()


def test_events_need_the_token(qtbot: QtBot, service: RemoteService) -> None:
    socket = QWebSocket()
    opened: list[bool] = []
    socket.connected.connect(lambda: opened.append(True))
    with qtbot.waitSignal(socket.disconnected, timeout=5000):
        socket.open(QUrl(f"ws://127.0.0.1:{service.port}/events?token=wrong"))
    assert opened == []
    plain = call(qtbot, service, "GET", f"/events?token={TOKEN}")
    assert plain.status == 426  # not a WebSocket handshake


def test_service_stops_and_frees_the_port(
    qtbot: QtBot, qapp: QApplication, player: FakePlayer
) -> None:
    import socket as sockets

    service = start_service(player)
    port = service.port
    service.stop()
    service.stop()  # twice is harmless
    with pytest.raises(ConnectionRefusedError):
        sockets.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_taken_port_is_a_clear_start_error(qapp: QApplication, player: FakePlayer) -> None:
    import socket as sockets

    from revkiosk.remote.service import RemoteStartError

    with sockets.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(RemoteStartError, match="cannot listen on 127.0.0.1"):
            start_service(player, port=taken.getsockname()[1])
