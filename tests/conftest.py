"""Test set-up shared by every test: offscreen Qt, isolated platformdirs folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Spoken mode speaks through Qt's mock engine in tests (it reports each word and plays no
# sound); tests/test_speech.py starts a private speech-dispatcher for the real engine.
os.environ.setdefault("REVKIOSK_TTS_ENGINE", "mock")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _quiet_like_the_player() -> None:
    """Qt logging rules as the player sets them (QtMultimedia's library probing and FFmpeg's
    stream dumps are not warnings about revkiosk); every other Qt warning fails its test."""
    from PySide6.QtCore import QLoggingCategory

    from revkiosk.app import QUIET_QT_LOGS

    QLoggingCategory.setFilterRules(QUIET_QT_LOGS)


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> object:
    """As in the player (`revkiosk.ui.collector`): once a Qt application exists, cycles are
    collected on the test's (GUI) thread only. A collection set off by a test's HTTP client
    thread deleted a player object there and deadlocked the run (the CI hang in the remote
    tests)."""
    from PySide6.QtCore import QCoreApplication

    from revkiosk.ui.collector import collect_on_gui_thread

    collector = collect_on_gui_thread() if QCoreApplication.instance() is not None else None
    yield
    if collector is None and QCoreApplication.instance() is not None:
        collector = collect_on_gui_thread()
    if collector is not None:
        collector.check()


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point config/state/cache/log folders at a temp dir so tests never touch the user's."""
    base = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, str(base / var.lower()))
    # The runtime folder holds kiosk locks and heartbeats: one per test, never the user's.
    runtime = base / "xdg_runtime_dir"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))


@pytest.fixture(autouse=True)
def _player_words_in_english() -> object:
    """Each test starts and ends with the player's words in English (the Show activates
    another language for the whole process)."""
    from revkiosk.i18n import words

    words.activate("en")
    yield
    words.activate("en")


@pytest.fixture(autouse=True)
def _layouts_wait_for_hyphenation() -> object:
    """A player's hyphenation part lets layouts go on without patterns not read yet
    (`ui/hyphenate_later.py`): a later test's layouts wait for them again, as `check` does."""
    yield
    hyphenate = sys.modules.get("revkiosk.ui.hyphenate")
    if hyphenate is not None:
        hyphenate.layouts_wait()
