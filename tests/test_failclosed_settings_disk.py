"""Issue 22, class 7: settings and runtime files never stop the show.

`settings.yaml` nested 5,000 deep crashed the player at start (only YAML errors were caught); a
481-byte alias bomb hung it (a notice's repr expanded it). A full runtime folder stopped the
heartbeats, so the supervisor killed a healthy player every minute; a full state disk printed
logging tracebacks and left a temporary file per slide change. Settings are now read with the
decks' bounded safe YAML reader and notices never expand what they describe; heartbeats fall
back to the file's time; log and state writes fail quietly, once, and leave nothing behind.

"Full" is made with RLIMIT_FSIZE in a child process: every write past the limit fails (EFBIG),
as writes on a full disk fail (ENOSPC), with no root and no real disk to fill.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from revkiosk.kiosk.supervisor import Supervisor, SupervisorConfig
from revkiosk.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE: Linux")

BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "idle_seconds: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)
HOSTILE = {
    "nested 5,000 deep (flow)": "idle_seconds: " + "[" * 5000 + "]" * 5000 + "\n",
    "nested 5,000 deep (block)": "".join(f"{' ' * i}k{i}:\n" for i in range(5000)),
    "nested mappings (flow)": "pin: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "alias bomb": BOMB,
    "alias bomb in a key": BOMB.replace("idle_seconds: &i", "? &i") + ": 1\n",
    "python tag": "pin: !!python/object/apply:os.system ['echo hacked']\n",
    "two documents": "kiosk: true\n---\nkiosk: false\n",
    "not UTF-8": "opening_hours: caf\xe9\n",
    "a huge list value": "exit_chord: [" + ", ".join(["x" * 50] * 3000) + "]\n",
    "a huge string value": "theme: " + "d" * 200_000 + "\n",
    "a huge key": "x" * 100_000 + ": 1\n",
    "larger than a settings file is": "# " + "x" * (300 * 1024) + "\n",
}


@pytest.mark.parametrize("member", list(HOSTILE))
def test_hostile_settings_give_defaults_and_short_notices(tmp_path: Path, member: str) -> None:
    path = tmp_path / "settings.yaml"
    text = HOSTILE[member]
    path.write_bytes(text.encode("latin-1") if member == "not UTF-8" else text.encode())
    started = time.monotonic()
    settings, notices = load_settings(path)
    assert time.monotonic() - started < 2.0
    assert isinstance(settings, Settings)
    assert settings.idle_seconds == 90.0 and settings.pin is None and settings.theme is None
    assert notices, "the technician is told"
    assert all(len(notice) < 600 for notice in notices), [len(n) for n in notices]
    assert "hacked" not in "".join(notices) or member == "python tag"


def test_the_player_starts_with_a_settings_file_nested_5000_deep(tmp_path: Path) -> None:
    config = tmp_path / "config" / "revkiosk"
    config.mkdir(parents=True)
    (config / "settings.yaml").write_text(HOSTILE["nested 5,000 deep (flow)"], encoding="utf-8")
    deck = tmp_path / "deck.yaml"
    deck.write_text("deck: {title: T}\nslides:\n  - {kind: title, title: A}\n", "utf-8")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "REVKIOSK_EXIT_AFTER_FIRST_PAINT": "1",
        "PYTHONPATH": str(REPO / "src"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "revkiosk", str(deck)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "first slide painted" in run.stdout
    assert "nest" in run.stderr and "using default settings" in run.stderr


LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    """
)


def _limited(
    script: str, limit: int, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    code = LIMITED + textwrap.dedent(script)
    return subprocess.run(
        [sys.executable, "-c", code, str(limit)],
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_full_state_disk_prints_no_traceback_and_leaves_no_temporary_files(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state"
    script = """
    import logging
    from pathlib import Path
    from revkiosk.settings import open_log_file, save_resume, setup_logging
    setup_logging(file=False)
    open_log_file()
    for slide in range(40):  # forty slide changes on a full disk
        save_resume(Path("deck.yaml"), slide)
        logging.getLogger("revkiosk").warning("slide %d shown %s", slide, "x" * 200)
    print("survived")
    """
    run = _limited(script, 0, {"XDG_STATE_HOME": str(state), "XDG_CACHE_HOME": str(state)})
    assert run.returncode == 0 and "survived" in run.stdout, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "Logging error" not in run.stderr
    assert run.stderr.count("cannot write the log file") == 1
    assert run.stderr.count("could not save resume state") == 1, "said once, not per slide"
    leftovers = [p.name for p in state.rglob("*") if p.is_file() and p.stat().st_size == 0]
    assert [n for n in leftovers if "tmp" in n or n.startswith(".")] == []


def test_writes_to_a_full_disk_leave_nothing_half_written(tmp_path: Path) -> None:
    """Status files, caches and exports all write through one atomic writer."""
    target = tmp_path / "out" / "status.json"
    script = f"""
    from pathlib import Path
    from revkiosk.safe_files import atomic_write
    target = Path({str(target)!r})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"old")
    try:
        atomic_write(target, b"x" * 100_000)
    except OSError as error:
        print("refused", error.errno)
    """
    run = _limited(script, 4096, {})
    assert "refused" in run.stdout, run.stderr
    assert target.read_bytes() == b"old", "the old file stays whole"
    assert sorted(p.name for p in target.parent.iterdir()) == ["status.json"]


FAKE = textwrap.dedent(
    """
    import os, resource, signal, sys, time
    from pathlib import Path
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # the runtime folder is full
    from revkiosk.kiosk.status import StatusWriter
    writer = StatusWriter.from_environment(Path("deck.yaml"), Path(os.environ["FAKE_STATUS"]))
    with open(os.environ["FAKE_LOG"], "a") as log:
        pass
    for _ in range(200):
        writer.write()  # the real player's heartbeat writer
        time.sleep(0.1)
    """
)


def test_a_full_runtime_folder_does_not_make_a_healthy_player_look_hung(tmp_path: Path) -> None:
    script = tmp_path / "fake.py"
    script.write_text(FAKE, encoding="utf-8")
    log = tmp_path / "launches"
    supervisor = Supervisor(
        SupervisorConfig(
            command=(sys.executable, str(script)),
            heartbeat_path=tmp_path / "run" / "heartbeat.json",
            hang_timeout=1.0,
            start_timeout=3.0,
            poll_interval=0.05,
            env={
                "FAKE_LOG": str(log),
                "FAKE_STATUS": str(tmp_path / "state" / "status.json"),
                "PYTHONPATH": str(REPO / "src"),
            },
        )
    )
    thread = threading.Thread(target=supervisor.run, daemon=True)
    thread.start()
    time.sleep(8)  # past the start timeout and many hang timeouts
    supervisor.stop()
    thread.join(10)
    assert supervisor.restarts == 0, supervisor.last_error
