"""`revkiosk check schedule.yaml` and `revkiosk schedule FILE --at …` as a technician runs them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from revkiosk.commands import check
from revkiosk.commands import schedule as schedule_command

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "slides" / "schedule.example.yaml"

BROKEN = """\
timezone: Europe/Berlinn
rule: []
rules:
  - days: mon-thurs
    hours: 09:00-17:00, 25:00-26:00
  - days: tue
    hours: "10:00-12:00"
    deck: missing.yaml
  - dates: 2026-02-30
    closed: true
  - from: 2026-07-01
    hours: 10:00-18:00
  - days: fri
    hours: 16:00-20:00
    opne: yes
  - days: sat
    hours: 9:00
  - closed: true
    hours: 10:00-12:00
"""


def run(module: object, *args: str | Path) -> tuple[int, str]:
    out = io.StringIO()
    status = module.main([str(a) for a in args], out=out)  # type: ignore[attr-defined]
    return status, out.getvalue()


def test_check_reports_every_mistake_with_file_line_col(tmp_path: Path) -> None:
    path = tmp_path / "schedule.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    status, text = run(check, path)
    assert status == 1
    lines = [line.replace(str(path), "S") for line in text.splitlines()]
    assert lines == [
        'S:1:11: error: timezone: unknown time zone "Europe/Berlinn" '
        '(did you mean "Europe/Berlin"?)',
        'S:2:1: error: schedule: unknown key "rule" (did you mean "rules"?)',
        'S:4:15: error: days: "thurs" is not a day (did you mean "thursday"?)',
        'S:5:25: error: hours: "25:00-26:00": 25:00 is not a time of day (00:00 … 23:59)',
        f'S:8:11: error: deck: "missing.yaml" not found (looked for {tmp_path}/missing.yaml)',
        'S:9:12: error: dates: "2026-02-30" is not a date in the calendar',
        'S:11:11: error: from: a period needs "to:" too',
        'S:15:5: error: rule: unknown key "opne" (known: days, hours, date, dates, from, to, '
        "closed, deck, note)",
        'S:17:12: error: hours: "9:00" is not a time range like 09:00-17:30',
        "S:19:12: error: closed: true closes the whole day; to close early, give that day's "
        "hours instead (hours: 09:00-14:00)",
    ]


def test_check_warns_about_overlaps_and_checks_the_decks_named(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text((REPO / "slides" / "example.yaml").read_text("utf-8"))
    shutil.copytree(REPO / "media" / "examples", tmp_path / "media" / "examples")
    (tmp_path / "broken.yaml").write_text("deck: {title: x}\nslides: []\n", encoding="utf-8")
    path = tmp_path / "schedule.yaml"
    path.write_text(
        "rules:\n"
        "  - {days: mon-fri, hours: 09:00-17:00, deck: good.yaml}\n"
        "  - {days: fri, hours: 16:00-20:00, deck: broken.yaml}\n",
        encoding="utf-8",
    )
    status, text = run(check, path)
    assert status == 1, "a scheduled deck with errors fails the check"
    assert (
        f"{path}:3:5: warning: overlaps line 2: mon,tue,wed,thu,fri 09:00-17:00 (on fri "
        "16:00-17:00); the rule listed first wins" in text
    )
    assert f"{tmp_path / 'broken.yaml'}:" in text
    assert "good.yaml" not in text, "the good deck has nothing to say"


def test_the_example_schedule_checks_clean() -> None:
    assert run(check, EXAMPLE) == (0, "")


def test_at_prints_what_plays_and_what_next() -> None:
    status, text = run(schedule_command, EXAMPLE, "--at", "2026-12-24 17:30")
    assert status == 0
    lines = text.splitlines()
    assert lines[0].endswith("(times in Europe/Berlin)")
    assert lines[1] == (
        "Thu 24 Dec 2026 17:30 CET: closed: display off — outside the hours of the day's rule "
        'at line 49: 2026-12-24, 2026-12-31 10:00-14:00 ("closes early")'
    )
    assert lines[2] == (
        "Next change: Sun 27 Dec 2026 10:00 CET: plays example.yaml — rule at line 32: "
        "sat,sun 10:00-13:00, 14:00-19:00"
    )


def test_at_a_time_that_does_not_exist() -> None:
    status, text = run(schedule_command, EXAMPLE, "--at", "2026-03-29 02:30")
    assert status == 0
    assert (
        "2026-03-29 02:30 does not exist in Europe/Berlin (the clocks go forward); what happens "
        "then happens when they jump, at Sun 29 Mar 2026 03:00 CEST"
    ) in text


def test_at_a_time_that_happens_twice() -> None:
    status, text = run(schedule_command, EXAMPLE, "--at", "2026-10-25 02:30")
    assert "2026-10-25 02:30 happens twice in Europe/Berlin (the clocks go back)" in text
    assert "Sun 25 Oct 2026 02:30 CEST: closed" in text
    assert "Sun 25 Oct 2026 02:30 CET (the second time): closed" in text


def test_days_lists_every_change(tmp_path: Path) -> None:
    status, text = run(schedule_command, EXAMPLE, "--at", "2026-05-16 23:00", "--days", "2")
    changes = [line.split(": ", 1)[1].split(" — ")[0] for line in text.splitlines()[2:]]
    assert changes == [
        "Sun 17 May 2026 01:00 CEST: closed: display off",
        "Sun 17 May 2026 10:00 CEST: plays example.yaml",
        "Sun 17 May 2026 13:00 CEST: closed: display off",
        "Sun 17 May 2026 14:00 CEST: plays example.yaml",
        "Sun 17 May 2026 19:00 CEST: closed: display off",
        "Tue 19 May 2026 10:00 CEST: plays deep-learning-revolution.yaml",
    ]


def test_a_broken_schedule_is_refused_with_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "schedule.yaml"
    path.write_text("rules:\n  - days: mon\n    hours: [\n", encoding="utf-8")
    status, text = run(schedule_command, path)
    assert status == 1
    assert text.startswith(f"{path}:4:1: error: YAML syntax")


def test_a_bad_time_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        schedule_command.main([str(EXAMPLE), "--at", "Christmas"])
    assert 'write "2026-12-24 17:30"' in capsys.readouterr().err
