"""`revkiosk --self-test`: passes on the shipped story, and names what is broken when it is not.

The packaged build relies on the self-test to prove nothing needed was filtered out, so each
failure a technician could meet (a view that raises, a video that does not decode, a missing
font, a deck with errors) must turn into a readable FAIL line and exit status 1, not a crash.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from deck_helpers import BASE

from revkiosk import selftest
from revkiosk.ui import render
from revkiosk.ui.view import SlideView

REPO = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"^self-test: (\d+) passed, (\d+) failed$")


def run(deck: Path | None = None) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = selftest.run_self_test(deck, out=out)
    return status, out.getvalue().splitlines()


def summary(lines: list[str]) -> tuple[int, int]:
    match = SUMMARY.match(lines[-1])
    assert match, lines[-1]
    return int(match[1]), int(match[2])


def small_deck(folder: Path, video: bytes | None = None) -> Path:
    """Two slides; with `video`, a third plays media/clip.mp4 holding those bytes."""
    text = BASE + "  - {kind: title, title: Hello}\n  - {kind: milestone, milestone: alexnet}\n"
    if video is not None:
        (folder / "media").mkdir()
        (folder / "media" / "clip.mp4").write_bytes(video)
        text += "  - {kind: media, title: Clip, media: {video: media/clip.mp4}}\n"
    path = folder / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_story_passes_every_check(qapp) -> None:
    status, lines = run()
    assert status == 0, "\n".join(line for line in lines if not line.startswith("ok"))
    names = [line.split(":")[0] for line in lines[:-1]]
    assert {"ok   fonts", "ok   dataset", "ok   qt plugins", "ok   deck"} <= set(names)
    slides = [line for line in lines if line.startswith("ok   slide")]
    videos = [line for line in lines if line.startswith("ok   video")]
    deck_line = next(line for line in lines if line.startswith("ok   deck"))
    assert f"{len(slides)} slides" in deck_line  # every slide was rendered, each on its line
    assert len(videos) >= 1 and all("first frame" in line for line in videos)
    assert summary(lines) == (len(lines) - 1, 0)


def test_small_deck_counts_its_checks(qapp, tmp_path: Path) -> None:
    status, lines = run(small_deck(tmp_path))
    assert status == 0
    assert [line.split(":")[0] for line in lines if "slide " in line] == [
        "ok   slide  1/2 title",
        "ok   slide  2/2 milestone",
    ]


@pytest.mark.qt_log_ignore("Could not open media")  # FFmpeg on the undecodable file: the point
def test_undecodable_video_fails_its_line_only(qapp, tmp_path: Path) -> None:
    status, lines = run(small_deck(tmp_path, video=b"this is not an mp4 file" * 100))
    assert status == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL video clip.mp4: clip.mp4")
    assert summary(lines)[1] == 1
    assert not any("Traceback" in line for line in lines)


def test_view_that_cannot_be_built_fails_its_slide(qapp, tmp_path: Path, monkeypatch) -> None:
    real = render.create_view

    def broken_title(slide, context):
        if slide.kind == "title":
            raise ValueError("title view exploded")
        return real(slide, context)

    monkeypatch.setattr(render, "create_view", broken_title)
    status, lines = run(small_deck(tmp_path))
    assert status == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL slide  1/2 title:")
    assert "ValueError: title view exploded" in failed[0]


class PaintsNothingRight(SlideView):
    """A view whose paint handler raises: Qt swallows it, only sys.excepthook sees it."""

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        raise ZeroDivisionError("bad layout maths")


def test_exception_inside_paint_fails_the_slide(qapp, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(render, "create_view", lambda s, c: PaintsNothingRight(s, c))
    status, lines = run(small_deck(tmp_path))
    assert status == 1
    failed = [line for line in lines if line.startswith("FAIL slide")]
    assert len(failed) == 2
    assert "uncaught ZeroDivisionError: bad layout maths" in failed[0]


def test_missing_font_is_reported(qapp, tmp_path: Path, monkeypatch) -> None:
    from revkiosk.ui import fonts

    monkeypatch.setattr(fonts, "load_fonts", lambda: "Sans Serif")
    status, lines = run(small_deck(tmp_path))
    assert status == 1
    assert any(line.startswith("FAIL fonts: the bundled Inter font did not load") for line in lines)


def test_deck_with_errors_names_file_and_line(qapp, tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(BASE + "  - {kind: title, titel: Typo}\n", encoding="utf-8")
    status, lines = run(deck)
    assert status == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL deck: ")
    assert "deck.yaml:14:" in failed[0]


def test_missing_deck_is_a_clear_failure(qapp, tmp_path: Path) -> None:
    status, lines = run(tmp_path / "nowhere.yaml")
    assert status == 1
    assert any(line.startswith("FAIL deck:") and "nowhere.yaml" in line for line in lines)


def test_command_line_flag_runs_it_from_source(tmp_path: Path) -> None:
    """`python -m revkiosk --self-test DECK` (app.py dispatches before building any window)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must go off-screen by itself
    done = subprocess.run(
        [sys.executable, "-m", "revkiosk", "--self-test", str(small_deck(tmp_path))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert summary(done.stdout.splitlines()) == (len(done.stdout.splitlines()) - 1, 0)


def test_help_mentions_the_flag() -> None:
    from revkiosk.options import build_parser

    assert "--self-test" in build_parser().format_help()


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_reader_that_goes_away_does_not_crash_it(qapp, tmp_path: Path) -> None:
    """`revkiosk --self-test | head -1` must not end in a BrokenPipeError traceback."""
    assert selftest.run_self_test(small_deck(tmp_path), out=ClosedPipe()) == 0
