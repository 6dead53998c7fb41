"""Updates from an http(s) URL: conditional downloads, size caps, no redirect out of http(s)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from update_helpers import assert_whole, make_bundle, make_deck

from revkiosk.update import install
from revkiosk.update.manifest import Limits
from revkiosk.update.store import ContentStore


class Server:
    """A local web server whose answers a test sets: path -> (status, headers, body)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # http.server's name for it
                server.requests.append((self.path, dict(self.headers)))
                status, headers, body = server.routes.get(self.path, (404, {}, b"not here"))
                etag = headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


@pytest.fixture
def bundle(tmp_path: Path) -> bytes:
    return make_bundle(
        make_deck(tmp_path / "deck", "From the web"), tmp_path / "b.zip"
    ).read_bytes()


def test_an_update_from_a_url_and_an_unchanged_one(
    tmp_path: Path, server: Server, bundle: bytes
) -> None:
    server.routes["/deck.zip"] = (200, {"ETag": '"v1"'}, bundle)
    store = ContentStore(tmp_path / "content")
    first = install.update(f"{server.url}/deck.zip", store, render=None)
    assert first.result == "installed", first
    assert_whole(store, "From the web")
    again = install.update(f"{server.url}/deck.zip", store, render=None)
    assert again.result == "unchanged" and "nothing new" in again.message
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_http_errors_redirects_out_of_http_and_oversized_answers_are_refused(
    tmp_path: Path, server: Server, bundle: bytes
) -> None:
    store = ContentStore(tmp_path / "content")
    server.routes["/file"] = (302, {"Location": "file:///etc/passwd"}, b"")
    server.routes["/ftp"] = (301, {"Location": "ftp://example.org/deck.zip"}, b"")
    server.routes["/big.zip"] = (200, {}, bundle)
    server.routes["/huge.zip"] = (200, {}, b"PK\3\4" + b"\0" * 3_000_000)
    cases = [
        (f"{server.url}/missing.zip", {}, "HTTP 404"),
        (f"{server.url}/file", {}, "redirected to a file: URL; refused"),
        (f"{server.url}/ftp", {}, "redirected to a ftp: URL; refused"),
        (
            f"{server.url}/big.zip",
            {"limits": Limits(max_total_bytes=1000)},
            "more than a bundle may hold",
        ),
        (f"{server.url}/huge.zip", {"limits": Limits(max_total_bytes=1000)}, "is 3.0 MB; at most"),
        ("http://127.0.0.1:9/deck.zip", {}, "cannot connect"),
    ]
    for url, options, said in cases:
        outcome = install.update(url, store, render=None, **options)  # type: ignore[arg-type]
        assert outcome.result == "refused" and said in outcome.message, (url, outcome)
        assert store.current is None
    for scheme in ("file:///etc/passwd", "ftp://example.org/x.zip"):
        outcome = install.update(scheme, store, render=None)
        assert outcome.result == "refused" and "no such file or folder" in outcome.message
