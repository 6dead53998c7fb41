"""Comfort defaults from settings.yaml and the command line, honoured by the player and by
`revkiosk export`; the high-contrast themes; which visitor changes leave the views standing."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from contrast_pixels import first_line_rows, text_contrast
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from revkiosk import options, settings
from revkiosk.commands import export
from revkiosk.context import ViewContext, only_live_changes
from revkiosk.deck.load import load_deck
from revkiosk.settings import Settings, VisitorSettings, parse_settings, visitor_defaults
from revkiosk.theme import HIGH_CONTRAST, HIGH_RATIO, theme_named, visitor_theme
from revkiosk.ui.colors import contrast

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "slides" / "example.yaml"


def test_settings_yaml_sets_the_visitors_defaults() -> None:
    data = {"text_scale": 1.25, "contrast": "high", "captions": False, "sound": True,
            "volume": 0.6, "reduced_motion": True, "speech": True, "kiosk": True}  # fmt: skip
    parsed, notices = parse_settings(data)
    assert notices == []
    assert visitor_defaults(parsed) == VisitorSettings(
        text_scale=1.25, contrast="high", captions=False, sound=True, volume=0.6,
        reduced_motion=True, speech=True,
    )  # fmt: skip


def test_bad_comfort_values_fall_back_with_a_notice() -> None:
    parsed, notices = parse_settings({"text_scale": 2, "contrast": "loud", "volume": 3})
    assert parsed == Settings() and len(notices) == 3
    assert "text_scale must be one of 1.0, 1.25, 1.5 (got 2)" in notices[0]
    assert parse_settings({"text_scale": True})[1], "true is no text size"


def test_a_kiosk_starts_with_open_captions_and_no_sound_a_presenter_with_sound() -> None:
    kiosk = visitor_defaults(Settings(kiosk=True))
    presenter = visitor_defaults(Settings())
    assert (kiosk.captions, kiosk.sound) == (True, False)
    assert (presenter.captions, presenter.sound) == (True, True)
    assert visitor_defaults(Settings(kiosk=True, captions=False, sound=True)).sound


def test_the_command_line_sets_them_too() -> None:
    parsed = options.parse_options(
        ["--text-scale", "150%", "--contrast", "high", "--reduced-motion", "--captions", "on"]
    )
    overrides = options.visitor_overrides(parsed)
    assert overrides == {"text_scale": 1.5, "contrast": "high", "reduced_motion": True,
                         "captions": True}  # fmt: skip
    merged = settings.with_overrides(Settings(kiosk=True, sound=True), **overrides)
    assert visitor_defaults(merged) == VisitorSettings(1.5, "high", True, True, 1.0, True)
    with pytest.raises(SystemExit):
        options.parse_options(["--text-scale", "2"])
    assert options.TEXT_SCALES == settings.TEXT_SCALES


def test_high_contrast_themes_keep_every_text_colour_past_7_to_1() -> None:
    for theme in HIGH_CONTRAST.values():
        for ink in (theme.text, theme.muted, theme.accent):
            for paper in (theme.background, theme.surface):
                assert contrast(QColor(ink), QColor(paper)) >= HIGH_RATIO, (theme.name, ink)
    dark = theme_named("dark", 1.2)
    high = visitor_theme(dark, VisitorSettings(contrast="high", text_scale=1.5))
    assert high.contrast == "high" and high.name == "dark"
    assert high.font_scale == pytest.approx(1.8)  # the user's 1.2 times the visitor's 1.5


def test_only_sound_volume_captions_and_speech_leave_the_views_standing() -> None:
    deck = load_deck(EXAMPLE)
    base = ViewContext(deck=deck, theme=theme_named("dark"))

    def changed(**change: object) -> ViewContext:
        from dataclasses import replace

        visitor = replace(base.visitor, **change)
        return replace(base, visitor=visitor, theme=visitor_theme(base.theme, visitor))

    for live in ({"sound": False}, {"volume": 0.3}, {"captions": False}, {"speech": True}):
        assert only_live_changes(base, changed(**live)), live
    for rebuild in ({"text_scale": 1.5}, {"contrast": "high"}, {"reduced_motion": True}):
        assert not only_live_changes(base, changed(**rebuild)), rebuild
    assert not only_live_changes(None, base) and not only_live_changes(base, base)


def _export_png(tmp_path: Path, *extra: str) -> QImage:
    out = tmp_path / "_".join(extra or ("plain",))
    args = [str(EXAMPLE), "--png", str(out), "--size", "960x540", *extra]
    assert export.main(args, err=io.StringIO()) == 0
    return QImage(str(sorted(out.glob("*.png"))[4]))  # the text slide "Why it worked"


def test_export_honours_text_size_and_contrast(qapp, tmp_path: Path) -> None:
    plain = _export_png(tmp_path)
    title = QRect(60, 20, 800, 160)  # the title's first line is the first run of ink
    large = _export_png(tmp_path, "--text-scale", "1.5")
    assert first_line_rows(large, title) > first_line_rows(plain, title) * 1.3
    high = _export_png(tmp_path, "--contrast", "high")
    assert high.pixelColor(2, 2).name() == HIGH_CONTRAST["dark"].background
    assert plain.pixelColor(2, 2).name() == theme_named("dark").background
    assert text_contrast(high, title) >= 7.0


def test_export_with_captions_puts_narration_words_in_the_handout(qapp, tmp_path: Path) -> None:
    """The default deck's welcome narration, as text under its slide (pdftotext reads it)."""
    pdftotext = subprocess.run(["which", "pdftotext"], capture_output=True, text=True).stdout
    if not pdftotext.strip():
        pytest.skip("pdftotext (poppler-utils) is not installed")
    deck = REPO / "slides" / "deep-learning-revolution.yaml"
    pdf = tmp_path / "handout.pdf"
    args = [str(deck), "--pdf", str(pdf), "--notes", "--captions", "on", "--size", "640x360"]
    assert export.main(args, err=io.StringIO()) == 0
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "Narration:" in text and "Welcome." in text


def test_the_player_takes_the_options(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "revkiosk", "--help"], capture_output=True, text=True, timeout=60,
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    for flag in ("--text-scale", "--contrast", "--reduced-motion", "--captions"):
        assert flag in result.stdout
