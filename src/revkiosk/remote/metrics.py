"""GET /metrics: the Prometheus text exposition format (version 0.0.4), written here (Qt-free).

A museum scrapes every kiosk with Prometheus and draws the fleet in Grafana
(`packaging/monitoring/`). The player's own figures come from `player_families()`; other
parts add theirs through `Metrics.add_collector(fn)`, where `fn()` returns `Family` objects —
the hook the visitor statistics use for `revkiosk_visitor_sessions_total` and the like. A
collector that raises or names a metric badly is logged and left out; the rest still answer.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*\Z")
_LABEL = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\Z")
KINDS = ("counter", "gauge", "histogram", "summary", "untyped")
# Slide change → painted frame: a good one is under 16 ms, a slow chart slide a few hundred.
FRAME_BUCKETS = (0.004, 0.008, 0.016, 0.033, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


@dataclass(frozen=True)
class Sample:
    """One line: `name{labels} value` (name includes any `_total`/`_bucket` suffix)."""

    name: str
    value: float
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Family:
    """One metric: its name, kind (`counter`, `gauge`, `histogram`…), help text and samples."""

    name: str
    kind: str
    help: str
    samples: tuple[Sample, ...]


class Histogram:
    """Cumulative buckets, sum and count; observed on one thread, read on another."""

    def __init__(self, buckets: Iterable[float] = FRAME_BUCKETS) -> None:
        self.bounds = tuple(sorted(buckets))
        self._counts = [0] * (len(self.bounds) + 1)
        self._sum = 0.0
        self._lock = threading.Lock()

    def observe(self, value: float) -> None:
        with self._lock:
            self._counts[bisect.bisect_left(self.bounds, value)] += 1
            self._sum += value

    def family(self, name: str, help_text: str) -> Family:
        with self._lock:
            counts, total = list(self._counts), self._sum
        samples, running = [], 0
        for bound, count in zip((*self.bounds, math.inf), counts, strict=True):
            running += count
            le = "+Inf" if math.isinf(bound) else repr(float(bound))  # as Prometheus writes it
            samples.append(Sample(f"{name}_bucket", running, {"le": le}))
        samples += [Sample(f"{name}_sum", total), Sample(f"{name}_count", running)]
        return Family(name, "histogram", help_text, tuple(samples))


Collector = Callable[[], Iterable[Family]]


class Metrics:
    """The exposition: built-in families from a callable plus any number of collectors."""

    def __init__(self, builtin: Collector) -> None:
        self._collectors: list[Collector] = [builtin]
        self._lock = threading.Lock()

    def add_collector(self, collector: Collector) -> None:
        """Add families to every scrape (called on the service's network thread)."""
        with self._lock:
            self._collectors.append(collector)

    def render(self) -> str:
        with self._lock:
            collectors = list(self._collectors)
        seen: set[str] = set()
        lines: list[str] = []
        for collector in collectors:
            try:
                families = list(collector())
            except Exception:
                log.exception("remote: a metrics collector failed")
                continue
            for family in families:
                problem = _problem(family, seen)
                if problem:
                    log.error("remote: metric %r left out: %s", family.name, problem)
                    continue
                seen.add(family.name)
                lines += _lines(family)
        return "\n".join(lines) + "\n"


def _problem(family: Family, seen: set[str]) -> str | None:
    if not _NAME.match(family.name):
        return "not a valid metric name"
    if family.name in seen:
        return "reported twice"
    if family.kind not in KINDS:
        return f"unknown kind {family.kind!r}"
    for sample in family.samples:
        if not sample.name.startswith(family.name) or not _NAME.match(sample.name):
            return f"sample {sample.name!r} does not belong to it"
        if not all(_LABEL.match(key) for key in sample.labels):
            return f"bad label name in {dict(sample.labels)!r}"
    return None


def _lines(family: Family) -> list[str]:
    help_text = family.help.replace("\\", "\\\\").replace("\n", "\\n")
    lines = [f"# HELP {family.name} {help_text}", f"# TYPE {family.name} {family.kind}"]
    for sample in family.samples:
        labels = ",".join(f'{key}="{_escape(value)}"' for key, value in sample.labels.items())
        braced = f"{{{labels}}}" if labels else ""
        lines.append(f"{sample.name}{braced} {_number(sample.value)}")
    return lines


def _escape(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))


def counter(
    name: str, help_text: str, value: float, labels: Mapping[str, str] | None = None
) -> Family:
    return Family(name, "counter", help_text, (Sample(name, value, labels or {}),))


def gauge(
    name: str, help_text: str, value: float, labels: Mapping[str, str] | None = None
) -> Family:
    return Family(name, "gauge", help_text, (Sample(name, value, labels or {}),))
