"""Pictures (PNG, JPEG, SVG, animated GIF), subtitles parsing, captions and the lazy import."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.media.support import centre, grab, is_surface, make_context, media_files  # noqa: F401
from PySide6.QtGui import QColor, QImage

from revkiosk.deck.model import Media
from revkiosk.theme import DARK
from revkiosk.ui.media.images import ImageWidget
from revkiosk.ui.media.subtitles import CueTrack, SubtitleError, load_subtitles, parse_subtitles
from revkiosk.ui.media.widget import MediaWidget

REPO = Path(__file__).resolve().parent.parent


def image_widget(qtbot, path: Path, size: tuple[int, int], fit: str = "fit") -> ImageWidget:
    widget = ImageWidget(path, DARK, fit=fit)  # type: ignore[arg-type]
    qtbot.addWidget(widget)
    widget.resize(*size)
    return widget


def soft_edge_pixels(image: QImage) -> int:
    """Grey pixels along the middle row where black meets white: 0–2 for a sharp edge."""
    y = image.height() // 2
    return sum(1 for x in range(image.width()) if 40 < image.pixelColor(x, y).value() < 215)


@pytest.mark.parametrize("side", [120, 960])
def test_svg_is_crisp_at_any_size(qtbot, media_files, side) -> None:  # noqa: F811
    svg = grab(image_widget(qtbot, media_files["square.svg"], (side, side)))
    assert svg.pixelColor(side // 2, side // 2).value() < 20  # the black square is there
    assert soft_edge_pixels(svg) <= 4
    if side > 400:  # the same picture as a 40 px PNG blurs when blown up: the check can fail
        png = grab(image_widget(qtbot, media_files["square.png"], (side, side)))
        assert soft_edge_pixels(png) > 8


def test_animated_gif_advances_while_current(qtbot, media_files) -> None:  # noqa: F811
    widget = image_widget(qtbot, media_files["anim.gif"], (64, 64))
    assert widget.animated
    first = centre(grab(widget))
    assert first.red() > 200 and first.green() < 50  # frame 0 is red, shown before enter()
    widget.enter()
    qtbot.waitUntil(lambda: widget.frame_number() >= 2, timeout=5000)
    assert centre(grab(widget)) != first
    widget.leave()
    assert widget.frame_number() == 0


@pytest.mark.parametrize("name", ["photo.png", "photo.jpg"])
def test_fit_letterboxes_and_fill_covers(qtbot, media_files, name) -> None:  # noqa: F811
    fit = grab(image_widget(qtbot, media_files[name], (200, 200), "fit"))
    fill = grab(image_widget(qtbot, media_files[name], (200, 200), "fill"))

    def is_photo(color: QColor) -> bool:
        return abs(color.hue() - QColor("#3366cc").hue()) < 10 and color.saturation() > 100

    assert not is_photo(fit.pixelColor(100, 5))  # 16:9 in a square: bars above and below
    assert is_photo(fit.pixelColor(100, 100))
    assert is_photo(fill.pixelColor(100, 5))  # cropped to cover the whole square


@pytest.mark.parametrize(
    ("name", "notice"), [("junk.png", "Image could not be read"), ("nope.png", "Image missing")]
)
def test_bad_images_show_placeholder_and_log(qtbot, media_files, caplog, name, notice) -> None:  # noqa: F811
    path = media_files.get(name, media_files["photo.png"].parent / name)
    with caplog.at_level(logging.WARNING):
        widget = image_widget(qtbot, path, (320, 180))
    assert widget.notice == notice
    assert is_surface(centre(grab(widget)))
    assert any(name in r.getMessage() for r in caplog.records)


def test_caption_and_credit_sit_under_the_picture(qtbot, media_files) -> None:  # noqa: F811
    media = Media(
        image=media_files["photo.png"],
        caption="A blue rectangle",
        credit="revkiosk",
        licence="CC BY 4.0",
    )
    widget = MediaWidget(media, make_context(media_files["photo.png"].parent))
    qtbot.addWidget(widget)
    widget.set_short_side(1080)
    widget.resize(1200, 800)
    picture, text = widget.layout_rects()
    assert not text.isEmpty()
    assert text.top() >= picture.bottom() and text.bottom() <= widget.height()
    assert text.left() == pytest.approx(picture.left(), abs=1)
    image = grab(widget)
    row = round(text.top() + text.height() * 0.3)
    assert any(
        image.pixelColor(x, row).value() > 200
        for x in range(round(text.left()), round(text.right()))
    )


def test_media_widget_without_media_shows_placeholder(qtbot, tmp_path) -> None:
    widget = MediaWidget(None, make_context(tmp_path))
    qtbot.addWidget(widget)
    widget.resize(320, 180)
    assert is_surface(centre(grab(widget)))
    assert not widget.play_pause()


def test_pictures_never_import_qtmultimedia() -> None:
    """A title slide must paint on a machine without QtMultimedia (and start fast)."""
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from pathlib import Path; from revkiosk.deck.model import Media;"
        "from revkiosk.ui.media.widget import MediaWidget;"
        "from revkiosk.ui.slides import media_view, compare;"
        "from fixtures.media.support import make_context;"
        "w = MediaWidget(Media(image=Path('x.png')), make_context(Path('.')));"
        "w.resize(99, 99); w.grab();"
        "print('PySide6.QtMultimedia' in sys.modules)"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": f"{REPO / 'src'}:{REPO / 'tests'}"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1:] == ["False"], result.stderr[-2000:]


# -- subtitles -------------------------------------------------------------------------------


def test_srt_and_vtt_parse_to_the_same_cues(media_files) -> None:  # noqa: F811
    srt = load_subtitles(media_files["captions.srt"])
    vtt = load_subtitles(media_files["captions.vtt"])
    assert [(c.start, c.end, c.text) for c in srt] == [
        (0.0, 1.0, "First caption"),
        (1.0, 2.5, "Second caption"),
    ]
    assert [(c.start, c.end, c.text) for c in vtt] == [(c.start, c.end, c.text) for c in srt]


def test_cue_lookup_follows_the_clock() -> None:
    track = CueTrack(
        parse_subtitles(
            "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n"
        )
    )
    assert [track.text_at(t) for t in (0.5, 1.5, 2.5, 3.0, 4.5)] == ["", "Hello", "", "Bye", ""]


def test_malformed_cue_is_skipped_with_file_and_line(caplog) -> None:
    text = (
        "WEBVTT\n\n00:00.000 --> 00:01.000\nGood\n\n"
        "00:0x.000 --> 00:02.000\nBad\n\n00:03.000 --> 00:02.000\nBackwards\n"
    )
    with caplog.at_level(logging.WARNING):
        cues = parse_subtitles(text, "talk.vtt")
    assert [c.text for c in cues] == ["Good"]
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("talk.vtt:6:") and "bad timestamp" in m for m in messages)
    assert any(m.startswith("talk.vtt:9:") and "ends before it starts" in m for m in messages)


def test_unusable_subtitle_files_raise_a_clear_error(tmp_path) -> None:
    with pytest.raises(SubtitleError, match="cannot read subtitles"):
        load_subtitles(tmp_path / "missing.srt")
    empty = tmp_path / "empty.vtt"
    empty.write_text("WEBVTT\n\n")
    with pytest.raises(SubtitleError, match="no subtitle cues"):
        load_subtitles(empty)
