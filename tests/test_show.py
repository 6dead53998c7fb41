"""The Show: the one owner of what is shown. Signals only on a real change, in an order that
lets views rebuild before the navigator follows, and one load path that keeps the last good deck."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from revkiosk.deck.model import Deck, DeckInfo, TextSlide
from revkiosk.settings import VisitorSettings
from revkiosk.show import Show
from revkiosk.theme import DARK, LIGHT

GOOD = """deck:
  title: Shown
  language: fr
slides:
  - kind: title
    title: One
  - kind: text
    title: Two
"""


def deck(count: int = 3, *, theme: str = "dark", language: str = "en") -> Deck:
    root = Path("/nonexistent")
    slides = tuple(TextSlide(kind="text", title=f"Slide {i + 1}") for i in range(count))
    info = DeckInfo(title="T", theme=theme, language=language)  # type: ignore[arg-type]
    return Deck(root / "deck.yaml", root, info, (), (), slides)


def recorder(show: Show) -> list[str]:
    seen: list[str] = []
    show.context_changed.connect(lambda c: seen.append("context"))
    show.deck_changed.connect(lambda d: seen.append("deck"))
    show.language_changed.connect(lambda code: seen.append(f"language {code}"))
    show.visitor_changed.connect(lambda v: seen.append("visitor"))
    return seen


def test_a_new_deck_rebuilds_views_before_its_listeners_move(qtbot: QtBot) -> None:
    show = Show(DARK)
    seen = recorder(show)
    show.set_deck(deck())
    assert seen == ["context", "deck"]
    assert show.context is not None and show.context.deck is show.deck


def test_nothing_is_signalled_when_nothing_changed(qtbot: QtBot) -> None:
    show = Show(DARK)
    show.set_deck(deck())
    seen = recorder(show)
    show.set_deck(deck())  # an equal deck, loaded again (a save without changes)
    show.set_language("en")
    show.update_visitor(text_scale=1.0)
    assert seen == []


def test_language_and_visitor_settings_give_a_new_context(qtbot: QtBot) -> None:
    show = Show(DARK)
    show.set_deck(deck())
    seen = recorder(show)
    show.set_language("de")
    show.update_visitor(text_scale=1.5, contrast="high")
    assert seen == ["language de", "context", "visitor", "context"]
    context = show.context
    assert context is not None and context.language == "de"
    assert context.visitor.text_scale == 1.5 and context.theme.font_scale == 1.5


def test_reset_returns_to_the_museums_defaults_and_the_decks_language(qtbot: QtBot) -> None:
    show = Show(DARK, visitor=VisitorSettings(captions=True))
    show.set_deck(deck(language="fr"))
    assert show.language == "fr" and show.visitor.captions
    show.set_language("es")
    show.update_visitor(text_scale=1.25, captions=False, sound=False)
    show.reset_visitor()
    assert show.language == "fr"
    assert show.visitor == VisitorSettings(captions=True)


def test_the_decks_own_theme_applies_unless_one_was_asked_for(qtbot: QtBot) -> None:
    free = Show(DARK)
    free.set_deck(deck(theme="light"))
    assert free.theme.name == "light" and free.theme.background == LIGHT.background
    fixed = Show(DARK, fixed_theme=True)
    fixed.set_deck(deck(theme="light"))
    assert fixed.theme.name == "dark"


def test_a_failed_load_keeps_the_deck_shown_and_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(GOOD, encoding="utf-8")
    show = Show(DARK, deck_path=path)
    assert show.load()
    good = show.deck
    assert good is not None and show.language == "fr"  # the deck's own language
    path.write_text(GOOD.replace("kind: text", "kind: txet"), encoding="utf-8")
    with qtbot.waitSignal(show.load_failed) as failed:
        assert not show.load()
    assert show.deck is good
    assert any("deck.yaml:" in line and "txet" in line for line in failed.args[0])


def test_load_can_switch_to_another_deck_file(qtbot: QtBot, tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(GOOD.replace("title: Shown", "title: Other"), encoding="utf-8")
    show = Show(DARK, deck_path=first)
    show.load()
    with qtbot.waitSignal(show.deck_changed):
        assert show.load(second)
    assert show.deck_path == second and show.deck is not None
    assert show.deck.info.title == "Other"


def test_a_replaced_media_file_is_a_change_even_with_the_same_deck(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A kiosk's video replaced under the same name must reach the screen."""
    media = tmp_path / "media"
    media.mkdir()
    picture = media / "p.svg"
    picture.write_text("<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>")
    path = tmp_path / "deck.yaml"
    path.write_text(
        "deck: {title: T}\nslides:\n  - {kind: media, media: media/p.svg}\n", encoding="utf-8"
    )
    show = Show(DARK, deck_path=path)
    show.load()
    seen = recorder(show)
    show.load()
    assert seen == []
    picture.write_text("<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>")
    stat = picture.stat()
    os.utime(picture, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    show.load()
    assert seen == ["context", "deck"]


def test_the_context_is_frozen(qtbot: QtBot) -> None:
    show = Show(DARK)
    show.set_deck(deck())
    context = show.context
    assert context is not None
    try:
        context.language = "xx"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover - the assertion below says what went wrong
        raise AssertionError("a view could change what every other view sees")
