"""Drive the real player on a private X server, the way a clicker or a visitor does.

`XServer` starts Xvfb on a free display (`-displayfd`); `LivePlayer` runs `python -m revkiosk`
on it with `QT_QPA_PLATFORM=xcb` and `REVKIOSK_TRACE=1`, so the player prints one line per
slide change or blank (`revkiosk: slide 3`, `revkiosk: blank black`). Keys and clicks go in
through `xdotool` (XTEST: the same path a USB clicker's key codes take), and each expectation
reads the next trace line. "Nothing happened" is checked with a barrier: the next line after a
key that must do nothing has to be the one the following, known key produces; no sleeps.

Run as a script to take screenshots of the real window for a person to look at:

    PYTHONPATH=src python tests/x11_support.py /tmp/h11 [deck.yaml]
"""

from __future__ import annotations

import contextlib
import os
import queue
import select
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_DECK = REPO / "slides" / "example.yaml"
TRACE = "revkiosk: "
WAIT = 15.0  # seconds: generous, the machine running the tests may be busy


def missing_tools() -> list[str]:
    """The programs these tests need that are not on PATH (an empty list: all there)."""
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


def _die_with_parent() -> None:
    """Linux: Xvfb gets SIGTERM if the test process dies without cleaning up (killed, or
    aborted by a crash), so no orphaned X server outlives the run; the players it hosts
    exit with it when their display goes away."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _end(process: subprocess.Popen[Any] | None) -> int | None:
    """Terminate `process` (kill it after 5 s) unless it has ended; its exit code."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process is not None:
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    return None if process is None else process.returncode


class XServer:
    """A private Xvfb with one screen of the given size, on a display number it picks itself."""

    def __init__(self, width: int = 1920, height: int = 1080) -> None:
        self.width, self.height = width, height
        self.display = ""
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> XServer:
        # Xvfb writes the display number to its stdout (fd 1) once it accepts clients; a
        # higher fd does not work under pytest's capture (Xvfb: "Cannot write display number").
        command = ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-noreset"]
        command += ["-screen", "0", f"{self.width}x{self.height}x24"]
        self._process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], WAIT)
        number = self._process.stdout.readline().decode().strip() if ready else ""
        if not number.isdigit():
            self.stop()
            raise RuntimeError("Xvfb did not report a display number")
        self.display = f":{number}"
        return self

    def stop(self) -> None:
        _end(self._process)

    def xdotool(self, *args: str, timeout: float = WAIT) -> str:
        """Run xdotool on this display; its output, stripped."""
        env = {**os.environ, "DISPLAY": self.display}
        done = subprocess.run(
            ["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def set_layout(self, layout: str) -> None:
        """Switch the server's keyboard layout (`"fr"`: AZERTY) with setxkbmap."""
        env = {**os.environ, "DISPLAY": self.display}
        subprocess.run(["setxkbmap", layout], env=env, check=True, timeout=WAIT)

    def screenshot(self, path: Path) -> bool:
        """Save the whole screen as a PNG: Qt's own X11 grab of the root window, in a separate
        process on this display (no ImageMagick needed). False if the grab failed."""
        code = (
            "import sys; from PySide6.QtGui import QGuiApplication; "
            "app = QGuiApplication(sys.argv[:1]); "
            "ok = app.primaryScreen().grabWindow(0).save(sys.argv[1]); sys.exit(0 if ok else 1)"
        )
        env = {**os.environ, "DISPLAY": self.display, "QT_QPA_PLATFORM": "xcb"}
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)], env=env, timeout=WAIT, check=False
        )
        return done.returncode == 0 and path.is_file()


class LivePlayer:
    """The real player in a subprocess on `server`, with its trace lines in a queue."""

    def __init__(self, server: XServer, args: list[str], home: Path) -> None:
        self.server = server
        self.args = args
        self.home = home
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.window = ""
        self._process: subprocess.Popen[str] | None = None
        self._log = home / "player-stderr.txt"

    # -- life cycle -----------------------------------------------------------------------
    def start(self) -> LivePlayer:
        """Start the player (then call `ready()`); stderr goes to a file for failure messages."""
        env = {**os.environ, "DISPLAY": self.server.display, "QT_QPA_PLATFORM": "xcb"}
        env["REVKIOSK_TRACE"] = "1"
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(REPO / "src"), env.get("PYTHONPATH")])
        )
        for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            env[var] = str(self.home / var.lower())
        env.pop("REVKIOSK_EXIT_AFTER_FIRST_PAINT", None)
        with self._log.open("w") as log_file:  # the child keeps its own copy of the fd
            self._process = subprocess.Popen(
                [sys.executable, "-m", "revkiosk", *self.args],
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=log_file,
                text=True,
            )
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        with self._process.stdout as stdout:
            for line in stdout:
                if line.startswith(TRACE):
                    self.lines.put(line[len(TRACE) :].strip())

    def ready(self) -> str:
        """Wait for the first paint (`"ready 1/11"` → `"1/11"`), then focus the window."""
        line = self.next_line()
        if not line.startswith("ready "):
            raise AssertionError(f"expected the first paint, got {line!r}{self._context()}")
        self.focus()
        return line.removeprefix("ready ")

    def focus(self) -> None:
        """Find the player's visible window and give it the keyboard focus.

        There is no window manager on the test server, so `windowactivate` cannot work;
        `windowfocus` sets the X input focus directly. The search runs again each time
        because kiosk mode re-creates the window (new flags) after start-up.
        """
        pid = str(self.pid)
        found = self.server.xdotool(
            "search", "--sync", "--onlyvisible", "--pid", pid, "--name", "revkiosk"
        )
        self.window = found.split()[-1]
        self.server.xdotool("windowfocus", "--sync", self.window)

    def stop(self) -> int | None:
        """End the player if it still runs (by its own pid); its exit code."""
        return _end(self._process)

    def wait_exit(self, timeout: float = WAIT) -> int:
        """The exit code once the player has left on its own (AssertionError if it does not)."""
        assert self._process is not None
        try:
            return self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the player did not exit{self._context()}") from None

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # -- input ----------------------------------------------------------------------------
    def key(self, *names: str) -> None:
        """Press and release keys (X keysym names, `ctrl+Right` for chords), one after another."""
        self.server.xdotool("key", "--delay", "40", *names)

    def type(self, text: str) -> None:
        self.server.xdotool("type", "--delay", "40", text)

    def click(self, button: int, repeat: int = 1) -> None:
        """Click mouse `button` (1 left, 3 right, 4/5 wheel up/down) over the slide's middle."""
        geometry = self.geometry()
        x, y = geometry["WIDTH"] // 2, geometry["HEIGHT"] // 2
        self.server.xdotool("mousemove", "--window", self.window, str(x), str(y))
        args = ["click", "--repeat", str(repeat), "--delay", "120", str(button)]
        self.server.xdotool(*args)

    # -- observation ----------------------------------------------------------------------
    def next_line(self, timeout: float = WAIT) -> str:
        """The next trace line (AssertionError with the player's stderr if none comes)."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            state = "still running" if self.running else f"exited {self._process.returncode}"  # type: ignore[union-attr]
            raise AssertionError(
                f"no trace line within {timeout:g} s ({state}){self._context()}"
            ) from None
        self.seen.append(line)
        return line

    def expect(self, *wanted: str) -> None:
        """The next trace lines must be exactly `wanted`, in order."""
        for want in wanted:
            got = self.next_line()
            assert got == want, f"expected {want!r}, got {got!r}{self._context()}"

    def geometry(self) -> dict[str, int]:
        """The window's X, Y, WIDTH, HEIGHT as the X server has them."""
        out = self.server.xdotool("getwindowgeometry", "--shell", self.window)
        pairs = (line.split("=", 1) for line in out.splitlines() if "=" in line)
        return {name: int(value) for name, value in pairs if name in ("X", "Y", "WIDTH", "HEIGHT")}

    def covers_screen(self) -> bool:
        g = self.geometry()
        screen = (0, 0, self.server.width, self.server.height)
        return (g["X"], g["Y"], g["WIDTH"], g["HEIGHT"]) == screen

    def _context(self) -> str:
        with contextlib.suppress(OSError):
            tail = self._log.read_text(errors="replace")[-1500:]
            return f"\ntrace so far: {self.seen}\nplayer stderr (end):\n{tail}"
        return f"\ntrace so far: {self.seen}"


def close_request(display: str, window: str) -> None:
    """Send WM_DELETE_WINDOW to `window`, as a window manager does for Alt+F4 or the × button.

    There is no window manager on the test server, so Alt+F4 itself never reaches the
    client as a close request; this is the message a real one would send.
    """
    import ctypes
    import ctypes.util

    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    ptr, ulong, cint = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int
    for name, restype, argtypes in (
        ("XOpenDisplay", ptr, [ctypes.c_char_p]),
        ("XInternAtom", ulong, [ptr, ctypes.c_char_p, cint]),
        ("XSendEvent", cint, [ptr, ulong, cint, ctypes.c_long, ptr]),
        ("XSync", cint, [ptr, cint]),
        ("XCloseDisplay", cint, [ptr]),
        ("XSetErrorHandler", ptr, [handler_type]),
    ):
        function = getattr(xlib, name)
        function.restype, function.argtypes = restype, argtypes

    class ClientMessage(ctypes.Structure):
        _fields_ = [
            ("type", ctypes.c_int),
            ("serial", ctypes.c_ulong),
            ("send_event", ctypes.c_int),
            ("display", ctypes.c_void_p),
            ("window", ctypes.c_ulong),
            ("message_type", ctypes.c_ulong),
            ("format", ctypes.c_int),
            ("data", ctypes.c_long * 5),
            ("pad", ctypes.c_long * 24),  # XEvent is a 24-long union; keep the buffer that big
        ]

    # Xlib's default error handler exits the process (pytest with it) when the window is
    # already gone; record the error instead and report it as a test failure.
    errors: list[int] = []
    on_error = handler_type(lambda _display, _event: errors.append(1) or 0)
    connection = xlib.XOpenDisplay(display.encode())
    if not connection:
        raise RuntimeError(f"cannot open display {display}")
    previous = xlib.XSetErrorHandler(on_error)
    try:
        event = ClientMessage()
        event.type = 33  # ClientMessage
        event.window = int(window)
        event.message_type = xlib.XInternAtom(connection, b"WM_PROTOCOLS", 0)
        event.format = 32
        event.data[0] = xlib.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
        event.data[1] = 0  # CurrentTime
        xlib.XSendEvent(connection, int(window), 0, 0, ctypes.byref(event))
        xlib.XSync(connection, 0)
    finally:
        xlib.XCloseDisplay(connection)
        xlib.XSetErrorHandler(ctypes.cast(previous, handler_type))
    if errors:
        raise AssertionError(f"close request to window {window} failed (is it gone?)")


def take_screenshots(folder: Path, deck: Path, slides: int = 4) -> list[Path]:
    """Screenshots of the real window, full screen, at 1280x720 and 1920x1080."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for width, height in ((1280, 720), (1920, 1080)):
        server = XServer(width, height).start()
        with tempfile.TemporaryDirectory() as home:
            player = LivePlayer(server, [str(deck), "--no-resume", "--fullscreen"], Path(home))
            try:
                player.start()
                player.ready()
                for number in range(1, slides + 1):
                    if number > 1:
                        player.key("Next")
                        player.expect(f"slide {number}")
                    player.server.xdotool("sleep", "1.2")  # let the cross-fade and media settle
                    path = folder / f"{deck.stem}-{width}x{height}-slide{number}.png"
                    if server.screenshot(path):
                        saved.append(path)
            finally:
                player.stop()
                server.stop()
    return saved


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/h11")
    deck_arg = (
        Path(sys.argv[2])
        if len(sys.argv) > 2
        else REPO / "slides" / "deep-learning-revolution.yaml"
    )
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    for saved_path in take_screenshots(out, deck_arg.resolve(), count):
        print(saved_path)
