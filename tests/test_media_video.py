"""Video on a media slide: plays on enter, stops on leave, loops, keeps start/end, never blocks."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.media.support import (
    centre,
    grab,
    is_poster,
    is_surface,
    is_video_frame,
    make_context,
    media_files,  # noqa: F401 - fixture
)

from revkiosk.deck.model import Media, MediaSlide
from revkiosk.ui.media import player as player_module
from revkiosk.ui.media import video as video_module
from revkiosk.ui.media.video import VideoWidget
from revkiosk.ui.slides.media_view import MediaView

# QtMultimedia reports a missing sound server and software decoding as warnings; they are the
# test machine's, not failures (matters if qt_log_level_fail is switched on).
pytestmark = pytest.mark.qt_log_ignore(
    r"PulseAudio|qt\.multimedia|No HW decoder|RHI|FFmpeg|Couldn.t (load|resolve)|No audio device"
)

WAIT = 8000  # ms: generous, CI machines are shared


def make_view(qtbot, root: Path, media: Media, **context) -> MediaView:
    view = MediaView(
        MediaSlide(kind="media", title="Clip", media=media), make_context(root, **context)
    )
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    return view


def video_of(view: MediaView) -> VideoWidget:
    assert isinstance(view.media.visual, VideoWidget)
    return view.media.visual


def test_enter_plays_and_leave_stops(qtbot, media_files) -> None:  # noqa: F811
    view = make_view(qtbot, media_files["clip.mp4"].parent, Media(video=media_files["clip.mp4"]))
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(lambda: video.clip.is_playing() and video.frames_shown >= 3, timeout=WAIT)
    assert is_video_frame(centre(grab(video)))
    view.leave()
    qtbot.waitUntil(lambda: not video.clip.is_playing(), timeout=WAIT)
    qtbot.wait(400)
    assert not video.clip.is_playing()
    assert video.clip.position() == pytest.approx(0.0, abs=0.05)  # rewound for the next visit


def test_preload_shows_first_frame_without_playing(qtbot, media_files) -> None:  # noqa: F811
    media = Media(video=media_files["clip.mp4"], poster=media_files["poster.png"])
    view = make_view(qtbot, media_files["clip.mp4"].parent, media)
    video = video_of(view)
    assert is_poster(centre(grab(video)))  # built, not entered: the poster (offscreen export)
    view.preload()
    qtbot.waitUntil(lambda: video.frames_shown >= 1, timeout=WAIT)
    assert is_video_frame(centre(grab(video)))
    assert not video.clip.is_playing()


def test_without_poster_or_enter_shows_neutral_card(qtbot, media_files) -> None:  # noqa: F811
    view = make_view(qtbot, media_files["clip.mp4"].parent, Media(video=media_files["clip.mp4"]))
    assert is_surface(centre(grab(video_of(view))))
    assert video_of(view).clip.player is None  # rendering alone never opens the file


def test_loop_restarts_and_keeps_playing(qtbot, media_files) -> None:  # noqa: F811
    media = Media(video=media_files["short.mp4"], loop=True)
    view = make_view(qtbot, media_files["short.mp4"].parent, media)
    video = video_of(view)
    positions: list[int] = []
    view.enter()
    qtbot.waitUntil(lambda: video.clip.player is not None, timeout=WAIT)
    video.clip.player.positionChanged.connect(positions.append)
    wrapped = lambda: any(b < a for a, b in zip(positions, positions[1:], strict=False))  # noqa: E731
    qtbot.waitUntil(wrapped, timeout=WAIT)
    assert video.clip.is_playing()


def test_without_loop_stops_at_the_end(qtbot, media_files) -> None:  # noqa: F811
    view = make_view(qtbot, media_files["short.mp4"].parent, Media(video=media_files["short.mp4"]))
    video = video_of(view)
    with qtbot.waitSignal(video.clip.finished, timeout=WAIT):
        view.enter()
    assert not video.clip.is_playing()
    assert is_video_frame(centre(grab(video)))  # the last frame stays, not a blank


def test_start_and_end_times_are_kept(qtbot, media_files) -> None:  # noqa: F811
    media = Media(video=media_files["clip.mp4"], start=0.5, end=1.2)
    view = make_view(qtbot, media_files["clip.mp4"].parent, media)
    video = video_of(view)
    with qtbot.waitSignal(video.clip.finished, timeout=WAIT):
        view.enter()
    assert 1.1 <= video.clip.position() <= 1.5
    assert video.clip.duration() == pytest.approx(0.7, abs=0.01)
    # the attract loop also waits the moment the film waits to start (SETTLE_MS)
    assert view.attract_seconds() == pytest.approx(0.7 + video_module.SETTLE_MS / 1000, abs=0.01)


def test_play_pause_action_toggles(qtbot, media_files) -> None:  # noqa: F811
    view = make_view(
        qtbot, media_files["clip.mp4"].parent, Media(video=media_files["clip.mp4"], loop=True)
    )
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(video.clip.is_playing, timeout=WAIT)
    assert view.handle_action("play_pause")
    qtbot.waitUntil(lambda: not video.clip.is_playing(), timeout=WAIT)
    assert view.handle_action("play_pause")
    qtbot.waitUntil(video.clip.is_playing, timeout=WAIT)
    assert not view.handle_action("zoom_in")


def test_pausing_shows_the_paused_badge_at_once(qtbot, media_files, monkeypatch) -> None:  # noqa: F811
    """K on a playing video draws "Paused" over it. Bug: the badge read the player's state right
    after the (posted, so not yet done) pause, and never appeared."""
    drawn: list[str] = []
    real = video_module.paint_notice_badge
    monkeypatch.setattr(
        video_module,
        "paint_notice_badge",
        lambda painter, rect, text, font: drawn.append(text) or real(painter, rect, text, font),
    )
    view = make_view(
        qtbot, media_files["clip.mp4"].parent, Media(video=media_files["clip.mp4"], loop=True)
    )
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(lambda: video.clip.is_playing() and video.frames_shown > 0, timeout=WAIT)
    assert view.handle_action("play_pause")
    drawn.clear()
    video.grab()
    assert drawn[-1:] == ["Paused"]
    assert view.handle_action("play_pause")
    qtbot.waitUntil(video.clip.is_playing, timeout=WAIT)
    drawn.clear()
    video.grab()
    assert drawn[-1:] == [""]


@pytest.mark.parametrize(
    ("kiosk", "muted", "media_muted", "expect_muted"),
    [
        (False, False, None, False),
        (True, False, None, False),  # kiosk mode mutes through its visitor default, sound off
        (False, True, None, True),
        (True, True, False, False),
    ],
)
def test_muting_rules(
    qtbot,
    media_files,  # noqa: F811
    monkeypatch,
    kiosk,
    muted,
    media_muted,
    expect_muted,
) -> None:
    monkeypatch.setattr(player_module, "sound_server", lambda: True)
    media = Media(video=media_files["clip.mp4"], muted=media_muted)
    view = make_view(qtbot, media_files["clip.mp4"].parent, media, kiosk=kiosk, muted=muted)
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(lambda: video.clip.player is not None, timeout=WAIT)  # once settled
    assert (video.clip.player.audioOutput() is None) is expect_muted


def test_without_a_sound_server_videos_play_silently(qtbot, media_files, monkeypatch) -> None:  # noqa: F811
    """No PulseAudio or PipeWire: no audio output is built (QtMultimedia would print two
    warnings on the terminal and play nothing), and the video still plays."""
    monkeypatch.setattr(player_module, "sound_server", lambda: False)
    media = Media(video=media_files["clip.mp4"], muted=False)
    view = make_view(qtbot, media_files["clip.mp4"].parent, media)
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(lambda: video.clip.player is not None, timeout=WAIT)  # once settled
    assert video.clip.player.audioOutput() is None
    qtbot.waitUntil(video.clip.is_playing, timeout=WAIT)


@pytest.mark.parametrize("name", ["junk.mp4", "truncated.mp4"])
def test_undecodable_video_shows_poster_with_notice(qtbot, media_files, caplog, name) -> None:  # noqa: F811
    media = Media(video=media_files[name], poster=media_files["poster.png"])
    view = make_view(qtbot, media_files[name].parent, media)
    video = video_of(view)
    with caplog.at_level(logging.WARNING):
        view.enter()
        qtbot.waitUntil(lambda: bool(video.notice), timeout=WAIT)
    assert video.notice == "Video could not be played"
    assert is_poster(centre(grab(video)))
    assert any(name in r.getMessage() for r in caplog.records)
    assert not view.handle_action("play_pause")


def test_missing_video_shows_placeholder_and_logs(qtbot, tmp_path, caplog) -> None:
    view = make_view(qtbot, tmp_path, Media(video=Path("media/nope.mp4")))
    with caplog.at_level(logging.WARNING):
        view.enter()
    video = video_of(view)
    assert video.notice == "Video missing"
    assert is_surface(centre(grab(video)))
    assert any("nope.mp4" in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_stalling_sources_never_block_navigation(qtbot, media_files, tmp_path) -> None:  # noqa: F811
    """A FIFO nobody writes to would block a decoder forever; it is refused before opening.
    For real files, enter() returns while the file is still loading (nothing waits)."""
    fifo = tmp_path / "stalled.mp4"
    os.mkfifo(fifo)
    stalled = make_view(qtbot, tmp_path, Media(video=fifo))
    for _ in range(3):
        stalled.enter()
        stalled.leave()
    assert video_of(stalled).notice == "Video unavailable"
    good = make_view(qtbot, media_files["clip.mp4"].parent, Media(video=media_files["clip.mp4"]))
    good.enter()
    assert video_of(good).frames_shown == 0  # returned before any frame was decoded
    good.leave()
    good.enter()
    qtbot.waitUntil(lambda: video_of(good).frames_shown > 0, timeout=WAIT)


def test_without_qtmultimedia_the_poster_stays(qtbot, media_files, monkeypatch, caplog) -> None:  # noqa: F811
    monkeypatch.setattr(player_module, "_multimedia", None)
    monkeypatch.setattr(player_module, "_multimedia_error", None)
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import now raises
    media = Media(video=media_files["clip.mp4"], poster=media_files["poster.png"])
    view = make_view(qtbot, media_files["clip.mp4"].parent, media)
    with caplog.at_level(logging.WARNING):
        view.preload()
        view.enter()
    video = video_of(view)
    assert video.notice == "Video playback unavailable"
    assert is_poster(centre(grab(video)))
    assert any("cannot import QtMultimedia" in r.getMessage() for r in caplog.records)


def test_matroska_container_plays(qtbot, media_files) -> None:  # noqa: F811
    """WebM is Matroska; the test encoder has no VP8/VP9, so this checks the container path."""
    view = make_view(qtbot, media_files["clip.mkv"].parent, Media(video=media_files["clip.mkv"]))
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(lambda: video.frames_shown >= 2, timeout=WAIT)
    assert is_video_frame(centre(grab(video)))


@pytest.mark.parametrize("sidecar", ["captions.srt", "captions.vtt"])
def test_sidecar_subtitles_are_drawn(qtbot, media_files, tmp_path, sidecar) -> None:  # noqa: F811
    clip = tmp_path / "talk.mp4"
    clip.write_bytes(media_files["clip.mp4"].read_bytes())
    (tmp_path / ("talk" + Path(sidecar).suffix)).write_text(media_files[sidecar].read_text())
    view = make_view(qtbot, tmp_path, Media(video=clip))
    video = video_of(view)
    view.preload()
    qtbot.waitUntil(lambda: video.frames_shown >= 1, timeout=WAIT)
    assert video.subtitle_text() == "First caption"
    image = grab(video)
    lower = [
        image.pixelColor(x, y)
        for y in range(image.height() * 3 // 4, image.height())
        for x in range(image.width())
    ]
    assert (
        sum(1 for c in lower if c.value() > 240 and c.saturation() < 30) > 20
    )  # white caption text


def test_explicit_subtitles_path_wins(qtbot, media_files) -> None:  # noqa: F811
    media = Media(video=media_files["clip.mp4"], subtitles=media_files["captions.vtt"])
    view = make_view(qtbot, media_files["clip.mp4"].parent, media)
    assert video_of(view).cues is not None
    assert [c.text for c in video_of(view).cues.cues] == ["First caption", "Second caption"]


def test_relative_paths_resolve_against_deck_root(qtbot, media_files) -> None:  # noqa: F811
    media = Media(video=Path(media_files["clip.mp4"].name), poster=Path("poster.png"))
    view = make_view(qtbot, media_files["clip.mp4"].parent, replace(media))
    assert is_poster(centre(grab(video_of(view))))


@pytest.mark.parametrize("name", ["tiny-vp8.webm", "tiny-vp9.webm"])
def test_webm_from_a_real_encoder_plays(qtbot, name) -> None:
    """WebM (VP8 and VP9, written by libvpx through ffmpeg) plays like MP4: the committed clips are
    one flat green (VP8) or blue (VP9) colour, so a played frame is no poster and no surface."""
    path = Path(__file__).parent / "fixtures" / "media" / name
    view = make_view(qtbot, path.parent, Media(video=path))
    video = video_of(view)
    view.enter()
    qtbot.waitUntil(lambda: video.frames_shown >= 1, timeout=WAIT)
    colour = centre(grab(video))
    assert not is_poster(colour) and not is_surface(colour)
    assert max(colour.green(), colour.blue()) > colour.red() + 40
