"""Spoken mode: the slide's words go to the speech engine, in the show's language.

Unit tests speak through Qt's `mock` text-to-speech engine, which plays nothing but reports
every word it "says". One test speaks through the real speech-dispatcher with espeak-ng: a
private dispatcher (its own socket, its audio to ALSA's null device) whose log shows the text
it received; it is skipped where speech-dispatcher or Qt's speechd plugin is missing.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import window_for

from revkiosk.deck.model import (
    Deck,
    DeckInfo,
    Media,
    Milestone,
    MilestoneSlide,
    PartialDate,
    PlotSlide,
    TextSlide,
)
from revkiosk.describe import slide_text
from revkiosk.settings import Settings
from revkiosk.ui.access import install_access
from revkiosk.ui.speech import Speaker, for_speech

WAIT = 8000


def words(text: str) -> list[str]:
    """Words as the engines report them (split at anything but letters and digits)."""
    return re.findall(r"[^\W_]+", text)


def has_run(heard: list[str], run: list[str]) -> bool:
    return any(heard[i : i + len(run)] == run for i in range(len(heard)))


def make_deck() -> Deck:
    milestone = Milestone(
        "go", PartialDate(2016, 3), "games", "AlphaGo beats Lee Sedol", "DeepMind",
        "It won four games to one.", "https://example.org",
    )  # fmt: skip
    picture = Media(image=Path("board.png"), alt="A Go board, move 37 ringed in red.")
    slides = (
        MilestoneSlide(kind="milestone", milestone=milestone, media=picture),
        PlotSlide(kind="plot", title="Compute", highlight=("GPT-3 175B (davinci)",)),
        TextSlide(kind="text", title="The end", body="Thank you."),
    )
    return Deck(Path("deck.yaml"), Path("."), DeckInfo(title="Spoken"), (), (milestone,), slides)


@pytest.fixture
def spoken(qtbot: QtBot):  # type: ignore[no-untyped-def]
    deck = make_deck()
    window, navigator, show = window_for(deck, Settings(transition="none"))
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    access = install_access(window, show, navigator)
    heard: list[str] = []
    access.speaker.engine().sayingWord.connect(lambda word, *_: heard.append(word))
    return deck, navigator, show, access, heard


def test_spoken_mode_reads_title_text_and_alt_text_to_the_engine(qtbot: QtBot, spoken) -> None:  # type: ignore[no-untyped-def]
    deck, navigator, show, access, heard = spoken
    assert access.speaker.engine().engine() == "mock"
    show.update_visitor(speech=True)
    sent = access.speaker.spoken[-1]
    assert sent == "Slide 1 of 3. " + slide_text(deck.slides[0], deck)
    assert "AlphaGo beats Lee Sedol." in sent and "It won four games to one." in sent
    assert "Picture: A Go board, move 37 ringed in red." in sent  # the alt text
    expected = words(for_speech(sent))
    qtbot.waitUntil(lambda: len(heard) >= 12, timeout=WAIT)
    assert heard[:12] == expected[:12]  # the engine got the slide's words, in order
    assert show.visitor.sound  # spoken mode needs sound


def test_a_chart_is_read_with_its_description_from_the_data(qtbot: QtBot, spoken) -> None:  # type: ignore[no-untyped-def]
    deck, navigator, show, access, heard = spoken
    show.update_visitor(speech=True)
    navigator.go(1)
    sent = access.speaker.spoken[-1]
    assert sent.startswith("Slide 2 of 3. Compute. A chart of the training compute of")
    assert "doubled about every" in sent and "Marked: GPT-3 175B (davinci), OpenAI" in sent
    start = words(for_speech(sent))[:8]
    # The new slide interrupts the last: its first words are heard, in order.
    qtbot.waitUntil(lambda: has_run(heard, start), timeout=WAIT)


def test_keypad_parts_and_repeat(qtbot: QtBot, spoken) -> None:  # type: ignore[no-untyped-def]
    deck, navigator, show, access, heard = spoken
    show.update_visitor(speech=True)
    access.window.trigger("focus_next")
    assert access.speaker.spoken[-1] == "AlphaGo beats Lee Sedol."
    access.window.trigger("focus_next")
    assert access.speaker.spoken[-1] == "March 2016, DeepMind."
    access.window.trigger("focus_previous")
    assert access.speaker.spoken[-1] == "AlphaGo beats Lee Sedol."
    access.window.trigger("repeat")
    assert access.speaker.spoken[-1].startswith("Slide 1 of 3. AlphaGo beats Lee Sedol.")


def test_speech_follows_the_shows_language(qtbot: QtBot, spoken) -> None:  # type: ignore[no-untyped-def]
    deck, navigator, show, access, heard = spoken
    show.update_visitor(speech=True)
    engine = access.speaker.engine()
    qtbot.waitUntil(lambda: engine.locale().name().startswith("en"), timeout=WAIT)
    show.set_language("fi")  # the mock engine has a Finnish voice
    navigator.next()
    qtbot.waitUntil(lambda: engine.locale().name() == "fi_FI", timeout=WAIT)


def test_spoken_mode_off_stops_speaking(qtbot: QtBot, spoken) -> None:  # type: ignore[no-untyped-def]
    deck, navigator, show, access, heard = spoken
    show.update_visitor(speech=True)
    qtbot.waitUntil(access.speaker.is_speaking, timeout=WAIT)
    show.update_visitor(speech=False)
    qtbot.waitUntil(lambda: not access.speaker.is_speaking(), timeout=WAIT)
    count = len(access.speaker.spoken)
    navigator.next()
    assert len(access.speaker.spoken) == count, "nothing is read with spoken mode off"


def test_no_engine_means_silence_and_one_log_line(qtbot: QtBot, caplog) -> None:  # type: ignore[no-untyped-def]
    speaker = Speaker(engine="no-such-engine")
    with caplog.at_level(logging.WARNING):
        assert not speaker.say("Hello")
        assert not speaker.say("Hello again")
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert "spoken mode is silent" in caplog.records[0].message


def test_symbols_are_spoken_as_words() -> None:
    assert for_speech("3.1 × 10^23 operations") == "3.1 times ten to the power of 23 operations"
    assert for_speech("2014–2022 · ≈ 6 months") == "2014 to 2022, about 6 months"


# --- the real engine ------------------------------------------------------------------------


def _speechd_available() -> str | None:
    """Why the real-engine test cannot run here, or None when it can."""
    if shutil.which("speech-dispatcher") is None:
        return "speech-dispatcher is not installed (scripts/setup.sh installs it)"
    from PySide6.QtTextToSpeech import QTextToSpeech

    if "speechd" not in QTextToSpeech.availableEngines():
        return "Qt's speechd plugin does not load (libspeechd2 missing?)"
    return None


@pytest.fixture
def private_dispatcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp):  # type: ignore[no-untyped-def]
    """A speech-dispatcher of our own: own socket and config, audio to ALSA's null device
    (no sound card or sound server needed), full logging so the test can read what it got."""
    reason = _speechd_available()
    if reason:
        pytest.skip(reason)
    conf, home = tmp_path / "conf", tmp_path / "home"
    shutil.copytree("/etc/speech-dispatcher", conf)
    with (conf / "speechd.conf").open("a", encoding="utf-8") as handle:
        handle.write('\nAudioOutputMethod "alsa"\n')
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\nctl.!default { type hw card 0 }\n")
    socket = tmp_path / "speechd.sock"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket}")
    log = tmp_path / "speechd.log"
    output = log.open("w")
    process = subprocess.Popen(
        [
            "speech-dispatcher",
            "-s",
            "-l",
            "5",
            "-c",
            "unix_socket",
            "-S",
            str(socket),
            "-t",
            "30",
            "-C",
            str(conf),
            "-L",
            str(tmp_path / "logs"),
        ],  # fmt: skip
        stdout=output,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(home)},
    )
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        if not socket.exists():
            pytest.skip("speech-dispatcher did not start")
        yield log
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        output.close()


def test_the_real_speech_dispatcher_receives_the_slide(qtbot: QtBot, private_dispatcher) -> None:  # type: ignore[no-untyped-def]
    deck = make_deck()
    window, navigator, show = window_for(deck, Settings(transition="none"))
    qtbot.addWidget(window)
    window.show()
    speaker = Speaker(engine="speechd")
    from PySide6.QtTextToSpeech import QTextToSpeech

    engine = speaker.engine()
    assert engine is not None and engine.engine() == "speechd"
    states: list[object] = []
    engine.stateChanged.connect(states.append)
    text = slide_text(deck.slides[2], deck)  # "The end. Thank you."
    assert speaker.say(text, "en", 0.8)
    qtbot.waitUntil(lambda: QTextToSpeech.State.Ready in states, timeout=WAIT * 2)
    assert states[0] == QTextToSpeech.State.Speaking  # espeak-ng spoke it (to the null device)
    qtbot.waitUntil(lambda: "Thank you" in private_dispatcher.read_text(errors="replace"))
    log = private_dispatcher.read_text(errors="replace")
    assert re.search(r"DATA:\|The end\. Thank you\.", log), "the dispatcher got the slide's words"
    speaker.shut_down()
