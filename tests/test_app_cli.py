"""`revkiosk [DECK] [options]`: flags, clear errors, and a real process that paints and quits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from revkiosk import __version__
from revkiosk.app import FIRST_PAINT_MARKER, main
from revkiosk.options import parse_options

REPO = Path(__file__).resolve().parent.parent


def test_version_and_help_answer_and_exit_zero(capsys) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for flag in ("--start", "--no-resume", "--screen", "--theme", "--fullscreen", "--kiosk"):
        assert flag in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "0"], "expected 1 or more"),
        (["--start", "two"], "expected a whole number"),
        (["--theme", "blue"], "invalid choice"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_flags_exit_2_with_a_clear_message(capsys, argv, message) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_flags_are_parsed_and_passed_on() -> None:
    options = parse_options(["d.yaml", "--start", "3", "--kiosk", "--self-test", "--screen", "2"])
    assert options.deck == Path("d.yaml") and options.start == 3 and options.screen == 2
    assert options.kiosk and options.self_test and not options.no_resume


def run_player(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO / "src"),
        "REVKIOSK_EXIT_AFTER_FIRST_PAINT": "1",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    code = (
        "import sys; from revkiosk.app import main; rc = main(sys.argv[1:]); "
        "print('heavy:', sorted(m for m in ('pyqtgraph', 'PySide6.QtMultimedia') "
        "if m in sys.modules)); sys.exit(rc)"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_real_process_paints_the_first_slide_without_heavy_imports(tmp_path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "deck: {title: Smoke}\nslides:\n  - {kind: title, title: Hi}\n  - {kind: text, title: B}\n",
        encoding="utf-8",
    )
    result = run_player(tmp_path, str(deck), "--start", "1")
    assert result.returncode == 0, result.stderr
    assert f"{FIRST_PAINT_MARKER} 1/2" in result.stdout
    assert "heavy: []" in result.stdout  # a title slide paints without pyqtgraph/QtMultimedia


def test_a_real_process_with_a_broken_deck_shows_it_and_exits_cleanly(tmp_path) -> None:
    deck = tmp_path / "bad.yaml"
    deck.write_text("deck: {title: X}\nslides: [{kind: nope}]\n", encoding="utf-8")
    result = run_player(tmp_path, str(deck))
    assert result.returncode == 0
    assert f"{FIRST_PAINT_MARKER} 0/0" in result.stdout
    assert "bad.yaml:2" in result.stderr  # logged as file:line too
    assert "Traceback" not in result.stderr


def test_resume_across_two_real_processes(tmp_path) -> None:
    deck = tmp_path / "deck.yaml"
    slides = "".join(f"  - {{kind: text, title: S{i}}}\n" for i in range(1, 6))
    deck.write_text(f"deck: {{title: Resume}}\nslides:\n{slides}", encoding="utf-8")
    first = run_player(tmp_path, str(deck), "--start", "4")
    assert f"{FIRST_PAINT_MARKER} 4/5" in first.stdout, first.stderr
    second = run_player(tmp_path, str(deck))  # same state folder: picks up where we left
    assert f"{FIRST_PAINT_MARKER} 4/5" in second.stdout, second.stderr
    third = run_player(tmp_path, str(deck), "--no-resume")
    assert f"{FIRST_PAINT_MARKER} 1/5" in third.stdout, third.stderr


def test_self_test_flag_runs_the_self_test_and_returns_its_code(monkeypatch) -> None:
    import revkiosk.selftest

    seen: list[object] = []
    monkeypatch.setattr(revkiosk.selftest, "run_self_test", lambda deck: seen.append(deck) or 3)
    assert main(["--self-test", "d.yaml"]) == 3
    assert seen == [Path("d.yaml")]
