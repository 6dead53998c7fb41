"""The running kiosk and its content: updates switch it whole, refused ones leave it alone, a
rollback brings the old deck back, and after a restart a broken or missing deck gives way to
the verified last good copy — said in the status file, never on the visitors' screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from revkiosk.app import build_player
from revkiosk.commands import bundle as bundle_command
from revkiosk.deck.load import load_deck
from revkiosk.kiosk.session import start_kiosk
from revkiosk.kiosk.status import read_json, status_path
from revkiosk.update import install
from revkiosk.update.lastgood import LastGood
from revkiosk.update.store import ContentStore

REPO = Path(__file__).resolve().parent.parent


def write_deck(folder: Path, title: str, slides: int = 4, name: str = "deck.yaml") -> Path:
    """A small deck (text slides and one picture) in `folder/slides/deck.yaml`."""
    (folder / "slides").mkdir(parents=True, exist_ok=True)
    (folder / "media").mkdir(exist_ok=True)
    picture = (REPO / "media/examples/example-image.png").read_bytes()
    (folder / "media" / "picture.png").write_bytes(picture)
    lines = [f"deck:\n  title: {title}\n  slide_seconds: 30\nslides:",
             f"  - {{kind: title, title: {title}, media: media/picture.png}}"]  # fmt: skip
    lines += [f"  - {{kind: text, title: {title} {n}, body: hello}}" for n in range(2, slides + 1)]
    deck = folder / "slides" / name
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return deck


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ContentStore:
    monkeypatch.setenv("REVKIOSK_CONTENT", str(tmp_path / "content"))
    store = ContentStore(tmp_path / "content")
    assert install.update(str(bundle(tmp_path, "Before")), store, render=None).ok
    return store


def bundle(tmp_path: Path, title: str, slides: int = 4, name: str = "deck.yaml") -> Path:
    out = tmp_path / f"{title}.tar.gz"
    deck = write_deck(tmp_path / title, title, slides, name)
    assert bundle_command.main([str(deck), "-o", str(out)]) == 0
    return out


def start(qtbot: QtBot, *args: str):  # type: ignore[no-untyped-def]
    player = build_player(["--kiosk", "--no-resume", *args])
    qtbot.addWidget(player.window)
    player.window.show()
    session = start_kiosk(player)
    return player, session


def stop(session) -> None:  # type: ignore[no-untyped-def]
    session.stop()
    session.guard.is_exiting = True


def status() -> dict:
    data = read_json(status_path())
    assert data is not None
    return data


def test_an_update_switches_the_running_kiosk_whole_on_the_same_slide(
    qtbot: QtBot, tmp_path: Path, content: ContentStore
) -> None:
    player, session = start(qtbot)
    try:
        assert player.deck is not None and player.deck.info.title == "Before"
        player.navigator.go(2)
        assert install.update(str(bundle(tmp_path, "After", 6)), content, render=None).ok
        qtbot.waitUntil(lambda: player.deck.info.title == "After", timeout=5000)
        assert player.navigator.index == 2, "the same slide number"
        assert player.window.progress.label() == "3 / 6", "the new deck's count, at once"
        assert player.window.context is not None and player.window.context.deck is player.deck
        assert player.deck.root.is_relative_to(content.versions.resolve())
        session.write_status()
        assert status()["content"]["title"] == "After"
        assert status()["deck"] == str(content.root / "current/slides/deck.yaml")
        assert status()["content"]["last_update"]["result"] == "installed"
    finally:
        stop(session)


def test_an_update_waits_until_the_visitor_has_gone(
    qtbot: QtBot, tmp_path: Path, content: ContentStore
) -> None:
    """A visitor reading a slide does not see it turn into another deck under their hand."""
    from PySide6.QtCore import Qt

    player, session = start(qtbot)
    try:
        qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)  # a visitor arrives
        assert not session.attract.attracting
        assert install.update(str(bundle(tmp_path, "After")), content, render=None).ok
        qtbot.wait(1200)  # more than two heartbeats
        assert player.deck is not None and player.deck.info.title == "Before"
        assert session.content.pending is not None
        session.attract.went_idle.emit()  # the visitor walked away
        assert player.deck.info.title == "After"
    finally:
        stop(session)


def test_the_schedule_s_own_deck_follows_the_installed_content(
    qtbot: QtBot, tmp_path: Path, content: ContentStore
) -> None:
    """Rules naming no deck play the kiosk's deck: after an update, the new version."""
    player, session = start(qtbot)
    try:
        assert session.content.is_content(session.closing.own_deck)
        after = bundle(tmp_path, "After", name="spring.yaml")  # another file name
        assert install.update(str(after), content, render=None).ok
        qtbot.waitUntil(lambda: player.deck.info.title == "After", timeout=5000)
        assert session.closing.own_deck == content.root / "current/slides/spring.yaml"
    finally:
        stop(session)


def test_a_refused_update_leaves_the_old_deck_on_screen_and_says_why(
    qtbot: QtBot, tmp_path: Path, content: ContentStore
) -> None:
    player, session = start(qtbot)
    try:
        shown = player.deck
        folder = tmp_path / "usb"
        assert (
            bundle_command.main([str(write_deck(tmp_path / "Bad", "Bad")), "-o", str(folder)]) == 0
        )
        (folder / "media" / "picture.png").write_bytes(b"not the picture the manifest hashed")
        outcome = install.update(str(folder), content, render=None)
        assert outcome.result == "refused"
        qtbot.wait(1200)  # more than two heartbeats
        assert player.deck is shown
        session.write_status()
        update = status()["content"]["last_update"]
        assert update["result"] == "refused" and "still playing" in update["message"]
        assert not player.window.is_shown("notice"), "nothing for the visitors to read"
    finally:
        stop(session)


def test_a_rollback_brings_the_previous_deck_back(
    qtbot: QtBot, tmp_path: Path, content: ContentStore
) -> None:
    assert install.update(str(bundle(tmp_path, "After")), content, render=None).ok
    player, session = start(qtbot)
    try:
        assert player.deck is not None and player.deck.info.title == "After"
        assert install.rollback(content).ok
        qtbot.waitUntil(lambda: player.deck.info.title == "Before", timeout=5000)
    finally:
        stop(session)


def test_after_a_restart_a_broken_deck_gives_way_to_the_last_good_copy(
    qtbot: QtBot, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path / "exhibit", "Exhibit")
    player, session = start(qtbot, str(deck))
    session.content.keeper.submit(player.deck)  # what the session does 3 s after a start
    session.content.keeper.wait(30)
    stop(session)
    deck.write_text("deck: [this edit broke it\n", encoding="utf-8")  # … then the power went

    player, session = start(qtbot, str(deck))
    try:
        assert player.deck is not None and player.deck.info.title == "Exhibit"
        assert player.deck_path == deck, "the configured deck is still the one asked for"
        assert not player.window.is_shown("error_screen") and not player.window.is_shown("notice")
        session.write_status()
        fallback = status()["fallback"]
        assert fallback["configured"] == str(deck) and fallback["copy_of"] == str(deck)
        assert "deck.yaml:2:1: error: YAML syntax" in fallback["reason"]
        write_deck(tmp_path / "exhibit", "Exhibit fixed")
        qtbot.waitUntil(lambda: player.deck.info.title == "Exhibit fixed", timeout=5000)
        session.write_status()
        assert status()["fallback"] is None
    finally:
        stop(session)


def test_a_missing_deck_after_a_restart_plays_the_copy_too(qtbot: QtBot, tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "share", "On the share")
    LastGood().remember(load_deck(deck))
    deck.unlink()  # the network share is not mounted this morning
    player, session = start(qtbot, str(deck))
    try:
        assert player.deck is not None and player.deck.info.title == "On the share"
        session.write_status()
        assert "no such file" in status()["fallback"]["reason"]
    finally:
        stop(session)


def test_the_kiosk_command_no_longer_exits_on_a_missing_relative_deck(tmp_path: Path) -> None:
    """`revkiosk kiosk slides/deck.yaml` from the wrong folder, as a unit file may have it:
    the player starts on the last good copy (it used to exit, and systemd to restart it every
    3 s on a black screen)."""
    deck = write_deck(tmp_path / "exhibit", "Exhibit")
    LastGood().remember(load_deck(deck))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO / "src")}
    command = [
        sys.executable,
        "-m",
        "revkiosk",
        "kiosk",
        "slides/deck.yaml",
        "--hang-timeout",
        "20",
    ]
    child = subprocess.Popen(command, cwd=elsewhere, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        data = None
        while time.monotonic() < deadline and child.poll() is None:
            data = read_json(status_path())
            if data and data.get("fallback"):
                break
            time.sleep(0.2)
        assert child.poll() is None, "the kiosk is still running"
        assert data and data["fallback"]["configured"] == str(elsewhere / "slides/deck.yaml")
        assert data["slide_count"] == 4
    finally:
        child.terminate()
        _, err = child.communicate(timeout=20)
    assert f"deck not found: slides/deck.yaml (relative to {elsewhere})" in err
    assert json.dumps("last good copy")[1:-1] in err
