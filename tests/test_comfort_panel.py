"""The comfort panel at a real kiosk: touched, it changes the Show; at idle everything resets.

The kiosk starts with open captions and its sound off (the museum's defaults, from
settings.yaml); a visitor's choices last until the kiosk goes idle and the "Still there?"
countdown runs out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from revkiosk.app import build_player
from revkiosk.kiosk.session import KioskSession
from revkiosk.settings import VisitorSettings
from revkiosk.ui.access import install_access

DECK = """deck:
  title: Comfort
  slide_seconds: 30
  kiosk: {idle_seconds: 5, warning_seconds: 20, start_slide: 1}
slides:
  - {kind: title, title: Welcome}
  - {kind: text, title: Two, body: Read me.}
  - {kind: text, title: Three, body: And me.}
"""


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    player = build_player(["--kiosk", str(deck)])
    qtbot.addWidget(player.window)
    player.window.show()
    access = install_access(player.window, player.show, player.navigator)
    session = KioskSession(player, time_scale=0.03)  # idle after 150 ms, then 600 ms warning
    session.start()
    yield player, session, access
    session.stop()
    session.guard.is_exiting = True


def button(panel, name: str) -> QPushButton:  # type: ignore[no-untyped-def]
    found = [b for b in panel.findChildren(QPushButton) if b.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def touch(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_a_kiosk_starts_with_open_captions_and_quiet(kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session, access = kiosk
    assert player.show.visitor == VisitorSettings(captions=True, sound=False)


def test_touched_choices_change_the_show_and_reset_at_idle(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session, access = kiosk
    window, show = player.window, player.show
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton)  # a visitor arrives
    player.navigator.go(1)
    assert window.trigger("comfort")  # the control bar's comfort button (kiosk policy allows)
    panel = access.panel
    assert panel.isVisible()
    normal_px = panel.font_px
    touch(qtbot, button(panel, "Text size: 150%"))
    touch(qtbot, button(panel, "Contrast: High"))
    touch(qtbot, button(panel, "Sound: On"))
    touch(qtbot, button(panel, "Motion: Reduced"))
    touch(qtbot, button(panel, "Volume: Louder"))  # already at 100 %: stays
    touch(qtbot, button(panel, "Volume: Quieter"))
    assert show.visitor == VisitorSettings(
        text_scale=1.5, contrast="high", captions=True, sound=True, volume=0.9,
        reduced_motion=True,
    )  # fmt: skip
    assert button(panel, "Contrast: High").isChecked()
    card = panel.card.grab().toImage()
    assert card.pixelColor(3, card.height() // 2).name() == show.theme.surface == "#121212"
    assert panel.font_px > normal_px, "its own text grew (as far as an 800 px square allows)"
    assert window.stage.context.theme.contrast == "high"
    # The visitor walks away: the warning comes, counts down, and the kiosk starts again.
    with qtbot.waitSignal(session.attract.went_idle, timeout=5000):
        pass
    assert show.visitor == VisitorSettings(captions=True, sound=False)
    assert not panel.isVisible() and player.navigator.index == 0
    assert window.stage.context.theme.contrast == "normal"


def test_start_again_and_done(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session, access = kiosk
    qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)
    access.open_panel()
    touch(qtbot, button(access.panel, "Captions: Off"))
    touch(qtbot, button(access.panel, "Read aloud: On"))
    assert not player.show.visitor.captions and player.show.visitor.speech
    touch(qtbot, button(access.panel, "Start again"))
    assert player.show.visitor == VisitorSettings(captions=True, sound=False)
    touch(qtbot, button(access.panel, "Done"))
    assert not access.panel.isVisible()


def test_every_panel_control_has_an_accessible_name(kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session, access = kiosk
    access.open_panel()
    names = [b.accessibleName() for b in access.panel.findChildren(QPushButton)]
    assert len(names) >= 17 and all(names)
    assert access.panel.accessibleName() == "Comfort settings"


def test_back_closes_the_panel_first_then_does_what_the_bar_does(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session, access = kiosk
    window, nav = player.window, player.navigator
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton)
    nav.go(2)
    nav.clear_history()  # a new visitor: no way back, so Back is "previous" (the bar's rule)
    access.open_panel()
    assert window.trigger("back") and not access.panel.isVisible() and nav.index == 2
    assert window.trigger("back") and nav.index == 1


def test_the_language_row_hands_over_to_the_languages_chooser(qtbot: QtBot, kiosk) -> None:  # type: ignore[no-untyped-def]
    player, session, access = kiosk
    opened: list[bool] = []
    player.window.register_action("language", lambda: opened.append(True))  # the chooser's
    qtbot.mouseClick(player.window, Qt.MouseButton.LeftButton)  # wakes the kiosk
    access.open_panel()
    row = button(access.panel, "Language: English")
    touch(qtbot, row)
    assert opened == [True] and not access.panel.isVisible()
