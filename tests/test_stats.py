"""Visitor statistics without Qt: the records, the log's durability and caps, the summary."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

from stats_helpers import BERLIN, FakeClock, record_two_visits

from revkiosk.stats.log import StatsLog
from revkiosk.stats.read import read_log
from revkiosk.stats.recover import close_interrupted_visits
from revkiosk.stats.summary import summarise
from revkiosk.stats.visits import VisitRecorder


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_visit_is_written_as_plain_records(tmp_path: Path) -> None:
    record_two_visits(tmp_path)
    records = _lines(tmp_path / "2026-05-04.jsonl")
    first = [r for r in records if r["visit"] == "visit-one"]
    assert [r["event"] for r in first] == ["visit_start", "slide", "layer", "slide", "visit_end"]
    assert first[0]["t"] == "2026-05-04T10:00:00.000+02:00"
    assert first[1] == {**first[1], "slide": "title", "seconds": 10.0}
    assert first[3] == {**first[3], "slide": "alphago", "seconds": 30.0}
    assert first[-1] == {**first[-1], "seconds": 40.0, "slides": 2, "reason": "idle"}
    every_key = {key for record in records for key in record}
    assert every_key <= {
        "t",
        "event",
        "visit",
        "deck",
        "language",
        "slide",
        "title",
        "index",
        "seconds",
        "layer",
        "setting",
        "value",
        "slides",
        "reason",
    }


def test_summary_of_a_scripted_day(tmp_path: Path) -> None:
    record_two_visits(tmp_path)
    summary = summarise(read_log(tmp_path))
    assert summary.visits == 2
    assert summary.per_day == {date(2026, 5, 4): 2}
    assert summary.per_hour[10] == 1 and summary.per_hour[14] == 1 and sum(summary.per_hour) == 2
    assert summary.median_seconds == 70.0  # 40 s and 100 s
    assert [(s.key, s.views, s.median_seconds) for s in summary.slides] == [
        ("alphago", 2, 25.0),  # 30 s in visit 1, 20 s in visit 2
        ("alexnet", 1, 80.0),
        ("title", 1, 10.0),
    ]
    assert summary.languages == {"en": 1, "fr": 1}
    assert summary.comfort == {"text_scale = 1.25": 1}
    assert summary.layers == {"alphago: more": 1}
    assert summary.videos == {"alexnet": 1}
    assert summary.unclosed == 0 and summary.skipped_lines == 0


def test_a_line_cut_mid_way_and_garbage_are_skipped(tmp_path: Path) -> None:
    record_two_visits(tmp_path)
    path = tmp_path / "2026-05-04.jsonl"
    data = path.read_bytes()
    path.write_bytes(data[:-25])  # the power went while the last line was being written
    with path.open("ab") as handle:  # and someone's editor, a bad sector, a wrong file
        handle.write(b'\n\xff\xfe not utf-8\n[1, 2, 3]\n{"event": "slide"}\n{"t": 5}\n')
    contents = read_log(tmp_path)
    assert contents.skipped == 5
    summary = summarise(contents)
    assert summary.visits == 2
    assert summary.unclosed == 1, "the second visit lost its end line"
    assert summary.median_seconds == 70.0, "its length is taken from its last record"


def test_appending_after_a_cut_keeps_new_lines_whole(tmp_path: Path) -> None:
    path = tmp_path / "2026-05-04.jsonl"
    path.write_bytes(b'{"t":"2026-05-04T09:00:00+02:00","event":"visit_st')
    log = StatsLog(tmp_path, background=False)
    log.append({"t": "2026-05-04T09:01:00.000+02:00", "event": "visit_start", "visit": "x"})
    log.close()
    contents = read_log(tmp_path)
    assert contents.skipped == 1
    assert [e.kind for e in contents.events] == ["visit_start"]


def test_the_writer_thread_puts_lines_on_disk(tmp_path: Path) -> None:
    log = StatsLog(tmp_path)
    for n in range(200):
        log.append({"t": f"2026-05-04T09:00:{n % 60:02d}.000+02:00", "event": "x", "n": n})
    log.flush()
    lines = _lines(tmp_path / "2026-05-04.jsonl")
    assert [line["n"] for line in lines] == list(range(200))
    log.close()


def test_a_restart_closes_the_open_visit_at_its_last_record(tmp_path: Path) -> None:
    log = StatsLog(tmp_path, background=False)
    clock = FakeClock(datetime(2026, 5, 4, 23, 59, 30, tzinfo=BERLIN))
    rec = VisitRecorder(log, clock=clock, new_id=lambda: "cut")
    rec.slide_shown("title", "Title", 0)
    rec.visitor_arrived()
    clock.advance(45)  # past midnight: the slide record lands in the next day's file
    rec.slide_shown("alphago", "AlphaGo", 5)
    clock.advance(5)
    # …the player hangs and the supervisor kills it: no visit_end.
    assert close_interrupted_visits(tmp_path, log, date(2026, 5, 5)) == 1
    assert close_interrupted_visits(tmp_path, log, date(2026, 5, 5)) == 0, "closed only once"
    end = _lines(tmp_path / "2026-05-05.jsonl")[-1]
    assert end == {
        "t": "2026-05-05T00:00:15.000+02:00",
        "event": "visit_end",
        "visit": "cut",
        "seconds": 45.0,
        "slides": 1,
        "reason": "restart",
    }
    summary = summarise(read_log(tmp_path))
    assert summary.visits == 1 and summary.restarted == 1
    assert summary.per_day == {date(2026, 5, 4): 1}, "a visit counts on the day it began"


def test_a_day_stops_growing_at_its_cap(tmp_path: Path) -> None:
    log = StatsLog(tmp_path, day_cap=4096, background=False)
    for n in range(200):
        log.append({"t": "2026-05-04T09:00:00.000+02:00", "event": "slide", "visit": "v", "n": n})
    log.close()
    path = tmp_path / "2026-05-04.jsonl"
    assert path.stat().st_size <= 4096
    contents = read_log(tmp_path)
    assert contents.capped_days == ["2026-05-04"]
    assert 0 < len(contents.events) < 200


def test_the_folder_stays_under_its_total_cap_oldest_days_go_first(tmp_path: Path) -> None:
    for day in range(1, 11):
        (tmp_path / f"2026-04-{day:02d}.jsonl").write_bytes(b"x" * 1000)
    log = StatsLog(tmp_path, day_cap=2000, total_cap=8000, background=False)
    log.append({"t": "2026-05-04T09:00:00.000+02:00", "event": "visit_start", "visit": "v"})
    log.close()
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left[0] == "2026-04-05.jsonl" and left[-1] == "2026-05-04.jsonl"
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) <= 8000


def test_an_unwritable_folder_never_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "stats"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    log = StatsLog(blocker, background=False)
    log.append({"t": "2026-05-04T09:00:00.000+02:00", "event": "visit_start", "visit": "v"})
    log.close()
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_two_decks_sharing_slide_ids_are_counted_apart(tmp_path: Path) -> None:
    log = StatsLog(tmp_path, background=False)
    clock = FakeClock(datetime(2026, 5, 9, 10, 0, tzinfo=BERLIN))
    for deck in ("weekday", "weekend"):
        rec = VisitRecorder(log, clock=clock, deck=deck)
        rec.slide_shown("welcome", f"Welcome ({deck})", 0)
        rec.visitor_arrived()
        clock.advance(5)
        rec.input_seen()
        rec.visit_over()
    log.close()
    slides = summarise(read_log(tmp_path)).slides
    assert sorted((s.deck, s.key, s.title, s.views) for s in slides) == [
        ("weekday", "welcome", "Welcome (weekday)", 1),
        ("weekend", "welcome", "Welcome (weekend)", 1),
    ]


def test_files_not_named_like_days_are_ignored(tmp_path: Path) -> None:
    record_two_visits(tmp_path)
    (tmp_path / "notes.jsonl").write_text(
        '{"t": "2026-05-04T10:00:00", "event": "visit_start", "visit": "z"}\n', encoding="utf-8"
    )
    os.symlink("/dev/null", tmp_path / "2026-13-01.jsonl")
    assert summarise(read_log(tmp_path)).visits == 2
