"""The parsed-deck cache (issue 3, start-up time): a current entry skips the YAML loader, and
nothing stale, damaged or foreign is ever served."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from revkiosk.deck import cache
from revkiosk.deck.cache import open_deck
from revkiosk.deck.load import load_deck
from revkiosk.deck.model import DeckError

DECK = """\
deck: {title: Cached talk}
slides:
  - {kind: title, title: Hello}
  - {kind: text, title: Two, media: media/picture.png}
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "talk" / "deck.yaml"
    path.parent.mkdir()
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def cached_once(deck_file: Path, folder: Path):
    """Load through the cache (a miss) and store the entry, as the player does after painting."""
    deck, store = open_deck(deck_file, folder)
    assert store is not None and store()
    return deck


def no_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> None:
        raise AssertionError("the YAML loader ran although the cache entry is current")

    monkeypatch.setattr(cache, "_load", refuse)


def test_a_current_entry_gives_the_same_deck_without_the_loader(
    deck_file, folder, monkeypatch
) -> None:
    first = cached_once(deck_file, folder)
    no_loader(monkeypatch)
    second, store = open_deck(deck_file, folder)
    assert store is None
    assert second == first == load_deck(deck_file)
    assert second.warnings == first.warnings  # the missing picture is still reported
    assert second.slides[0].location == first.slides[0].location  # file:line survive too


def test_an_edited_deck_is_never_served_stale_even_with_size_and_time_kept(
    deck_file, folder
) -> None:
    cached_once(deck_file, folder)
    stat = deck_file.stat()
    deck_file.write_text(DECK.replace("Cached talk", "Edited talk"), encoding="utf-8")
    os.utime(deck_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an editor restoring mtime
    deck, store = open_deck(deck_file, folder)
    assert deck.info.title == "Edited talk"
    assert store is not None  # a miss: the new deck gets its own entry


def test_a_broken_edit_raises_the_loader_error_not_the_old_deck(deck_file, folder) -> None:
    cached_once(deck_file, folder)
    deck_file.write_text("deck: {title: X}\nslides: [{kind: nope}]\n", encoding="utf-8")
    with pytest.raises(DeckError, match="nope"):
        open_deck(deck_file, folder)


def test_media_appearing_reloads_so_the_old_warning_goes(deck_file, folder) -> None:
    assert cached_once(deck_file, folder).warnings  # media/picture.png is missing
    picture = deck_file.parent / "media" / "picture.png"
    picture.parent.mkdir()
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    deck, store = open_deck(deck_file, folder)
    assert store is not None and deck.warnings == ()


def entry_of(folder: Path) -> Path:
    (entry,) = folder.glob("*.deck")
    return entry


def calling(module: str, name: str, argument: str) -> bytes:
    """A pickle that calls `module.name(argument)` when loaded (pickle's code-execution hole),
    written opcode by opcode: protocol 4 resolves dotted names such as `pathlib.os.mkdir`."""

    def text(value: str) -> bytes:
        data = value.encode()
        return b"\x8c" + bytes([len(data)]) + data  # SHORT_BINUNICODE

    call = text(module) + text(name) + b"\x93" + text(argument) + b"\x85R"  # STACK_GLOBAL, REDUCE
    return b"\x80\x04" + call + b"]\x86."  # (result, []) as an entry holds (deck, dependencies)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda blob: blob[: len(blob) // 2], id="truncated"),
        pytest.param(lambda blob: b"", id="empty"),
        pytest.param(lambda blob: os.urandom(len(blob)), id="garbage"),
        pytest.param(lambda blob: blob[:-5] + bytes([blob[-5] ^ 0xFF]) + blob[-4:], id="bit-flip"),
        pytest.param(lambda blob: blob.replace(b"\n", b"\r\n", 1), id="line-endings"),
    ],
)
def test_a_damaged_entry_is_ignored_and_replaced(deck_file, folder, damage) -> None:
    cached_once(deck_file, folder)
    entry = entry_of(folder)
    entry.write_bytes(damage(entry.read_bytes()))
    deck, store = open_deck(deck_file, folder)  # no exception: a normal load instead
    assert deck == load_deck(deck_file)
    assert store is not None and store()
    assert open_deck(deck_file, folder)[1] is None  # the rewritten entry is good again


@pytest.mark.parametrize("kind", ["function", "dotted-name"])
def test_an_entry_naming_foreign_code_is_refused_even_with_a_valid_checksum(
    deck_file, folder, tmp_path, kind
) -> None:
    marker = tmp_path / "code-ran"
    if kind == "function":
        payload = calling("os", "mkdir", str(marker))
    else:  # pathlib is allowed for paths, but not `pathlib.os.mkdir`
        payload = calling("pathlib", "os.mkdir", str(marker))
    cached_once(deck_file, folder)
    entry = entry_of(folder)
    head = entry.read_bytes().partition(b"\n\n")[0].split(b"\n")
    digest = cache.sha256(payload).hexdigest().encode()
    entry.write_bytes(head[0] + b"\n" + head[1] + b"\n" + digest + b"\n\n" + payload)
    deck, store = open_deck(deck_file, folder)
    assert deck == load_deck(deck_file) and store is not None
    assert not marker.exists()


def test_a_loader_change_invalidates_old_entries(deck_file, folder, monkeypatch) -> None:
    cached_once(deck_file, folder)
    monkeypatch.setattr(cache, "_source_digest", b"another loader")
    assert open_deck(deck_file, folder)[1] is not None


def test_an_unwritable_cache_folder_is_not_an_error(deck_file, tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    deck, store = open_deck(deck_file, blocker / "decks")
    assert deck.info.title == "Cached talk"
    assert store is not None and store() is False


def test_a_missing_deck_raises_the_loaders_error(tmp_path, folder) -> None:
    with pytest.raises(DeckError, match="no such file"):
        open_deck(tmp_path / "gone.yaml", folder)


# --- the player -------------------------------------------------------------------------------


def test_the_player_reuses_the_entry_and_shows_an_edit_at_the_next_start(qtbot, deck_file) -> None:
    from revkiosk.app import build_player

    def start():
        player = build_player([str(deck_file), "--no-resume"])
        qtbot.addWidget(player.window)
        return player

    first = start()
    assert first.write_deck_cache()  # what the player does after its first paint
    second = start()
    assert second.pending_cache is None and second.deck == first.deck  # served from the cache
    deck_file.write_text(DECK.replace("Cached talk", "Edited talk"), encoding="utf-8")
    third = start()
    assert third.window.windowTitle().startswith("Edited talk")


def test_a_real_process_leaves_an_entry_that_the_next_start_uses(deck_file, tmp_path) -> None:
    """…and that start needs no YAML parser; the garbage collector, paused while starting
    (first_paint.resume_gc), runs again once the slide is up — from the GUI thread's timer
    (ui.collector), never from a worker thread."""
    import subprocess
    import sys

    from revkiosk.app import FIRST_PAINT_MARKER

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"),
        "REVKIOSK_EXIT_AFTER_FIRST_PAINT": "1",
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
    }
    code = (
        "import gc, sys, revkiosk.app as a; rc = a.main(sys.argv[1:]); "
        "from PySide6.QtCore import QCoreApplication as Q; "
        "from revkiosk.ui.collector import GuiThreadCollector as C; "
        "on = Q.instance().findChild(C) is not None and not gc.isenabled(); "
        "print('yaml:', 'yaml' in sys.modules, 'gc:', on); sys.exit(rc)"
    )
    written, said = [], []
    for _ in range(2):  # a miss that writes the entry on the way out, then a hit
        result = subprocess.run(
            [sys.executable, "-c", code, str(deck_file), "--no-resume"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert f"{FIRST_PAINT_MARKER} 1/2" in result.stdout, result.stderr
        assert "Traceback" not in result.stderr
        said.append(result.stdout.splitlines()[-1])
        written.append(entry_of(tmp_path / "xdg-cache" / "revkiosk" / "decks").stat().st_mtime_ns)
    assert written[0] == written[1]  # the second start read the entry and had nothing to write
    assert said == ["yaml: True gc: True", "yaml: False gc: True"]
