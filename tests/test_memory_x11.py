"""A film playing in the real window draws on the CPU: no OpenGL stack is loaded (issue 21).

QtMultimedia converts each decoded frame to an image with `QVideoFrame::toImage()`, which
creates an OpenGL context for the conversion unless the application draws its widgets on the
CPU. On a machine without a GPU driver that meant Mesa's software renderer (libLLVM, swrast):
~105 MB more resident memory for the whole show. `app.build_player` sets
`AA_ForceRasterWidgets`; this runs the real player under Xvfb on the default deck's first
film and looks at what the process has mapped while the film plays, and that it does play.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from x11_support import REPO, LivePlayer, XServer, missing_tools

_missing = missing_tools()
pytestmark = pytest.mark.skipif(
    bool(_missing), reason=f"needs {' and '.join(_missing)} (apt-get install xvfb xdotool)"
)

DECK = REPO / "slides" / "deep-learning-revolution.yaml"
GL_STACK = ("libLLVM", "_dri.so", "swrast", "libgallium")


def _first_film() -> int:
    """The 1-based number of the default deck's first slide with a film."""
    from revkiosk.deck.load import load_deck

    deck = load_deck(DECK)
    for number, slide in enumerate(deck.slides, start=1):
        media = getattr(slide, "media", None)
        if media is not None and media.video is not None:
            return number
    raise AssertionError("the default deck has no film")


def _mapped(pid: int) -> set[str]:
    names = set()
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6:
            names.add(Path(parts[5]).name)
    return names


def test_a_playing_film_loads_no_opengl_stack(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    server = XServer(1920, 1080).start()
    film = _first_film()
    player = LivePlayer(server, [str(DECK), "--no-resume", "--start", str(film)], tmp_path)
    try:
        player.start()
        assert player.ready().startswith(f"{film}/")
        shots = []
        for index in range(2):  # the film is playing: two frames a second apart differ
            time.sleep(1.5)
            path = tmp_path / f"film-{index}.png"
            assert server.screenshot(path)
            shots.append(QImage(str(path)))
        assert shots[0].size() == shots[1].size() and shots[0] != shots[1]
        loaded = sorted(name for name in _mapped(player.pid) if name.startswith(GL_STACK))
        assert loaded == [], f"the film pulled in an OpenGL stack: {loaded}"
        assert player.running
    finally:
        player.stop()
        server.stop()
