"""Token checks and limits of the remote service (Qt-free)."""

from __future__ import annotations

import logging

import pytest

from revkiosk.remote.auth import FailureLimiter, RateLimiter, presented_token, token_matches


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_comparison() -> None:
    assert token_matches("secret-token", "secret-token")
    assert not token_matches("secret-tokeN", "secret-token")
    assert not token_matches("", "secret-token")
    assert not token_matches(None, "secret-token")
    assert not token_matches("secret-token-and-more", "secret-token")
    assert not token_matches("\udcff", "secret-token")  # undecodable input does not raise


@pytest.mark.parametrize(
    ("method", "headers", "query", "expected"),
    [
        ("POST", {"authorization": "Bearer abc"}, {}, "abc"),
        ("POST", {"authorization": "bearer   abc "}, {}, "abc"),
        ("GET", {}, {"token": "q"}, "q"),
        ("POST", {}, {"token": "q"}, None),  # a command cannot come from a link
        ("GET", {"authorization": "Basic xyz"}, {}, None),
        ("GET", {"authorization": "Bearer"}, {"token": "q"}, "q"),
    ],
)
def test_presented_token(method: str, headers: dict, query: dict, expected: str | None) -> None:
    assert presented_token(method, headers, query) == expected


def test_guessing_address_is_blocked_then_released(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    limiter = FailureLimiter(limit=5, window=60, block=30, clock=clock)
    with caplog.at_level(logging.WARNING):
        for _ in range(4):
            limiter.failed("10.0.0.9", "/status")
        assert limiter.retry_after("10.0.0.9") == 0
        limiter.failed("10.0.0.9", "/status")
    assert limiter.retry_after("10.0.0.9") == pytest.approx(30)
    assert limiter.retry_after("10.0.0.10") == 0  # others are not affected
    assert "blocked for 30 s" in caplog.text
    assert caplog.text.count("wrong or missing token from 10.0.0.9") == 4
    clock.now += 31
    assert limiter.retry_after("10.0.0.9") == 0
    assert limiter.total == 5


def test_failures_outside_the_window_are_forgotten() -> None:
    clock = Clock()
    limiter = FailureLimiter(limit=3, window=10, block=30, clock=clock)
    for _ in range(5):
        limiter.failed("a", "/")
        clock.now += 6
    assert limiter.retry_after("a") == 0


def test_limiter_memory_is_bounded() -> None:
    limiter = FailureLimiter(limit=2, capacity=50)
    for n in range(1000):
        limiter.failed(f"10.0.{n // 250}.{n % 250}", "/")
        limiter.failed(f"10.0.{n // 250}.{n % 250}", "/")
    assert len(limiter._failures) <= 50 and len(limiter._blocked) <= 50


def test_rate_limiter_allows_bursts_then_the_rate() -> None:
    clock = Clock()
    bucket = RateLimiter(rate=10, burst=10, clock=clock)
    assert sum(bucket.allow() for _ in range(30)) == 10
    clock.now += 0.5
    assert sum(bucket.allow() for _ in range(30)) == 5
