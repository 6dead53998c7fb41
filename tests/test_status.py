"""The status file a technician reads: right slide, supervisor figures, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from revkiosk.kiosk.status import (
    ENV_HEARTBEAT,
    ENV_LAST_ERROR,
    ENV_RESTARTS,
    ENV_STARTED,
    StatusWriter,
    read_json,
    rss_bytes,
    status_path,
    write_json_atomic,
)


def test_status_file_names_the_slide_deck_and_supervisor_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beat = tmp_path / "beat.json"
    monkeypatch.setenv(ENV_HEARTBEAT, str(beat))
    monkeypatch.setenv(ENV_RESTARTS, "4")
    monkeypatch.setenv(ENV_LAST_ERROR, "killed by SIGSEGV")
    monkeypatch.setenv(ENV_STARTED, "1000.0")
    writer = StatusWriter.from_environment(tmp_path / "deck.yaml")
    writer.slide, writer.slide_count, writer.slide_id = 6, 30, "gpt-3"
    writer.write()
    data = json.loads(status_path().read_text(encoding="utf-8"))
    assert data["slide"] == 7, "1-based, as the audience counts"
    assert data["slide_id"] == "gpt-3"
    assert data["restarts"] == 4
    assert data["last_error"] == "killed by SIGSEGV"
    assert data["uptime_seconds"] > 1000, "uptime counts from the supervisor's start"
    assert data["deck"] == str(tmp_path / "deck.yaml")
    assert read_json(beat) == data, "the heartbeat carries the same payload"


def test_status_lives_in_the_platformdirs_state_folder(tmp_path: Path) -> None:
    assert "xdg_state_home" in str(status_path())


def test_rss_is_reported_in_bytes() -> None:
    rss = rss_bytes()
    assert rss is None or 10_000_000 < rss < 10_000_000_000


def test_atomic_write_leaves_no_temp_files_and_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    write_json_atomic(target, {"a": 1})
    write_json_atomic(target, {"b": 2})
    assert read_json(target) == {"b": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_unwritable_folder_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    writer = StatusWriter(deck_path=None, path=blocker / "status.json")
    writer.write()
    writer.write()
    assert sum("cannot write" in r.message for r in caplog.records) == 1


def test_read_json_tolerates_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{half")
    assert read_json(bad) is None
    assert read_json(tmp_path / "missing.json") is None
