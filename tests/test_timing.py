"""The Qt-free talk timing: stopwatch, pacing, per-slide times and the report (fake clock)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from revkiosk.timing import (
    SlideTimes,
    Stopwatch,
    format_duration,
    pace,
    timing_report,
    write_timing_report,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def test_stopwatch_counts_only_running_time() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    clock.now += 30
    assert watch.elapsed() == 0 and not watch.started  # not started: time does not count
    watch.start()
    clock.now += 60
    watch.pause()
    clock.now += 600  # a long pause (questions) is not talk time
    assert watch.elapsed() == 60 and watch.started and not watch.running
    watch.toggle()
    clock.now += 15
    assert watch.elapsed() == 75 and watch.running


def test_stopwatch_reset_returns_to_zero_and_stops() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start()
    clock.now += 90
    watch.reset()
    clock.now += 90
    assert watch.elapsed() == 0 and not watch.started


@pytest.mark.parametrize(
    ("seconds", "signed", "text"),
    [(0, False, "0:00"), (754, False, "12:34"), (3725, False, "1:02:05"), (-75, True, "−1:15")],
)
def test_format_duration(seconds: float, signed: bool, text: str) -> None:
    assert format_duration(seconds, signed) == text


def test_pacing_levels_against_a_40_minute_plan() -> None:
    # 40 slides in 40 minutes: slide 10 (index 10) should be reached after 10 minutes.
    on_time = pace(10 * 60, 10, 40, 40)
    assert on_time is not None and on_time.level == "green" and on_time.text == "On time"
    ahead = pace(6 * 60, 10, 40, 40)
    assert ahead is not None and ahead.level == "green" and ahead.text == "4:00 ahead"
    amber = pace(13 * 60, 10, 40, 40)  # 3 min behind: 7.5% of the talk
    assert amber is not None and amber.level == "amber" and amber.text == "3:00 behind"
    red = pace(16 * 60, 10, 40, 40)  # 6 min behind: 15%
    assert red is not None and red.level == "red"
    over = pace(41 * 60, 39, 40, 40)  # past the planned end, even if close to the plan
    assert over is not None and over.level == "red"


def test_no_pacing_without_a_planned_duration() -> None:
    assert pace(100, 3, 10, None) is None
    assert pace(100, 3, 0, 30) is None


def test_slide_times_add_up_and_skip_pauses() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    times = SlideTimes(4, 0)
    watch.start()
    clock.now += 20
    times.visit(1, watch.elapsed())
    clock.now += 40
    watch.pause()
    clock.now += 300  # paused on slide 2: not counted
    watch.start()
    clock.now += 5
    times.visit(0, watch.elapsed())
    clock.now += 10
    times.visit(0, watch.elapsed())  # reading the totals
    assert times.spent == [30, 45, 0, 0]
    assert times.visits == [2, 1, 0, 0]
    assert sum(times.spent) == watch.elapsed()


def test_slide_times_reset_and_resize_keep_what_exists() -> None:
    times = SlideTimes(3, 0)
    times.visit(2, 12.0)
    times.resize(2)  # a reload removed slide 3
    assert times.spent == [12.0, 0.0]
    times.reset(1)
    assert times.spent == [0.0, 0.0] and times.visits == [0, 1]


def test_timing_report_lists_every_slide(tmp_path: Path) -> None:
    times = SlideTimes(3, 0)
    times.visit(1, 65.0)
    times.visit(2, 125.0)
    times.visit(2, 130.0)
    when = datetime(2026, 11, 28, 14, 5, 9)
    text = timing_report("The talk", ["Intro", "A | B", "End"], times, 130.0, 2, when)
    assert "# Timing report: The talk" in text
    assert "| 1 | Intro | 1:05 | 1 |" in text
    assert "| 2 | A \\| B | 1:00 | 1 |" in text  # a pipe in a title does not break the table
    assert "| 3 | End | 0:05 | 1 |" in text
    assert "Planned: 2:00 (0:10 over)" in text
    path = write_timing_report(tmp_path / "log", text, when)
    assert path.name == "timing-20261128-140509.md"
    assert path.read_text(encoding="utf-8") == text
