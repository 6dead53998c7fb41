"""Download a bundle over http(s) with the standard library, bounded in time, size and place.

Only http and https, before and after redirects (urllib would follow a redirect to ftp; a
`file:` URL must never be reachable from a server's answer), at most five redirects, a timeout
on every socket operation and on the whole download, and a size cap checked against
Content-Length and again while reading. The ETag / Last-Modified of the last download are sent
back, so a kiosk polling an unchanged bundle downloads nothing (HTTP 304).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from revkiosk import __version__
from revkiosk.update.manifest import CHUNK, BundleProblem, size_text
from revkiosk.update.unpack import SourceUnreadable

ALLOWED_SCHEMES = ("http", "https")
SOCKET_TIMEOUT_S = 30.0
WHOLE_TIMEOUT_S = 3600.0


def is_url(text: str) -> bool:
    return urllib.parse.urlsplit(text).scheme.lower() in ALLOWED_SCHEMES


@dataclass(frozen=True)
class Validators:
    """What the server said identifies the content it sent (for conditional requests)."""

    etag: str | None = None
    last_modified: str | None = None


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most five redirects, and only to http or https URLs."""

    max_redirections = 5

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        target = headers.get("Location") or headers.get("URI") or ""
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme
        if scheme.lower() not in ALLOWED_SCHEMES:
            raise BundleProblem(f"the server redirected to a {scheme}: URL; refused")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def download(
    url: str,
    target: Path,
    max_bytes: int,
    known: Validators | None = None,
    *,
    socket_timeout: float = SOCKET_TIMEOUT_S,
    whole_timeout: float = WHOLE_TIMEOUT_S,
) -> Validators | None:
    """Fetch `url` into `target`; None when the server says it has not changed since `known`."""
    if not is_url(url):
        raise BundleProblem(f"{url}: only http and https URLs are allowed")
    request = urllib.request.Request(url, headers={"User-Agent": f"revkiosk/{__version__}"})
    if known and known.etag:
        request.add_header("If-None-Match", known.etag)
    if known and known.last_modified:
        request.add_header("If-Modified-Since", known.last_modified)
    opener = urllib.request.build_opener(_Redirects)
    try:
        response = opener.open(request, timeout=socket_timeout)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None
        raise BundleProblem(
            f"{url}: the server answered HTTP {error.code} {error.reason}"
        ) from None
    except urllib.error.URLError as error:
        raise SourceUnreadable(f"{url}: cannot connect ({error.reason})") from None
    except (OSError, ValueError, http.client.HTTPException) as error:  # timeouts, resets…
        raise SourceUnreadable(f"{url}: cannot connect ({error})") from None
    with response:
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise BundleProblem(
                f"{url} is {size_text(int(length))}; at most {size_text(max_bytes)}"
            )
        _save(response, url, target, max_bytes, time.monotonic() + whole_timeout)
        return Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))


def _save(response: object, url: str, target: Path, max_bytes: int, deadline: float) -> None:
    received = 0
    try:
        with open(target, "wb") as sink:
            while True:
                try:
                    chunk = response.read(CHUNK)  # type: ignore[attr-defined]
                except (OSError, http.client.HTTPException) as error:
                    raise SourceUnreadable(f"{url}: the download broke off ({error!r})") from None
                if not chunk:
                    break
                received += len(chunk)
                if received > max_bytes:
                    raise BundleProblem(f"{url} is larger than {size_text(max_bytes)}; refused")
                if time.monotonic() > deadline:
                    raise SourceUnreadable(f"{url}: the download took too long")
                sink.write(chunk)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise BundleProblem(f"could not save the download ({error.strerror or error})") from None
