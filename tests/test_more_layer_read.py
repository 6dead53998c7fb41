"""The "more" layer read at three metres (issue 15's floor, issue 18's layer): `revkiosk check`
opens every layer and audits it like a slide, a long story pages instead of shrinking under the
floor or being cut, and the exported layer shows its picture."""

from __future__ import annotations

from pathlib import Path

from explore_helpers import write_deck
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from revkiosk.commands.check_layout import layout_problems
from revkiosk.deck.load import load_deck
from revkiosk.shape import parse_aspect
from revkiosk.theme import theme_named
from revkiosk.ui.legibility import floor_font_px
from revkiosk.ui.more_layer import MoreLayer, render_more
from revkiosk.ui.picture_text import KEY

STORY = " ".join(
    f"Paragraph {n} tells one more part of how the network was trained, tested and shared."
    for n in range(1, 40)
)


def _deck(tmp_path: Path, story: str, cap: float | None) -> Path:
    """The exploration exhibit, AlexNet's layer given `story` and a picture whose smallest
    words are `cap` px high in its 1000x1000 pixels (None: no record)."""
    path = write_deck(tmp_path)
    image = QImage(1000, 1000, QImage.Format.Format_RGB888)
    image.fill(QColor("#ff0000"))
    if cap is not None:
        image.setText(KEY, f"{cap:g}")
    assert image.save(str(tmp_path / "media" / "words.png"), "PNG")
    text = path.read_text(encoding="utf-8").replace(
        "      text: Eight layers, sixty million weights.\n      media: media/picture.png",
        f"      text: {story}\n      media: {{image: media/words.png, caption: Our words}}",
    )
    path.write_text(text, encoding="utf-8")
    return path


def _more_warnings(path: Path, sizes: list[tuple[int, int]]) -> list[str]:
    deck = load_deck(path)
    found = layout_problems(deck, sizes, parse_aspect("auto"))
    return [str(p) for p in found if "“more” layer" in p.message]


def test_check_holds_the_words_in_a_layers_picture_to_the_floor(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    small = _more_warnings(_deck(tmp_path, "Short.", cap=20), [(1920, 1080)])
    assert len(small) == 1, small
    assert "“more” layer of alexnet, picture: below the floor" in small[0]
    assert "words.png" in small[0]
    line = _deck(tmp_path, "Short.", cap=20).read_text(encoding="utf-8").splitlines()
    media_line = next(n for n, text in enumerate(line, 1) if "media/words.png" in text)
    assert f"deck.yaml:{media_line}:" in small[0], "the warning points at the layer's picture"
    assert _more_warnings(_deck(tmp_path, "Short.", cap=120), [(1920, 1080)]) == []


def test_a_long_story_pages_in_every_shape_instead_of_being_cut(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _deck(tmp_path, STORY, cap=None)
    assert _more_warnings(path, [(1920, 1080), (1080, 1920), (1440, 1080)]) == []


def test_a_tap_on_the_card_turns_the_page_and_keeps_the_layer_open(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deck = load_deck(_deck(tmp_path, STORY, cap=None))
    milestone = next(m for m in deck.milestones if m.id == "alexnet")
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1080, 1350)
    layer = MoreLayer(window)
    layer.open_for(milestone, deck.domain(milestone.domain), theme_named("dark"))
    body = layer.card.body
    pages = body.page_count()
    assert pages > 1, "the story is longer than the card"
    assert body.pixel_size() >= floor_font_px(1080, layer.card.family)
    first = body.text_runs()[0].text
    QTest.mouseClick(layer.card, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert layer.is_open and body.page() == 1
    assert body.text_runs()[0].text != first
    for _ in range(pages - 1):
        QTest.mouseClick(layer.card, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert body.page() == 0, "after the last page the story starts again"


def test_an_exported_layer_shows_its_picture(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    deck = load_deck(_deck(tmp_path, "Short.", cap=None))
    milestone = next(m for m in deck.milestones if m.id == "alexnet")
    backdrop = QImage(1920, 1080, QImage.Format.Format_RGB32)
    backdrop.fill(0)
    image = render_more(milestone, None, theme_named("dark"), backdrop, QSize(1920, 1080))
    red = sum(
        1
        for x in range(0, 1920, 8)
        for y in range(0, 1080, 8)
        if (c := image.pixelColor(x, y)).red() > 200 and c.green() < 60 and c.blue() < 60
    )
    assert red > 1000, "the layer's (red) picture is in the exported image"
