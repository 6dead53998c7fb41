"""Remote service configuration: where it listens, and the token kept on disk (Qt-free)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from revkiosk.remote.config import (
    RemoteConfig,
    RemoteConfigError,
    from_settings,
    load_or_create_token,
    parse_listen,
    with_command_line,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8765", ("127.0.0.1", 8765)),
        (8765, ("127.0.0.1", 8765)),
        ("0.0.0.0:9000", ("0.0.0.0", 9000)),
        ("localhost:0", ("127.0.0.1", 0)),
        ("[::1]:8080", ("::1", 8080)),
        ("192.168.1.20:80", ("192.168.1.20", 80)),
    ],
)
def test_listen_addresses_default_to_loopback(text: str, expected: tuple[str, int]) -> None:
    assert parse_listen(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("70000", "0-65535"),
        ("museum.example:80", "not an IP address"),
        ("::1:80", "[::1]:8765"),
        ("[::1]80", "[::1]:8765"),
        ("0.0.0.0:", "port"),
        ("abc", "port"),
    ],
)
def test_bad_listen_addresses_say_what_to_write(text: str, fragment: str) -> None:
    with pytest.raises(RemoteConfigError, match=None) as caught:
        parse_listen(text)
    assert fragment in str(caught.value)


def test_settings_forms(tmp_path: Path) -> None:
    assert from_settings(None) == (None, [])
    config, notices = from_settings(8765)
    assert config == RemoteConfig("127.0.0.1", 8765) and notices == []
    config, notices = from_settings(
        {
            "listen": "0.0.0.0:8443",
            "certificate": "tls/c.pem",
            "key": "/etc/k.pem",
            "name": "hall-2",
        },
        base=tmp_path,
    )
    assert config is not None and notices == []
    assert (config.host, config.port, config.name) == ("0.0.0.0", 8443, "hall-2")
    assert config.certificate == tmp_path / "tls/c.pem" and config.key == Path("/etc/k.pem")
    assert config.tls


def test_settings_problems_become_notices_and_keep_the_remote_off() -> None:
    config, notices = from_settings({"listen": "nowhere:1"})
    assert config is None and "not an IP address" in notices[0]
    config, notices = from_settings({"listen": 1, "certificate": "c.pem"})
    assert config is None and "both `certificate` and `key`" in notices[0]
    config, notices = from_settings({"listen": 1, "colour": "red"})
    assert config is not None and "unknown key 'colour'" in notices[0]
    assert from_settings(True)[0] is None


def test_command_line_overrides_settings_but_keeps_tls() -> None:
    base = RemoteConfig("127.0.0.1", 1, certificate=Path("c"), key=Path("k"))
    config = with_command_line(base, "0.0.0.0:2", "a-long-enough-token")
    assert config == RemoteConfig("0.0.0.0", 2, "a-long-enough-token", Path("c"), Path("k"))
    assert with_command_line(None, None, None) is None
    assert with_command_line(None, "3", None) == RemoteConfig(port=3)
    with pytest.raises(RemoteConfigError, match="16 printable"):
        with_command_line(None, "3", "short")


def test_token_is_made_once_owner_only_and_reused(tmp_path: Path) -> None:
    token = load_or_create_token(tmp_path / "config")
    path = tmp_path / "config" / "remote-token"
    assert len(token) >= 32 and path.read_text().strip() == token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_token(tmp_path / "config") == token
    assert [p.name for p in path.parent.iterdir()] == ["remote-token"]  # no temp file left


def test_token_file_readable_by_others_is_tightened(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "remote-token"
    path.write_text("an-existing-token-of-good-length\n")
    os.chmod(path, 0o644)
    assert load_or_create_token(tmp_path) == "an-existing-token-of-good-length"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "readable by other users" in caplog.text


def test_damaged_token_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "remote-token").write_text("short\n")
    token = load_or_create_token(tmp_path)
    assert token != "short" and (tmp_path / "remote-token").read_text().strip() == token


def test_players_starting_together_agree_on_one_token(tmp_path: Path) -> None:
    tokens: list[str] = []
    threads = [
        threading.Thread(target=lambda: tokens.append(load_or_create_token(tmp_path)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(tokens)) == 1 and (tmp_path / "remote-token").read_text().strip() == tokens[0]


def test_kiosk_command_hands_the_remote_options_to_the_player() -> None:
    """`revkiosk kiosk --remote …` runs the service in the player it supervises (a restarted
    player serves again, on the same port and with the same token)."""
    from revkiosk.commands.kiosk import _parser, _remote_options

    args, extra = _parser().parse_known_args(
        ["deck.yaml", "--remote", "0.0.0.0:8765", "--screen", "2"]
    )
    assert _remote_options(args) == ["--remote", "0.0.0.0:8765"] and extra == ["--screen", "2"]
    args, _ = _parser().parse_known_args(["--remote", "8765", "--remote-token", "t" * 20])
    assert _remote_options(args) == ["--remote", "8765", "--remote-token", "t" * 20]
    assert _remote_options(_parser().parse_known_args([])[0]) == []
