"""Memory of video slides over a long kiosk day (issue 8): players are given up, views freed.

The soak benchmark (benchmarks/soak_attract.py) measures RSS; these tests pin the mechanisms
behind a flat curve, each of which a regression would silently undo.
"""

from __future__ import annotations

import dataclasses
import gc
import weakref
from pathlib import Path

import pytest
from fixtures.media.support import (
    centre,
    grab,
    is_poster,
    is_video_frame,
    make_context,
    media_files,  # noqa: F401 - fixture
)
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtMultimedia import QMediaPlayer

from revkiosk.deck.model import Media, MediaSlide
from revkiosk.ui.media import video as video_module
from revkiosk.ui.media.video import VideoWidget
from revkiosk.ui.slides.media_view import MediaView
from revkiosk.ui.stage import Stage

pytestmark = pytest.mark.qt_log_ignore(
    r"PulseAudio|qt\.multimedia|No HW decoder|RHI|FFmpeg|Couldn.t (load|resolve)|No audio device"
)

WAIT = 8000
RELEASE_MS = 80  # instead of a second, so the tests stay quick


@pytest.fixture(autouse=True)
def _quick_release(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(video_module, "RELEASE_AFTER_MS", RELEASE_MS)


def deliver_deletes() -> None:
    """Run pending deleteLater() calls (tests drive the event loop by hand)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def video_view(qtbot, files: dict[str, Path], **options) -> MediaView:
    media = Media(video=files["clip.mp4"], poster=files["poster.png"], **options)
    view = MediaView(
        MediaSlide(kind="media", title="Clip", media=media), make_context(media.video.parent)
    )
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    return view


def video_of(view: MediaView) -> VideoWidget:
    assert isinstance(view.media.visual, VideoWidget)
    return view.media.visual


def play_until_frames(qtbot, view: MediaView, frames: int = 2) -> VideoWidget:
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(lambda: video.frames_shown >= frames, timeout=WAIT)
    return video


def test_left_video_gives_up_its_player_and_shows_the_poster(qtbot, media_files) -> None:  # noqa: F811
    view = video_view(qtbot, media_files)
    video = play_until_frames(qtbot, view)
    assert is_video_frame(centre(grab(video)))
    view.leave()
    assert video.clip.player is not None  # a quick step back resumes without reopening
    qtbot.waitUntil(lambda: video.clip.player is None, timeout=WAIT)
    deliver_deletes()
    assert view.findChildren(QMediaPlayer) == []
    assert video.frames_shown == 0 and not view.media.is_ready  # a grid waits for it again
    assert is_poster(centre(grab(video)))  # the decoded frame went with the player


def test_step_back_within_the_delay_keeps_the_player(qtbot, media_files) -> None:  # noqa: F811
    view = video_view(qtbot, media_files, loop=True)
    video = play_until_frames(qtbot, view)
    player = video.clip.player
    view.leave()
    view.enter()
    qtbot.wait(RELEASE_MS * 3)
    assert video.clip.player is player
    qtbot.waitUntil(video.clip.is_playing, timeout=WAIT)  # once settled, on the same player
    assert video.clip.player is player


def test_reentering_after_release_plays_again(qtbot, media_files) -> None:  # noqa: F811
    view = video_view(qtbot, media_files)
    video = play_until_frames(qtbot, view)
    view.leave()
    qtbot.waitUntil(lambda: video.clip.player is None, timeout=WAIT)
    play_until_frames(qtbot, view)
    assert video.clip.is_playing()
    assert is_video_frame(centre(grab(video)))


def test_players_stay_bounded_over_many_visits(qtbot, media_files) -> None:  # noqa: F811
    view = video_view(qtbot, media_files, loop=True)
    most = 0
    for _ in range(8):
        play_until_frames(qtbot, view)
        view.leave()
        qtbot.waitUntil(lambda: video_of(view).clip.player is None, timeout=WAIT)
        deliver_deletes()
        most = max(most, len(view.findChildren(QMediaPlayer)))
    assert most == 0


def test_deleted_video_view_is_freed_without_the_garbage_collector(qtbot, media_files) -> None:  # noqa: F811
    """Regression (issue 8): a widget ↔ clip reference cycle kept every deleted view's Python
    side, and the last decoded frame in it, alive until a full collection; at attract-loop
    speed that was hundreds of frames and their decoder pools."""
    view = video_view(qtbot, media_files)
    video = play_until_frames(qtbot, view)
    view.leave()
    ref = weakref.ref(video)
    del video
    gc.disable()
    try:
        view.deleteLater()
        del view
        deliver_deletes()
        assert ref() is None
    finally:
        gc.enable()


def test_stage_keeps_players_only_for_the_slides_in_play(qtbot, media_files) -> None:  # noqa: F811
    """The stage caches four views; only the current video (and one just left, for its
    release delay) may hold a player, however many video slides the deck cycles through."""
    root = media_files["clip.mp4"].parent
    slides = tuple(
        MediaSlide(kind="media", title=f"Clip {n}", media=Media(video=media_files["clip.mp4"]))
        for n in range(6)
    )
    context = make_context(root)
    context = dataclasses.replace(context, deck=dataclasses.replace(context.deck, slides=slides))
    stage = Stage(context)
    qtbot.addWidget(stage)
    stage.resize(640, 360)
    stage.show()
    most = 0
    for index in [*range(6), *range(6)]:
        stage.show_slide(index, animate=False)
        video = stage.current_view().media.visual
        qtbot.waitUntil(lambda v=video: v.frames_shown >= 1, timeout=WAIT)
        qtbot.wait(RELEASE_MS * 2)
        deliver_deletes()
        most = max(most, len(stage.findChildren(QMediaPlayer)))
    assert most == 1
