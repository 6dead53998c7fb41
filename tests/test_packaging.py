"""The standalone build (issue 10): PyInstaller one-folder build that runs without Python.

Building takes about a minute on two cores, so the build tests are marked `slow` (CI still runs
them: `pip install -e .[test,package]` brings PyInstaller). The build is made once per session
into a temporary folder and then exercised the way a museum PC would run it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
# The brief's budget for the standalone build (the release archive's is 60 MB). ICU's 31 MB of
# data Qt never reads here is replaced by ICU's empty stub (packaging/icu_stub.py).
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
    # Languages: CLDR's month names (Babel's trimmed data), the player's catalogs, Noto faces.
    assert any(line.startswith("ok   languages: CLDR (mars 2016)") for line in lines)


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
    unwanted = [
        "WebEngine",
        "Pdf",
        "Quick3D",
        "3DCore",
        "VirtualKeyboard",
        "WaylandCompositor",
        "EglFS",
    ]
    present = [p.name for p in (qt / "lib").iterdir() if any(u in p.name for u in unwanted)]
    assert not present
    assert not (qt / "translations").exists() and not (qt / "qml").exists()
    plugins = {p.parent.name + "/" + p.name for p in (qt / "plugins").rglob("*.so")}
    assert "platforms/libqxcb.so" in plugins and "multimedia/libffmpegmediaplugin.so" in plugins
    assert "platforms/libqwayland.so" in plugins, "the kiosk under cage runs on Wayland"
    assert "wayland-shell-integration/libxdg-shell.so" in plugins
    icu_data = next((qt / "lib").glob("libicudata.so.*"))
    assert icu_data.stat().st_size < 100_000, "ICU's data should be the empty stub"
    assert folder_mb(built) <= FOLDER_BUDGET_MB, f"{folder_mb(built):.0f} MB"


@pytest.mark.slow
def test_packaged_kiosk_runs_on_wayland_under_cage(built: Path) -> None:
    """The standalone build under a headless cage, as `install-kiosk.sh --session cage` runs it."""
    from cage_support import CageKiosk, missing

    if missing():
        pytest.skip(missing())
    kiosk = CageKiosk()
    try:
        app = kiosk.folder / "revkiosk"
        shutil.copytree(built, app, symlinks=True)
        if kiosk.as_root:
            subprocess.run(["chown", "-R", "--reference", str(kiosk.home), str(app)], check=True)
        kiosk.start([str(app / "revkiosk"), "kiosk", "--hang-timeout", "10"], {})
        status = kiosk.status()
        assert status["slide_count"] >= 40, "the bundled story"
        assert "libqwayland" in Path(f"/proc/{status['pid']}/maps").read_text()
        from PySide6.QtGui import QImage

        image = QImage(str(kiosk.screenshot("packaged.png")))
        colours = {image.pixel(x * 1280 // 48, y * 720 // 27) for x in range(48) for y in range(27)}
        assert image.width() == 1280 and len(colours) > 4, kiosk.log()
    finally:
        kiosk.close()
