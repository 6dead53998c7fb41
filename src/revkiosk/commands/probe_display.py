"""`revkiosk probe-display`: open the display the player would open, print its screens, quit.

Run by `revkiosk --self-test` in a child process: when Qt cannot open a display it aborts the
whole process, which must not be the self-test's own. A technician can run it too, as the kiosk
user, to see which platform (xcb, wayland) and screens the player would get.
"""

from __future__ import annotations


def main(argv: list[str]) -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(["revkiosk"])
    screens = [
        f"{screen.name() or 'screen'} {screen.size().width()}x{screen.size().height()}"
        for screen in app.screens()
    ]
    print(f"{app.platformName()}: {', '.join(screens) or 'no screen'}")
    return 0 if screens else 1
