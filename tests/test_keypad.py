"""The whole show on a numeric keypad alone, as a blind visitor at a kiosk meets it.

A museum fits a tactile keypad beside the touch screen; in kiosk mode its keys mean what
`keymap.KEYPAD_BINDINGS` says. The first key turns spoken mode on and says how the keys work.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_helpers import window_for

from revkiosk.deck.model import Deck, DeckInfo, QuoteSlide, TextSlide, TitleSlide
from revkiosk.keymap import KEYPAD_BINDINGS, keypad_help_rows
from revkiosk.kiosk.policy import KioskPolicy
from revkiosk.settings import Settings
from revkiosk.ui.access import WELCOME, install_access

KEYPAD = Qt.KeyboardModifier.KeypadModifier


def make_deck(count: int = 12) -> Deck:
    slides = [TitleSlide(kind="title", title="Welcome")]
    slides += [TextSlide(kind="text", title=f"Room {i}", body="Words.") for i in range(2, count)]
    slides.append(QuoteSlide(kind="quote", text="The end."))
    return Deck(Path("deck.yaml"), Path("."), DeckInfo(title="Keypad"), (), (), tuple(slides))


@pytest.fixture
def kiosk(qtbot: QtBot):  # type: ignore[no-untyped-def]
    window, navigator, show = window_for(make_deck(), Settings(transition="none"))
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    window.set_policy(KioskPolicy().allows)  # kiosk mode: digits type no slide numbers
    access = install_access(window, show, navigator)
    return window, navigator, show, access


def press(window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(window, key, KEYPAD)


def test_the_first_key_turns_the_audio_guide_on(kiosk) -> None:  # type: ignore[no-untyped-def]
    window, navigator, show, access = kiosk
    assert not show.visitor.speech
    press(window, Qt.Key.Key_6)
    assert show.visitor.speech and show.visitor.sound
    assert navigator.index == 0, "the first key only wakes the guide"
    assert access.speaker.spoken[:2] == [WELCOME, "Slide 1 of 12. Welcome."]


def test_the_keypad_alone_reaches_every_slide(kiosk) -> None:  # type: ignore[no-untyped-def]
    window, navigator, show, access = kiosk
    press(window, Qt.Key.Key_6)  # the guide wakes
    seen = {navigator.index}
    for _ in range(navigator.count + 2):
        press(window, Qt.Key.Key_6)
        seen.add(navigator.index)
        assert access.speaker.spoken[-1].startswith(f"Slide {navigator.index + 1} of 12.")
    assert seen == set(range(navigator.count))
    press(window, Qt.Key.Key_4)
    assert navigator.index == navigator.count - 2
    press(window, Qt.Key.Key_7)
    assert navigator.index == 0
    press(window, Qt.Key.Key_0)  # back: where the visitor was before
    assert navigator.index == navigator.count - 2


def test_num_lock_off_sends_the_same_meanings(kiosk) -> None:  # type: ignore[no-untyped-def]
    window, navigator, show, access = kiosk
    press(window, Qt.Key.Key_Right)  # wakes the guide
    press(window, Qt.Key.Key_Right)
    press(window, Qt.Key.Key_Right)
    assert navigator.index == 2
    press(window, Qt.Key.Key_Down)  # 2 with Num Lock off: the slide's next part
    assert access.speaker.spoken[-1] == "Room 3."
    press(window, Qt.Key.Key_Delete)  # "." with Num Lock off: read it again
    assert access.speaker.spoken[-1] == "Slide 3 of 12. Room 3. Words."


def test_volume_select_and_help(kiosk) -> None:  # type: ignore[no-untyped-def]
    window, navigator, show, access = kiosk
    press(window, Qt.Key.Key_6)
    show.update_visitor(volume=0.5)
    press(window, Qt.Key.Key_Plus)
    assert show.visitor.volume == pytest.approx(0.6)
    assert access.speaker.spoken[-1] == "Volume 60%."
    press(window, Qt.Key.Key_Minus)
    press(window, Qt.Key.Key_Minus)
    assert show.visitor.volume == pytest.approx(0.4)
    press(window, Qt.Key.Key_5)  # nothing to play on a text slide: it says so
    assert access.speaker.spoken[-1] == "Nothing to play on this slide."
    press(window, Qt.Key.Key_Slash)
    assert access.keypad_help.isVisible()
    assert access.speaker.spoken[-1].startswith("Keypad. Key 6: Next slide.")
    press(window, Qt.Key.Key_6)  # any key closes the help, and does nothing else
    assert not access.keypad_help.isVisible() and navigator.index == 0


def test_the_comfort_panel_on_the_keypad(kiosk) -> None:  # type: ignore[no-untyped-def]
    window, navigator, show, access = kiosk
    press(window, Qt.Key.Key_6)
    press(window, Qt.Key.Key_Asterisk)
    panel = access.panel
    assert panel.isVisible()
    assert access.speaker.spoken[-1] == "Settings. Read aloud: On, chosen"
    press(window, Qt.Key.Key_2)  # down to "Text size"
    assert access.speaker.spoken[-1] == "Text size: 100%, chosen"
    press(window, Qt.Key.Key_6)
    press(window, Qt.Key.Key_6)
    press(window, Qt.Key.Key_5)
    assert show.visitor.text_scale == 1.5 and navigator.index == 0
    press(window, Qt.Key.Key_0)
    assert not panel.isVisible()


def test_every_keypad_key_names_an_action_the_kiosk_allows() -> None:
    policy = KioskPolicy()
    assert all(policy.allows(action) for _, action in KEYPAD_BINDINGS)
    assert len(keypad_help_rows()) >= 10  # the help lists them, generated from the table


def test_outside_kiosk_mode_keypad_digits_still_type_a_slide_number(qtbot: QtBot) -> None:
    window, navigator, show = window_for(make_deck(), Settings(transition="none"))
    qtbot.addWidget(window)
    window.show()
    install_access(window, show, navigator)
    press(window, Qt.Key.Key_6)
    press(window, Qt.Key.Key_Enter)
    assert navigator.index == 5 and not show.visitor.speech
