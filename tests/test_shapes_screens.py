"""`aspect: auto` and overrides, export and player agreeing on a screen's shape, the layout half
of `revkiosk check` (the legibility floor on every shipped deck), pages at a visitor's larger
text, and previews and hyphenation that follow the shape (issue 23)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
from pixels import rgb
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from shape_samples import hard_deck
from test_export import DECK, write_deck
from window_helpers import window_for

from revkiosk.commands import check, export
from revkiosk.deck.load import load_deck
from revkiosk.options import parse_options
from revkiosk.settings import Settings, parse_settings
from revkiosk.shape import parse_aspect, parse_shape

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p for p in (REPO / "slides").glob("*.yaml") if "schedule" not in p.name)
DEFAULT = REPO / "slides" / "deep-learning-revolution.yaml"
LAYOUT = re.compile(r"^\d+x\d+( at [\d.]+x text)?( in [\w-]+)?: ")


def layout_warnings(argv: list[str]) -> list[str]:
    """The layout warnings `revkiosk check` prints (they start with the screen's size)."""
    out = io.StringIO()
    assert check.main([*argv, "--json"], out=out) == 0
    return [p["message"] for p in json.loads(out.getvalue()) if LAYOUT.match(p["message"])]


def test_aspect_auto_reads_from_deck_settings_and_command_line(tmp_path):
    path = write_deck(tmp_path, DECK.replace("  author: revkiosk tests", "  aspect: auto"))
    assert load_deck(path).info.aspect is None
    assert load_deck(write_deck(tmp_path, DECK)).info.aspect == (16, 9)
    assert parse_settings({"aspect": 969})[0].aspect == "16:9"  # YAML's unquoted 16:9
    assert parse_settings({"aspect": "auto"})[0].aspect == "auto"
    assert "aspect" in parse_settings({"aspect": "tall"})[1][0]
    assert parse_options(["--aspect", "auto"]).aspect == "auto"
    with pytest.raises(SystemExit):
        parse_options(["--aspect", "wide"])
    assert parse_aspect("21:9") == (21, 9) and parse_shape("9:16") == (1080, 1920)


@pytest.mark.parametrize(
    ("aspect", "rect"), [(None, (0, 0, 540, 960)), ("16:9", (0, 328, 540, 304))]
)
def test_a_portrait_window_is_filled_for_auto_and_letterboxed_for_a_ratio(
    qtbot, tmp_path, aspect, rect
):
    deck = hard_deck(tmp_path, aspect=None)
    window, _nav, _show = window_for(deck, Settings(transition="none", aspect=aspect))
    qtbot.addWidget(window)
    window.resize(540, 960)
    window.show()
    qtbot.waitExposed(window)
    slide = window.stage.slide_rect()
    assert (slide.x(), slide.y(), slide.width(), slide.height()) == rect
    assert window.stage.current_view().geometry() == slide


def test_export_and_the_player_show_the_same_portrait_slide(qtbot, tmp_path):
    """The same milestone through the stage of a real 1080x1920 window and through export."""
    deck = hard_deck(tmp_path, aspect=None)
    window, nav, _show = window_for(deck, Settings(transition="none"), start=2)
    qtbot.addWidget(window)
    window.resize(1080, 1920)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.stage.current_view().size() == QSize(1080, 1920))
    view = window.stage.current_view()
    qtbot.wait(50)
    played = rgb(view.grab().toImage())
    from revkiosk.context import ViewContext
    from revkiosk.theme import theme_named
    from revkiosk.ui.render import render_on_screen

    exported = render_on_screen(deck.slides[2], ViewContext(deck, theme_named("dark")),
                                QSize(1080, 1920), deck.info.aspect)  # fmt: skip
    differs = (np.abs(played.astype(int) - rgb(exported).astype(int)) > 24).any(axis=-1)
    assert differs.mean() < 0.01


def test_export_honours_the_deck_aspect_and_overrides_it(qapp, tmp_path):
    path = write_deck(tmp_path)
    assert export.main([str(path), "--png", str(tmp_path / "a"), "--size", "1080x1920"],
                       err=io.StringIO()) == 0  # fmt: skip
    boxed = QImage(str(tmp_path / "a" / "02-section.png"))
    assert boxed.size() == QSize(1080, 1920)
    top = rgb(boxed)[:300]
    assert (top == top[0, 0]).all()  # a 16:9 deck letterboxes a portrait screen: bars
    assert (
        export.main(
            [
                str(path),
                "--png",
                str(tmp_path / "b"),
                "--size",
                "1080x1920",
                "--aspect",
                "auto",
                "--text-scale",
                "1.5",
            ],
            err=io.StringIO(),
        )
        == 0
    )
    filled = rgb(QImage(str(tmp_path / "b" / "02-section.png")))
    assert not (filled[:300] == filled[0, 0]).all()  # the slide fills the screen


@pytest.mark.parametrize("deck", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_deck_passes_the_legibility_check_at_1080p(qapp, deck):
    assert layout_warnings([str(deck)]) == []


def test_the_default_deck_at_150_percent_has_no_cut_or_overlapping_text(qapp):
    assert layout_warnings([str(DEFAULT), "--text-scale", "1.5"]) == []


def test_check_names_the_slide_and_element_and_the_letterbox(qapp, tmp_path):
    path = write_deck(tmp_path)
    out = io.StringIO()
    assert check.main([str(path), "--shapes", "9:16"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert any("letterboxes this screen to a 1080x608 slide" in line for line in lines)
    floor = [line for line in lines if "below the floor" in line]
    assert floor and all(line.startswith(f"{path}:") for line in floor)
    line = 1 + DECK.splitlines().index("  - kind: milestone")
    assert any(
        f":{line}:5: warning: 1080x1920: slide 3 (milestone), source line:" in x for x in floor
    )
    out = io.StringIO()
    assert check.main([str(path), "--shapes", "9:16,4:3", "--aspect", "auto"], out=out) == 0
    assert out.getvalue() == ""


def test_next_turns_the_pages_of_a_long_body_before_the_slide(qtbot, tmp_path):
    deck = hard_deck(tmp_path, aspect=None)
    from revkiosk.settings import VisitorSettings

    window, nav, show = window_for(deck, Settings(transition="none"), start=5)
    show.update_visitor(text_scale=1.5)
    qtbot.addWidget(window)
    window.resize(1080, 1920)
    window.show()
    qtbot.waitExposed(window)
    view = window.stage.current_view()
    assert show.visitor == VisitorSettings(text_scale=1.5)
    pages = view.page_count()
    assert pages > 1
    for page in range(1, pages):
        assert window.trigger("next")
        assert nav.index == 5 and view.page() == page
    assert window.trigger("next") and nav.index == 6


def test_presenter_previews_take_the_audience_shape():
    from revkiosk.ui.presenter.previews import preview_size

    assert preview_size(QSize(1080, 1920)).height() > preview_size(QSize(1080, 1920)).width()
    size = preview_size(QSize(1920, 1080))
    assert (size.width(), size.height()) == (960, 540)


def test_a_long_german_word_hyphenates_by_german_rules(qtbot):
    from revkiosk.ui.fit_text import FitText

    box = FitText(element="title")
    qtbot.addWidget(box)
    box.language = "de"
    box.set_content("Bildklassifikationswettbewerb")
    box.set_max_pixel_size(100)
    box.set_floor(31)
    box.resize(420, 600)
    runs = box.text_runs()
    assert len(runs) > 1 and box.pixel_size() >= 72
    assert "".join(run.text for run in runs) == "Bildklassifikationswettbewerb"
    assert all(not run.broken_word for run in runs)  # each break at a German syllable


def test_check_lays_out_each_language_or_those_named(qapp):
    out = io.StringIO()
    assert check.main([str(DEFAULT), "--lang", "fr,xx"], out=out) == 0
    lines = out.getvalue().splitlines()
    assert any("no translation into xx (offered: en, de, es, fr)" in line for line in lines)
    assert not any(" in fr" in line for line in lines)  # French lays out with no warning


def test_the_forecast_chart_is_whole_in_every_shape_and_language(qapp):
    """The default deck's forecast slide alone, as `check --shapes … --aspect auto` lays it
    out in each of its languages: near-square screens left it no room for its rows' labels."""
    import dataclasses

    from revkiosk.commands.check_layout import layout_problems

    deck = load_deck(DEFAULT)
    forecast = next(s for s in deck.slides if getattr(s, "chart", None) == "forecast")
    alone = dataclasses.replace(deck, slides=(forecast,))
    sizes = [(1440, 1080), (1350, 1080), (1728, 1080), (1080, 1920), (1080, 1440), (1280, 1024)]
    problems = layout_problems(alone, sizes, parse_aspect("auto"))
    assert [p.message for p in problems] == []
