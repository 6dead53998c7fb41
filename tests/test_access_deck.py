"""Without sight and without hearing: alt text, captions and chart descriptions in the deck.

`revkiosk check` warns where a picture or video has no `alt:` or a video or narration no
captions; the default deck has none missing; its caption files are what the media scripts
write (so they stay in step with the films); chart descriptions are computed from the data.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

import pytest
from deck_helpers import BASE, write

from revkiosk.commands import check
from revkiosk.data.dataset import with_compute
from revkiosk.data.trends import fit_eras
from revkiosk.deck.access import accessibility_problems, captions_path
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import PlotSlide
from revkiosk.describe import chart_description, slide_words
from revkiosk.resources import default_deck

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts" / "media"


def run_check(path: Path) -> list[str]:
    out = io.StringIO()
    assert check.main([str(path)], out=out) == 0
    return out.getvalue().splitlines()


def test_check_warns_about_missing_alt_text_and_captions(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "b.mp4").write_bytes(b"\x00")
    (tmp_path / "n.wav").write_bytes(b"RIFF")
    (tmp_path / "c.mp4").write_bytes(b"\x00")
    (tmp_path / "c.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n")
    slides = (
        "  - {kind: media, media: a.png}\n"
        "  - {kind: media, media: {video: b.mp4, alt: A film.}}\n"
        "  - {kind: title, title: T, audio: n.wav}\n"
        "  - {kind: media, media: {video: c.mp4, alt: Captioned beside it.}}\n"
        '  - {kind: media, media: {image: a.png, alt: ""}}\n'
    )
    lines = run_check(write(tmp_path, BASE + slides))
    assert len(lines) == 3, lines
    assert ":14:26: warning: slide 1 (media): media: the picture has no alt text" in lines[0]
    assert ":15:26: warning: slide 2 (media): media: the video has no captions; add" in lines[1]
    assert "b.vtt beside it" in lines[1]
    assert ":16:36: warning: slide 3 (title): audio: narration has no captions" in lines[2]


def test_a_short_idle_warning_is_a_warning(tmp_path: Path) -> None:
    deck = BASE.replace("deck:\n", "deck:\n  kiosk: {warning_seconds: 5}\n", 1)
    lines = run_check(write(tmp_path, deck + "  - {kind: title, title: T}\n"))
    assert any("warning_seconds 5 is short: WCAG 2.2.1" in line for line in lines)


def test_the_default_deck_has_alt_text_and_captions_everywhere() -> None:
    deck = load_deck(default_deck())
    assert accessibility_problems(deck) == []
    played = [s.audio for s in deck.slides if s.audio is not None]
    played += [s.media for s in deck.slides if getattr(s, "media", None) and s.media.video]
    assert len(played) >= 6
    for media in played:
        path = captions_path(media)
        assert path is not None and path.suffix == ".vtt", media


def _vtt_cues(path: Path) -> list[tuple[str, str, str]]:
    return re.findall(r"(\S+) --> (\S+)\n(.+)", path.read_text(encoding="utf-8"))


def test_caption_files_are_what_the_media_scripts_write(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    """So a film re-timed by its script cannot keep stale captions (make_all.py captions)."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        import captions
        import go_game
        import pong
        import tiny_diffusion

        films = {
            "go-game": go_game.captions(),
            "pong-agent": pong.captions(),
            "tiny-diffusion-training": tiny_diffusion.training_captions(),
            "tiny-diffusion-denoise": tiny_diffusion.denoise_captions(),
        }
        for name, cues in films.items():
            written = tmp_path / f"{name}.vtt"
            captions.write_vtt(written, cues)
            shipped = REPO / "media" / "video" / f"{name}.vtt"
            assert shipped.read_text(encoding="utf-8") == written.read_text(encoding="utf-8")
        if shutil.which("espeak-ng"):
            import audio

            written = tmp_path / "welcome.vtt"
            captions.write_vtt(
                written, captions.narration_cues(audio.TEXT, audio.VOICE, audio.SPEED)
            )
            assert _vtt_cues(written) == _vtt_cues(REPO / "media" / "audio" / "welcome.vtt")
    finally:
        sys.path.remove(str(SCRIPTS))


def test_films_have_no_sound_and_their_captions_say_so() -> None:
    """In every language they are captioned in (`pong-agent.fr.vtt`: French)."""
    said = {"": "[No sound]", "fr": "[Sans son]", "de": "[Ohne Ton]", "es": "[Sin sonido]"}
    for vtt in (REPO / "media" / "video").glob("*.vtt"):
        language = vtt.suffixes[-2][1:] if len(vtt.suffixes) > 1 else ""
        first = _vtt_cues(vtt)[0][2]
        assert first.startswith(said[language]), vtt.name


def test_chart_descriptions_are_computed_from_the_data() -> None:
    deck = load_deck(default_deck())
    plots = [s for s in deck.slides if isinstance(s, PlotSlide)]
    compute = next(s for s in plots if s.chart == "compute")
    text = chart_description(compute, deck)
    rows = [s for s in with_compute() if s.decimal_year < 2023.0]
    import numpy as np

    fits = fit_eras(np.array([s.decimal_year for s in rows]),
                    np.array([s.compute for s in rows]), n_boot=0)  # fmt: skip
    assert f"about every {fits.deep_learning.doubling_months:.1f} months" in text
    assert f"about every {fits.large_scale.doubling_months:.1f} months" in text
    first, last = compute.years or (1950.0, 2025.5)
    shown = [s for s in with_compute() if first <= s.decimal_year <= last]
    assert f"the training compute of {len(shown)} notable AI systems" in text
    forecast = chart_description(next(s for s in plots if s.chart == "forecast"), deck)
    assert "forecasters expected 12.7%; Minerva reached 50.3%" in forecast
    csv_chart = next(s for s in plots if s.chart == "csv")
    words = " ".join(slide_words(csv_chart, deck))
    assert "A chart of" in words and "falls as" in words  # ImageNet error came down


def test_every_slide_of_the_default_deck_says_something() -> None:
    deck = load_deck(default_deck())
    for number, slide in enumerate(deck.slides, 1):
        words = slide_words(slide, deck)
        assert words and all(w.strip() for w in words), number
    media_slide = next(s for s in deck.slides if s.kind == "media")
    assert any(w.startswith("Video: A chart fills") for w in slide_words(media_slide, deck))


@pytest.mark.parametrize("kind", ["compare"])
def test_compare_cells_are_read_with_their_alt_text(kind: str) -> None:
    deck = load_deck(default_deck())
    slide = next(s for s in deck.slides if s.kind == kind)
    words = slide_words(slide, deck)
    assert any('"Welcome Friends!"' in w for w in words)
