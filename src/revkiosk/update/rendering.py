"""Render every slide of a staged deck once, off-screen, before it may be switched in.

`render_in_child` runs `revkiosk update --render-check DECK` as a child process, so a slide
that crashes the renderer (a damaged video poster, a codec bug) ends that child, not the update
— nor, when the update runs inside a kiosk, the show. The child (`revkiosk.commands.update`)
uses the same code as the self-test: every slide through `revkiosk.ui.render.render_slide`,
which must paint something and log no error, and the first frame of every video decoded. This
module itself imports no Qt.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

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
        failures.append(f"the renderer crashed ({_signal_name(-done.returncode)}) on this deck")
    elif done.returncode != 0 and not failures:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        failures.append(f"the renderer failed: {tail}")
    return failures


def _signal_name(number: int) -> str:
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
