"""Installing, keeping the previous version, rolling back and pruning in the content folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from update_helpers import assert_whole, make_bundle, make_deck

from revkiosk.commands import update as update_command
from revkiosk.update import install
from revkiosk.update.store import ContentStore, hold


@pytest.fixture
def bundles(tmp_path: Path) -> dict[str, Path]:
    return {
        name: make_bundle(make_deck(tmp_path / name, name), tmp_path / f"{name}.zip")
        for name in ("One", "Two", "Three")
    }


def test_updates_keep_one_previous_version_and_prune_the_rest(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    store = ContentStore(tmp_path / "content")
    for name in ("One", "Two", "Three"):
        outcome = install.update(str(bundles[name]), store, render=None)
        assert outcome.result == "installed", outcome
        assert_whole(store, name)
    assert store.previous and store.previous.manifest.title == "Two"
    assert len(list(store.versions.iterdir())) == 2, "One was pruned"
    assert os.readlink(store.root / "current").startswith("versions/"), "relative link"
    deck = store.current_deck()
    assert deck == store.root / "current" / "slides" / "example.yaml"
    assert "title: Three" in deck.read_text()


def test_the_same_bundle_twice_is_not_installed_again(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    store = ContentStore(tmp_path / "content")
    install.update(str(bundles["One"]), store, render=None)
    again = install.update(str(bundles["One"]), store, render=None)
    assert again.result == "unchanged" and "already playing" in again.message
    assert len(list(store.versions.iterdir())) == 1


def test_rollback_returns_to_the_previous_version_and_back(
    tmp_path: Path, bundles: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    for name in ("One", "Two"):
        assert update_command.main([str(bundles[name]), "--content", str(content)]) == 0
    assert update_command.main(["--rollback", "--content", str(content)]) == 0
    store = ContentStore(content)
    assert_whole(store, "One")
    assert store.previous and store.previous.manifest.title == "Two"
    report = store.read_report()
    assert report and report["result"] == "rolled back"
    assert update_command.main(["--status", "--content", str(content)]) == 0
    status = capsys.readouterr().out
    assert "current:  " in status and "'One'" in status and "rolled back" in status
    assert update_command.main(["--rollback", "--content", str(content)]) == 0
    assert_whole(store, "Two")


def test_rollback_refuses_a_damaged_previous_version(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    store = ContentStore(tmp_path / "content")
    for name in ("One", "Two"):
        install.update(str(bundles[name]), store, render=None)
    assert store.previous is not None
    (store.previous.folder / "media/CREDITS.md").write_text("Tampered with.\n")
    outcome = install.rollback(store)
    assert outcome.result == "refused" and "damaged" in outcome.message
    assert_whole(store, "Two")


def test_rollback_with_nothing_to_go_back_to_says_so(tmp_path: Path) -> None:
    outcome = install.rollback(ContentStore(tmp_path / "content"))
    assert outcome.result == "refused" and "no previous version" in outcome.message


def test_a_version_a_player_still_holds_is_not_pruned(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    store = ContentStore(tmp_path / "content")
    install.update(str(bundles["One"]), store, render=None)
    playing = store.current_deck()
    assert playing is not None
    handle = hold(playing)  # what the kiosk does while it shows a version
    assert handle is not None
    first = store.current.name  # type: ignore[union-attr]
    for name in ("Two", "Three"):
        install.update(str(bundles[name]), store, render=None)
    assert (store.versions / first).is_dir(), "still on screen: kept"
    handle.close()
    store.prune()
    assert not (store.versions / first).exists()


def test_a_watching_kiosk_does_not_reinstall_what_was_rolled_back(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    store = ContentStore(tmp_path / "content")
    for name in ("One", "Two"):
        install.update(str(bundles[name]), store, render=None)
    install.rollback(store)
    skipped = store.read_report()["rolled_back_from"]  # type: ignore[index]
    again = install.update(str(bundles["Two"]), store, render=None, skip_ids=[skipped])
    assert again.result == "unchanged" and "was rolled back" in again.message
    assert_whole(store, "One")
    assert store.read_report()["rolled_back_from"] == skipped  # type: ignore[index]


def test_one_update_at_a_time(tmp_path: Path, bundles: dict[str, Path]) -> None:
    store = ContentStore(tmp_path / "content")
    with store.locked():
        busy = install.update(str(bundles["One"]), store, render=None)
    assert busy.result == "busy" and "another update is running" in busy.message
    assert store.current is None


BLOCK_QT = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
            raise ImportError("blocked: " + name)
        return None
sys.meta_path.insert(0, Block())
from pathlib import Path
from revkiosk.commands import bundle
from revkiosk.deck.load import load_deck
from revkiosk.update import install, lastgood, watch
from revkiosk.update.store import ContentStore
deck, out, content = sys.argv[1:4]
assert bundle.main([deck, "-o", out]) == 0
store = ContentStore(Path(content))
assert install.update(out, store, render=None).result == "installed"
assert lastgood.LastGood(Path(content) / "lg").remember(load_deck(store.current_deck()))
assert not [m for m in sys.modules if m.startswith(("PySide6", "pyqtgraph"))]
"""


def test_bundling_updating_and_the_last_good_copy_need_no_qt(tmp_path: Path) -> None:
    """The supervisor (and its update watcher) must keep working whatever breaks in Qt."""
    import subprocess
    import sys

    deck = make_deck(tmp_path / "src", "Qt-free")
    command = [sys.executable, "-c", BLOCK_QT, str(deck), str(tmp_path / "b.tar.gz"),
               str(tmp_path / "content")]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
