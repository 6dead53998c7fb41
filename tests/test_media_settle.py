"""A film slide at a visitor's pace (issue 21): the key press shows its poster at once, and the
player is built and started only once the slide has settled — so flicking past a film never
opens it (no decoder competing with the next frames), while a film one stays on plays."""

from __future__ import annotations

import pytest
from fixtures.media.support import (
    centre,
    grab,
    is_poster,
    is_video_frame,
    media_files,  # noqa: F401 - fixture
)
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import window_for

from revkiosk.deck.model import Deck, DeckInfo, Domain, Media, MediaSlide, TextSlide
from revkiosk.settings import Settings
from revkiosk.ui import after_paint
from revkiosk.ui.media.video import SETTLE_MS, VideoWidget

pytestmark = pytest.mark.qt_log_ignore(
    r"PulseAudio|qt\.multimedia|No HW decoder|RHI|FFmpeg|Couldn.t (load|resolve)|No audio device"
)

WAIT = 8000


@pytest.fixture
def window(qtbot: QtBot, media_files, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]  # noqa: F811
    """A window on a text slide; a film (magenta poster) comes next, then more text. Keys come
    faster than the next slide's preload, as when a visitor flicks through."""
    monkeypatch.setattr(after_paint, "PRELOAD_MS", 60_000)
    clip = media_files["clip.mp4"]
    film = MediaSlide(
        kind="media", title="Film", media=Media(video=clip, poster=media_files["poster.png"])
    )
    slides = (TextSlide(kind="text", title="Before"), film, TextSlide(kind="text", title="After"))
    domains = (Domain("games", "Games", "#f72585"),)
    info = DeckInfo(title="Films")
    deck = Deck(clip.parent / "deck.yaml", clip.parent, info, domains, (), slides)
    window, _navigator, _show = window_for(deck, Settings(transition="none"))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def press(qtbot: QtBot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key through the window's routing, then events until the new slide is painted."""
    QApplication.sendEvent(
        window, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
    )
    QApplication.processEvents()


def film(window) -> VideoWidget:  # type: ignore[no-untyped-def]
    video = window.stage.view_at(1).findChild(VideoWidget)
    assert video is not None
    return video


def test_flicking_past_a_film_opens_no_player(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_Right)
    video = film(window)
    assert window.stage.current_view() is video.parentWidget().parentWidget()
    assert is_poster(centre(grab(video))), "the frame after the key shows the poster"
    assert video.clip.player is None, "no player is built on the key press"
    press(qtbot, window, Qt.Key.Key_Right)  # the next key comes before the film settled
    qtbot.wait(SETTLE_MS * 2)
    assert video.clip.player is None and window.findChildren(QMediaPlayer) == []
    assert not video.clip.wants_playing


def test_a_film_starts_once_its_slide_has_settled(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_Right)
    video = film(window)
    assert video.clip.player is None and video.starting
    qtbot.waitUntil(lambda: video.clip.is_playing() and video.frames_shown >= 2, timeout=WAIT)
    assert is_video_frame(centre(grab(video))), "the film took over from its poster"
    press(qtbot, window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: not video.clip.is_playing(), timeout=WAIT)


def test_pausing_before_the_film_starts_keeps_it_paused(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_Right)
    video = film(window)
    press(qtbot, window, Qt.Key.Key_K)  # play/pause while the poster shows
    qtbot.wait(SETTLE_MS * 2)
    assert video.clip.player is None and not video.starting
    assert is_poster(centre(grab(video)))
    press(qtbot, window, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: video.clip.is_playing() and video.frames_shown > 0, timeout=WAIT)
