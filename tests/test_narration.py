"""Narration (`audio:` on any slide) is played by the stage: on entering, stopped on leaving, K."""

from __future__ import annotations

from dataclasses import replace

from fixtures.media.support import make_context, media_files  # noqa: F401 - fixture

from revkiosk.deck.model import Media, TextSlide
from revkiosk.ui.stage import Stage


def make_stage(qtbot, media_files):  # noqa: F811
    tone = media_files["tone.wav"]
    context = make_context(tone.parent)
    slides = (
        TextSlide(kind="text", title="Narrated", audio=Media(audio=tone, loop=True)),
        TextSlide(kind="text", title="Silent"),
    )
    context = replace(context, deck=replace(context.deck, slides=slides))
    stage = Stage(context, transition="none")
    qtbot.addWidget(stage)
    stage.resize(640, 360)
    stage.show()
    return stage


def test_narration_plays_on_its_slide_and_stops_on_the_next(qtbot, media_files) -> None:  # noqa: F811
    stage = make_stage(qtbot, media_files)
    stage.show_slide(0)
    qtbot.waitUntil(
        lambda: stage._narration is not None and stage._narration.is_playing(), timeout=8000
    )
    player = stage._narration
    stage.show_slide(1)
    assert stage._narration is None
    assert not player.is_playing()


def test_k_pauses_and_resumes_narration(qtbot, media_files) -> None:  # noqa: F811
    stage = make_stage(qtbot, media_files)
    stage.show_slide(0)
    qtbot.waitUntil(
        lambda: stage._narration is not None and stage._narration.is_playing(), timeout=8000
    )
    assert stage.toggle_narration()
    qtbot.waitUntil(lambda: not stage._narration.is_playing(), timeout=4000)
    assert stage.toggle_narration()
    qtbot.waitUntil(lambda: stage._narration.is_playing(), timeout=4000)


def test_a_slide_without_audio_has_nothing_to_toggle(qtbot, media_files) -> None:  # noqa: F811
    stage = make_stage(qtbot, media_files)
    stage.show_slide(1)
    qtbot.wait(50)
    assert not stage.toggle_narration()
