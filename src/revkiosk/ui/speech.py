"""Spoken mode's voice: Qt TextToSpeech, imported only when spoken mode is first used.

On Linux Qt speaks through speech-dispatcher (its `speechd` engine plugin, with espeak-ng voices
on Debian: `scripts/setup.sh` installs both); `REVKIOSK_TTS_ENGINE` picks another engine (tests
use Qt's `mock` engine, which speaks nothing but reports each word). Where no engine works the
speaker says so once in the log and stays silent: spoken mode must never stop the show.

Text is written for the eye (`3.1 × 10^23`, `2014–2022`); `for_speech` turns the symbols the
descriptions use into words before the engine sees them.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal

log = logging.getLogger(__name__)

ENGINE_ENV = "REVKIOSK_TTS_ENGINE"
_SYMBOLS = (
    (re.compile(r"\s*×\s*10\^(-?\d+)"), r" times ten to the power of \1"),
    (re.compile(r"\b10\^(-?\d+)"), r"ten to the power of \1"),
    (re.compile(r"(\d)\s*[–-]\s*(\d)"), r"\1 to \2"),
    (re.compile(r"\s*→\s*"), " to "),
    (re.compile(r"≈\s*"), "about "),
    (re.compile(r"\s*·\s*"), ", "),
    (re.compile(r"\s+—\s+"), ", "),
)


def for_speech(text: str) -> str:
    """`text` with the symbols of on-screen numbers spoken as words."""
    for pattern, words in _SYMBOLS:
        text = pattern.sub(words, text)
    return text


class Speaker(QObject):
    """Says one text at a time (a new one interrupts the last); `finished` when it falls
    silent after speaking. `spoken` keeps what was sent (the status and tests read it)."""

    finished = Signal()
    speaking_changed = Signal(bool)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine_name = engine if engine is not None else os.environ.get(ENGINE_ENV, "")
        self.error: str | None = None
        self.spoken: list[str] = []
        self._tts: Any = None
        self._language = ""

    def engine(self) -> Any:
        """The QTextToSpeech (built on first use), or None where speech is unavailable."""
        if self._tts is not None or self.error is not None:
            return self._tts
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError as error:  # a Qt build without the module
            return self._fail(f"QtTextToSpeech cannot be imported ({error})")
        engines = QTextToSpeech.availableEngines()
        if self.engine_name and self.engine_name not in engines:
            return self._fail(f"no {self.engine_name!r} engine (engines: {', '.join(engines)})")
        if not engines:
            return self._fail("no text-to-speech engine plugin (is speech-dispatcher installed?)")
        tts = QTextToSpeech(self.engine_name, self) if self.engine_name else QTextToSpeech(self)
        if tts.state() == QTextToSpeech.State.Error:
            reason = tts.errorString() or "no text-to-speech engine"
            tts.deleteLater()
            return self._fail(f"{reason} (engines: {', '.join(engines)})")
        tts.stateChanged.connect(self._on_tts_state_changed)
        self._tts = tts
        log.info("speaking with the %s text-to-speech engine", tts.engine() or "default")
        return tts

    def _fail(self, reason: str) -> None:
        self.error = reason
        log.warning("spoken mode is silent: %s", reason)
        return None

    @property
    def available(self) -> bool:
        return self.engine() is not None

    def say(
        self, text: str, language: str = "en", volume: float = 1.0, *, queue: bool = False
    ) -> bool:
        """Speak `text` in `language` (a BCP 47 tag) at `volume` (0..1), interrupting what is
        being said (or after it, with `queue`); False if there is no voice."""
        tts = self.engine()
        if tts is None or not text.strip():
            return False
        self._set_language(tts, language)
        tts.setVolume(max(0.0, min(1.0, volume)))
        self.spoken.append(text)
        if queue:
            tts.enqueue(for_speech(text))
        else:
            tts.say(for_speech(text))
        return True

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    def is_speaking(self) -> bool:
        if self._tts is None:
            return False
        from PySide6.QtTextToSpeech import QTextToSpeech

        return bool(self._tts.state() == QTextToSpeech.State.Speaking)

    def _set_language(self, tts: Any, language: str) -> None:
        """The engine's voice for `language`: its own locale if it has it, else the first of
        that language (en → en_GB), else it keeps its default (logged once)."""
        if language == self._language:
            return
        self._language = language
        wanted = QLocale(language.replace("-", "_"))
        locales = tts.availableLocales()
        match = next((loc for loc in locales if loc.name() == wanted.name()), None)
        match = match or next((loc for loc in locales if loc.language() == wanted.language()), None)
        if match is None:
            log.warning("no %s voice in the text-to-speech engine: using its default", language)
            return
        tts.setLocale(match)

    def _on_tts_state_changed(self, state: Any) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        speaking = state == QTextToSpeech.State.Speaking
        self.speaking_changed.emit(speaking)
        if state == QTextToSpeech.State.Ready:
            self.finished.emit()
        elif state == QTextToSpeech.State.Error:
            log.warning("text-to-speech failed: %s", self._tts.errorString() if self._tts else "")
