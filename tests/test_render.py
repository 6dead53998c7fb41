"""Offscreen rendering: exact size, error cards for failing views, silent media slides."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from pixels import distinct_colors, share_near
from PySide6.QtCore import QSize
from view_samples import sample_deck

from revkiosk.context import ViewContext
from revkiosk.deck.model import Media, MediaSlide, QuoteSlide
from revkiosk.theme import theme_named
from revkiosk.ui import render
from revkiosk.ui.view import SlideView


class Recorder(SlideView):
    """A view that remembers which life-cycle calls it got."""

    calls: list[str] = []

    def enter(self) -> None:
        Recorder.calls.append("enter")

    def leave(self) -> None:
        Recorder.calls.append("leave")


@pytest.fixture
def ctx(tmp_path) -> ViewContext:
    return ViewContext(deck=sample_deck(tmp_path), theme=theme_named("dark"))


@pytest.fixture
def recorder(monkeypatch):
    Recorder.calls = []
    monkeypatch.setattr(render, "create_view", lambda slide, context: Recorder(slide, context))
    return Recorder.calls


def test_render_is_exactly_the_requested_size(qapp, ctx):
    for size in (QSize(320, 180), QSize(1280, 720), QSize(1000, 1000)):
        assert render.render_slide(ctx.deck.slides[0], ctx, size).size() == size


def test_a_video_slide_is_not_entered(qapp, ctx, recorder, tmp_path):
    slide = MediaSlide(kind="media", media=Media(video=tmp_path / "clip.mp4"))
    render.render_slide(slide, ctx, QSize(320, 180))
    assert recorder == []


def test_narrated_slide_is_not_entered(qapp, ctx, recorder, tmp_path):
    slide = QuoteSlide(kind="quote", text="Hi", audio=Media(audio=tmp_path / "voice.wav"))
    render.render_slide(slide, ctx, QSize(320, 180))
    assert recorder == []


def test_a_still_slide_is_entered_then_left(qapp, ctx, recorder):
    render.render_slide(QuoteSlide(kind="quote", text="Hi"), ctx, QSize(320, 180))
    assert recorder == ["enter", "leave"]


def test_views_know_they_are_rendered_offscreen(qapp, ctx, monkeypatch):
    seen = []
    monkeypatch.setattr(
        render,
        "create_view",
        lambda slide, context: seen.append(context.offscreen) or Recorder(slide, context),
    )
    render.render_slide(QuoteSlide(kind="quote", text="Hi"), ctx, QSize(320, 180))
    assert seen == [True]
    assert not ctx.offscreen  # the caller's context is untouched


class Exploding(SlideView):
    def enter(self) -> None:
        raise ValueError("kaboom")


@pytest.mark.parametrize("failure", ["build", "enter"])
def test_a_failing_view_becomes_an_error_card(qapp, ctx, monkeypatch, caplog, failure):
    def build(slide, context):
        if failure == "build":
            raise RuntimeError("kaboom")
        return Exploding(slide, context)

    monkeypatch.setattr(render, "create_view", build)
    caplog.set_level(logging.ERROR)
    image = render.render_slide(QuoteSlide(kind="quote", text="Hi"), ctx, QSize(1280, 720))
    assert image.size() == QSize(1280, 720)
    assert share_near(image, "#e5484d", 10) > 0.0005  # the red rule of the error card
    assert distinct_colors(image) > 10  # with its message written on it
    assert "kaboom" in caplog.text


def test_render_needs_an_application(monkeypatch, ctx):
    monkeypatch.setattr(render.QApplication, "instance", staticmethod(lambda: None))
    with pytest.raises(RuntimeError, match="QApplication"):
        with render.offscreen_view(ctx.deck.slides[0], ctx, QSize(320, 180)):
            pass


def test_many_void_qt_calls_do_not_kill_the_process():
    """Bug: PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void C++ call,
    so a kiosk (or an export of a few hundred slides) aborted with "none_dealloc". pyproject pins
    PySide6 below 6.12; this fails if an install brings the broken release back."""
    script = (
        "import sys\n"
        "from PySide6.QtGui import QColor\n"
        "c = QColor('red')\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(50_000): c.setRed(3)\n"
        "print(before - sys.getrefcount(None))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 100  # a leak would show 50,000
