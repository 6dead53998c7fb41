"""Issue 22, class 2: every file is looked at before it is opened.

FIFOs, devices and huge files hung or exhausted the player wherever a file was read without
the regular-file and size check: the next slide's picture prefetch (the exit chord then left a
hung process), subtitles (a character device grew to 3 GB in 9 s; a FIFO hung the player and
export), the deck file itself (`check slides/*.yaml` hung on a FIFO), the parsed-deck cache.
Every read now goes through `revkiosk.safe_files`; each case below must answer within seconds
with a clear refusal, for each kind of special file.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from revkiosk.deck.model import CsvChart, DeckError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices are POSIX")

KINDS = ["fifo", "device", "huge"]
SECONDS = 5.0


def special(path: Path, kind: str) -> Path:
    """A FIFO, a symlink to /dev/zero (endless bytes), or a 3 GB sparse file at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        with path.open("wb") as handle:
            handle.truncate(3 * 1024**3)  # sparse: costs no disk
    return path


@contextlib.contextmanager
def watchdog(fifo: Path) -> Iterator[None]:
    """For work that must run on the GUI thread: if it is still blocked on `fifo` after
    SECONDS, the FIFO is opened for writing (which releases the reader) and the test fails."""
    done, fired = threading.Event(), threading.Event()

    def release() -> None:
        if not done.wait(SECONDS):
            fired.set()
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    threading.Thread(target=release, daemon=True).start()
    try:
        yield
    finally:
        done.set()
    assert not fired.is_set(), "blocked on a FIFO (opened a special file without looking)"


def within(action: Callable[[], object], *fifos: Path) -> object:
    """`action()`'s result, failing the test if it takes longer than SECONDS (a blocked FIFO
    reader is then released by opening the FIFO for writing, so the test run goes on)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = action()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(SECONDS)
    if thread.is_alive():
        for fifo in fifos:
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"still busy after {SECONDS:g} s (opened a special file without looking)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")


@pytest.mark.parametrize("kind", KINDS)
def test_check_refuses_a_deck_that_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    deck = special(tmp_path / "slides" / "deck.yaml", kind)
    run = subprocess.run(
        [sys.executable, "-m", "revkiosk", "check", str(deck)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")},
    )
    assert run.returncode in (1, 2), run.stderr
    assert "deck.yaml:1:1: error:" in run.stdout
    assert ("FIFO" in run.stdout) or ("device" in run.stdout) or ("larger than" in run.stdout)


@pytest.mark.parametrize("kind", KINDS)
def test_settings_that_are_not_a_regular_file_give_defaults_and_a_notice(
    tmp_path: Path, kind: str
) -> None:
    from revkiosk.settings import Settings, load_settings

    path = special(tmp_path / "settings.yaml", kind)
    settings, notices = within(lambda: load_settings(path), path)  # type: ignore[misc]
    assert settings == Settings() and len(notices) == 1 and "cannot be read" in notices[0]


@pytest.mark.parametrize("kind", KINDS)
def test_subtitles_that_are_not_a_regular_file_are_not_shown(tmp_path: Path, kind: str) -> None:
    from revkiosk.ui.media.subtitles import SubtitleError, load_subtitles, sidecar_for

    path = special(tmp_path / "clip.vtt", kind)
    with pytest.raises(SubtitleError, match="cannot read subtitles"):
        within(lambda: load_subtitles(path), path)
    if kind != "huge":
        assert sidecar_for(tmp_path / "clip.mp4") is None, "a special file is no sidecar"


@pytest.mark.parametrize("kind", KINDS)
def test_a_picture_prefetch_never_blocks_on_a_special_file(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    from PySide6.QtGui import QColor, QImage

    from revkiosk.ui.decoded import DecodedImages

    cache = DecodedImages()
    bad = special(tmp_path / "next.png", kind)
    good = tmp_path / "after.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("#123456"))
    image.save(str(good))
    cache.prefetch([bad, good])  # the next slide's pictures, decoded ahead on the worker
    outcome = within(lambda: cache.decode_now(bad), bad)
    assert outcome == (None, "Image unavailable")
    decoded, _ = within(lambda: cache.decode_now(good), bad)  # type: ignore[misc]
    assert decoded is not None, "the worker is not stuck behind the special file"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("suffix", [".png", ".svg", ".gif"])
def test_an_image_widget_shows_its_placeholder_for_a_special_file(
    qtbot: QtBot, tmp_path: Path, kind: str, suffix: str
) -> None:
    from revkiosk.theme import theme_named
    from revkiosk.ui.media.images import ImageWidget

    path = special(tmp_path / f"picture{suffix}", kind)
    with watchdog(path):
        widget = ImageWidget(path, theme_named("dark"))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: not widget.loading, timeout=3000)
    assert widget.notice == "Image unavailable"


@pytest.mark.parametrize("kind", KINDS)
def test_video_and_audio_paths_are_refused_before_the_player_opens_them(
    tmp_path: Path, kind: str
) -> None:
    from revkiosk.ui.media.images import file_problem

    path = special(tmp_path / "clip.mp4", kind)
    if kind == "huge":
        return  # a big video is legitimate: the player streams it
    assert within(lambda: file_problem(path, "Video"), path) == "Video unavailable"


@pytest.mark.parametrize("kind", KINDS)
def test_a_planted_cache_entry_is_a_miss(tmp_path: Path, kind: str) -> None:
    from revkiosk.deck.cache import cache_key, read_cached

    deck = tmp_path / "deck.yaml"
    deck.write_text("deck: {title: T}\nslides:\n  - {kind: title, title: A}\n", "utf-8")
    key = cache_key(deck, deck.read_bytes(), tmp_path / "cache")
    special(key.entry, kind)
    assert within(lambda: read_cached(key), key.entry) is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_chart_csv_that_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    from revkiosk.deck.load import load_deck
    from revkiosk.ui.plots.csv_data import CsvChartError, read_series

    csv_path = special(tmp_path / "data.csv", kind)
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "deck: {title: T}\nslides:\n  - kind: plot\n    chart: csv\n"
        "    csv: {file: data.csv, x: a, y: b}\n",
        "utf-8",
    )
    with pytest.raises(DeckError) as caught:
        within(lambda: load_deck(deck), csv_path)
    assert any("data.csv" in str(p) for p in caught.value.problems)
    with pytest.raises(CsvChartError, match="cannot read the file"):
        within(lambda: read_series(CsvChart(csv_path, "a", "b")), csv_path)


@pytest.mark.parametrize("kind", KINDS)
def test_media_that_is_not_a_regular_file_is_a_check_error(tmp_path: Path, kind: str) -> None:
    from revkiosk.deck.load import load_deck

    media = special(tmp_path / "media" / "x.png", kind)
    deck = tmp_path / "deck.yaml"
    deck.write_text("deck: {title: T}\nslides:\n  - {kind: media, media: media/x.png}\n", "utf-8")
    if kind == "huge":
        return  # a big picture is heavy, not hostile: see test_failclosed_heavy.py
    with pytest.raises(DeckError) as caught:
        within(lambda: load_deck(deck), media)
    message = str(caught.value.problems[0])
    assert "is a FIFO" in message or "outside the deck root" in message  # /dev/zero is outside


@pytest.mark.parametrize("kind", KINDS)
def test_cached_thumbnails_and_chart_pictures_that_are_special_files_are_misses(
    qtbot: QtBot, tmp_path: Path, kind: str
) -> None:
    from revkiosk.ui.plots.picture import load_picture

    special(tmp_path / "charts" / "k.png", kind)
    assert within(lambda: load_picture("k", tmp_path / "charts"), tmp_path / "charts/k.png") is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_planted_heartbeat_or_status_file_is_not_read(tmp_path: Path, kind: str) -> None:
    from revkiosk.kiosk.status import read_json

    path = special(tmp_path / "heartbeat.json", kind)
    assert within(lambda: read_json(path), path) is None
