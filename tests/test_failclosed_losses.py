"""Issue 22, class 9: nothing is lost silently.

A 5,000-word body was cut through the glyphs with no mark and no `check` warning; CJK and emoji
rendered as boxes with no warning; an aspect of 1:1000 gave an empty screen; a 40-digit PIN
passed `check` but could not be typed; line numbers were off by one after U+2028 or U+0085.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from deck_helpers import BASE, problems
from pytestqt.qtbot import QtBot

from revkiosk.commands.check import check_deck
from revkiosk.settings import parse_settings

WORDS = " ".join(f"word{i % 97}" for i in range(5000))
LONG = {
    "text body": f'  - {{kind: text, title: Long, body: "{WORDS}"}}',
    "text bullets": "  - kind: text\n    title: Bullets\n    bullets: ["
    + ", ".join(f'"{WORDS[:400]}"' for _ in range(12))
    + "]",
    "quote": f'  - {{kind: quote, text: "{WORDS[:6000]}", author: Someone}}',
    "title slide": f'  - {{kind: title, title: "{WORDS[:4000]}"}}',
    "text title": f'  - {{kind: text, title: "{WORDS[:3000]}", body: Short.}}',
    "milestone body": f'  - {{kind: milestone, milestone: alexnet, body: "{WORDS}"}}',
}


def _deck(folder: Path, slide: str) -> Path:
    path = folder / "deck.yaml"
    path.write_text(BASE + slide + "\n", encoding="utf-8")
    return path


def _check(path: Path) -> tuple[int, list]:
    """`revkiosk check` with its layout pass at 1920x1080 (what a plain `check FILE` does)."""
    layout = argparse.Namespace(shapes=None, aspect=None, text_scale=1.0, lang=None)
    return check_deck(path, layout)


@pytest.mark.parametrize("member", list(LONG))
def test_text_that_cannot_fit_is_paged_or_ends_with_an_ellipsis_never_cut_through(
    qtbot: QtBot, tmp_path: Path, member: str
) -> None:
    """Every box either shows its text in pages ("1 / N ›") or, when it cannot page (a title,
    a quote), cuts it after a whole line with "…" and `check` warns; no line is drawn outside
    its box, so no glyph is sliced by the box's edge."""
    from PySide6.QtCore import QRectF, QSize

    from revkiosk.context import ViewContext
    from revkiosk.deck.load import load_deck
    from revkiosk.theme import theme_named
    from revkiosk.ui.render import offscreen_view
    from revkiosk.ui.slides.widgets import FitText

    path = _deck(tmp_path, LONG[member])
    status, found = _check(path)
    assert status == 0
    deck = load_deck(path)
    context = ViewContext(deck=deck, theme=theme_named("dark"))
    with offscreen_view(deck.slides[0], context, QSize(1920, 1080)) as view:
        boxes = [t for t in view.findChildren(FitText) if t.isVisible() and t.text()]
        cut = [t for t in boxes if t.is_elided()]
        paged = [t for t in boxes if t.page_count() > 1]
        assert cut or paged, "the long text is marked as going on"
        for text in boxes:
            room = QRectF(text.rect()).adjusted(0, 0, 0, 1)
            assert room.contains(text.text_rect()), f"{text.element} drawn outside its box"
            assert text.pixel_size() >= 6
        for text in cut:
            shown = text._doc.toPlainText()
            assert shown.endswith("\u2026"), shown[-40:]
        for text in paged:
            assert text.text_runs()[-1].text == f"1 / {text.page_count()} ›"
    warnings = [p for p in found if "cut" in p.message and "shortened with …" in p.message]
    if cut:
        assert warnings and warnings[0].location.line == 14, [str(p) for p in found]
        assert "slide 1" in warnings[0].message
    else:  # pages show every word; the pace rule still says it is too long to read
        assert any("words" in p.message for p in found), [str(p) for p in found]


def _covered_by_fontconfig(char: str) -> bool:
    """Whether any installed font has `char`, as fontconfig (not Qt) says."""
    if shutil.which("fc-list") is None:
        pytest.skip("needs fontconfig's fc-list")
    found = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "family"],
        capture_output=True,
        text=True,
        check=False,
    )
    return bool(found.stdout.strip())


@pytest.mark.parametrize(
    "char",
    ["中", "한", "\U00010000", "\U00012000", "\U00013000", "\U0001f9ff", "ä", "Ж"],
    ids=["CJK", "Hangul", "Linear B", "Cuneiform", "Hieroglyph", "emoji", "Latin", "Cyrillic"],
)
def test_characters_no_font_draws_are_a_warning_naming_slide_and_character(
    tmp_path: Path, char: str
) -> None:
    path = _deck(tmp_path, f'  - {{kind: text, title: "Title {char}", body: "Body {char}"}}')
    _status, found = _check(path)
    warned = [p for p in found if "no installed font draws" in p.message]
    if _covered_by_fontconfig(char):
        assert warned == [], "a character a font has is no problem"
        return
    assert len(warned) == 1 and warned[0].location.line == 14
    assert f"U+{ord(char):04X}" in warned[0].message and "slide 1 (text)" in warned[0].message


@pytest.mark.parametrize("aspect", ["1:1000", "1000:1", "1:5", "9:1", "100000:99999", "0:9"])
def test_absurd_aspects_are_refused_with_a_clear_error(tmp_path: Path, aspect: str) -> None:
    text = BASE.replace("  title: T\n", f'  title: T\n  aspect: "{aspect}"\n')
    found = problems(tmp_path, text + "  - {kind: title, title: A}\n")
    assert found[0][:2] == (3, 11)
    assert "ratio" in found[0][2]
    # The same ratio from settings.yaml or `--aspect` is refused too, never letterboxed.
    settings, notices = parse_settings({"aspect": aspect})
    assert settings.aspect is None and notices and "aspect" in notices[0]
    from revkiosk.shape import parse_aspect

    with pytest.raises(ValueError):
        parse_aspect(aspect)


@pytest.mark.parametrize(
    "pin",
    ["1" * 40, "'²³⁴⁵'", "'٣٤٥٦'", "12a4", "'12 34'", "'-1234'", "'१२३४'", "1234567890123"],
)
def test_a_pin_that_cannot_be_typed_is_refused_in_the_deck_and_in_settings(
    tmp_path: Path, pin: str
) -> None:
    text = BASE.replace("  title: T\n", f"  title: T\n  kiosk: {{pin: {pin}}}\n")
    found = problems(tmp_path, text + "  - {kind: title, title: A}\n")
    assert found[0][0] == 3 and "pin:" in found[0][2] and "digits" in found[0][2]
    settings, notices = parse_settings({"pin": yaml.safe_load(pin)})
    assert settings.pin is None and notices and "digits" in notices[0]


def test_typeable_pins_pass_as_written(tmp_path: Path) -> None:
    text = BASE.replace("  title: T\n", "  title: T\n  kiosk: {pin: 0123}\n")
    from deck_helpers import load_text

    deck = load_text(tmp_path, text + "  - {kind: title, title: A}\n")
    assert deck.info.kiosk.pin == "0123"
    from revkiosk.settings import load_settings

    settings_file = tmp_path / "settings.yaml"
    settings_file.write_text("pin: 0123\n", encoding="utf-8")
    assert load_settings(settings_file)[0].pin == "0123", "not octal 83"


BREAKS = {"LINE SEPARATOR": "\u2028", "PARAGRAPH SEPARATOR": "\u2029", "NEL": "\u0085"}


@pytest.mark.parametrize("name", list(BREAKS))
@pytest.mark.parametrize("where", ["comment", "quoted", "plain"])
@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
def test_line_numbers_count_lines_as_editors_do(
    tmp_path: Path, name: str, where: str, loader: type
) -> None:
    char = BREAKS[name]
    line = {
        "comment": f"  - {{kind: title, title: A}}  # a note{char}still the note",
        "quoted": f'  - {{kind: title, title: "A{char}B"}}',
        "plain": f"  - {{kind: text, title: A, body: x{char}y}}",
    }[where]
    text = BASE + line + "\n  - {kind: title, titel: B}\n"
    from deck_helpers import write

    from revkiosk.deck.load import load_deck
    from revkiosk.deck.model import DeckError

    path = write(tmp_path, text)
    with pytest.raises(DeckError) as caught:
        load_deck(path, loader=loader)
    located = [(p.location.line, p.message) for p in caught.value.problems if "titel" in p.message]
    if where == "comment":  # YAML itself ends the comment at the break: the rest is an error,
        # found where the scanner gives up: on the editor's line 14 or 15, never a line later
        assert caught.value.problems[0].location.line in (14, 15)
        return
    assert located and located[0][0] == 15, caught.value.problems
