"""The remote service over TLS, from a certificate and key as settings.yaml names them."""

from __future__ import annotations

import http.client
import json
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtNetwork import QSslCertificate
from PySide6.QtWebSockets import QWebSocket
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from remote_support import AUTH, TOKEN, FakePlayer, off_thread, raw_exchange, start_service

from revkiosk.remote.service import RemoteStartError

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "kiosk.pem", folder / "kiosk-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-days", "2", "-subj", "/CN=kiosk", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_https_with_the_configured_certificate(
    qtbot: QtBot, qapp: QApplication, certificate: tuple[Path, Path]
) -> None:
    cert, key = certificate
    player = FakePlayer()
    service = start_service(player, certificate=cert, key=key)
    try:
        assert service.url.startswith("https://127.0.0.1:")
        assert service.pairing_url().startswith("https://")
        context = ssl.create_default_context(cafile=str(cert))

        def fetch(method: str, path: str) -> tuple[int, bytes]:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", service.port, context=context, timeout=10
            )
            try:
                connection.request(method, path, headers=AUTH)
                reply = connection.getresponse()
                return reply.status, reply.read()
            finally:
                connection.close()

        status, body = off_thread(qtbot, lambda: fetch("GET", "/status"))
        assert status == 200 and b'"slide": 1' in body
        assert off_thread(qtbot, lambda: fetch("POST", "/next"))[0] == 200 and player.index == 1
        plain, _ = off_thread(
            qtbot, lambda: raw_exchange(service.port, b"GET /status HTTP/1.1\r\n\r\n", wait=5)
        )
        assert b"200 OK" not in plain  # plain HTTP to the TLS port gets nothing useful
        socket = QWebSocket()
        config = socket.sslConfiguration()
        config.setCaCertificates(QSslCertificate.fromPath(str(cert)))
        socket.setSslConfiguration(config)
        messages: list[str] = []
        socket.textMessageReceived.connect(messages.append)
        socket.open(QUrl(f"wss://127.0.0.1:{service.port}/events?token={TOKEN}"))
        qtbot.waitUntil(lambda: bool(messages), timeout=5000)
        assert json.loads(messages[-1])["slide"] == 2
        socket.close()
    finally:
        service.stop()


def test_a_bad_key_stops_the_service_with_the_reason(
    qapp: QApplication, certificate: tuple[Path, Path], tmp_path: Path
) -> None:
    cert, _ = certificate
    broken = tmp_path / "broken-key.pem"
    broken.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    with pytest.raises(RemoteStartError, match="broken-key.pem: not an unencrypted PEM"):
        start_service(FakePlayer(), certificate=cert, key=broken)
    with pytest.raises(RemoteStartError, match="no PEM certificate"):
        start_service(FakePlayer(), certificate=tmp_path / "missing.pem", key=broken)
