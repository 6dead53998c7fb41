"""Run the kiosk under a headless cage (Wayland) and take screenshots with grim.

cage refuses to run as root, so as root the kiosk runs as a throw-away system user
(`revkiosk-cage-test`, made with useradd once); as anyone else it runs as that user. Its
home, runtime folder and screenshots live in a folder of its own under /tmp.

The output is rotated 180° (`cage -r -r`; grim turns the picture upright again): with the
headless backend of wlroots 0.15 (Debian 12), a full-screen client is scanned out directly and
no frame after its first reaches the output, so the screen would stay on the first frame
(black). A transformed output is composited, as on a real screen.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import TextIO

REPO = Path(__file__).resolve().parent.parent
TEST_USER = "revkiosk-cage-test"


def missing() -> str | None:
    """Why cage tests cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return "cage is a Linux compositor"
    tools = [t for t in ("cage", "grim", "Xwayland") if shutil.which(t) is None]
    if tools:
        return f"needs {', '.join(tools)} (apt install cage grim xwayland)"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or not _ensure_user()):
        return f"cannot run as the test user {TEST_USER} (cage refuses root)"
    return None


def _ensure_user() -> bool:
    try:
        pwd.getpwnam(TEST_USER)
        return True
    except KeyError:
        pass
    command = ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


class CageKiosk:
    """One kiosk under cage: `start(command)`, `screenshot()`, `status()`, `stop()`."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="revkiosk-cage-", dir="/tmp"))
        self.home, self.runtime = self.folder / "home", self.folder / "run"
        self.home.mkdir()
        self.runtime.mkdir(mode=0o700)
        self.as_root = os.geteuid() == 0
        if self.as_root:
            user = pwd.getpwnam(TEST_USER)
            for path in (self.folder, self.home, self.runtime):
                os.chown(path, user.pw_uid, user.pw_gid)
        self.process: subprocess.Popen[str] | None = None
        self._log: TextIO | None = None

    def _as_user(self, *command: str) -> list[str]:
        return ["runuser", "-u", TEST_USER, "--", *command] if self.as_root else list(command)

    def env(self, **extra: str) -> list[str]:
        values = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.home),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "LANG": "C.UTF-8",
            **extra,
        }
        return ["env", "-i", *(f"{key}={value}" for key, value in values.items())]

    def python(self) -> tuple[list[str], dict[str, str]] | None:
        """A Python the kiosk user may run that imports revkiosk and PySide6 (or None)."""
        path = os.pathsep.join([str(REPO / "src"), sysconfig.get_paths()["purelib"]])
        for candidate in (sys.executable, "/usr/bin/python3"):
            env = {"PYTHONPATH": path}
            probe = self._as_user(*self.env(**env), candidate, "-c", "import PySide6, revkiosk")
            if subprocess.run(probe, capture_output=True, check=False).returncode == 0:
                return [candidate], env
        return None

    def start(self, command: list[str], env: dict[str, str]) -> None:
        cage_env = self.env(
            WLR_BACKENDS="headless",
            WLR_LIBINPUT_NO_DEVICES="1",
            WLR_RENDERER="pixman",
            REVKIOSK_CAGE_OPTIONS="-d -r -r",
            **env,
        )
        launcher = str(REPO / "packaging" / "revkiosk-cage")
        self._log = log = (self.folder / "cage.log").open("w")
        self.process = subprocess.Popen(
            self._as_user(*cage_env, launcher, *command),
            stdout=log,
            stderr=log,
            text=True,
            start_new_session=True,
        )

    def status(self, timeout: float = 60.0) -> dict:
        """The kiosk's status file, once the player has shown its first slide."""
        import json

        path = self.home / ".local/state/revkiosk/status.json"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                data = json.loads(path.read_text())
                if data.get("slide_count") and time.time() - data["updated"] < 3:
                    return data
            except (OSError, ValueError):
                pass
            if self.process is not None and self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"no status from the kiosk; cage log:\n{self.log()}")

    def log(self) -> str:
        return (self.folder / "cage.log").read_text(errors="replace")[-3000:]

    def screenshot(self, name: str, timeout: float = 30.0) -> Path:
        """A screenshot once something is painted (the status file is written as the kiosk
        starts, which may be before its first frame reaches the screen)."""
        from PySide6.QtGui import QImage

        shot = self.folder / name
        command = self._as_user(*self.env(WAYLAND_DISPLAY="wayland-0"), "grim", str(shot))
        deadline = time.monotonic() + timeout
        while True:
            subprocess.run(command, check=True, timeout=30, capture_output=True)
            image = QImage(str(shot))
            step_x, step_y = max(1, image.width() // 48), max(1, image.height() // 27)
            sample = {image.pixel(x * step_x, y * step_y) for x in range(48) for y in range(27)}
            if len(sample) > 4 or time.monotonic() > deadline:
                return shot
            time.sleep(0.5)

    def wait(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        return self.process.wait(timeout)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        if self.as_root:  # anything of the throw-away user left behind
            subprocess.run(["pkill", "-KILL", "-u", TEST_USER], check=False)
        if self._log is not None:
            self._log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
