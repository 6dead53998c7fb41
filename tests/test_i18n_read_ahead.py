"""The deck's languages are read on a worker thread after the first paint, and adopted by the
Show only for the deck they were read from (issue 21: Babel's parse of three PO files held the
event loop ~0.2 s right after the first slide painted)."""

from __future__ import annotations

import threading
from pathlib import Path

from i18n_helpers import translated_deck
from window_helpers import window_for

from revkiosk.deck.load import load_deck
from revkiosk.i18n import catalogs, po
from revkiosk.i18n.catalogs import ReadAhead, read_ahead
from revkiosk.resources import default_deck
from revkiosk.ui.explore import install_explore
from revkiosk.ui.language_chooser import install_languages


def test_the_default_deck_is_read_and_translated_off_the_gui_thread(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    deck = load_deck(default_deck())
    window, navigator, show = window_for(deck)
    qtbot.addWidget(window)
    install_explore(window, navigator, show, controls=True)
    window.resize(1280, 720)
    window.show()
    threads: set[str] = set()
    read_po_file = po.read_po_file

    def watched(path: Path) -> object:
        threads.add(threading.current_thread().name)
        return read_po_file(path)

    monkeypatch.setattr(po, "read_po_file", watched)
    catalogs._CACHE.clear()
    chooser = install_languages(window, show)
    shown = lambda: chooser.button is not None and chooser.button.isVisible()  # noqa: E731
    qtbot.waitUntil(shown, timeout=10_000)
    assert threads == {"languages"}  # Babel's parse ran on the worker, not the GUI thread
    assert len(show.languages) >= 3  # English and the shipped translations
    # each was translated on the worker too: a switch is only a rebuild
    assert all(code in show._shown for code in show.languages if code != "en")
    assert chooser.button.text() == "English"


def test_a_switch_uses_what_the_worker_read(tmp_path: Path, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    deck, _po = translated_deck(tmp_path)
    window, _navigator, show = window_for(deck)
    qtbot.addWidget(window)
    window.show()
    chooser = install_languages(window, show)
    qtbot.waitUntil(lambda: chooser._reading is None, timeout=10_000)

    def no_reading(*_args: object) -> None:
        raise AssertionError("read again on the GUI thread")

    monkeypatch.setattr(catalogs, "deck_in", no_reading)
    monkeypatch.setattr(catalogs, "offered_languages", no_reading)
    show.set_language("fr")
    assert show.deck is not None and show.deck.slides[0].title != deck.slides[0].title


def test_what_was_read_for_another_deck_is_not_adopted(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    deck, _po = translated_deck(tmp_path / "one")
    other, _po2 = translated_deck(tmp_path / "two", {})
    window, _navigator, show = window_for(deck)
    qtbot.addWidget(window)
    stale = read_ahead(other)
    assert stale.offered and not show.adopt_languages(stale)  # read from another deck
    assert not show.adopt_languages(ReadAhead(deck, failed=True))  # the worker failed
    assert show.languages == ("en", "fr")  # read here instead
    fresh = read_ahead(deck)
    assert show.adopt_languages(fresh) and "fr" in fresh.decks
