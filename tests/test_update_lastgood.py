"""The verified copy of the last good deck, and the watcher that installs bundles by itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from update_helpers import make_bundle, make_deck

from revkiosk.deck.load import load_deck
from revkiosk.update import install
from revkiosk.update.lastgood import LastGood
from revkiosk.update.store import ContentStore
from revkiosk.update.watch import UpdateWatcher


def test_the_last_good_deck_is_copied_whole_and_restored(tmp_path: Path) -> None:
    deck_file = make_deck(tmp_path / "src", "Played")
    last = LastGood(tmp_path / "state" / "last-good")
    assert last.restore() is None, "nothing played yet"
    assert last.remember(load_deck(deck_file))
    assert not last.remember(load_deck(deck_file)), "unchanged files are not copied again"
    deck_file.write_text("deck: [broken")  # the author's copy breaks
    copy = last.restore()
    assert copy is not None and copy.source == str(deck_file)
    deck = load_deck(copy.deck_path)
    assert deck.info.title == "Played" and len(deck.slides) == 12
    assert (copy.deck_path.parent / "locale" / "fr.po").is_file(), "translations travel along"
    assert deck.root.is_relative_to((tmp_path / "state" / "last-good").resolve())


def test_a_damaged_copy_is_not_played(tmp_path: Path) -> None:
    last = LastGood(tmp_path / "last-good")
    last.remember(load_deck(make_deck(tmp_path / "src", "Played")))
    copy = last.restore()
    assert copy is not None
    picture = copy.deck_path.parent.parent / "media/examples/example-image.png"
    picture.write_bytes(picture.read_bytes()[:-10] + b"0123456789")  # a bad SD card sector
    assert last.restore() is None


def test_playing_the_copy_does_not_copy_it_onto_itself(tmp_path: Path) -> None:
    last = LastGood(tmp_path / "last-good")
    last.remember(load_deck(make_deck(tmp_path / "src", "Played")))
    copy = last.restore()
    assert copy is not None
    assert not last.remember(load_deck(copy.deck_path))


def test_a_deck_from_the_content_folder_is_linked_not_copied(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "content")
    bundle = make_bundle(make_deck(tmp_path / "src", "Installed"), tmp_path / "b.zip")
    install.update(str(bundle), store, render=None)
    last = LastGood(tmp_path / "last-good")
    playing = store.current_deck()
    assert playing is not None and last.remember(load_deck(playing))
    copy = last.restore()
    assert copy is not None
    assert os.path.samefile(copy.deck_path, playing), "same inode: no second copy on the card"


def test_the_watcher_waits_for_a_folder_to_settle_and_tries_each_state_once(
    tmp_path: Path,
) -> None:
    ran: list[list[str]] = []

    def runner(command: list[str]) -> tuple[int, str]:
        ran.append(command)
        return 0, "revkiosk update: installed: now playing …"

    usb = tmp_path / "usb"
    watcher = UpdateWatcher(str(usb), tmp_path / "content", 60, runner=runner)
    assert watcher.check() is None, "no stick plugged in: nothing to do"
    make_bundle(make_deck(tmp_path / "src", "New"), usb)
    assert watcher.check() is None and not ran, "just appeared: wait until it stops changing"
    assert watcher.check() == "revkiosk update: installed: now playing …"
    assert ran[0][-4:] == ["update", str(usb), "--content", str(tmp_path / "content")]
    assert watcher.check() is None and len(ran) == 1, "the same bundle is not tried again"


@pytest.mark.parametrize("source", ["https://example.org/deck.tar.gz"])
def test_the_watcher_asks_a_url_every_time_and_skips_a_rolled_back_version(
    tmp_path: Path, source: str
) -> None:
    ran: list[list[str]] = []
    store = ContentStore(tmp_path / "content")
    store.root.mkdir()
    store.write_report({"result": "rolled back", "rolled_back_from": "abc123"})
    watcher = UpdateWatcher(source, store.root, 60, runner=lambda c: (ran.append(c), (0, ""))[1])
    watcher.check()
    watcher.check()
    assert len(ran) == 2 and ran[0][-2:] == ["--skip-version", "abc123"]


# -- the kiosk's side: which deck, the fallback, following `current`, keeping copies ----------


def test_a_kiosk_plays_the_installed_content_unless_given_a_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from revkiosk.update.startup import kiosk_deck

    monkeypatch.setenv("REVKIOSK_CONTENT", str(tmp_path / "content"))
    story = tmp_path / "story.yaml"
    assert kiosk_deck(None, story) == story, "nothing installed: the bundled story"
    bundle = make_bundle(make_deck(tmp_path / "src", "Installed"), tmp_path / "b.zip")
    install.update(str(bundle), ContentStore(tmp_path / "content"), render=None)
    assert kiosk_deck(None, story) == tmp_path / "content/current/slides/example.yaml"
    assert kiosk_deck(tmp_path / "mine.yaml", story) == tmp_path / "mine.yaml"


def test_a_deck_that_does_not_load_falls_back_to_the_verified_copy(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from revkiosk.deck.model import DeckError
    from revkiosk.update.startup import fall_back

    deck_file = make_deck(tmp_path / "src", "Played")
    last = LastGood(tmp_path / "last-good")
    last.remember(load_deck(deck_file))
    deck_file.unlink()
    try:
        load_deck(deck_file)
    except DeckError as error:
        with caplog.at_level("ERROR"):
            fallback = fall_back(deck_file, error, last)
    assert fallback is not None and fallback.deck.info.title == "Played"
    assert "playing the last good copy of" in caplog.text and "no such file" in caplog.text
    status = fallback.status()
    assert status["configured"] == str(deck_file) and "no such file" in status["reason"]
    assert fall_back(deck_file, DeckError([]), LastGood(tmp_path / "none")) is None


def test_the_follower_notices_an_update_and_a_rollback(tmp_path: Path) -> None:
    from revkiosk.update.startup import ContentFollower

    store = ContentStore(tmp_path / "content")
    follower = ContentFollower(store)
    assert follower.changed() is None
    for name in ("One", "Two"):
        bundle = make_bundle(make_deck(tmp_path / name, name), tmp_path / f"{name}.zip")
        install.update(str(bundle), store, render=None)
        deck = follower.changed()
        assert deck == store.root / "current/slides/example.yaml"
        assert f"title: {name}" in deck.read_text()
        assert follower.changed() is None, "reported once"
    install.rollback(store)
    assert follower.changed() is not None


def test_the_keeper_copies_in_the_background_and_keeps_the_newest(tmp_path: Path) -> None:
    from revkiosk.update.startup import Keeper

    keeper = Keeper(LastGood(tmp_path / "last-good"))
    for name in ("First", "Second"):
        keeper.submit(load_deck(make_deck(tmp_path / name, name)))
    keeper.wait(30)
    copy = keeper.last_good.restore()
    assert copy is not None and load_deck(copy.deck_path).info.title == "Second"


def test_a_file_copied_again_onto_the_stick_is_tried_again(tmp_path: Path) -> None:
    """A technician replaces the one damaged file; the manifest stays as it was."""
    ran: list[list[str]] = []
    usb = make_bundle(make_deck(tmp_path / "src", "New"), tmp_path / "usb")
    watcher = UpdateWatcher(
        str(usb), tmp_path / "content", 60, runner=lambda c: (ran.append(c), (1, "refused"))[1]
    )
    watcher.check(), watcher.check()
    assert len(ran) == 1
    picture = usb / "media/examples/example-image.png"
    picture.write_bytes(picture.read_bytes())
    os.utime(picture, ns=(picture.stat().st_atime_ns, picture.stat().st_mtime_ns + 10**9))
    watcher.check(), watcher.check()
    assert len(ran) == 2
