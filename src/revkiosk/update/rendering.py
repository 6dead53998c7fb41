"""Render every slide of a staged deck once, off-screen, before it may be switched in.

`render_in_child` runs `revkiosk update --render-check DECK` as a child process, so a slide
that crashes the renderer (a damaged video poster, a codec bug) ends that child, not the update
— nor, when the update runs inside a kiosk, the show. The child (`render_here`) uses the same
code as the self-test: every slide through `revkiosk.ui.render.render_slide`, which must paint
something and log no error, and the first frame of every video decoded. Qt is imported only
inside `render_here`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from revkiosk.resources import self_command

RENDER_TIMEOUT_S = 900.0


def render_in_child(deck: Path, timeout: float = RENDER_TIMEOUT_S) -> list[str]:
    """Problems found rendering `deck` in a child process; [] when every slide rendered."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [*self_command(), "update", "--render-check", str(deck)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return [f"rendering the slides took longer than {timeout:.0f} s"]
    except OSError as error:
        return [f"could not start the renderer: {error}"]
    failures = [line[5:] for line in done.stdout.splitlines() if line.startswith("FAIL ")]
    if done.returncode < 0:
        import signal

        name = signal.Signals(-done.returncode).name if -done.returncode in signal.Signals else ""
        failures.append(f"the renderer crashed ({name or done.returncode}) on this deck")
    elif done.returncode != 0 and not failures:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        failures.append(f"the renderer failed: {tail}")
    return failures


def render_here(deck_path: Path, out: TextIO | None = None) -> int:
    """Load `deck_path`, render every slide and decode every video's first frame, off-screen.

    Prints `ok …` / `FAIL …` lines like the self-test; returns 0 when all passed.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtWidgets import QApplication

    from revkiosk import selftest

    QLoggingCategory.setFilterRules(selftest.QUIET_QT_LOGS)
    app = QApplication.instance() or QApplication(["revkiosk-render-check"])
    report = selftest.Report(out or sys.stdout)
    loaded = []
    report.run("deck", lambda: _load(deck_path, loaded))
    if loaded:
        deck = loaded[0]
        selftest.check_slides(report, deck)
        for video in selftest.deck_videos(deck):
            report.run(f"video {video.name}", lambda video=video: selftest.check_video(video))
    del app
    return report.summary()


def _load(deck_path: Path, into: list[object]) -> str:
    from revkiosk.deck.load import load_deck
    from revkiosk.deck.model import DeckError
    from revkiosk.selftest import CheckFailed

    try:
        deck = load_deck(deck_path)
    except DeckError as error:
        raise CheckFailed(str(error)) from None
    into.append(deck)
    return f"{len(deck.slides)} slides"
