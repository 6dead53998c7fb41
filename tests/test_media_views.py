"""Compare grids (videos start together), narration audio, and offscreen rendering of media."""

from __future__ import annotations

import logging
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
from PySide6.QtCore import QRectF, QSize

from revkiosk.deck.model import CompareItem, CompareSlide, Media, MediaSlide, TextSlide
from revkiosk.ui.media.audio import AudioPlayer
from revkiosk.ui.media.video import VideoWidget
from revkiosk.ui.media.widget import MediaHost, media_picture
from revkiosk.ui.render import render_slide
from revkiosk.ui.slides.canvas import CanvasView
from revkiosk.ui.slides.compare import CompareView

# QtMultimedia reports a missing sound server and software decoding as warnings; they are the
# test machine's, not failures (matters if qt_log_level_fail is switched on).
pytestmark = pytest.mark.qt_log_ignore(
    r"PulseAudio|qt\.multimedia|No HW decoder|RHI|FFmpeg|Couldn.t (load|resolve)|No audio device"
)

WAIT = 8000


def compare_view(qtbot, root: Path, items, columns=None) -> CompareView:
    slide = CompareSlide(kind="compare", title="Side by side", items=tuple(items), columns=columns)
    view = CompareView(slide, make_context(root))
    qtbot.addWidget(view)
    view.resize(960, 540)
    view.show()
    return view


def videos_of(view: CompareView) -> list[VideoWidget]:
    return [cell.visual for cell in view.cells if isinstance(cell.visual, VideoWidget)]


def test_compare_videos_start_together(qtbot, media_files) -> None:  # noqa: F811
    names = ["clip.mp4", "short.mp4", "clip.mkv"]
    items = [CompareItem(label=n, media=Media(video=media_files[n], loop=True)) for n in names]
    items.append(CompareItem(label="still", media=Media(image=media_files["photo.png"])))
    view = compare_view(qtbot, media_files["clip.mp4"].parent, items)
    videos = videos_of(view)
    starts: list[int] = []

    def on_playing_changed(playing: bool) -> None:
        if playing:
            starts.append(sum(v.frames_shown > 0 for v in videos))

    for video in videos:
        video.clip.playing_changed.connect(on_playing_changed)
    view.enter()
    assert not any(v.clip.is_playing() for v in videos)  # first they all open, paused
    qtbot.waitUntil(lambda: all(v.clip.is_playing() for v in videos), timeout=WAIT)
    # every video had its first frame before any was started: they start in the same turn
    assert starts[:3] == [3, 3, 3]
    view.leave()
    qtbot.waitUntil(lambda: not any(v.clip.is_playing() for v in videos), timeout=WAIT)


def test_compare_a_broken_cell_does_not_hold_the_others(qtbot, media_files, tmp_path) -> None:  # noqa: F811
    items = [
        CompareItem(label="good", media=Media(video=media_files["clip.mp4"])),
        CompareItem(label="gone", media=Media(video=tmp_path / "gone.mp4")),
        CompareItem(label="junk", media=Media(video=media_files["junk.mp4"])),
    ]
    view = compare_view(qtbot, media_files["clip.mp4"].parent, items)
    good, gone, junk = videos_of(view)
    view.enter()
    qtbot.waitUntil(good.clip.is_playing, timeout=WAIT)
    assert gone.notice == "Video missing"
    qtbot.waitUntil(lambda: junk.notice == "Video could not be played", timeout=WAIT)
    assert view.handle_action("play_pause")
    qtbot.waitUntil(lambda: not good.clip.is_playing(), timeout=WAIT)


def test_compare_grid_uses_columns_and_labels(qtbot, media_files) -> None:  # noqa: F811
    items = [
        CompareItem(label=f"Model {i}", media=Media(image=media_files["photo.png"]))
        for i in range(4)
    ]
    view = compare_view(qtbot, media_files["photo.png"].parent, items, columns=2)
    first, second, third, _ = view.cells
    assert second.x() > first.x() and second.y() == first.y()
    assert third.y() > first.y() and third.x() == first.x()
    for cell, label in zip(view.cells, view.labels, strict=True):
        assert label.y() >= cell.y() + cell.height()  # the label sits under its picture
        assert label.text().startswith("Model")
        assert view.rect().contains(label.geometry())  # and on the slide
    image = grab(view)
    label = view.labels[0].geometry()
    row = label.top() + label.height() // 3
    assert any(image.pixelColor(x, row).value() > 200 for x in range(label.left(), label.right()))


def test_render_without_enter_shows_the_poster(qtbot, media_files) -> None:  # noqa: F811
    """Export and thumbnails grab a view that was never entered: the poster must be there."""
    media = Media(video=media_files["clip.mp4"], poster=media_files["poster.png"])
    slide = MediaSlide(kind="media", media=media)
    image = render_slide(slide, make_context(media_files["clip.mp4"].parent), QSize(640, 360))
    assert is_poster(centre(image))


def test_compare_preload_shows_first_frames(qtbot, media_files) -> None:  # noqa: F811
    items = [CompareItem(label="a", media=Media(video=media_files["clip.mp4"]))]
    view = compare_view(qtbot, media_files["clip.mp4"].parent, items)
    view.preload()
    (video,) = videos_of(view)
    qtbot.waitUntil(lambda: video.frames_shown > 0, timeout=WAIT)
    assert is_video_frame(centre(grab(video)))
    assert not video.clip.is_playing()


# -- narration ---------------------------------------------------------------------------------


def text_slide(audio: Media | None) -> TextSlide:
    return TextSlide(kind="text", title="Narrated", audio=audio)


def test_audio_player_follows_the_slide_life_cycle(qtbot, media_files) -> None:  # noqa: F811
    context = make_context(media_files["tone.wav"].parent)
    assert AudioPlayer.for_slide(text_slide(None), context) is None
    player = AudioPlayer.for_slide(text_slide(Media(audio=media_files["tone.wav"])), context)
    assert player is not None
    player.preload()
    assert not player.is_playing()
    player.enter()
    qtbot.waitUntil(player.is_playing, timeout=WAIT)
    qtbot.waitUntil(lambda: player.duration() is not None, timeout=WAIT)
    assert player.duration() == pytest.approx(0.8, abs=0.1)
    assert player.play_pause()
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=WAIT)
    player.enter()
    qtbot.waitUntil(player.is_playing, timeout=WAIT)
    player.leave()
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=WAIT)
    player.release()


@pytest.mark.parametrize(
    ("kiosk", "muted", "media_muted", "expect"),
    [(True, False, None, False), (False, True, None, True), (True, True, False, False)],
)
def test_narration_is_not_muted_by_kiosk_mode_alone(
    qtbot,
    media_files,  # noqa: F811
    kiosk,
    muted,
    media_muted,
    expect,
) -> None:
    context = make_context(media_files["tone.wav"].parent, kiosk=kiosk, muted=muted)
    player = AudioPlayer.for_slide(
        text_slide(Media(audio=media_files["tone.wav"], muted=media_muted)), context
    )
    assert player is not None and player.clip.muted is expect


def test_missing_audio_is_a_notice_not_a_crash(qtbot, tmp_path, caplog) -> None:
    player = AudioPlayer(Media(audio=tmp_path / "gone.wav"))
    failures: list[str] = []
    player.failed.connect(failures.append)
    with caplog.at_level(logging.WARNING):
        player.enter()
        player.leave()
    assert player.notice == "Audio missing" and failures == ["Audio missing"]
    assert not player.play_pause()
    assert any("gone.wav" in r.getMessage() for r in caplog.records)


# -- other views reusing MediaWidget -------------------------------------------------------------


class HostView(MediaHost, CanvasView):
    """What MilestoneView becomes with the two-line adoption (see MediaHost)."""

    def __init__(self, slide, context) -> None:
        super().__init__(slide, context)
        self.picture = media_picture(self, slide.media)

    def arrange(self) -> None:
        if self.picture is not None:
            self.picture.setGeometry(self.picture.target_rect(QRectF(self.content_rect())).toRect())


def test_media_host_plays_a_milestone_style_video(qtbot, media_files) -> None:  # noqa: F811
    media = Media(video=media_files["clip.mp4"], poster=media_files["poster.png"], caption="c")
    view = HostView(
        MediaSlide(kind="media", media=media), make_context(media_files["clip.mp4"].parent)
    )
    qtbot.addWidget(view)
    view.resize(640, 360)
    view.show()
    assert view.picture is not None and view.picture.ok and not view.picture.show_caption
    (video,) = [view.picture.visual]
    assert is_poster(centre(grab(video)))
    view.enter()
    qtbot.waitUntil(lambda: video.clip.is_playing() and video.frames_shown > 0, timeout=WAIT)
    assert view.handle_action("play_pause")
    qtbot.waitUntil(lambda: not video.clip.is_playing(), timeout=WAIT)
    view.enter()
    view.leave()
    qtbot.waitUntil(lambda: not video.clip.is_playing(), timeout=WAIT)
    assert not view.handle_action("zoom_in")


def test_media_picture_is_none_without_a_visual(qtbot, tmp_path) -> None:
    view = HostView(
        MediaSlide(kind="media", media=Media(audio=tmp_path / "a.wav")), make_context(tmp_path)
    )
    qtbot.addWidget(view)
    assert view.picture is None
    assert not view.handle_action("play_pause")
