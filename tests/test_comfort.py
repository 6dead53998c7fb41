"""Each comfort setting changes what is painted or heard, on the real window, through the Show.

Text size is measured as the height of a line of painted text; contrast is computed from the
pixels; sound, volume and captions change while a video plays, without rebuilding it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from contrast_pixels import ink_rows, text_contrast
from PySide6.QtCore import QPoint, QRect
from pytestqt.qtbot import QtBot
from tests.fixtures.media.support import media_files  # noqa: F401 - fixture
from window_helpers import window_for

from revkiosk.deck.model import Deck, DeckInfo, Domain, Media, MediaSlide, TextSlide
from revkiosk.settings import Settings, VisitorSettings
from revkiosk.ui.access import install_access
from revkiosk.ui.media import player as player_module
from revkiosk.ui.media.video import VideoWidget
from revkiosk.ui.slides.widgets import FitText
from revkiosk.ui.view import SlideView

WAIT = 8000
# QtMultimedia reports a missing sound server and software decoding as warnings; they are the
# test machine's, not failures.
pytestmark = pytest.mark.qt_log_ignore(
    r"PulseAudio|qt\.multimedia|No HW decoder|RHI|FFmpeg|Couldn.t (load|resolve)|No audio device"
)


def deck_of(*slides: object, root: Path = Path(".")) -> Deck:
    domains = (Domain("games", "Games", "#f72585"),)
    return Deck(root / "deck.yaml", root, DeckInfo(title="Comfort"), domains, (), tuple(slides))  # type: ignore[arg-type]


def shown(qtbot: QtBot, deck: Deck, visitor: VisitorSettings | None = None, **settings: object):  # type: ignore[no-untyped-def]
    settings = {"transition": "none", **settings}
    window, navigator, show = window_for(deck, Settings(**settings), visitor=visitor)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    return window, navigator, show


def painted(text: FitText):  # type: ignore[no-untyped-def]
    """The picture of a text widget's lines as the slide paints them (its own background; the
    text may sit in a part of the slide, such as a chip)."""
    view = text.parentWidget()
    while not isinstance(view, SlideView) and view.parentWidget() is not None:
        view = view.parentWidget()
    lines = text.text_rect().toAlignedRect().translated(text.mapTo(view, QPoint(0, 0)))
    return view.grab(lines.intersected(view.rect())).toImage()


def title_rows(window) -> int:  # type: ignore[no-untyped-def]
    return ink_rows(painted(window.stage.current_view().title))


def test_larger_text_paints_taller_letters(qtbot: QtBot) -> None:
    deck = deck_of(TextSlide(kind="text", title="Tall", body="Short words."))
    window, _, show = shown(qtbot, deck)
    before = title_rows(window)
    show.update_visitor(text_scale=1.5)
    after = title_rows(window)
    assert before > 20
    assert 1.35 <= after / before <= 1.6, (before, after)
    show.update_visitor(text_scale=1.25)
    middle = title_rows(window)
    assert before < middle < after


def test_high_contrast_lifts_coloured_text_to_7_to_1(qtbot: QtBot) -> None:
    """A pink domain chip's ink reaches 5.3:1 in the normal theme; high contrast moves the
    field until it reaches 7:1, and the slide's own text too (measured from the pixels)."""
    from revkiosk.deck.model import Milestone, MilestoneSlide, PartialDate

    milestone = Milestone("m", PartialDate(2016, 3), "games", "AlphaGo", "DeepMind", "Won.", "x")
    deck = deck_of(MilestoneSlide(kind="milestone", milestone=milestone, body="It won 4-1."))
    window, _, show = shown(qtbot, deck)

    def chip_contrast() -> float:
        view = window.stage.current_view()
        chip = view.chip
        image = chip.grab().toImage()
        return text_contrast(image, QRect(0, 0, image.height() * 3, image.height()))

    assert chip_contrast() < 7.0
    show.update_visitor(contrast="high")
    assert chip_contrast() >= 7.0
    view = window.stage.current_view()
    texts = [t for t in view.findChildren(FitText) if t.isVisible() and t.text()]
    assert len(texts) >= 2
    for text in texts:
        assert text_contrast(painted(text)) >= 7.0, text.text()


def test_captions_switch_follows_the_show_and_paints_over_the_video(
    qtbot: QtBot,
    media_files,  # noqa: F811
) -> None:
    clip = media_files["clip.mp4"]
    media = Media(video=clip, subtitles=media_files["captions.vtt"])
    deck = deck_of(MediaSlide(kind="media", title="Film", media=media), root=clip.parent)
    window, _, show = shown(qtbot, deck, VisitorSettings(captions=False))
    video = window.stage.current_view().findChild(VideoWidget)
    qtbot.waitUntil(lambda: video.frames_shown > 0, timeout=WAIT)
    assert video.subtitle_text() == ""  # turned off (C)
    show.update_visitor(captions=True)
    assert window.stage.current_view().findChild(VideoWidget) is video, "not rebuilt"
    qtbot.waitUntil(lambda: video.subtitle_text() != "", timeout=WAIT)


def test_sound_and_volume_reach_a_playing_video_without_restarting_it(
    qtbot: QtBot,
    media_files,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(player_module, "sound_server", lambda: True)
    clip = media_files["clip.mp4"]
    media = Media(video=clip, loop=True)
    deck = deck_of(MediaSlide(kind="media", title="Film", media=media), root=clip.parent)
    window, _, show = shown(qtbot, deck, VisitorSettings(sound=False))  # a kiosk's quiet start
    video = window.stage.current_view().findChild(VideoWidget)
    qtbot.waitUntil(video.clip.is_playing, timeout=WAIT)
    assert video.clip.player.audioOutput() is None  # muted: no audio decoded at all
    qtbot.waitUntil(lambda: video.clip.position() > 0.3, timeout=WAIT)
    show.update_visitor(sound=True, volume=0.4)
    assert window.stage.current_view().findChild(VideoWidget) is video, "the view stays"
    qtbot.waitUntil(lambda: video.clip.player is not None, timeout=WAIT)
    qtbot.waitUntil(video.clip.is_playing, timeout=WAIT)
    output = video.clip.player.audioOutput()
    assert output is not None and output.volume() == pytest.approx(0.4, abs=0.01)
    assert video.clip.position() > 0.2, "it goes on where it was, not from the start"
    show.update_visitor(volume=0.8)
    qtbot.waitUntil(lambda: abs(output.volume() - 0.8) < 0.01, timeout=WAIT)
    show.update_visitor(sound=False)
    qtbot.waitUntil(output.isMuted, timeout=WAIT)
    assert video.clip.is_playing()


def test_narration_captions_sit_in_a_band_under_the_slide(
    qtbot: QtBot,
    media_files,  # noqa: F811
) -> None:
    wav = media_files["tone.wav"]
    narration = Media(audio=wav, subtitles=media_files["captions.vtt"])
    slides = (
        TextSlide(kind="text", title="Listen", body="A narrated slide.", audio=narration),
        TextSlide(kind="text", title="Quiet", body="No narration here."),
    )
    window, navigator, show = shown(
        qtbot, deck_of(*slides, root=wav.parent), VisitorSettings(captions=False)
    )
    access = install_access(window, show, navigator)
    full = window.stage.slide_rect()
    band = access.captions
    qtbot.wait(400)  # the narration has started: no band while captions are off
    assert not band.isVisible() and window.stage.slide_rect() == full
    show.update_visitor(captions=True)
    qtbot.waitUntil(band.isVisible, timeout=WAIT)
    slide = window.stage.slide_rect().translated(window.stage.pos())
    assert band.geometry().top() >= slide.bottom(), "never over the slide's own text"
    assert window.stage.slide_rect().height() < full.height()
    qtbot.waitUntil(lambda: band.text == "First caption", timeout=WAIT)
    picture = band.grab().toImage()
    assert text_contrast(picture) >= 15.0  # white on black
    height = band.height()
    show.update_visitor(text_scale=1.5)
    qtbot.waitUntil(lambda: band.height() > height * 1.3, timeout=WAIT)
    navigator.next()  # no narration: no band, the slide takes the whole window again
    qtbot.waitUntil(lambda: not band.isVisible(), timeout=WAIT)
    assert window.stage.slide_rect().height() == full.height()
    navigator.previous()
    qtbot.waitUntil(band.isVisible, timeout=WAIT)
    show.update_visitor(captions=False)  # C
    assert not band.isVisible() and window.stage.slide_rect() == full


def test_reduced_motion_cuts_instead_of_fading(qtbot: QtBot) -> None:
    slides = [TextSlide(kind="text", title=f"Slide {i}", body="Words.") for i in range(3)]
    window, navigator, show = shown(qtbot, deck_of(*slides), transition="fade")

    def fades_on_next() -> bool:
        window.stage.take_snapshot()  # what idle time does after a slide has painted
        navigator.next()
        fading = window.stage.fading()
        qtbot.waitUntil(lambda: not window.stage.fading(), timeout=WAIT)
        return fading

    assert fades_on_next()
    show.update_visitor(reduced_motion=True)
    assert not fades_on_next()
