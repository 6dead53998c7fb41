"""packaging/install-kiosk.sh, run against a temporary root (`--root`) or with `--dry-run`.

The release is faked: a shell script stands in for the packaged executable (it passes its
self-test, "checks" a deck — one containing "broken" fails — and as `kiosk` runs until SIGTERM,
logging what it does), so every installer behaviour a technician met in the trial (issue 20) is
checked in seconds: options remembered, relative decks, the deck checked by the new build before
the switch (dry runs too), a running kiosk restarted on the new build, uninstall without --user.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
DECK = REPO / "slides" / "example.yaml"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux installer")

FAKE_EXE = """#!/bin/sh
# A stand-in for the packaged revkiosk, build BUILD.
case "$1" in
  --self-test) echo 'self-test: 1 passed, 0 failed' ;;
  check) if grep -q broken "$2"; then echo "$2:1:1: error: broken on purpose" >&2; exit 1; fi
         echo "BUILD check by $0" >> "${FAKE_LOG:-/dev/null}" ;;
  kiosk) echo "BUILD start $$ $*" >> "$FAKE_LOG"
         trap 'echo "BUILD stop $$" >> "$FAKE_LOG"; exit 0' TERM
         while :; do sleep 0.1; done ;;
esac
"""


def fake_release(folder: Path, build: str = "v1") -> Path:
    """The release archive's layout with a stand-in executable."""
    (folder / "revkiosk").mkdir(parents=True, exist_ok=True)
    exe = folder / "revkiosk" / "revkiosk"
    exe.write_text(FAKE_EXE.replace("BUILD", build))
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    (folder / "packaging" / "icon").mkdir(parents=True, exist_ok=True)
    for name in ("revkiosk.desktop", "revkiosk-kiosk.service", "revkiosk-kiosk.desktop",
                 "install-kiosk-steps.sh", "revkiosk-cage", "revkiosk-cage.service"):  # fmt: skip
        shutil.copy(PACKAGING / name, folder / "packaging" / name)
    for name in ("revkiosk.svg", "revkiosk.png"):
        shutil.copy(PACKAGING / "icon" / name, folder / "packaging" / "icon" / name)
    shutil.copy(PACKAGING / "install-kiosk.sh", folder / "install-kiosk.sh")
    return folder / "install-kiosk.sh"


def script_run(script: Path, *args: str, cwd: Path | None = None, log: Path | None = None):
    env = {**os.environ, "FAKE_LOG": str(log or os.devnull)}
    command = ["bash", str(script), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env)


def dry_run(script: Path, *args: str, **kw) -> subprocess.CompletedProcess[str]:
    return script_run(script, "--dry-run", *args, **kw)


def install(script: Path, root: Path, *args: str, **kw) -> subprocess.CompletedProcess[str]:
    return script_run(script, "--root", str(root), *args, **kw)


def home(root: Path) -> Path:
    return root / Path(os.path.expanduser("~")).relative_to("/")


# -- what the installer writes ---------------------------------------------------------------


def test_installer_dry_run_points_the_unit_at_opt(tmp_path: Path) -> None:
    done = dry_run(fake_release(tmp_path), "--current-user")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"cp -a {tmp_path}/revkiosk /opt/revkiosk.new" in out
    assert "ln -sfn /opt/revkiosk/revkiosk /usr/local/bin/revkiosk" in out
    assert "| ExecStart=/opt/revkiosk/revkiosk kiosk\n" in out  # the kiosk engineer's unit, reused
    assert "| Exec=/opt/revkiosk/revkiosk %f" in out  # the launcher
    assert not re.search(r"would write \S+/\.config/autostart", out)  # one autostart only
    assert re.search(r"would run: rm -f \S+/\.config/autostart/revkiosk-kiosk\.desktop", out)


def test_installer_xdg_autostart_with_a_deck(tmp_path: Path) -> None:
    done = dry_run(
        fake_release(tmp_path), "--current-user", "--autostart", "xdg", "--deck", str(DECK)
    )
    assert done.returncode == 0, done.stderr
    assert f'| Exec=/opt/revkiosk/revkiosk kiosk "{DECK}"' in done.stdout
    assert ".config/autostart/revkiosk-kiosk.desktop" in done.stdout


def test_installer_refuses_bad_input_clearly(tmp_path: Path) -> None:
    script = fake_release(tmp_path)
    bad = dry_run(script, "--autostart", "cron")
    assert bad.returncode == 1 and "--autostart must be systemd or xdg" in bad.stderr
    missing = dry_run(script, "--current-user", "--deck", str(tmp_path / "none.yaml"))
    assert missing.returncode == 1 and "none.yaml not found" in missing.stderr
    odd = tmp_path / "100% $real.yaml"
    shutil.copy(DECK, odd)
    refused = dry_run(script, "--current-user", "--deck", str(odd))
    assert refused.returncode == 1 and "a character a unit file cannot hold" in refused.stderr
    (tmp_path / "revkiosk" / "revkiosk").unlink()
    nobuild = dry_run(script)
    assert nobuild.returncode == 1 and "run packaging/build.sh first" in nobuild.stderr


def test_installer_staged_install_update_and_uninstall(tmp_path: Path) -> None:
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    first = install(script, root, "--current-user")
    assert first.returncode == 0, first.stderr
    assert (root / "opt/revkiosk/revkiosk").is_file()
    assert os.readlink(root / "usr/local/bin/revkiosk") == "/opt/revkiosk/revkiosk"
    launcher = (root / "usr/share/applications/revkiosk.desktop").read_text()
    assert "Exec=/opt/revkiosk/revkiosk %f" in launcher
    units = list(root.glob("**/.config/systemd/user/graphical-session.target.wants/*"))
    assert [u.name for u in units] == ["revkiosk-kiosk.service"]  # enabled

    second = install(script, root, "--current-user", "--autostart", "xdg")
    assert second.returncode == 0, second.stderr
    assert (root / "opt/revkiosk.old").is_dir()  # the previous version, to go back to
    assert list(root.glob("**/.config/autostart/revkiosk-kiosk.desktop"))
    assert not list(root.glob("**/graphical-session.target.wants/*"))  # one autostart only

    gone = install(script, root, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert not (root / "opt/revkiosk").exists() and not (root / "usr/local/bin/revkiosk").exists()


def test_installer_keeps_the_working_show_when_the_new_build_fails(tmp_path: Path) -> None:
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    assert install(script, root, "--app-only").returncode == 0
    broken = tmp_path / "release" / "revkiosk" / "revkiosk"
    broken.write_text("#!/bin/sh\necho 'FAIL video clip.mp4: no frame'\nexit 1\n")
    done = install(script, root, "--app-only")
    assert done.returncode == 1
    assert "failed its self-test" in done.stderr and "FAIL video clip.mp4" in done.stderr
    installed = (root / "opt/revkiosk/revkiosk").read_text()
    assert "passed, 0 failed" in installed  # the old, working build is still in place
    assert not (root / "opt/revkiosk.new").exists()


# -- found by the technician's trial (issue 20) ----------------------------------------------


def test_a_rerun_without_options_keeps_the_deck_user_and_autostart(tmp_path: Path) -> None:
    """It used to switch the show back to the bundled story silently."""
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    first = install(script, root, "--current-user", "--autostart", "xdg", "--deck", str(DECK))
    assert first.returncode == 0, first.stderr
    again = install(script, root)
    assert again.returncode == 0, again.stderr
    said = again.stdout
    assert "as last time (/etc/revkiosk/install.conf): --user " in said
    assert "--autostart xdg" in said and f"--deck {DECK}" in said
    entry = home(root) / ".config/autostart/revkiosk-kiosk.desktop"
    assert f'Exec=/opt/revkiosk/revkiosk kiosk "{DECK}"' in entry.read_text()
    back = install(script, root, "--no-deck")
    assert back.returncode == 0, back.stderr
    assert "Exec=/opt/revkiosk/revkiosk kiosk\n" in entry.read_text(), "asked for: the story"


def test_a_relative_deck_path_becomes_absolute(tmp_path: Path) -> None:
    """systemd starts the kiosk in the home folder, where a relative path leads nowhere."""
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    done = install(script, root, "--current-user", "--deck", "slides/example.yaml", cwd=REPO)
    assert done.returncode == 0, done.stderr
    unit = home(root) / ".config/systemd/user/revkiosk-kiosk.service"
    assert f'ExecStart=/opt/revkiosk/revkiosk kiosk "{DECK}"' in unit.read_text()


def test_a_remembered_deck_that_is_gone_is_a_clear_error(tmp_path: Path) -> None:
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    deck = tmp_path / "deck.yaml"
    shutil.copy(DECK, deck)
    assert install(script, root, "--current-user", "--deck", str(deck)).returncode == 0
    deck.unlink()
    done = install(script, root)
    assert done.returncode == 1
    assert "from the last install" in done.stderr and "--no-deck" in done.stderr


def test_a_dry_run_checks_the_deck_with_the_build_it_would_install(tmp_path: Path) -> None:
    script = fake_release(tmp_path / "release")
    broken = tmp_path / "broken.yaml"
    broken.write_text("deck: broken\n")
    done = dry_run(script, "--current-user", "--deck", str(broken))
    assert done.returncode == 1 and "broken on purpose" in done.stderr
    assert "the deck has errors" in done.stderr
    good = dry_run(script, "--current-user", "--deck", str(DECK))
    assert good.returncode == 0, good.stderr
    out = good.stdout
    assert out.index("checking the deck with the new build") < out.index(
        "revkiosk.new /opt/revkiosk"
    )


def test_a_real_run_checks_the_deck_before_the_new_build_replaces_the_old(tmp_path: Path) -> None:
    script, root, log = fake_release(tmp_path / "release"), tmp_path / "root", tmp_path / "log"
    assert install(script, root, "--current-user", "--deck", str(DECK), log=log).returncode == 0
    assert f"v1 check by {root}/opt/revkiosk.new/revkiosk" in log.read_text()
    fake_release(tmp_path / "release", "v2")
    broken = tmp_path / "broken.yaml"
    broken.write_text("deck: broken\n")
    done = install(script, root, "--deck", str(broken), log=log)
    assert done.returncode == 1 and "nothing was changed" in done.stderr
    assert "build v1" in (root / "opt/revkiosk/revkiosk").read_text(), "the old build stays"
    assert not (root / "opt/revkiosk.new").exists()
    assert str(DECK) in (root / "etc/revkiosk/install.conf").read_text(), "options unchanged"


def test_an_update_restarts_the_running_kiosk_on_the_new_build(tmp_path: Path) -> None:
    """It used to go on running the old build until the next crash or login."""
    if shutil.which("runuser") is None or shutil.which("setsid") is None:
        pytest.skip("needs runuser and setsid (util-linux)")
    if os.geteuid() != 0:
        pytest.skip("starting a process as the kiosk user (runuser) needs root")
    script, root, log = fake_release(tmp_path / "release"), tmp_path / "root", tmp_path / "log"
    assert install(script, root, "--current-user", "--autostart", "xdg", log=log).returncode == 0
    env = {**os.environ, "FAKE_LOG": str(log)}
    old = subprocess.Popen([str(root / "opt/revkiosk/revkiosk"), "kiosk", "--start", "3"], env=env)
    try:
        wait_for(log, "v1 start")
        fake_release(tmp_path / "release", "v2")
        done = install(script, root, log=log)
        assert done.returncode == 0, done.stderr
        assert f"restarting the running kiosk (pid {old.pid})" in done.stdout
        assert old.wait(10) == 0, "stopped cleanly (SIGTERM), as the supervisor expects"
        line = wait_for(log, "v2 start")
        assert line.endswith("kiosk --start 3"), "same arguments, new build"
    finally:
        old.kill()
        for pid in re.findall(r"v2 start (\d+)", log.read_text() if log.exists() else ""):
            os.kill(int(pid), signal.SIGTERM)


def wait_for(log: Path, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in (log.read_text() if log.exists() else "").splitlines():
            if line.startswith(text):
                return line
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in {log}")


def test_uninstall_without_the_user_option_removes_that_users_autostart(tmp_path: Path) -> None:
    """It used to look for a user called "kiosk" and leave the real one's autostart."""
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    assert install(script, root, "--current-user", "--autostart", "xdg").returncode == 0
    entry = home(root) / ".config/autostart/revkiosk-kiosk.desktop"
    assert entry.is_file()
    gone = install(script, root, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert not entry.exists() and not (root / "etc/revkiosk/install.conf").exists()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_files_are_valid_as_shipped_and_as_installed(tmp_path: Path) -> None:
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    assert install(script, root, "--current-user", "--autostart", "xdg").returncode == 0
    files = [PACKAGING / "revkiosk.desktop", PACKAGING / "revkiosk-kiosk.desktop",
             root / "usr/share/applications/revkiosk.desktop",
             home(root) / ".config/autostart/revkiosk-kiosk.desktop"]  # fmt: skip
    done = subprocess.run(
        ["desktop-file-validate", *map(str, files)], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr


# -- the cage session (Wayland, no desktop) --------------------------------------------------


def test_a_cage_session_is_a_system_unit_for_the_user_and_is_remembered(tmp_path: Path) -> None:
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    done = install(script, root, "--user", "nobody", "--session", "cage", "--deck", str(DECK))
    assert done.returncode == 0, done.stderr
    unit = (root / "etc/systemd/system/revkiosk-cage.service").read_text()
    assert "User=nobody\n" in unit and "PAMName=revkiosk-cage\n" in unit
    assert f'ExecStart=/usr/local/bin/revkiosk-cage /opt/revkiosk/revkiosk kiosk "{DECK}"' in unit
    wants = root / "etc/systemd/system/multi-user.target.wants/revkiosk-cage.service"
    assert os.readlink(wants) == "../revkiosk-cage.service"
    assert "pam_systemd.so" in (root / "etc/pam.d/revkiosk-cage").read_text()
    assert os.access(root / "usr/local/bin/revkiosk-cage", os.X_OK)
    again = install(script, root)
    assert again.returncode == 0 and "--session cage" in again.stdout
    assert wants.is_symlink()
    gone = install(script, root, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert not wants.is_symlink() and not (root / "etc/pam.d/revkiosk-cage").exists()


def test_cage_is_refused_for_root(tmp_path: Path) -> None:
    done = dry_run(fake_release(tmp_path), "--user", "root", "--session", "cage")
    assert done.returncode == 1 and "cage refuses to run as root" in done.stderr
