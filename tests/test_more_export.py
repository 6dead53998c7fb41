"""`revkiosk export --layers`: every milestone's "more" layer as NN-more.png, whose QR code a
phone (here zbar's `zbarimg`) reads back as that milestone's source."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from explore_helpers import write_deck
from PySide6.QtGui import QColor, QImage

from revkiosk.commands.export import main as export_main
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import MilestoneSlide
from revkiosk.ui.qr import QUIET_ZONE, min_qr_px, qr_image, qr_matrix

REPO = Path(__file__).resolve().parent.parent
needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="needs zbarimg (Debian zbar-tools; scripts/setup.sh)"
)


def decode(path: Path) -> str:
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.stdout.strip()


def export_layers(deck: Path, out: Path) -> str:
    err = io.StringIO()
    assert export_main([str(deck), "--png", str(out), "--layers"], err=err) == 0, err.getvalue()
    return err.getvalue()


@needs_zbar
@pytest.mark.parametrize("which", ["example", "exhibit", "default"])
def test_every_exported_more_layer_carries_its_source_as_a_qr_code(
    qapp, tmp_path: Path, which: str
) -> None:  # type: ignore[no-untyped-def]
    decks = {"example": "example.yaml", "default": "deep-learning-revolution.yaml"}
    deck_path = REPO / "slides" / decks[which] if which in decks else write_deck(tmp_path)
    out = tmp_path / "png"
    export_layers(deck_path, out)
    deck = load_deck(deck_path)
    digits = max(2, len(str(len(deck.slides))))
    expected = {
        f"{number:0{digits}d}-more.png": slide.milestone.more_source
        for number, slide in enumerate(deck.slides, 1)
        if isinstance(slide, MilestoneSlide) and slide.milestone.more is not None
    }
    assert expected, "the deck has more layers to export"
    assert sorted(p.name for p in out.glob("*-more.png")) == sorted(expected)
    for name, source in expected.items():
        assert decode(out / name) == source, name


def test_layers_need_png_output(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    err = io.StringIO()
    status = export_main([str(REPO / "slides" / "example.yaml"), "--pdf", "x.pdf", "--layers"],
                         err=err)  # fmt: skip
    assert status == 1 and "--layers writes PNG files" in err.getvalue()


def test_the_code_keeps_its_quiet_zone_and_whole_pixel_modules(qapp) -> None:  # type: ignore[no-untyped-def]
    url = "https://arxiv.org/abs/2005.14165"
    image = qr_image(url, unit=5)
    assert isinstance(image, QImage)
    matrix = qr_matrix(url)
    assert matrix is not None
    modules = len(matrix) + 2 * QUIET_ZONE
    assert image.width() == modules * 5
    white = QColor("#ffffff").rgb()
    border = [image.pixel(x, y) for x in range(image.width()) for y in range(QUIET_ZONE * 5)]
    assert set(border) == {white}, "four modules of white above the code"
    finder = image.pixel(QUIET_ZONE * 5 + 2, QUIET_ZONE * 5 + 2)
    assert QColor(finder).lightness() == 0, "the finder pattern starts right after the zone"
    assert min_qr_px(96) == 94 and min_qr_px(254) == 250  # 25 mm


@needs_zbar
def test_the_layer_on_screen_shows_a_readable_code_of_at_least_25_mm(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from explore_helpers import ALEXNET

    from revkiosk.app import build_player
    from revkiosk.first_paint import install_parts

    player = build_player(["--no-resume", "--start", str(ALEXNET + 1), str(write_deck(tmp_path))])
    qtbot.addWidget(player.window)
    player.window.resize(1280, 720)
    player.window.show()
    qtbot.waitExposed(player.window)
    install_parts(player)  # what the player does once its first slide is painted
    player.window.trigger("more")
    card = player.parts["explore"].layer.card
    qr = card.qr
    side = qr.code_rect().width()
    assert side >= min_qr_px(qr.screen().physicalDotsPerInch())
    path = tmp_path / "screen.png"
    player.window.grab().save(str(path))
    assert decode(path) == "https://papers.nips.cc/paper/4824"


def test_read_back_finds_a_module_painted_wrong(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect

    from revkiosk.ui.qr import read_back

    url = "https://www.nature.com/articles/nature16961"
    image = qr_image(url, unit=4)
    assert image is not None
    box = QRect(0, 0, image.width(), image.height())
    assert read_back(image, box, url) == 0
    x = y = (QUIET_ZONE + 8) * 4 + 1  # a module beside the top-left finder: flip it
    was_dark = QColor(image.pixel(x, y)).lightness() < 128
    for dx in range(4):
        for dy in range(4):
            image.setPixel(x - 1 + dx, y - 1 + dy, QColor("#fff" if was_dark else "#000").rgb())
    assert read_back(image, box, url) == 1
