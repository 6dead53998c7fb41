"""The standalone build (issue 10): PyInstaller one-folder build that runs without Python.

Building takes about a minute on two cores, so the build tests are marked `slow` (CI still runs
them: `pip install -e .[test,package]` brings PyInstaller). The build is made once per session
into a temporary folder and then exercised the way a museum PC would run it.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
FOLDER_BUDGET_MB = 200
LINUX = sys.platform.startswith("linux")


def folder_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """packaging/build.sh --no-archive into a temp dir; returns the one-folder app."""
    pytest.importorskip("PyInstaller", reason="pip install -e .[package] to test the build")
    if not LINUX:
        pytest.skip("build.sh is the Linux build; see packaging/README.md for Windows/macOS")
    dist = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "PYTHON": sys.executable}
    done = subprocess.run(
        ["bash", str(PACKAGING / "build.sh"), "--no-archive", "--dist", str(dist)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return dist / "revkiosk"


def run_packaged(app: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the executable with no Python of ours reachable: empty environment, system PATH."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(app.parent), "LANG": "C.UTF-8"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(app / "revkiosk"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
        cwd=app.parent,
    )


@pytest.mark.slow
def test_packaged_self_test_passes_without_python(built: Path) -> None:
    done = run_packaged(built, "--self-test")
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.fullmatch(r"self-test: \d+ passed, 0 failed", lines[-1])
    assert any(line.startswith("ok   python:") and "packaged build" in line for line in lines)
    assert any(line.startswith("ok   video") for line in lines), "the FFmpeg plugin must work"
    assert sum(line.startswith("ok   slide") for line in lines) >= 40
    assert any(line.startswith("ok   more layer:") and "drawn exactly" in line for line in lines)


@pytest.mark.slow
def test_packaged_commands_work(built: Path) -> None:
    version = run_packaged(built, "--version")
    assert version.returncode == 0 and version.stdout.startswith("revkiosk ")
    story = (
        built / "_internal" / "revkiosk" / "_bundled" / "slides" / "deep-learning-revolution.yaml"
    )
    check = run_packaged(built, "check", str(story))
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_packaged_build_carries_its_own_python(built: Path) -> None:
    internal = built / "_internal"
    assert list(internal.glob("libpython3*.so*")), "libpython must be bundled"
    assert not (internal / "python3").exists()
    # The bootloader loads the bundled libpython, not a system one: nothing links to /usr.
    ldd = subprocess.run(["ldd", str(built / "revkiosk")], capture_output=True, text=True)
    assert "libpython" not in ldd.stdout


@pytest.mark.slow
def test_every_bundled_library_resolves(built: Path) -> None:
    """A library filtered out by the spec but still needed would show up as `not found`."""
    if shutil.which("ldd") is None:
        pytest.skip("no ldd")
    internal = built / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    missing = []
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        missing += [
            f"{path.name}: {line.strip()}" for line in out.splitlines() if "not found" in line
        ]
    assert not missing, "\n".join(missing[:20])


@pytest.mark.slow
def test_unused_qt_is_left_out_and_size_is_in_budget(built: Path) -> None:
    qt = built / "_internal" / "PySide6" / "Qt"
    unwanted = ["WebEngine", "Pdf", "Quick3D", "3DCore", "VirtualKeyboard", "Wayland", "EglFS"]
    present = [p.name for p in (qt / "lib").iterdir() if any(u in p.name for u in unwanted)]
    assert not present
    assert not (qt / "translations").exists() and not (qt / "qml").exists()
    plugins = {p.parent.name + "/" + p.name for p in (qt / "plugins").rglob("*.so")}
    assert "platforms/libqxcb.so" in plugins and "multimedia/libffmpegmediaplugin.so" in plugins
    assert "platforms/libqwayland.so" not in plugins
    assert folder_mb(built) <= FOLDER_BUDGET_MB, f"{folder_mb(built):.0f} MB"


def fake_release(folder: Path) -> Path:
    """The release archive's layout with a stand-in executable (for the installer's dry run)."""
    (folder / "revkiosk").mkdir(parents=True)
    exe = folder / "revkiosk" / "revkiosk"
    exe.write_text("#!/bin/sh\necho 'self-test: 1 passed, 0 failed'\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    (folder / "packaging" / "icon").mkdir(parents=True)
    for name in ("revkiosk.desktop", "revkiosk-kiosk.service", "revkiosk-kiosk.desktop"):
        shutil.copy(PACKAGING / name, folder / "packaging" / name)
    for name in ("revkiosk.svg", "revkiosk.png"):
        shutil.copy(PACKAGING / "icon" / name, folder / "packaging" / "icon" / name)
    shutil.copy(PACKAGING / "install-kiosk.sh", folder / "install-kiosk.sh")
    return folder / "install-kiosk.sh"


def dry_run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(script), "--dry-run", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.skipif(not LINUX, reason="the installer is for Linux")
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


@pytest.mark.skipif(not LINUX, reason="the installer is for Linux")
def test_installer_xdg_autostart_with_a_deck(tmp_path: Path) -> None:
    deck = REPO / "slides" / "example.yaml"
    done = dry_run(
        fake_release(tmp_path), "--current-user", "--autostart", "xdg", "--deck", str(deck)
    )
    assert done.returncode == 0, done.stderr
    assert f'| Exec=/opt/revkiosk/revkiosk kiosk "{deck}"' in done.stdout
    assert ".config/autostart/revkiosk-kiosk.desktop" in done.stdout


@pytest.mark.skipif(not LINUX, reason="the installer is for Linux")
def test_installer_refuses_bad_input_clearly(tmp_path: Path) -> None:
    script = fake_release(tmp_path)
    bad = dry_run(script, "--autostart", "cron")
    assert bad.returncode == 1 and "--autostart must be systemd or xdg" in bad.stderr
    missing = dry_run(script, "--current-user", "--deck", str(tmp_path / "none.yaml"))
    assert missing.returncode == 1 and "none.yaml not found" in missing.stderr
    (tmp_path / "revkiosk" / "revkiosk").unlink()
    nobuild = dry_run(script)
    assert nobuild.returncode == 1 and "run packaging/build.sh first" in nobuild.stderr


def install(script: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = ["bash", str(script), "--root", str(root), "--current-user", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.skipif(not LINUX, reason="the installer is for Linux")
def test_installer_staged_install_update_and_uninstall(tmp_path: Path) -> None:
    script, root = fake_release(tmp_path / "release"), tmp_path / "root"
    first = install(script, root)
    assert first.returncode == 0, first.stderr
    assert (root / "opt/revkiosk/revkiosk").is_file()
    assert os.readlink(root / "usr/local/bin/revkiosk") == "/opt/revkiosk/revkiosk"
    launcher = (root / "usr/share/applications/revkiosk.desktop").read_text()
    assert "Exec=/opt/revkiosk/revkiosk %f" in launcher
    units = list(root.glob("**/.config/systemd/user/graphical-session.target.wants/*"))
    assert [u.name for u in units] == ["revkiosk-kiosk.service"]  # enabled

    second = install(script, root, "--autostart", "xdg")
    assert second.returncode == 0, second.stderr
    assert (root / "opt/revkiosk.old").is_dir()  # the previous version, to go back to
    assert list(root.glob("**/.config/autostart/revkiosk-kiosk.desktop"))
    assert not list(root.glob("**/graphical-session.target.wants/*"))  # one autostart only

    gone = install(script, root, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert not (root / "opt/revkiosk").exists() and not (root / "usr/local/bin/revkiosk").exists()


@pytest.mark.skipif(not LINUX, reason="the installer is for Linux")
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
