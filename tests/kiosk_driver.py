"""Run the real kiosk player in this process, break one part of it, and try to get out.

    python tests/kiosk_driver.py BREAK [--chord] -- revkiosk-arguments…

BREAK is `module:Class.method` (made to raise OSError ENAMETOOLONG, as a path check did for a
media name over 255 bytes) or `-` for nothing. Once the first slide is painted, the driver does
what a visitor or a stray program could: Esc, Alt+F4, Ctrl+Q, Ctrl+W, F11, a right click, a
window-manager close request, and the named actions. It then prints one line per fact for the
test to read (`alive`, `allows <action>` for each action still allowed, `status <json>`) and
ends the event loop *without* the exit chord — a kiosk must answer that with a non-zero status.
With `--chord` it uses the exit chord instead (status 0 expected).

Used by tests/test_failclosed_setup.py; each run takes a second or two.
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ACTIONS = ("quit", "escape", "fullscreen", "leave_fullscreen", "reload", "presenter", "black")


def breaker(target: str) -> None:
    module_name, _, attr = target.partition(":")
    owner_name, _, method = attr.rpartition(".")
    owner = importlib.import_module(module_name)
    if owner_name:
        owner = getattr(owner, owner_name)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENAMETOOLONG, "File name too long (injected)")

    setattr(owner, method, broken)


def probe(player, chord: bool) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from revkiosk.kiosk.status import read_json, status_path

    window = player.window
    mod = Qt.KeyboardModifier
    keys = [
        (Qt.Key.Key_Escape, mod.NoModifier),
        (Qt.Key.Key_F4, mod.AltModifier),
        (Qt.Key.Key_Q, mod.ControlModifier),
        (Qt.Key.Key_W, mod.ControlModifier),
        (Qt.Key.Key_F11, mod.NoModifier),
    ]
    for key, modifiers in keys:
        QTest.keyClick(window, key, modifiers)
    QTest.mouseClick(window, Qt.MouseButton.RightButton, mod.NoModifier, QPoint(10, 10))
    window.close()  # what a window manager's close button asks
    QApplication.processEvents()
    print("alive", flush=True)
    for action in ACTIONS:
        if window.allows(action):
            print(f"allows {action}", flush=True)

    def report_and_leave() -> None:
        print(f"status {json.dumps(read_json(status_path()))}", flush=True)
        print(f"visible {window.isVisible()}", flush=True)
        if chord:
            q = Qt.Key.Key_Q
            QTest.keyClick(window, q, mod.ControlModifier | mod.AltModifier | mod.ShiftModifier)
        else:
            QApplication.exit(0)  # a stray end of the event loop, not the technician

    QTimer.singleShot(1200, report_and_leave)


def main() -> int:
    args = sys.argv[1:]
    split = args.index("--")
    options, player_args = args[:split], args[split + 1 :]
    if options[0] != "-":
        breaker(options[0])
    chord = "--chord" in options

    import revkiosk.app
    import revkiosk.first_paint

    original = revkiosk.first_paint.after_first_paint

    def after_first_paint(player) -> None:  # type: ignore[no-untyped-def]
        original(player)
        player.window.first_slide_painted.connect(lambda: probe(player, chord))

    revkiosk.first_paint.after_first_paint = after_first_paint
    revkiosk.app.after_first_paint = after_first_paint  # type: ignore[attr-defined]
    return revkiosk.app.main(player_args)


if __name__ == "__main__":
    sys.exit(main())
