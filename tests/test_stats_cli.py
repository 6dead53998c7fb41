"""`revkiosk stats`: the text a technician reads, the JSON, --since and the --png chart."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pixels import share_near
from PySide6.QtGui import QImage
from stats_helpers import record_two_visits

from revkiosk.commands import stats
from revkiosk.commands.stats_chart import BAR


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = stats.main(list(argv), out=out)
    return status, out.getvalue()


def test_text_report_names_days_hours_slides_and_languages(tmp_path: Path) -> None:
    record_two_visits(tmp_path)
    status, text = _run("--folder", str(tmp_path))
    assert status == 0
    assert "Visitor statistics, Mon 4 May 2026" in text
    assert "2 visits · median visit 1 min 10 s" in text
    assert "Mon 4 May 2026" in text.split("Visits per day")[1]
    hours = text.split("Visits by hour")[1].split("Most-viewed")[0]
    assert "10:00–10:59      1" in hours and "14:00–14:59      1" in hours
    slides = text.split("Most-viewed slides")[1].splitlines()
    assert slides[1].split() == ["1.", "AlphaGo", "(alphago)", "2", "25", "s"]
    assert "fr" in text.split("Languages")[1] and "50%" in text.split("Languages")[1]


def test_json_has_the_same_numbers(tmp_path: Path) -> None:
    record_two_visits(tmp_path)
    status, text = _run("--folder", str(tmp_path), "--json")
    data = json.loads(text)
    assert status == 0
    assert data["visits"] == 2
    assert data["visits_per_day"] == {"2026-05-04": 2}
    assert data["visits_per_hour"]["10"] == 1 and data["visits_per_hour"]["14"] == 1
    assert data["median_visit_seconds"] == 70.0
    assert data["slides"][0] == {
        "deck": "story",
        "slide": "alphago",
        "title": "AlphaGo",
        "views": 2,
        "median_seconds": 25.0,
    }
    assert data["languages"] == {"en": 1, "fr": 1}


def test_since_leaves_out_earlier_days(tmp_path: Path) -> None:
    record_two_visits(tmp_path)
    assert (
        json.loads(_run("--folder", str(tmp_path), "--json", "--since", "2026-05-05")[1])["visits"]
        == 0
    )
    assert (
        json.loads(_run("--folder", str(tmp_path), "--json", "--since", "2026-05-04")[1])["visits"]
        == 2
    )
    status, text = _run("--folder", str(tmp_path), "--since", "2026-05-05")
    assert status == 0 and text.startswith("No visits recorded")


def test_a_bad_date_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        stats.main(["--folder", str(tmp_path), "--since", "4/5/2026"])
    assert exit_.value.code == 2
    assert "not a date: use YYYY-MM-DD" in capsys.readouterr().err


def test_png_chart_draws_bars(tmp_path: Path, qapp: object) -> None:
    record_two_visits(tmp_path / "stats")
    chart = tmp_path / "chart.png"
    status, _ = _run("--folder", str(tmp_path / "stats"), "--png", str(chart))
    assert status == 0
    image = QImage(str(chart))
    assert (image.width(), image.height()) == (1800, 1200)
    assert share_near(image, BAR, 10) > 0.02, "bars are painted"
    assert share_near(image, "#ffffff", 4) > 0.6, "on a white page"


def test_the_command_runs_without_qt_for_text(tmp_path: Path) -> None:
    """`revkiosk stats` must not load Qt unless a chart is asked for (it runs over SSH)."""
    record_two_visits(tmp_path)
    code = (
        "import sys; from revkiosk.cli import run; "
        f"status = run(['stats', '--folder', {str(tmp_path)!r}]); "
        "assert 'PySide6' not in sys.modules; sys.exit(status)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "2 visits" in result.stdout
