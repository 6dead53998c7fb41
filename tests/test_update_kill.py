"""An update killed (SIGKILL) at any instant leaves the old version or the new one, whole.

The update runs in a child process that is killed after a random delay spread over the whole
length of an update — before the manifest is read, during the copy, during the deck check, at
the switch, after it. After every kill `current` must resolve to a complete version whose every
checksum verifies, and the next update must work (what the killed one left is cleaned up).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from update_helpers import make_bundle, make_deck

from revkiosk.update.store import ContentStore, verify_folder

pytestmark = pytest.mark.skipif(os.name != "posix", reason="content updates are POSIX")

# The update without the off-screen render (which runs before the switch and only reads the
# staging folder), so that many kill points fit in a few seconds; the CLI round below renders.
DRIVER = """
import sys
from revkiosk.update import install
from revkiosk.update.store import ContentStore
outcome = install.update(sys.argv[1], ContentStore(sys.argv[2]), render=None)
sys.exit(0 if outcome.ok else 1)
"""


def run_and_kill(command: list[str], delay: float) -> bool:
    """Start `command`, SIGKILL its whole process group after `delay`; True if it finished."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        command,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        child.wait(timeout=delay)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        return False


def whole_title(store: ContentStore) -> str:
    version = store.current
    assert version is not None, "current resolves to nothing"
    assert verify_folder(version.folder, version.manifest) == [], "a mix of two versions"
    return version.manifest.title


def kill_loop(
    store: ContentStore, bundles: dict[str, Path], command, rounds: int, seed: int
) -> set:
    """Alternate updates to the version not playing, each killed at a random instant."""
    rng = random.Random(seed)
    started = time.perf_counter()
    assert run_and_kill(command(bundles["A"]), 120)
    full = time.perf_counter() - started  # how long one whole update takes here
    outcomes = set()
    for _ in range(rounds):
        before = whole_title(store)
        target = "B" if before == "A" else "A"
        finished = run_and_kill(command(bundles[target]), rng.uniform(0.0, full * 1.15))
        after = whole_title(store)
        assert after in {before, target}
        outcomes.add("new" if after == target else "old")
        if finished:
            assert after == target
    # What killed updates left behind never blocks the next one.
    last = "B" if whole_title(store) == "A" else "A"
    assert run_and_kill(command(bundles[last]), 120)
    assert whole_title(store) == last
    return outcomes


@pytest.fixture
def bundles(tmp_path: Path) -> dict[str, Path]:
    # A few MB of translations make the copy long enough to be hit often, as a real deck's is.
    return {
        name: make_bundle(
            make_deck(tmp_path / name, name, extra_bytes=4_000_000), tmp_path / f"{name}.tar.gz"
        )
        for name in ("A", "B")
    }


def test_sigkill_at_random_instants_leaves_a_whole_version(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    store = ContentStore(tmp_path / "content")

    def command(bundle: Path) -> list[str]:
        return [sys.executable, "-c", DRIVER, str(bundle), str(store.root)]

    outcomes = kill_loop(store, bundles, command, rounds=40, seed=20)
    assert outcomes == {"old", "new"}, "the kills must land both before and after the switch"
    # Versions orphaned by kills between naming and switching are pruned by the next update.
    assert sorted(p.name for p in store.versions.iterdir()) == sorted(
        [store.current.name, store.previous.name]  # type: ignore[union-attr]
    )


def test_sigkill_of_the_real_command_with_its_render_step(
    tmp_path: Path, bundles: dict[str, Path]
) -> None:
    store = ContentStore(tmp_path / "content")

    def command(bundle: Path) -> list[str]:
        return [
            sys.executable,
            "-m",
            "revkiosk",
            "update",
            str(bundle),
            "--content",
            str(store.root),
        ]

    kill_loop(store, bundles, command, rounds=5, seed=7)
