"""Spoken mode's voice: Qt TextToSpeech on a thread of its own, imported when first needed.

On Linux Qt speaks through speech-dispatcher (its `speechd` engine plugin, with espeak-ng voices
on Debian: `scripts/setup.sh` installs both); `REVKIOSK_TTS_ENGINE` picks another engine (tests
use Qt's `mock` engine, which speaks nothing but reports each word). Where no engine works the
speaker says so once in the log and stays silent: spoken mode must never stop the show.

The engine lives on its own thread because speech-dispatcher's client library waits for every
answer of the daemon: a daemon that cannot open its sound output stops answering, and the wait
would freeze the player. Here only the speech thread waits; the speaker notices that nothing
came back and stops sending (a stuck thread is ended at exit).

Text is written for the eye (`3.1 × 10^23`, `2014–2022`); `for_speech` turns the symbols the
descriptions use into words before the engine sees them.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from PySide6.QtCore import (
    Q_ARG,
    QCoreApplication,
    QLocale,
    QMetaObject,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

from revkiosk.i18n.words import _, pgettext
from revkiosk.ui.media.player import sound_server

log = logging.getLogger(__name__)

ENGINE_ENV = "REVKIOSK_TTS_ENGINE"
QUEUED = Qt.ConnectionType.QueuedConnection
ANSWER_MS = 5000  # an engine silent this long after `say` is taken as stuck
SPOKEN_KEPT = 50  # texts `Speaker.spoken` remembers
_TIMES_POWER = re.compile(r"\s*×\s*10\^(-?\d+)")
_POWER = re.compile(r"\b10\^(-?\d+)")
_RANGE = re.compile(r"(\d)\s*[–-]\s*(\d)")
_ARROW = re.compile(r"\s*→\s*")
_ABOUT = re.compile(r"≈\s*")
_PAUSES = (re.compile(r"\s*·\s*"), re.compile(r"\s+—\s+"))


def default_engine(engines: list[str]) -> str:
    """The engine Qt would pick, but never the mock one when a real one is there."""
    real = [name for name in engines if name != "mock"]
    return (real or engines or [""])[0]


def for_speech(text: str) -> str:
    """`text` with the symbols of on-screen numbers spoken as words, in the player's language
    (the voice speaks the Show's language: "fois dix puissance 23", "2014 bis 2022")."""
    text = _TIMES_POWER.sub(
        lambda m: " " + _("times ten to the power of {power}", power=m[1]), text
    )
    text = _POWER.sub(lambda m: _("ten to the power of {power}", power=m[1]), text)
    text = _RANGE.sub(
        lambda m: pgettext("range, read aloud", "{first} to {last}", first=m[1], last=m[2]), text
    )
    text = _ARROW.sub(lambda m: " " + pgettext("arrow, read aloud", "to") + " ", text)
    text = _ABOUT.sub(lambda m: _("about") + " ", text)
    for pause in _PAUSES:
        text = pause.sub(", ", text)
    return text


class _Voice(QObject):
    """The QTextToSpeech, on the speech thread. Every call that may wait on the engine is posted
    to it (`QMetaObject.invokeMethod`, queued) so it runs from the thread's event loop in C++:
    called from Python it would wait holding Python's lock, and freeze the player too."""

    ready = Signal(object)  # the QTextToSpeech, once its engine is up
    failed = Signal(str)
    speaking_changed = Signal(bool)
    finished = Signal()

    def __init__(self, engine_name: str) -> None:
        super().__init__()
        self.engine_name = engine_name
        self.tts: Any = None
        self.language = ""
        self.locales: list[QLocale] = []

    @Slot()
    def build(self) -> None:
        """Start from Qt's mock engine (it starts at once and never waits), then switch to the
        real one with a posted `setEngine` (which connects to speech-dispatcher)."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = self.tts = QTextToSpeech("mock", self)
        tts.stateChanged.connect(self._on_tts_state_changed)
        if self.engine_name == "mock":
            self._on_tts_engine_changed("mock")
            return
        tts.engineChanged.connect(self._on_tts_engine_changed)
        target = self.engine_name or default_engine(QTextToSpeech.availableEngines())
        QMetaObject.invokeMethod(tts, "setEngine", QUEUED, Q_ARG(str, target))

    def _on_tts_engine_changed(self, name: str) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.tts.state() == QTextToSpeech.State.Error:
            self.failed.emit(self.tts.errorString() or f"the {name} engine does not start")
            return
        self.locales = list(self.tts.availableLocales())  # it has just answered: ask once
        self.ready.emit(self.tts)

    @Slot(str, str, float, bool)
    def speak(self, text: str, language: str, volume: float, queue: bool) -> None:
        if self.tts is None:
            return
        self._set_language(language)
        QMetaObject.invokeMethod(self.tts, "setVolume", QUEUED, Q_ARG(float, volume))
        QMetaObject.invokeMethod(self.tts, "enqueue" if queue else "say", QUEUED, Q_ARG(str, text))

    @Slot()
    def stop(self) -> None:
        if self.tts is not None:
            QMetaObject.invokeMethod(self.tts, "stop", QUEUED)

    def _set_language(self, language: str) -> None:
        """The engine's voice for `language`: its own locale if it has it, else the first of
        that language (en → en_GB), else it keeps its default (logged once per language)."""
        if language == self.language:
            return
        self.language = language
        wanted = QLocale(language.replace("-", "_"))
        match = next((loc for loc in self.locales if loc.name() == wanted.name()), None)
        match = match or next(
            (loc for loc in self.locales if loc.language() == wanted.language()), None
        )
        if match is None:
            log.warning("no %s voice in the text-to-speech engine: using its default", language)
            return
        QMetaObject.invokeMethod(self.tts, "setLocale", QUEUED, Q_ARG(QLocale, match))

    def _on_tts_state_changed(self, state: Any) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        self.speaking_changed.emit(state == QTextToSpeech.State.Speaking)
        if state == QTextToSpeech.State.Ready:
            self.finished.emit()
        elif state == QTextToSpeech.State.Error:
            self.failed.emit(self.tts.errorString() or "text-to-speech failed")


class Speaker(QObject):
    """Says one text at a time (a new one interrupts the last); `finished` when it falls
    silent after speaking. `spoken` keeps what was sent (the status and tests read it)."""

    finished = Signal()
    speaking_changed = Signal(bool)
    _speak = Signal(str, str, float, bool)
    _stop = Signal()

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_name = engine if engine is not None else os.environ.get(ENGINE_ENV, "")
        self.error: str | None = None
        self.spoken: list[str] = []
        self.speaking = False
        self._tts: Any = None
        self._thread: QThread | None = None
        self._voice: _Voice | None = None
        self._watch = QTimer(self, singleShot=True, interval=ANSWER_MS)
        self._watch.timeout.connect(self._on_watch_timeout)

    # -- the engine ------------------------------------------------------------------------
    def _start(self) -> bool:
        """Start the speech thread (once); False where speech is unavailable."""
        if self.error is not None:
            return False
        if self._voice is not None:
            return True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:  # a Qt build without the module
            return self._fail(f"QtTextToSpeech cannot be imported ({error})")
        engines = QTextToSpeech.availableEngines()
        if self.engine_name and self.engine_name not in engines:
            return self._fail(f"no {self.engine_name!r} engine (engines: {', '.join(engines)})")
        if not engines:
            return self._fail("no text-to-speech engine plugin (is speech-dispatcher installed?)")
        if not self.engine_name and default_engine(engines) == "speechd" and not sound_server():
            # speech-dispatcher speaks through PulseAudio/PipeWire; without one its daemon hangs
            # (REVKIOSK_TTS_ENGINE=speechd uses it anyway: a daemon set up for ALSA works).
            return self._fail("no sound server for speech-dispatcher")
        self._thread = QThread(self)  # a child: deleted after `destroyed` has stopped it
        self._thread.setObjectName("revkiosk-speech")
        voice = self._voice = _Voice(self.engine_name)
        voice.moveToThread(self._thread)
        voice.ready.connect(self._on_voice_ready)
        voice.failed.connect(self._fail)
        voice.speaking_changed.connect(self._on_voice_speaking_changed)
        voice.finished.connect(self.finished)
        self._speak.connect(voice.speak)
        self._stop.connect(voice.stop)
        self._thread.started.connect(voice.build)
        self._thread.finished.connect(voice.deleteLater)
        self._thread.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shut_down)
        # Deleted with its window (a test, a rebuilt player): the thread must stop first, or Qt
        # aborts on a QThread destroyed while it runs. (Not `self` in the closure: it is going.)
        thread = self._thread
        self.destroyed.connect(lambda *_: _stop_thread(thread))
        self._watch.start()  # building it must answer too
        return True

    def _fail(self, reason: str) -> bool:
        if self.error is None:
            self.error = reason
            log.warning("spoken mode is silent: %s", reason)
        return False

    def engine(self) -> Any:
        """The QTextToSpeech (on the speech thread), once built; None until then or if absent.
        Waits up to a few seconds for it the first time (tests, the self-test)."""
        if self._tts is None and self._start():
            deadline = QTimer(singleShot=True, interval=ANSWER_MS)
            deadline.start()
            while self._tts is None and self.error is None and deadline.isActive():
                QCoreApplication.processEvents()
                QThread.msleep(5)
        return self._tts

    @property
    def available(self) -> bool:
        return self.engine() is not None

    def _on_voice_ready(self, tts: Any) -> None:
        self._watch.stop()
        self._tts = tts
        log.info("speaking with the %s text-to-speech engine", tts.engine() or "default")

    def _on_voice_speaking_changed(self, speaking: bool) -> None:
        self._watch.stop()  # it answers
        if speaking != self.speaking:
            self.speaking = speaking
            self.speaking_changed.emit(speaking)

    def _on_watch_timeout(self) -> None:
        self._fail(f"the {self.engine_name or 'default'} engine stopped answering")

    # -- speaking --------------------------------------------------------------------------
    def say(
        self, text: str, language: str = "en", volume: float = 1.0, *, queue: bool = False
    ) -> bool:
        """Speak `text` in `language` (a BCP 47 tag) at `volume` (0..1), interrupting what is
        being said (or after it, with `queue`); False if there is no voice."""
        if not text.strip() or not self._start():
            return False
        self.spoken = [*self.spoken[-(SPOKEN_KEPT - 1) :], text]  # weeks of reading: bounded
        self._speak.emit(for_speech(text), language, float(volume), queue)
        if not self._watch.isActive() and not self.speaking:
            self._watch.start()  # the engine must at least say it started
        return True

    def stop(self) -> None:
        if self._voice is not None and self.error is None:
            self._stop.emit()

    def is_speaking(self) -> bool:
        return self.speaking

    def shut_down(self) -> None:
        """Stop the speech thread (at exit); one stuck in the engine is ended."""
        thread, self._thread = self._thread, None
        _stop_thread(thread)


def _stop_thread(thread: QThread | None) -> None:
    if thread is None or not thread.isRunning():
        return
    thread.quit()
    if not thread.wait(500):
        log.warning("the speech thread did not stop (a stuck speech-dispatcher): ending it")
        thread.terminate()
        thread.wait(1000)
