"""The player's layouts never wait for a language's hyphenation patterns (issue 21): German's
take pyphen ~0.45 s to read. A text laid out before they are read is laid out whole; once they
arrive the views are built again and long words break."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from window_helpers import window_for

from revkiosk.deck.load import load_deck
from revkiosk.ui import hyphenate
from revkiosk.ui.fit_text import forget_shared_measures
from revkiosk.ui.hyphenate_later import install_hyphenation
from revkiosk.ui.slides.widgets import FitText

LONG = "Bildklassifikationswettbewerbsergebnisse"


@pytest.fixture
def slow_patterns(monkeypatch):  # type: ignore[no-untyped-def]
    """No patterns read yet in this process, and reading them waits for `gate`."""
    monkeypatch.setattr(hyphenate, "_loaded", {})
    monkeypatch.setattr(hyphenate, "_loading", {})
    monkeypatch.setattr(hyphenate, "_missed", set())
    gate = threading.Event()
    read = hyphenate.read_patterns

    def gated(language: str):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return read(language)

    monkeypatch.setattr(hyphenate, "read_patterns", gated)
    forget_shared_measures()
    yield gate
    gate.set()
    forget_shared_measures()


def german(qtbot, text: str = LONG) -> FitText:  # type: ignore[no-untyped-def]
    label = FitText(color="#000000")
    qtbot.addWidget(label)
    label.language = "de"
    label.set_content(text)
    label.set_max_pixel_size(48)
    return label


def test_a_layout_goes_on_without_patterns_being_read(qtbot, slow_patterns) -> None:  # type: ignore[no-untyped-def]
    misses: list[int] = []
    hyphenate.layouts_never_wait(lambda: misses.append(1))
    start = time.perf_counter()
    whole = german(qtbot).measure(300, 400)
    assert time.perf_counter() - start < 2  # did not wait for the gate (10 s)
    assert misses  # laid out whole (shrunk to fit one line), and the player told
    assert hyphenate.arrived() == set() and hyphenate.awaited()
    slow_patterns.set()
    qtbot.waitUntil(lambda: "de" in hyphenate._loaded, timeout=10_000)
    assert hyphenate.arrived() == {"de"} and not hyphenate.awaited()
    forget_shared_measures()
    hyphenated = german(qtbot).measure(300, 400)  # the word breaks by German rules now
    assert hyphenated.broken and hyphenated.px > whole.px * 1.5


def test_check_and_hyphenate_still_wait_for_the_patterns(qtbot, slow_patterns) -> None:  # type: ignore[no-untyped-def]
    threading.Timer(0.2, slow_patterns.set).start()
    fit = german(qtbot).measure(300, 400)  # the default policy waits: hyphenated at once
    assert fit.broken and fit.px > 20
    assert hyphenate.SOFT_HYPHEN in hyphenate.hyphenate(LONG, "de")


def test_the_player_rebuilds_its_views_when_the_patterns_arrive(
    tmp_path: Path, qtbot, slow_patterns
) -> None:  # type: ignore[no-untyped-def]
    deck_file = tmp_path / "deck.yaml"
    deck_file.write_text(
        "deck:\n  title: Wettbewerb\n  language: de\nslides:\n"
        f"  - kind: title\n    title: {LONG}\n",
        encoding="utf-8",
    )
    window, _navigator, _show = window_for(load_deck(deck_file))
    qtbot.addWidget(window)
    install_hyphenation(window)
    window.resize(540, 960)  # a portrait totem: the word is wider than the screen
    window.show()
    qtbot.waitExposed(window)
    first = window.stage.current_view()
    assert first is not None
    before = max(label.pixel_size() for label in first.findChildren(FitText))
    slow_patterns.set()
    qtbot.waitUntil(lambda: window.stage.current_view() is not first, timeout=10_000)
    view = window.stage.current_view()
    after = max(label.pixel_size() for label in view.findChildren(FitText))
    assert after > before * 1.3  # the title broken by German rules, in larger type


@pytest.fixture
def fresh_pyphen(monkeypatch):  # type: ignore[no-untyped-def]
    """A process that has read no patterns yet (pyphen's own cache included)."""
    import pyphen

    monkeypatch.setattr(hyphenate, "_loaded", {})
    monkeypatch.setattr(hyphenate, "_loading", {})
    monkeypatch.setattr(pyphen, "hdcache", {})
    return pyphen


def test_parsed_patterns_are_kept_and_read_back_without_parsing(fresh_pyphen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pyphen = fresh_pyphen
    expected = hyphenate.hyphenate(LONG, "de")  # parsed from LibreOffice's file, and kept
    assert hyphenate.SOFT_HYPHEN in expected
    kept = list((hyphenate.table_file(pyphen, "de")).parent.glob("de-*.marshal"))
    assert len(kept) == 1
    monkeypatch.setattr(hyphenate, "_loaded", {})
    monkeypatch.setattr(pyphen, "hdcache", {})

    def no_parsing(self, path):  # type: ignore[no-untyped-def]
        raise AssertionError("parsed again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", no_parsing)
    assert hyphenate.hyphenate(LONG, "de") == expected  # the same breaks, from the kept table


def test_a_cut_or_corrupted_table_is_parsed_from_the_source(fresh_pyphen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pyphen = fresh_pyphen
    expected = hyphenate.hyphenate(LONG, "de")
    path = hyphenate.table_file(pyphen, "de")
    data = path.read_bytes()
    for broken in (data[: len(data) // 2], data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]):
        path.write_bytes(broken)
        monkeypatch.setattr(hyphenate, "_loaded", {})
        monkeypatch.setattr(pyphen, "hdcache", {})
        assert hyphenate.hyphenate(LONG, "de") == expected
        assert path.read_bytes() == data  # replaced by a sound table, not left to fail again


def test_pyphen_internals_the_table_cache_relies_on() -> None:
    """`hdcache` maps a pattern file to its parsed `HyphDict`, whose `patterns`, `cache` and
    `maxlen` are what hyphenating reads: if a pyphen release changes that, this fails."""
    import inspect

    import pyphen

    assert isinstance(pyphen.hdcache, dict)
    source = inspect.getsource(pyphen.Pyphen.__init__)
    assert "hdcache" in source
    positions = inspect.getsource(pyphen.HyphDict.positions)
    assert all(name in positions for name in ("self.patterns", "self.cache", "self.maxlen"))


def test_patterns_that_cannot_be_read_mean_whole_words_not_retries(
    qtbot, monkeypatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(hyphenate, "_loaded", {})
    monkeypatch.setattr(hyphenate, "_loading", {})
    monkeypatch.setattr(hyphenate, "_missed", set())
    reads: list[str] = []
    gate = threading.Event()

    def broken(language: str) -> None:
        reads.append(language)
        gate.wait(10)  # not before the layout has gone on without them
        raise OSError("the patterns are gone")

    monkeypatch.setattr(hyphenate, "read_patterns", broken)
    hyphenate.layouts_never_wait()
    forget_shared_measures()
    german(qtbot).measure(300, 400)
    gate.set()
    qtbot.waitUntil(lambda: "de" in hyphenate._loaded, timeout=5_000)
    assert hyphenate.arrived() == {"de"} and not hyphenate.awaited()  # the views rebuilt once
    forget_shared_measures()
    german(qtbot).measure(300, 400)  # laid out whole again, without reading again
    assert reads == ["de"] and "could not be read" in caplog.text
    assert hyphenate.hyphenate(LONG, "de") == LONG
