"""Text inside pictures (issue 15): a PNG records the smallest cap height of its words, and
`revkiosk check` holds it, scaled to the size the slide shows the picture at, to the floor."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from revkiosk.commands.check_layout import layout_problems
from revkiosk.deck.load import load_deck
from revkiosk.shape import parse_aspect
from revkiosk.ui.picture_text import KEY, picture_text, png_text

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts" / "media"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(*chunks: bytes, size: tuple[int, int] = (40, 20)) -> bytes:
    header = struct.pack(">IIBBBBB", *size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + b"".join(chunks)


def write_picture(path: Path, cap: float | None, size: tuple[int, int] = (1000, 500)) -> Path:
    """A plain PNG as any tool writes one; `cap` recorded with Qt's own text chunks."""
    image = QImage(*size, QImage.Format.Format_RGB888)
    image.fill(QColor("#336699"))
    if cap is not None:
        image.setText(KEY, f"{cap:g}")
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path), "PNG")
    return path


def test_png_text_reads_whole_keys_from_every_kind_of_text_chunk() -> None:
    itxt = b"\0\0de\0\0" + "Größe".encode()
    data = _png(
        _chunk(b"tEXt", KEY.encode() + b"\x0012.5"),
        _chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"made by hand")),
        _chunk(b"iTXt", b"Title\0" + itxt),
        _chunk(b"IDAT", b"pixels"),
        _chunk(b"tEXt", b"After\0the pixels: not read"),
    )
    texts, size = png_text(data)
    assert texts == {KEY: "12.5", "Comment": "made by hand", "Title": "Größe"}
    assert size == (40, 20)
    assert png_text(b"GIF89a...") == ({}, (0, 0))


def test_a_record_written_by_qt_is_read_back(qapp, tmp_path: Path) -> None:
    record = picture_text(write_picture(tmp_path / "a.png", 24.5, (640, 360)))
    assert record is not None
    assert (record.min_cap, record.width, record.height) == (24.5, 640, 360)
    assert picture_text(write_picture(tmp_path / "none.png", None)) is None
    assert picture_text(tmp_path / "missing.png") is None


DECK = """\
deck:
  title: Pictures
slides:
  - kind: media
    title: A chart
    media:
      image: media/chart.png
      alt: A chart with its labels
  - kind: compare
    title: Two
    items:
      - label: One
        media: {image: media/cell.png, alt: One}
      - label: Two
        media: {image: media/plain.png, alt: Two}
"""


def _problems(tmp_path: Path, chart: float | None, cell: float | None) -> list[str]:
    (tmp_path / "deck.yaml").write_text(DECK, encoding="utf-8")
    write_picture(tmp_path / "media" / "chart.png", chart)
    write_picture(tmp_path / "media" / "cell.png", cell, (1200, 1200))
    write_picture(tmp_path / "media" / "plain.png", None, (1200, 1200))
    deck = load_deck(tmp_path / "deck.yaml")
    problems = layout_problems(deck, [(1920, 1080)], parse_aspect("16:9"))
    return [str(p) for p in problems]


def test_check_warns_about_words_too_small_once_the_picture_is_shrunk(qapp, tmp_path) -> None:
    """The media slide shows the 1000 px chart about 1490 px wide: its 14 px caps land at
    21 px, under the floor. A compare cell shows a 1200 px picture about 690 px wide: 40 px caps
    stay above 22 px, 25 px ones do not. The picture without a record is not guessed at."""
    assert _problems(tmp_path, chart=30, cell=40) == []
    problems = _problems(tmp_path, chart=14, cell=25)
    assert len(problems) == 2, problems
    chart, cell = problems
    assert chart.startswith(f"{tmp_path / 'deck.yaml'}:7:")  # the media entry's line
    assert "slide 1 (media)" in chart and "“chart.png”" in chart
    assert "text in the picture: cap height" in chart and "< 22.0 px" in chart
    assert cell.startswith(f"{tmp_path / 'deck.yaml'}:13:") and "“cell.png”" in cell
    assert "plain.png" not in " ".join(problems)


def test_pictures_are_judged_where_the_rule_is_set(qapp, tmp_path) -> None:
    """1920x1080 at the default text size: other screens and a visitor's larger text reflow
    the slide's own text, and the picture's words are not held to the floor there."""
    (tmp_path / "deck.yaml").write_text(DECK, encoding="utf-8")
    write_picture(tmp_path / "media" / "chart.png", 14)
    write_picture(tmp_path / "media" / "cell.png", 25, (1200, 1200))
    write_picture(tmp_path / "media" / "plain.png", None, (1200, 1200))
    deck = load_deck(tmp_path / "deck.yaml")
    aspect = parse_aspect("16:9")
    assert layout_problems(deck, [(3840, 2160), (1080, 1920)], parse_aspect("auto")) == []
    assert layout_problems(deck, [(1920, 1080)], aspect, text_scale=1.5) == []
    assert len(layout_problems(deck, [(1920, 1080)], aspect)) == 2


@pytest.fixture
def media_scripts():
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    import _common

    return _common


def test_the_generators_record_the_smallest_text_they_draw(qapp, media_scripts, tmp_path):
    """`painter()` notes the cap height of every text it draws (through a transform, and in a
    picture drawn into another), and `save_png` writes it where `check` reads it."""
    from PySide6.QtCore import QRectF

    c = media_scripts
    inset = c.new_image(200, 100)
    p = c.painter(inset)
    p.setFont(c.font(40))
    p.drawText(10, 60, "Inset")
    p.end()
    img = c.new_image(800, 400)
    p = c.painter(img)
    p.setFont(c.font(60, "bold"))
    p.drawText(QRectF(0, 0, 800, 100), 0, "Title")
    p.scale(0.5, 0.5)
    p.setFont(c.font(50))
    p.drawText(20, 700, "small label")  # 50 px drawn at half size: 25 px
    p.resetTransform()
    p.drawText(20, 300, "   ")  # blank: nothing to read
    p.end()
    big = c.text_cap(img)
    assert big is not None
    assert big == pytest.approx(c.font(50).pixelSize() * 0.727 / 2, abs=0.6)
    q = c.painter(img)
    q.drawImage(QRectF(0, 0, 100, 50), inset)  # the inset at half its size
    q.end()
    inset_cap = c.text_cap(inset)
    assert inset_cap is not None
    assert c.text_cap(img) == pytest.approx(inset_cap / 2, abs=0.1)
    path = c.save_png(img, tmp_path / "out.png", also_cap=3.0)  # a video frame's smaller text
    record = picture_text(path)
    assert record is not None
    assert (record.min_cap, record.width, record.height) == (3.0, 800, 400)
    assert QImage(str(path)).text(KEY) == "3.0"
    assert QSize(record.width, record.height) == img.size()


def test_the_default_decks_pictures_carry_their_record() -> None:
    """Every PNG the generators draw words into says how small they are (the tiny diffusion
    posters wait for their next training run: `make_all.py tinymodel`)."""
    worded = [
        "images/image-generation-timeline.png",
        "images/scale-350m.png",
        "images/scale-750m.png",
        "images/scale-3b.png",
        "images/scale-20b.png",
    ]
    for stem in ("compute-growth", "go-game", "pong-agent"):
        worded += [f"video/{stem}{lang}.png" for lang in ("", ".fr", ".de", ".es")]
    for name in worded:
        record = picture_text(REPO / "media" / name)
        assert record is not None, name
        assert 10 < record.min_cap < 100, name
