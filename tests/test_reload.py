"""Live update: a good deck edit is picked up, a broken one keeps the last good deck."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from revkiosk.deck.load import load_deck
from revkiosk.deck.paths import referenced_files
from revkiosk.kiosk.reload import DeckReloader
from revkiosk.show import Show
from revkiosk.theme import DARK

GOOD = """deck:
  title: Live
slides:
  - kind: title
    title: One
  - kind: text
    title: Two
    body: hello
"""


def _touch_later(path: Path, text: str) -> None:
    """Write and bump the mtime so the watcher (and the change stamp) notice on any filesystem."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def watching(deck_file: Path, *, loaded: bool = True, debounce_ms: int = 50) -> DeckReloader:
    """A Show playing `deck_file` (or failing to, `loaded=False`) and its reloader."""
    show = Show(DARK, deck_path=deck_file)
    if loaded:
        show.set_deck(load_deck(deck_file))
    return DeckReloader(show, debounce_ms=debounce_ms)


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_a_good_edit_reloads_the_deck(qtbot: QtBot, deck_file: Path) -> None:
    reloader = watching(deck_file)
    assert str(deck_file) in reloader.watched
    with qtbot.waitSignal(reloader.the_show.deck_changed, timeout=5000) as blocker:
        _touch_later(deck_file, GOOD.replace("title: Two", "title: Two, revised"))
    deck = blocker.args[0]
    assert [s.heading for s in deck.slides] == ["One", "Two, revised"]
    assert reloader.the_show.deck is deck


def test_an_editor_that_renames_over_the_file_is_still_followed(
    qtbot: QtBot, deck_file: Path
) -> None:
    """Editors save to a temp file and rename it over the deck; the watch must survive that."""
    reloader = watching(deck_file)
    show = reloader.the_show
    for title in ("Second", "Third"):
        tmp = deck_file.with_suffix(".tmp")
        tmp.write_text(GOOD.replace("title: Two", f"title: {title}"), encoding="utf-8")
        os.replace(tmp, deck_file)
        qtbot.waitUntil(lambda t=title: show.deck.slides[1].heading == t, timeout=5000)


def test_a_broken_edit_keeps_the_last_good_deck(qtbot: QtBot, deck_file: Path) -> None:
    reloader = watching(deck_file)
    show = reloader.the_show
    good = show.deck
    with qtbot.waitSignal(show.load_failed, timeout=5000) as blocker:
        _touch_later(deck_file, GOOD.replace("kind: text", "kind: txet"))
    messages = blocker.args[0]
    assert any("txet" in m and "deck.yaml:" in m for m in messages), messages
    assert show.deck is good
    # … and once the author fixes it, the fix is picked up.
    with qtbot.waitSignal(show.deck_changed, timeout=5000):
        _touch_later(deck_file, GOOD.replace("body: hello", "body: fixed"))


def test_a_save_without_changes_does_not_swap_the_deck(qtbot: QtBot, deck_file: Path) -> None:
    reloader = watching(deck_file, debounce_ms=10)
    deck_file.write_text(GOOD, encoding="utf-8")  # same content, same media
    with qtbot.assertNotEmitted(reloader.the_show.deck_changed, wait=300):
        assert not reloader.reload_now()


def test_referenced_files_lists_every_file_a_deck_names() -> None:
    deck = load_deck(Path(__file__).resolve().parent.parent / "slides" / "example.yaml")
    names = {p.name for p in referenced_files(deck)}
    assert names, "the example deck uses media"
    assert all(p.is_absolute() for p in referenced_files(deck))


def test_a_deck_that_failed_to_load_comes_up_once_fixed(qtbot: QtBot, deck_file: Path) -> None:
    deck_file.write_text("deck: [", encoding="utf-8")
    reloader = watching(deck_file, loaded=False)
    with qtbot.waitSignal(reloader.the_show.deck_changed, timeout=5000):
        _touch_later(deck_file, GOOD)
    deck = reloader.the_show.deck
    assert deck is not None and len(deck.slides) == 2
