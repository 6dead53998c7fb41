"""One clip on one QMediaPlayer, with the deck's rules (start, end, loop, muted) and no waiting.

QtMultimedia is imported here on first use, never at start-up: a title slide must paint on a
machine where it is missing or broken, and the import costs ~100 ms. Every call is asynchronous
(the FFmpeg backend opens files on its own thread), so a slow or broken file never holds up
navigation; failures arrive as the `failed` signal and leave a short visitor-facing `notice`.

Commands (play, pause, stop, seek) are posted to the player, not called: `send()` queues the
slot, and the event loop runs it with Python's lock released. Called from Python, the slot ran
holding that lock while it waited for a Qt connection lock — which FFmpeg's audio thread could be
holding while it destroyed a renderer and, through PySide's `disconnectNotify` override check on
the Python-made QAudioOutput, waited for Python's lock: a deadlock (seen as a frozen player
after a narrated slide was left, e.g. pause + seek then stop, a few times in 10,000 changes).
"""

from __future__ import annotations

import functools
import importlib
import inspect
import logging
import os
import shutil
import sys
import weakref
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QUrl, Signal

from revkiosk.allocator import tune_allocator
from revkiosk.ui.media.images import file_problem, media_notice

log = logging.getLogger(__name__)

_multimedia: ModuleType | None = None
_multimedia_error: str | None = None


def multimedia_environment() -> None:
    """Settings QtMultimedia reads once, when it loads (an administrator's own values stand).

    revkiosk draws every video frame itself from a QVideoSink as a QImage (see `video.py`), so
    FFmpeg's decoded frames never need converting into GPU textures; without a GPU that
    conversion tries to create one per decoding thread and prints "No RHI backend. Using CPU
    conversion." on the terminal.
    """
    os.environ.setdefault("QT_DISABLE_HW_TEXTURES_CONVERSION", "1")


def load_multimedia() -> ModuleType | None:
    """PySide6.QtMultimedia, or None (the reason logged once) where it cannot be imported."""
    global _multimedia, _multimedia_error
    if _multimedia is None and _multimedia_error is None:
        multimedia_environment()
        tune_allocator()  # before the first decoder allocates: see revkiosk.allocator
        try:
            _multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError as error:  # missing module, or a system library it links to
            _multimedia_error = str(error) or type(error).__name__
            log.warning(
                "video and audio disabled: cannot import QtMultimedia (%s)", _multimedia_error
            )
    return _multimedia


@functools.cache
def sound_server() -> bool:
    """Whether there is a sound server to play through (on Linux, PulseAudio or PipeWire's
    PulseAudio socket, or a PulseAudio that can start on demand).

    Without one QtMultimedia plays nothing and prints two warnings on the terminal per process
    ("pa_context_connect() failed", "No audio device detected"); the player then builds no
    audio outputs at all — videos play silently, narration is skipped — and says so once in
    its log.
    """
    if not sys.platform.startswith("linux") or os.environ.get("PULSE_SERVER"):
        return True
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}")
    sockets = (runtime / "pulse" / "native", Path("/run/pulse/native"))
    if any(socket.exists() for socket in sockets) or shutil.which("pulseaudio"):
        return True
    log.info("no sound server (PulseAudio or PipeWire): videos play silently, no narration")
    return False


def multimedia_error() -> str | None:
    """Why QtMultimedia could not be imported, if it could not (None if untried or fine)."""
    return _multimedia_error


def send(player: QObject, slot: str, position_ms: int | None = None) -> None:
    """Post `player.slot()` (or `player.setPosition(position_ms)`) to the event loop, which runs
    it without Python's lock (see the module docstring)."""
    queued = Qt.ConnectionType.QueuedConnection
    if position_ms is None:
        QMetaObject.invokeMethod(player, slot, queued)
    else:
        QMetaObject.invokeMethod(player, slot, queued, Q_ARG("qint64", int(position_ms)))


class Clip(QObject):
    """Plays `path` and keeps to start/end/loop; `on_player` attaches outputs (a video sink).

    The player is built lazily by the first `preload()` or `play()`, so a view that is only
    rendered offscreen (export, thumbnails) never touches QtMultimedia.
    """

    failed = Signal(str)
    loaded = Signal()
    playing_changed = Signal(bool)
    finished = Signal()

    def __init__(
        self,
        path: Path | None,
        *,
        what: str = "Video",
        loop: bool = False,
        start: float | None = None,
        end: float | None = None,
        muted: bool = False,
        volume: float = 1.0,
        on_player: Callable[[Any, ModuleType], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path, self.what, self.loop, self.muted = path, what, loop, muted
        self.volume = volume
        self.start_ms = round((start or 0.0) * 1000)
        self.end_ms = round(end * 1000) if end is not None and end > (start or 0.0) else None
        self.notice = ""
        # Held weakly when it is a bound method (VideoWidget._attach_sink): a strong reference
        # made a widget ↔ clip cycle, so a deleted view's Python side — with its last decoded
        # frame pinning FFmpeg's frame pool — lived on until the garbage collector's next full
        # pass, which a kiosk at speed reaches only every few hundred slides.
        self._on_player: Callable[[], Callable[[Any, ModuleType], None] | None] | None = None
        if inspect.ismethod(on_player):
            self._on_player = weakref.WeakMethod(on_player)
        elif on_player is not None:
            self._on_player = lambda: on_player
        self._player: Any = None
        self._mm: ModuleType | None = None
        self._is_loaded = False
        self._resume_ms: int | None = None  # where a reopened clip goes on (see set_sound)
        # What was last asked for: commands are posted, so the player's own state lags a
        # command by an event-loop turn (a K pressed twice quickly must play again).
        self._wants_playing = False

    # -- state -----------------------------------------------------------------------------
    @property
    def player(self) -> Any:
        """The QMediaPlayer, or None before the first preload/play or after a failure."""
        return self._player

    def is_playing(self) -> bool:
        return self._player is not None and self._player.isPlaying()

    @property
    def wants_playing(self) -> bool:
        """Whether the last command was to play (true before the posted command has run)."""
        return self._wants_playing

    def is_loaded(self) -> bool:
        return self._is_loaded

    def position(self) -> float:
        """Seconds into the file (not into the start..end window)."""
        return self._player.position() / 1000 if self._player is not None else self.start_ms / 1000

    def duration(self) -> float | None:
        """The played length in seconds (honouring start/end), once the file is loaded."""
        if self._player is None or self._player.duration() <= 0:
            return None
        end = self.end_ms if self.end_ms is not None else self._player.duration()
        return max(0.0, (min(end, self._player.duration()) - self.start_ms) / 1000)

    # -- commands (all return at once) -----------------------------------------------------
    def check(self) -> bool:
        """Whether the file can be opened at all (a missing file fails now, with its notice),
        without building a player: a view entered quickly shows the notice at once, and the
        player is built only when the slide has settled (see `video.py`)."""
        if self.notice:
            return False
        if self._player is not None:
            return True
        problem = file_problem(self.path, self.what)
        if problem:
            self._fail(problem)
            return False
        return True

    def preload(self) -> None:
        """Open the file and pause at its first frame (shown by the sink before `play`)."""
        if self._ensure() and not self._player.isPlaying():
            self._wants_playing = False
            send(self._player, "pause")

    def play(self) -> None:
        if self._ensure():
            self._wants_playing = True
            send(self._player, "play")

    def pause(self) -> None:
        self._wants_playing = False
        if self._player is not None:
            send(self._player, "pause")

    def toggle(self) -> bool:
        """Play or pause, by what was last asked for; False when there is nothing to play
        (failed or unavailable)."""
        if not self._ensure():
            return False
        if self._wants_playing:
            self.pause()
        else:
            self.play()
        return True

    def rewind(self) -> None:
        """Pause back at the start so re-entering the slide starts there with no reload."""
        self._wants_playing = False
        if self._player is not None:
            send(self._player, "pause")
            send(self._player, "setPosition", self.start_ms)

    def release(self) -> None:
        """Stop decoding and drop the player (the stage deletes views it no longer needs).

        The source is deliberately not cleared: clearing waits for the loader thread. The
        player and its sink are silenced first, so a status or frame already on its way cannot
        reach a clip (or widget) that has moved on; the destructor runs from the event loop.
        """
        player, self._player, self._is_loaded = self._player, None, False
        self._wants_playing = False
        if player is not None:
            sink = player.videoSink()
            for sender in (player, sink):
                if sender is not None:
                    sender.blockSignals(True)
            send(player, "stop")  # posted before the deletion, so it runs first
            player.deleteLater()

    def set_sound(self, muted: bool, volume: float) -> None:
        """The visitor turned the sound on or off or changed the volume, while this plays.

        An existing output is muted or re-levelled through its queued slots (see `send`). A
        clip opened muted has no output at all (its audio is not even decoded): it is reopened
        with one at the same position, playing on if it was — a moment's pause, where adding an
        output to a running FFmpeg player would build an audio renderer under Python's lock.
        """
        if (muted, volume) == (self.muted, self.volume):
            return
        self.muted, self.volume = muted, volume
        player = self._player
        if player is None:
            return  # the next preload or play builds the player this way
        output = player.audioOutput()
        if output is not None:
            queued = Qt.ConnectionType.QueuedConnection
            QMetaObject.invokeMethod(output, "setMuted", queued, Q_ARG("bool", muted))
            QMetaObject.invokeMethod(output, "setVolume", queued, Q_ARG("float", float(volume)))
        elif not muted and sound_server():
            position, playing = player.position(), player.isPlaying()
            self.release()
            self._resume_ms = position
            if self._ensure():
                send(self._player, "play" if playing else "pause")

    # -- internals -------------------------------------------------------------------------
    def _ensure(self) -> bool:
        if self._player is not None:
            return True
        if self.notice:
            return False
        problem = file_problem(self.path, self.what)
        if problem:
            self._fail(problem)
            return False
        mm = load_multimedia()
        if mm is None:
            self._fail(media_notice(self.what, "no_playback"))
            return False
        self._mm = mm
        player = mm.QMediaPlayer(self)
        if not self.muted and sound_server():  # muted: no output, the audio is not decoded
            output = mm.QAudioOutput(player)
            output.setVolume(self.volume)
            player.setAudioOutput(output)
        if self.loop and self.start_ms == 0 and self.end_ms is None:
            player.setLoops(mm.QMediaPlayer.Loops.Infinite)
        player.errorOccurred.connect(self._on_player_error_occurred)
        player.mediaStatusChanged.connect(self._on_player_media_status_changed)
        player.playbackStateChanged.connect(self._on_player_playback_state_changed)
        if self.end_ms is not None:
            player.positionChanged.connect(self._on_player_position_changed)
        attach = self._on_player() if self._on_player is not None else None
        if attach is not None:
            attach(player, mm)
        self._player = player
        player.setSource(QUrl.fromLocalFile(str(self.path)))
        if self._first_position():
            send(player, "setPosition", self._first_position())
        return True

    def _first_position(self) -> int:
        """Where an opened file starts: the clip's start, or where a reopened clip was."""
        return self._resume_ms if self._resume_ms is not None else self.start_ms

    def _fail(self, notice: str) -> None:
        if self.notice:
            return
        self.notice = notice
        self.release()
        self.failed.emit(notice)

    def _on_player_error_occurred(self, error: Any, message: str) -> None:
        log.warning("%s %s cannot be played: %s (%s)", self.what.lower(), self.path, message, error)
        self._fail(media_notice(self.what, "unplayable"))

    def _on_player_media_status_changed(self, status: Any) -> None:
        statuses = self._mm.QMediaPlayer.MediaStatus  # type: ignore[union-attr]
        if status == statuses.InvalidMedia and not self.notice:
            reason = self._player.errorString() if self._player is not None else ""
            log.warning("%s %s cannot be decoded: %s", self.what.lower(), self.path, reason)
            self._fail(media_notice(self.what, "unplayable"))
        elif status == statuses.LoadedMedia and not self._is_loaded:
            self._is_loaded = True
            if self._first_position() and self._player is not None:
                send(self._player, "setPosition", self._first_position())
            self._resume_ms = None
            self.loaded.emit()
        elif status == statuses.EndOfMedia:
            if self.loop and self._player is not None and self._player.loops() == 1:
                send(self._player, "setPosition", self.start_ms)
                send(self._player, "play")
            else:
                self._wants_playing = False  # it stopped by itself at the end
                self.finished.emit()

    def _on_player_playback_state_changed(self, _state: Any) -> None:
        self.playing_changed.emit(self.is_playing())

    def _on_player_position_changed(self, position: int) -> None:
        if self.end_ms is None or position < self.end_ms or self._player is None:
            return
        if self.loop:
            send(self._player, "setPosition", self.start_ms)
        elif self._player.isPlaying():
            self._wants_playing = False
            send(self._player, "pause")
            self.finished.emit()
