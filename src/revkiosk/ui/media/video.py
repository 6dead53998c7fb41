"""A video drawn by revkiosk itself from a QVideoSink, with poster, notice and subtitles.

Why not QVideoWidget: its `grab()` is blank offscreen, so exports, thumbnails and tests could not
see the picture. Painting the sink's latest frame in `paintEvent` works everywhere and lets the
poster, the captions and the failure notice share one paint path.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QRectF, QSize, QTimer, Signal
from PySide6.QtGui import QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.deck.model import Media
from revkiosk.i18n.words import _
from revkiosk.theme import Theme
from revkiosk.ui.arrival import ArrivalFade
from revkiosk.ui.decoded import IMAGES, Outcome, box_of, display_box
from revkiosk.ui.media.images import file_problem, fit_rect
from revkiosk.ui.media.placeholder import clip_rounded, paint_notice_badge, paint_placeholder
from revkiosk.ui.media.player import Clip
from revkiosk.ui.media.subtitles import CueTrack, cues_for, paint_subtitle
from revkiosk.ui.picture_text import PictureRun

log = logging.getLogger(__name__)

# A left video keeps its player this long (a quick step back resumes at once), then gives it
# up: an open FFmpeg player holds ~20-60 MB of decoder state and frame pools and six threads,
# and a stage's cache of views would otherwise keep one per cached video slide. Long enough
# that the player's destructor (~3 ms, up to ~30 ms) runs after the next slide's cross-fade.
RELEASE_AFTER_MS = 1000

# An entered video shows its poster (the film's first frame) and builds and starts its player
# only this long after its first paint: a visitor flicking through never pays for a player
# (building it, FFmpeg opening the file and decoding on the two cores the GUI thread shares, its
# first frames converted on the GUI thread, stopping and destroying it) on the frames the next
# key press waits for — at rapid pace a film passed over never opens its file at all. Profiled
# at rapid pace on main: a film slide cost 30-70 ms from key to frame against 10-15 ms for a
# milestone with a still, none of it in Python (the player's own calls take < 1 ms).
SETTLE_MS = 300


class VideoWidget(QWidget):
    """Shows the poster until the first frame arrives, then the frames; never blocks.

    `ready` fires once the widget has something final to show (a first frame, or a failure) —
    the compare grid waits for it to start all its videos together.
    """

    ready = Signal()
    poster_arrived = Signal()  # a poster decoded on the worker is here (see `_load_poster`)

    def __init__(
        self,
        media: Media,
        theme: Theme,
        *,
        muted: bool,
        volume: float = 1.0,
        captions: bool = True,
        family: str = "Inter",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.media, self.theme, self.family = media, theme, family
        self.captions = captions  # the visitor's captions switch (C, the comfort panel)
        self.captions_here = True  # False while the window's caption band shows them
        self.short_side = 1080  # the slide's short side: type is sized from it
        self.radius = 0.0  # rounded corners, in pixels
        self.frames_shown = 0
        self._frame: Any = None  # the latest QVideoFrame; converted only when painted
        self._image: QImage | None = None
        self._embedded_text = ""
        self._user_paused = False
        self._poster: QImage | None = None
        self._fade = ArrivalFade()  # a poster decoded on the worker fades in
        self.poster_loading = False
        if media.poster is not None:
            self._load_poster(media.poster)
        self.cues = self._load_cues(media)
        self.clip = Clip(
            media.video,
            what="Video",
            loop=media.loop,
            start=media.start,
            end=media.end,
            muted=muted,
            volume=volume,
            on_player=self._attach_sink,
            parent=self,
        )
        self.clip.failed.connect(self._on_clip_failed)
        self._release_timer = QTimer(self, singleShot=True, interval=RELEASE_AFTER_MS)
        self._release_timer.timeout.connect(self.release)
        self._start_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._start_timer.timeout.connect(self.start)
        self._await_paint = False  # entered, not yet painted: the first paint restarts the wait

    # -- set-up ----------------------------------------------------------------------------
    def _load_poster(self, path: Path) -> None:
        """The poster as pictures are (`ui/decoded.py`): decoded here when that is cheap,
        else on the worker (a heavy moment: the placeholder shows for a frame or two) — never
        a whole decode on the key press that enters the slide."""
        if file_problem(path, "Poster"):
            return
        box = box_of(*display_box())
        outcome = IMAGES.request(path, box, self, self._on_poster_decoded, fades=True)
        if outcome is None:
            self.poster_loading = True
        else:
            self._poster = outcome[0]

    def _on_poster_decoded(self, outcome: Outcome) -> None:
        self.poster_loading = False
        self._poster = outcome[0]
        if self._frame is None and self._image is None:
            self._fade.arrived(self, self.update)
            self.poster_arrived.emit()  # its aspect may move the caption: re-arranged
            self.update()

    @staticmethod
    def _load_cues(media: Media) -> CueTrack | None:
        return cues_for(media)

    def set_sound(self, muted: bool, volume: float) -> None:
        """The visitor's sound switch or volume changed (the video plays on)."""
        self.clip.set_sound(muted, volume)

    def set_captions(self, on: bool) -> None:
        if on != self.captions:
            self.captions = on
            self.update()

    def set_captions_here(self, here: bool) -> None:
        """Paint captions over the picture (True) or leave them to the caption band."""
        if here != self.captions_here:
            self.captions_here = here
            self.update()

    def position(self) -> float:
        """Seconds into the file (what the captions follow)."""
        return self.clip.position() if self.frames_shown else 0.0

    def _attach_sink(self, player: Any, mm: ModuleType) -> None:
        sink = mm.QVideoSink(player)
        sink.videoFrameChanged.connect(self._on_sink_video_frame_changed)
        if self.cues is None:  # embedded tracks only when no sidecar was given
            player.tracksChanged.connect(self._on_player_tracks_changed)
            sink.subtitleTextChanged.connect(self._on_sink_subtitle_text_changed)
        player.setVideoSink(sink)

    # -- life cycle ------------------------------------------------------------------------
    @property
    def notice(self) -> str:
        """'' while all is well, else the short failure notice painted over poster/placeholder."""
        return self.clip.notice

    def preload(self) -> None:
        self._release_timer.stop()
        self.clip.preload()

    def enter(self) -> None:
        """Show the poster (or the preloaded first frame) now; play once the slide has settled,
        `SETTLE_MS` after this widget's first paint (or after entering, if it is not painted:
        offscreen). A missing file shows its notice at once."""
        self._release_timer.stop()
        self._user_paused = False
        if self.clip.check():
            self._await_paint = True
            self._start_timer.start()

    @property
    def starting(self) -> bool:
        """Entered and waiting to settle before playing (the player may not exist yet)."""
        return self._start_timer.isActive()

    def start(self) -> None:
        """Build the player if needed and play (what `enter` waits to do; the compare grid
        calls it directly once all its cells have a frame)."""
        self._start_timer.stop()
        self._await_paint = False
        self._release_timer.stop()
        self._user_paused = False
        self.clip.play()

    def leave(self) -> None:
        """Pause at the start now; give the player up `RELEASE_AFTER_MS` later (not waiting).
        A video left before it settled has no player to stop: nothing was opened."""
        self._start_timer.stop()
        self._await_paint = False
        self._user_paused = False
        if self.clip.player is not None:
            self.clip.rewind()
            self._release_timer.start()
        else:
            self.clip.pause()  # what was asked for is "not playing"

    def release(self) -> None:
        """Drop the player and every decoded picture: the poster shows until the next frame.

        The last QVideoFrame holds a buffer of the decoder's frame pool, which stays allocated
        while any of its frames lives; keeping it would keep the pool after the player is gone.
        """
        self._release_timer.stop()
        self.clip.release()
        had_frame = self._frame is not None or self._image is not None
        self._frame = self._image = None
        self._embedded_text = ""
        self.frames_shown = 0  # not ready until the reopened clip shows a frame again
        if had_frame:
            self.update()

    def play_pause(self) -> bool:
        if self.starting:  # K before the film started: it stays on its first frame, paused
            if self.notice:
                return False
            self._start_timer.stop()
            self._await_paint = False
            self._user_paused = True
            self.update()
            return True
        if not self.clip.toggle():
            return False
        self._user_paused = not self.clip.wants_playing  # the posted command, not its echo
        self.update()
        return True

    def set_short_side(self, side: int) -> None:
        self.short_side = max(1, side)
        self.update()

    # -- signals ---------------------------------------------------------------------------
    def _on_sink_video_frame_changed(self, frame: Any) -> None:
        if not frame.isValid():  # end of stream sends an empty frame: keep the last picture
            return
        self._frame, self._image = frame, None
        self.frames_shown += 1
        if self.frames_shown == 1:
            self.ready.emit()
        self.update()

    def _on_player_tracks_changed(self) -> None:
        player = self.clip.player
        if player is not None and player.subtitleTracks() and player.activeSubtitleTrack() < 0:
            player.setActiveSubtitleTrack(0)

    def _on_sink_subtitle_text_changed(self, text: str) -> None:
        self._embedded_text = text
        self.update()

    def _on_clip_failed(self, notice: str) -> None:
        self.update()
        self.ready.emit()

    # -- painting --------------------------------------------------------------------------
    def current_image(self) -> QImage | None:
        """The picture on screen: the latest frame, else the poster (None: placeholder)."""
        if self._image is None and self._frame is not None:
            image = self._frame.toImage()
            self._image = image if not image.isNull() else None
        return self._image if self._image is not None else self._poster

    def source_size(self) -> QSize:
        """The shown picture's size (its aspect drives the layout); empty before any."""
        image = self.current_image()
        return image.size() if image is not None else QSize()

    def picture_runs(self) -> list[PictureRun]:
        """The poster as shown (its record stands for the video's frames), for the audit of
        text inside pictures (`ui/picture_text.py`)."""
        image = self.current_image()
        if self.media.poster is None or image is None:
            return []
        target = fit_rect(image.size(), QRectF(self.rect()), self.media.fit)
        return [PictureRun("video", self.media.poster, target)]

    def subtitle_text(self) -> str:
        if not self.captions:
            return ""
        if self.cues is not None:
            return self.cues.text_at(self.clip.position()) if self.frames_shown else ""
        return self._embedded_text

    def face(
        self, design_px: float, weight: QFont.Weight = QFont.Weight.Normal, cap: float = 1e9
    ) -> QFont:
        """Type sized from the slide, but never more than `cap` (small grid cells)."""
        font = QFont(self.family)
        font.setPixelSize(max(8, min(self.theme.pt(design_px, self.short_side), round(cap))))
        font.setWeight(weight)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        box = QRectF(self.rect())
        clip_rounded(painter, box, self.radius)
        image = self.current_image()
        if image is None and self.poster_loading and not self.notice:
            pass  # the poster is a frame or two away (it fades in): no placeholder flash
        elif image is None:
            detail = self.media.video.name if self.notice and self.media.video else ""
            paint_placeholder(
                painter, box, self.theme, self.notice, detail, family=self.family, glyph="video"
            )
        else:
            target = fit_rect(image.size(), box, self.media.fit)
            fading = image is self._poster and self._image is None
            painter.setOpacity(self._fade.opacity() if fading else 1.0)
            painter.drawImage(target, image)
            painter.setOpacity(1.0)
            picture = target.intersected(box)
            # The cap keeps captions inside small pictures; it grows with the visitor's text size.
            cap = picture.height() / 14 * max(1.0, self.theme.font_scale)
            subtitle_font = self.face(40, QFont.Weight.Medium, cap=cap)
            opaque = self.theme.contrast == "high"
            shown = self.subtitle_text() if self.captions_here else ""
            paint_subtitle(painter, picture, shown, subtitle_font, opaque=opaque)
            badge = self.notice or (_("Paused") if self._user_paused else "")
            badge_font = self.face(24, QFont.Weight.DemiBold, cap=picture.height() / 18)
            paint_notice_badge(painter, picture, badge, badge_font)
        painter.end()
        if self._await_paint:  # the slide is on screen: the wait to settle starts now
            self._await_paint = False
            self._start_timer.start()
