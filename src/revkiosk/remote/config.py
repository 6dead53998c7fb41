"""Where the remote service listens, with which token, and whether it speaks TLS (Qt-free).

The service is off unless asked for: `--remote [HOST:]PORT` on the command line, or `remote:` in
`settings.yaml`. It binds to 127.0.0.1 unless a host is given, so turning it on never exposes a
kiosk to the museum's network by accident. The token is random, made at first use and kept in
the config folder readable by its owner only (`remote-token`, mode 0600), unless
`--remote-token` gives one.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
import secrets
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from revkiosk.safe_files import read_text

log = logging.getLogger(__name__)

TOKEN_FILE = "remote-token"
DEFAULT_HOST = "127.0.0.1"
MIN_TOKEN_LENGTH = 16  # a token made here has 32 characters; one given by hand needs 16
_SETTINGS_KEYS = ("listen", "certificate", "key", "name")


class RemoteConfigError(ValueError):
    """A `--remote` value or a `remote:` block that cannot be used (the text says why)."""


@dataclass(frozen=True)
class RemoteConfig:
    """What the service needs to start. `port` 0 asks the system for a free port."""

    host: str = DEFAULT_HOST
    port: int = 0
    token: str | None = None  # None: the token file in the config folder
    certificate: Path | None = None
    key: Path | None = None
    name: str | None = None  # this kiosk's name in /status and /metrics (a fleet has many)

    @property
    def tls(self) -> bool:
        return self.certificate is not None


def parse_listen(text: str | int) -> tuple[str, int]:
    """`"8765"` → (127.0.0.1, 8765); `"0.0.0.0:8765"`, `"[::1]:8765"` keep their host.

    The host must be an IP address (or `localhost`): the service binds to it, and a name that
    resolves differently tomorrow should not decide which network a kiosk listens on.
    """
    raw = str(text).strip()
    host, port_text = DEFAULT_HOST, raw
    if raw.startswith("["):
        inside, bracket, rest = raw[1:].partition("]")
        if not bracket or not rest.startswith(":"):
            raise RemoteConfigError(f"remote address {raw!r}: write an IPv6 host as [::1]:8765")
        host, port_text = inside, rest[1:]
    elif ":" in raw:
        host, _, port_text = raw.rpartition(":")
        if ":" in host:
            raise RemoteConfigError(f"remote address {raw!r}: write an IPv6 host as [::1]:8765")
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise RemoteConfigError(f"remote address {raw!r}: the port must be 0-65535")
    if host == "localhost":
        host = DEFAULT_HOST
    try:
        ipaddress.ip_address(host)
    except ValueError:
        raise RemoteConfigError(
            f"remote address {raw!r}: {host!r} is not an IP address (e.g. 0.0.0.0 for every "
            "network, or this machine's address on the museum network)"
        ) from None
    return host, int(port_text)


def from_settings(value: object, base: Path | None = None) -> tuple[RemoteConfig | None, list[str]]:
    """The `remote:` value of settings.yaml: a port, `"HOST:PORT"`, or a mapping with `listen`,
    `certificate`, `key` and `name`. Returns the config (None: off or unusable) and notices."""
    if value is None or value is False:
        return None, []
    if isinstance(value, bool):
        return None, ["settings.yaml: remote: give a port or an address like 0.0.0.0:8765"]
    mapping: Mapping[str, object] = value if isinstance(value, Mapping) else {"listen": value}
    notices = [
        f"settings.yaml: remote: unknown key {key!r} (known: {', '.join(_SETTINGS_KEYS)})"
        for key in mapping
        if key not in _SETTINGS_KEYS
    ]
    try:
        host, port = parse_listen(mapping.get("listen", 8765))  # type: ignore[arg-type]
    except RemoteConfigError as error:
        return None, [*notices, f"settings.yaml: {error}; the remote stays off"]
    paths: dict[str, Path] = {}
    for field in ("certificate", "key"):
        raw = mapping.get(field)
        if raw is not None:
            path = Path(str(raw)).expanduser()
            paths[field] = path if path.is_absolute() or base is None else base / path
    certificate, key = paths.get("certificate"), paths.get("key")
    if (certificate is None) != (key is None):
        return None, [
            *notices,
            "settings.yaml: remote: TLS needs both `certificate` and `key`; the remote stays off",
        ]
    name = mapping.get("name")
    label = str(name) if name is not None else None
    config = RemoteConfig(host, port, certificate=certificate, key=key, name=label)
    return config, notices


def with_command_line(
    config: RemoteConfig | None, listen: str | None, token: str | None
) -> RemoteConfig | None:
    """`--remote` and `--remote-token` over the settings (TLS and name stay from settings)."""
    if listen is not None:
        host, port = parse_listen(listen)
        config = replace(config or RemoteConfig(), host=host, port=port)
    if config is not None and token is not None:
        if len(token) < MIN_TOKEN_LENGTH or not token.isprintable() or " " in token:
            raise RemoteConfigError(
                f"--remote-token needs at least {MIN_TOKEN_LENGTH} printable characters "
                "without spaces"
            )
        config = replace(config, token=token)
    return config


def load_or_create_token(folder: Path) -> str:
    """The token in `folder/remote-token`, made (random, owner-only, atomic) at first use.

    A file readable by others is tightened to 0600 with a warning; a damaged one is replaced.
    Two players starting at once agree on one token: the file is linked into place only if
    none exists yet, and the loser reads the winner's.
    """
    path = folder / TOKEN_FILE
    existing, damaged = _read_token(path)
    if existing is not None:
        return existing
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{TOKEN_FILE}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(token + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        if damaged:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if another process won the race
            except FileExistsError:
                return _read_token(path)[0] or token
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    log.info("remote: made a new access token in %s", path)
    return token


def _read_token(path: Path) -> tuple[str | None, bool]:
    """(the token, or None; whether a file is there but unusable)."""
    try:
        info = path.stat()
        text = read_text(path, 4096, encoding="ascii").strip()
    except FileNotFoundError:
        return None, False
    except (OSError, UnicodeDecodeError) as error:
        log.warning("remote: token file %s is unreadable (%s); making a new one", path, error)
        return None, True
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("remote: %s was readable by other users; now owner-only (0600)", path)
        with contextlib.suppress(OSError):
            path.chmod(0o600)
    if len(text) < MIN_TOKEN_LENGTH or any(c.isspace() for c in text):
        log.warning("remote: token file %s is damaged; making a new one", path)
        return None, True
    return text, False
