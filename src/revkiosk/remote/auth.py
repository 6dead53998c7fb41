"""Who may use the remote, and how fast (Qt-free).

Every request carries the token (`Authorization: Bearer TOKEN`, or `?token=` on GET requests,
which the phone page and its event socket need). Comparison is constant-time over digests, so
neither the token nor its length leaks through timing. An address that keeps guessing is
blocked for a while (answered 429 without checking anything) and its attempts are logged, but
not one line per attempt: a guessing script must not fill the kiosk's disk with its log.
Commands that move the show are rate-limited as a whole, so a flood of `POST /next` cannot make
the screen flicker.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping

log = logging.getLogger(__name__)

Clock = Callable[[], float]


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def token_matches(given: str | None, expected: str) -> bool:
    """True when `given` is the token; constant-time whatever is given."""
    return given is not None and hmac.compare_digest(_digest(given), _digest(expected))


def presented_token(
    method: str, headers: Mapping[str, str], query: Mapping[str, str]
) -> str | None:
    """The token a request presents: the Bearer header, else `?token=` on GET only (a command
    must not be something a link or an image tag can trigger)."""
    scheme, _, value = headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if method == "GET":
        return query.get("token")
    return None


class FailureLimiter:
    """Blocks an address after `limit` failed tokens within `window` seconds, for `block` s.

    Remembers at most `capacity` addresses (the oldest are forgotten), so a scan from many
    addresses cannot grow it without bound.
    """

    def __init__(
        self,
        limit: int = 10,
        window: float = 60.0,
        block: float = 60.0,
        capacity: int = 1024,
        clock: Clock = time.monotonic,
    ) -> None:
        self.limit, self.window, self.block, self.capacity = limit, window, block, capacity
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._blocked: OrderedDict[str, float] = OrderedDict()
        self.total = 0  # failed attempts since start (a metric)
        self._lock = threading.Lock()  # both lanes' threads ask

    def retry_after(self, address: str) -> float:
        """Seconds this address stays blocked (0: not blocked)."""
        with self._lock:
            return self._retry_after(address)

    def _retry_after(self, address: str) -> float:
        until = self._blocked.get(address)
        if until is None:
            return 0.0
        left = until - self._clock()
        if left <= 0:
            del self._blocked[address]
            return 0.0
        return left

    def failed(self, address: str, path: str) -> None:
        """Record a wrong or missing token; log it (the first `limit` per window) or block."""
        with self._lock:
            self._failed(address, path)

    def _failed(self, address: str, path: str) -> None:
        self.total += 1
        now = self._clock()
        times = self._failures.pop(address, None) or deque()
        while times and now - times[0] > self.window:
            times.popleft()
        times.append(now)
        self._failures[address] = times
        while len(self._failures) > self.capacity:
            self._failures.popitem(last=False)
        if len(times) >= self.limit:
            del self._failures[address]
            self._blocked[address] = now + self.block
            while len(self._blocked) > self.capacity:
                self._blocked.popitem(last=False)
            log.warning(
                "remote: %d wrong tokens from %s within %g s; blocked for %g s",
                len(times),
                address,
                self.window,
                self.block,
            )
        else:
            log.warning("remote: wrong or missing token from %s for %s", address, path[:200])


class RateLimiter:
    """A token bucket: `rate` events per second on average, bursts of up to `burst`."""

    def __init__(self, rate: float, burst: float, clock: Clock = time.monotonic) -> None:
        self.rate, self.burst = rate, burst
        self._clock = clock
        self._tokens = burst
        self._last = clock()
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            return self._allow()

    def _allow(self) -> bool:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False
