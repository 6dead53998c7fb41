"""The stage: the current slide view at the deck's aspect (letterboxed) or filling the stage
(`aspect: auto`, any shape), with a cross-fade.

The stage builds views through `create_view`, keeps a small LRU of built views (the current one
and the preloaded next one are never evicted) and deletes the rest so memory stays flat over a
long kiosk day. A view that fails to build, enter or preload is replaced by a neutral placeholder
naming the slide and the error: one broken slide must never stop the show.

The cross-fade paints a picture of the old view over the new one with falling opacity; the
navigator has already moved, so input is never delayed, and a new slide request during a fade
simply ends it. Pictures are taken in idle time after a slide has painted (`take_snapshot`, and
`take_next_snapshot` for the preloaded next slide) and the fade's first frame is blended from
them then too, so a key press costs one image blit rather than a repaint of a heavy view. After
a slide that cannot be pictured (a video) the stage cuts to the next slide's picture; without
any picture it cuts (quick flicking) or fades over the live view (going back). The slide left
behind is hidden at once but left (`leave()`, which stops its media) just after the new frame.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QRect, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap, QWheelEvent
from PySide6.QtWidgets import QWidget

from revkiosk.context import ViewContext
from revkiosk.deck.model import Slide
from revkiosk.shape import Aspect, letterbox, parse_aspect
from revkiosk.ui.fade import FADE_FROM, FadeLayer, compose_first
from revkiosk.ui.notices import PlaceholderView
from revkiosk.ui.slide_pictures import prefetch_after
from revkiosk.ui.view import SlideView, create_view

if TYPE_CHECKING:
    from revkiosk.ui.input import PointerInput
    from revkiosk.ui.media.audio import AudioPlayer

log = logging.getLogger(__name__)

NARRATION_DELAY_MS = 150

FADE_MS = 200


def has_video(slide: Slide) -> bool:
    """Whether a slide shows a video (its own media or a comparison cell)."""
    media = getattr(slide, "media", None)
    cells = getattr(slide, "items", ())
    return bool(getattr(media, "video", None)) or any(c.media.video for c in cells)


def _lend_pictures(view: QWidget) -> None:
    """Lend the decoded pictures of a view being dropped until the next event-loop turn: after
    a change of language, text size or contrast the view rebuilt in its place takes them
    instead of decoding them again (`ui/decoded.py`)."""
    from revkiosk.ui.decoded import IMAGES

    for picture in view.findChildren(QWidget):
        path, image = getattr(picture, "path", None), getattr(picture, "_image", None)
        if isinstance(path, Path) and isinstance(image, QImage):  # stills and media images
            IMAGES.lend(path, image, getattr(picture, "box", None))
    QTimer.singleShot(0, IMAGES.end_loan)


def _no_focus(view: QWidget) -> None:
    """Views never take keyboard focus: every key must reach the window's key routing (a chart
    or video widget holding focus would otherwise eat the arrow keys)."""
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for child in view.findChildren(QWidget):
        child.setFocusPolicy(Qt.FocusPolicy.NoFocus)


class Stage(QWidget):
    """Letterboxed slide area. `show_slide(index)` is called by the window on navigation."""

    action_requested = Signal(str)  # pointer input, as action names
    view_failed = Signal(int, str)  # slide index, error message
    slide_size_changed = Signal(QSize)  # the slide's rectangle changed size (or shape)
    narration_changed = Signal(object)  # the current slide's AudioPlayer, or None

    def __init__(
        self,
        context: ViewContext,
        transition: str = "fade",
        cache_size: int = 4,
        aspect: str | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.transition = transition
        # `aspect` ("auto", "16:9"; from settings or --aspect) overrides the deck's own.
        self.aspect_override: tuple[Aspect] | None = (parse_aspect(aspect),) if aspect else None
        self._slide_size = QSize()
        # The stage paints every pixel the views leave, so Qt need not paint the window below.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.cache_size = max(2, cache_size)
        self.setAutoFillBackground(False)
        self._views: OrderedDict[int, SlideView] = OrderedDict()
        self._current: int | None = None
        self._snapshot: tuple[int | None, QPixmap] | None = None
        self._next_shot: tuple[int, QPixmap] | None = None
        self._first: QPixmap | None = None  # the next fade's first frame, composed in idle time
        self._warmed = self._warming = False
        self.grabbing = False
        self._preloaded: int | None = None
        self._leaving: list[SlideView] = []  # hidden views whose leave() runs after the frame
        self._narration: AudioPlayer | None = None  # the current slide's `audio:`
        self._fade = self.fade_layer = FadeLayer(self)
        self._anim = QVariantAnimation(self)
        # The first frame already shows a little of the new slide: a key press must change
        # the picture at once, not one animation tick later.
        self._anim.setStartValue(FADE_FROM)
        self._anim.setEndValue(0.0)
        self._anim.setDuration(FADE_MS)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self._fade.set_opacity)
        self._anim.finished.connect(self._finish_fade)

    @cached_property
    def _pointer(self) -> PointerInput:
        """Built at the first click or wheel turn: input handling stays off the start path."""
        from revkiosk.ui.input import PointerInput

        return PointerInput()

    # --- geometry -----------------------------------------------------------------------

    def aspect(self) -> Aspect:
        """The aspect in force: the override, else the deck's (None: fill the stage)."""
        if self.aspect_override is not None:
            return self.aspect_override[0]
        return self.context.deck.info.aspect if self.context.deck else (16, 9)

    def slide_rect(self) -> QRect:
        """The largest rectangle at the aspect that fits, centred (the rest is bars); the whole
        stage for `auto`."""
        return QRect(*letterbox(self.width(), self.height(), self.aspect()))

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        rect = self.slide_rect()
        if rect.size() != self._slide_size:
            self._slide_size = rect.size()
            self.slide_size_changed.emit(rect.size())
        for view in self._views.values():
            view.setGeometry(rect)
        self._snapshot = self._next_shot = self._first = None  # the wrong size now
        self._finish_fade()
        self._fade.setGeometry(rect)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        # Qt clips this to what opaque views leave uncovered: usually just the bars.
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(self.context.theme.background))
        painter.end()

    # --- views --------------------------------------------------------------------------

    @property
    def current_index(self) -> int | None:
        return self._current

    def current_view(self) -> SlideView | None:
        return self._views.get(self._current) if self._current is not None else None

    def cached_indices(self) -> list[int]:
        """Indices with a built view, oldest first (for tests and memory checks)."""
        return list(self._views)

    def fading(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def _build(self, index: int) -> SlideView:
        slide = self.context.deck.slides[index]
        try:
            view = create_view(slide, self.context, self)
        except Exception as exc:  # any view bug must leave the show running
            log.exception("slide %d (%s) could not be built", index + 1, slide.kind)
            view = self._placeholder(index, exc)
        view.setParent(self)
        view.hide()
        view.setGeometry(self.slide_rect())
        _no_focus(view)
        return view

    def _placeholder(self, index: int, exc: BaseException) -> PlaceholderView:
        slide = self.context.deck.slides[index]
        message = f"{type(exc).__name__}: {exc}"
        self.view_failed.emit(index, message)
        view = PlaceholderView(slide, self.context, message)
        view.setParent(self)
        view.setGeometry(self.slide_rect())
        return view

    def view_at(self, index: int) -> SlideView:
        """The built view for slide `index`, building it if needed (most recent in the LRU)."""
        view = self._views.get(index)
        if view is None:
            view = self._build(index)
            self._views[index] = view
        self._views.move_to_end(index)
        self._evict()
        return view

    def _evict(self) -> None:
        keep = {self._current, self._preloaded}
        for index in list(self._views):
            if len(self._views) <= self.cache_size:
                break
            if index not in keep:
                view = self._views.pop(index)
                self._run_leave(view)  # a view is never deleted before it has left
                view.deleteLater()

    def _replace_with_placeholder(self, index: int, exc: BaseException) -> SlideView:
        log.error("slide %d failed: %s", index + 1, exc, exc_info=exc)
        old = self._views.pop(index, None)
        if old is not None:
            self._run_leave(old)
            old.hide()
            old.deleteLater()
        view = self._placeholder(index, exc)
        self._views[index] = view
        return view

    def show_slide(self, index: int, animate: bool = True) -> None:
        """Make slide `index` current: snapshot-fade from the old view, leave it, enter the new."""
        if not self.context.deck or not 0 <= index < len(self.context.deck.slides):
            return
        old_view = self.current_view()
        if index == self._current and old_view is not None:
            return
        self._flush_leaves()  # a view must leave before it can enter again
        self._finish_fade()
        snapshot, self._snapshot = self._snapshot, None
        next_shot, self._next_shot = self._next_shot, None
        first, self._first = self._first, None
        if animate and self.isVisible() and not self.context.visitor.reduced_motion:
            old = snapshot[1] if snapshot is not None and snapshot[0] == self._current else None
            under = next_shot[1] if next_shot is not None and next_shot[0] == index else None
            if old is not None or under is not None:
                # A fade from the old picture; or, after a slide that has none (a video), a
                # cut to the new slide's picture: either way the first frame is a blit.
                self._fade.setGeometry(self.slide_rect())
                self._fade.start(old, under, first)
                self._anim.start()
        self._current = index
        view = self.view_at(index)
        if old_view is not None:
            # Hidden now, left once the new slide's first frame is painted: stopping a video
            # costs a few milliseconds the key press should not wait for.
            old_view.hide()
            self._leaving.append(old_view)
            QTimer.singleShot(0, self, self._flush_leaves)
        view.show()
        view.lower()
        if not self._call(view, "enter"):
            view = self._replace_with_placeholder(index, self._last_error)
            view.show()
            view.lower()
        _no_focus(view)  # enter() may have built widgets
        if self.isVisible():  # not at start-up: nothing may compete with the first paint
            # Decode the next slides' pictures on a worker while this one paints and is read.
            QTimer.singleShot(0, self, lambda: self._prefetch(index))
        self._stop_narration()
        if self.context.deck.slides[index].audio is not None:
            # Once the slide is on screen: QtMultimedia's import must not delay its first paint.
            QTimer.singleShot(NARRATION_DELAY_MS, self, lambda: self._start_narration(index))

    def _flush_leaves(self) -> None:
        leaving, self._leaving = self._leaving, []
        for view in leaving:
            self._call(view, "leave")

    def _run_leave(self, view: SlideView) -> None:
        if view in self._leaving:
            self._leaving.remove(view)
            self._call(view, "leave")

    def _prefetch(self, index: int) -> None:
        if index == self._current and self.context.deck:
            prefetch_after(self.context.deck, index, built=self._views)

    def take_snapshot(self) -> None:
        """Picture the current slide for the next cross-fade, while the audience reads it.

        Rendering a 1080p view costs ~15 ms; doing it here, in idle time after the slide has
        painted, keeps it out of the key → frame path. A key pressed before the snapshot exists
        simply cuts (quick flicking wants no fade anyway). Video slides are never pictured: a
        snapshot would be stale, and grabbing a live video surface crashed QtMultimedia.
        """
        view = self.current_view()
        if view is None or self.transition != "fade" or not view.isVisible():
            return
        if has_video(view.slide):
            return  # grabbing a live video surface crashes QtMultimedia offscreen: cut instead
        self.grabbing = True  # grab() paints the view: not a change of its content
        try:
            self._snapshot = (self._current, view.grab())
        finally:
            self.grabbing = False
        self._compose_first()
        if not self._warmed:
            self._warm_up()

    def take_next_snapshot(self) -> None:
        """Picture the preloaded next slide too, so its first frames are an image blit rather
        than a full repaint (a chart or a compare grid takes 30-70 ms to paint at 1080p)."""
        index = self._preloaded
        view = self._views.get(index) if index is not None else None
        if view is None or self.transition != "fade" or view.isVisible():
            return
        if has_video(view.slide) or isinstance(view, PlaceholderView):
            return
        self.grabbing = True
        try:
            self._next_shot = (index, view.grab())
        finally:
            self.grabbing = False
        self._compose_first()

    def _compose_first(self) -> None:
        """Blend the first frame of the next cross-fade now, while the audience reads: the key
        press then waits for one opaque blit, not for a full-screen blend as well."""
        self._first = None
        if self._snapshot is not None and self._next_shot is not None:
            self._first = compose_first(self._next_shot[1], self._snapshot[1], FADE_FROM)

    def _warm_up(self) -> None:
        """Run the fade animation once, unseen. Its first run costs ~70 ms (Qt's animation
        timer and PySide's first conversions), which would otherwise land on the first key."""
        self._warmed = self._warming = True
        self._anim.start()
        QTimer.singleShot(40, self, self._end_warm_up)

    def _end_warm_up(self) -> None:
        if self._warming:  # not if a real fade has started since
            self._warming = False
            self._finish_fade()

    def preload(self, index: int) -> None:
        """Build slide `index` ahead of time and let it load its media (the likely next slide)."""
        if not self.context.deck or not 0 <= index < len(self.context.deck.slides):
            return
        if index == self._preloaded and index in self._views:
            return
        self._preloaded = index
        self._next_shot = self._first = None
        view = self.view_at(index)
        if not self._call(view, "preload"):
            self._replace_with_placeholder(index, self._last_error)

    def _call(self, view: SlideView, method: str) -> bool:
        """Run a view life-cycle method; False (error logged) if it raised."""
        try:
            getattr(view, method)()
        except Exception as exc:  # noqa: BLE001 - a view bug must leave the show running
            self._last_error: BaseException = exc
            return False
        return True

    def _finish_fade(self) -> None:
        """End the fade (run its course or interrupted): the live view shows, the pictures go."""
        self._warming = False
        if self.fading():
            self._anim.stop()
        self._fade.hide()
        self._fade.release()

    # --- narration ----------------------------------------------------------------------

    def _start_narration(self, index: int) -> None:
        """Play the slide's `audio:` (narration belongs to the slide, so any kind can carry it)."""
        if index != self._current or self._narration is not None or not self.context.deck:
            return
        try:
            from revkiosk.ui.media.audio import AudioPlayer

            player = AudioPlayer.for_slide(self.context.deck.slides[index], self.context, self)
            if player is not None:
                player.enter()
            self._narration = player
        except Exception:  # sound is never worth stopping the show
            log.exception("narration of slide %d could not start", index + 1)
        if self._narration is not None:
            self.narration_changed.emit(self._narration)

    def _stop_narration(self) -> None:
        narration, self._narration = self._narration, None
        if narration is not None:
            narration.leave()
            narration.release()
            narration.deleteLater()
            self.narration_changed.emit(None)

    @property
    def narration(self) -> AudioPlayer | None:
        """The current slide's narration player (None: the slide has none, or not yet)."""
        return self._narration

    def media_playing(self) -> bool:
        """Whether narration or a video that ends by itself is playing on the current slide."""
        if self._narration is not None and self._narration.is_playing():
            return True
        view = self.current_view()
        try:
            return view is not None and view.playing_media()
        except Exception:  # noqa: BLE001 - a view bug must not stop the show
            return False

    def update_context(self, context: ViewContext) -> None:
        """Only live visitor settings changed (sound, volume, captions, speech): every built
        view and the narration apply them as they play; nothing is rebuilt."""
        self.context = context
        for view in self._views.values():
            try:
                view.apply_context(context)
            except Exception:  # a view bug must not stop the show
                log.exception("slide view could not apply the visitor's settings")
        if self._narration is not None:
            self._narration.apply_visitor(context)

    def toggle_narration(self) -> bool:
        """Key K on a slide whose view has no media of its own: pause or resume the narration."""
        if self._narration is None:
            return False
        self._narration.play_pause()
        return True

    def clear(self) -> None:
        """Drop every view (a new deck is loaded or the window closes)."""
        self._flush_leaves()
        self._finish_fade()
        self._stop_narration()
        view = self.current_view()
        if view is not None:
            self._call(view, "leave")
        for view in self._views.values():
            _lend_pictures(view)
            view.hide()
            view.deleteLater()
        self._views.clear()
        self._current = self._preloaded = self._snapshot = self._next_shot = None
        self._first = None
        self._fade.release()

    # --- pointer input ------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        action = self._pointer.press(event)
        if action:
            self.action_requested.emit(action)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        action = self._pointer.release(event, self.width())
        if action:
            self.action_requested.emit(action)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        action = self._pointer.wheel(event)
        if action:
            self.action_requested.emit(action)
