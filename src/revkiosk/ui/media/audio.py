"""Narration and audio clips (`slide.audio`) with the same life cycle as a slide view.

The stage owns one `AudioPlayer` per current slide, so any kind of slide can carry narration
without each view knowing about sound:

    self._audio = AudioPlayer.for_slide(slide, context, parent=self)   # on current_changed
    self._audio.enter()          # ... and .leave() / .release() on the previous one
    view.handle_action("play_pause") or self._audio.play_pause()       # key K
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from revkiosk.context import ViewContext
from revkiosk.deck.model import Media, Slide
from revkiosk.ui.media.player import Clip
from revkiosk.ui.media.subtitles import cues_for


def narration_muted(media: Media, context: ViewContext) -> bool:
    """The visitor's sound switch mutes narration (kiosk mode alone does not: a kiosk starts
    with its sound off through its visitor defaults); the clip's own `muted:` overrides it."""
    return media.muted if media.muted is not None else context.muted


class AudioPlayer(QObject):
    """Plays one audio clip: `preload` opens it, `enter` plays, `leave` rewinds, never blocking.

    A missing or undecodable file, or a machine without QtMultimedia, leaves `notice` set and a
    log line; the slide goes on silently.
    """

    failed = Signal(str)
    playing_changed = Signal(bool)

    def __init__(
        self,
        media: Media,
        *,
        muted: bool = False,
        volume: float = 1.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.media = media
        self.clip = Clip(
            media.audio or media.path,
            what="Audio",
            loop=media.loop,
            start=media.start,
            end=media.end,
            muted=muted,
            volume=volume,
            parent=self,
        )
        self.cues = cues_for(media)  # its captions (ui/captions.py shows them)
        self.clip.failed.connect(self.failed)
        self.clip.playing_changed.connect(self.playing_changed)

    @classmethod
    def for_slide(
        cls, slide: Slide, context: ViewContext, parent: QObject | None = None
    ) -> AudioPlayer | None:
        """The player for a slide's `audio`, or None when the slide has no narration."""
        if slide.audio is None:
            return None
        muted = narration_muted(slide.audio, context)
        return cls(slide.audio, muted=muted, volume=context.visitor.volume, parent=parent)

    def apply_visitor(self, context: ViewContext) -> None:
        """The visitor's sound switch or volume changed (the narration plays on)."""
        self.clip.set_sound(narration_muted(self.media, context), context.visitor.volume)

    def position(self) -> float:
        """Seconds into the file (what the captions follow)."""
        return self.clip.position()

    @property
    def notice(self) -> str:
        return self.clip.notice

    def is_playing(self) -> bool:
        return self.clip.is_playing()

    def duration(self) -> float | None:
        """Seconds of narration once loaded (the attract loop may wait for it to end)."""
        return self.clip.duration()

    def preload(self) -> None:
        self.clip.preload()

    def enter(self) -> None:
        self.clip.play()

    def leave(self) -> None:
        self.clip.rewind()

    def release(self) -> None:
        self.clip.release()

    def play_pause(self) -> bool:
        return self.clip.toggle()
