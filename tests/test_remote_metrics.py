"""The /metrics exposition, read back with prometheus_client's own parser (Qt-free)."""

from __future__ import annotations

import math

import pytest
from prometheus_client.parser import text_string_to_metric_families

from revkiosk.remote.metrics import Family, Histogram, Metrics, Sample, counter, gauge


def parse(text: str) -> dict[str, object]:
    return {family.name: family for family in text_string_to_metric_families(text)}


def test_counters_gauges_and_labels_round_trip() -> None:
    metrics = Metrics(
        lambda: [
            counter("revkiosk_things_total", "Things.", 3),
            gauge("revkiosk_info", 'Odd "help"\nwith a newline \\ ok', 1,
                  {"name": 'hall "2"\nnorth', "deck": "a\\b"}),
        ]
    )  # fmt: skip
    families = parse(metrics.render())
    assert families["revkiosk_things"].type == "counter"
    assert families["revkiosk_things"].samples[0].value == 3
    info = families["revkiosk_info"].samples[0]
    assert info.labels == {"name": 'hall "2"\nnorth', "deck": "a\\b"}


def test_histogram_buckets_are_cumulative() -> None:
    histogram = Histogram((0.01, 0.1, 1.0))
    for value in (0.005, 0.01, 0.05, 0.5, 3.0):
        histogram.observe(value)
    metrics = Metrics(lambda: [histogram.family("revkiosk_frame_time_seconds", "Frames.")])
    family = parse(metrics.render())["revkiosk_frame_time_seconds"]
    buckets = {s.labels["le"]: s.value for s in family.samples if s.name.endswith("_bucket")}
    assert buckets == {"0.01": 2, "0.1": 3, "1.0": 4, "+Inf": 5}
    values = {s.name: s.value for s in family.samples if not s.name.endswith("_bucket")}
    assert values["revkiosk_frame_time_seconds_count"] == 5
    assert math.isclose(values["revkiosk_frame_time_seconds_sum"], 3.565)


def test_a_broken_collector_leaves_the_rest(caplog: pytest.LogCaptureFixture) -> None:
    metrics = Metrics(lambda: [gauge("revkiosk_ok", "Fine.", 1)])

    def broken() -> list[Family]:
        raise RuntimeError("statistics database locked")

    metrics.add_collector(broken)
    metrics.add_collector(lambda: [gauge("bad name", "Bad.", 1), gauge("revkiosk_ok", "Again.", 2)])
    metrics.add_collector(
        lambda: [Family("revkiosk_visitor_sessions_total", "counter", "Visitors.",
                        (Sample("revkiosk_visitor_sessions_total", 7),))]
    )  # fmt: skip
    families = parse(metrics.render())
    assert set(families) == {"revkiosk_ok", "revkiosk_visitor_sessions"}
    assert families["revkiosk_ok"].samples[0].value == 1
    assert "collector failed" in caplog.text and "not a valid metric name" in caplog.text
