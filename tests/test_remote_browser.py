"""The phone remote page in a real browser (Debian's chromium, driven by selenium through
chromedriver) against the real player: Next on the page moves the player, and the page follows
a key pressed on the player."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from remote_support import TOKEN, off_thread

from revkiosk.app import build_player
from revkiosk.player import Player
from revkiosk.remote.adapter import start_remote
from revkiosk.remote.service import RemoteService

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER), reason="needs chromium and chromium-driver (scripts/setup.sh)"
)
DECK = """\
deck:
  title: Phone test
slides:
  - {kind: title, title: First slide, notes: "Open with the question."}
  - {kind: text, title: Second slide, body: Two., notes: "Then the answer."}
  - {kind: text, title: Third slide, body: Three.}
  - {kind: section, title: Fourth}
"""


@pytest.fixture
def served(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[Player, RemoteService]]:
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    player = build_player([str(deck), "--no-resume", "--remote", "0", "--remote-token", TOKEN])
    qtbot.addWidget(player.window)
    player.window.resize(960, 540)
    player.window.show()
    service = start_remote(player)
    assert service is not None
    yield player, service
    service.stop()


@pytest.fixture
def browser(qtbot: QtBot) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="revkiosk-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                 "--window-size=412,900"):  # fmt: skip
        options.add_argument(flag)
    driver = off_thread(
        qtbot, lambda: webdriver.Chrome(service=Service(DRIVER), options=options), timeout=60
    )
    yield driver
    off_thread(qtbot, driver.quit, timeout=30)
    shutil.rmtree(profile, ignore_errors=True)


def until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll `condition` (in the browser thread) until true; False after `timeout`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_phone_page_drives_and_follows_the_player(
    qtbot: QtBot, served: tuple[Player, RemoteService], browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    player, service = served

    def text(element: str) -> str:
        return str(browser.find_element(By.ID, element).text)

    def open_page() -> dict[str, object]:
        browser.get(service.pairing_url())
        live = until(lambda: text("link") == "live" and text("position") == "1 / 4")
        pictured = until(
            lambda: (
                browser.execute_script("return document.getElementById('current').naturalWidth")
                == 640
            )
        )
        return {"live": live, "pictured": pictured, "url": browser.current_url,
                "notes": text("notes")}  # fmt: skip

    opened = off_thread(qtbot, open_page, timeout=40)
    assert opened["live"] and opened["pictured"]
    assert "token" not in str(opened["url"])  # taken out of the address bar
    assert opened["notes"] == "Open with the question."

    off_thread(qtbot, lambda: browser.find_element(By.ID, "go-next").click())
    qtbot.waitUntil(lambda: player.navigator.index == 1, timeout=5000)  # the player moved

    qtbot.keyClick(player.window, Qt.Key.Key_Right)  # a clicker on the laptop
    assert player.navigator.index == 2
    followed = off_thread(
        qtbot, lambda: until(lambda: text("position") == "3 / 4" and "Third" in text("title"))
    )
    assert followed
    assert off_thread(qtbot, lambda: text("next-title")) == "Fourth"

    shot = os.environ.get("REVKIOSK_PHONE_SHOT")  # set it to look at the page yourself
    if shot:
        off_thread(qtbot, lambda: browser.save_screenshot(shot))
