"""Visitor comfort and access, plugged into a built player: one call, `install_access`.

It registers the actions a visitor's keys, keypad, touch buttons and a remote name —
`captions`, `sound`, `volume_up`/`volume_down`, `comfort`, `text_larger`/`text_smaller`, and the
keypad's `select`, `back`, `repeat`, `focus_next`/`focus_previous`, `keypad_help` — and owns what
they show: the narration captions band (`ui/captions.py`), the comfort panel
(`ui/comfort_panel.py`), the keypad help, and spoken mode's speaker (`ui/speech.py`, built only
when spoken mode is first on: QtTextToSpeech stays off the start path).

Every setting belongs to the `Show` (`update_visitor`); this module asks and listens, so a reset
at idle, a remote command or the panel all show the same state.

Spoken mode reads each slide as it is shown (title, text, alt text, a chart's description, from
`revkiosk.describe`); a slide's narration waits until the voice has finished. In kiosk mode the
first key pressed on the numeric keypad turns spoken mode on and says how the keys work: a blind
visitor needs no one to find a setting first.
"""

from __future__ import annotations

import logging
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QKeyEvent

from revkiosk.context import ViewContext
from revkiosk.describe import slide_text, slide_words
from revkiosk.i18n.words import N_, _
from revkiosk.navigator import Navigator
from revkiosk.settings import TEXT_SCALES, VisitorSettings
from revkiosk.show import Show
from revkiosk.ui.captions import CaptionBar
from revkiosk.ui.comfort_panel import ComfortPanel, volume_text
from revkiosk.ui.controls import ORDER, Control, controls_of
from revkiosk.ui.keypad_help import KeypadHelp, keypad_help_text
from revkiosk.ui.speech import Speaker

if TYPE_CHECKING:
    from revkiosk.ui.media.audio import AudioPlayer
    from revkiosk.ui.window import MainWindow

log = logging.getLogger(__name__)

VOLUME_STEP = 0.1
WELCOME = N_(
    "Audio guide on. Keys 4 and 6 change slides; 8 and 2 read the slide part by part; "
    "5 plays or pauses; 0 goes back; the dot repeats; plus and minus change the volume; "
    "star opens the settings; slash lists the keys."
)


class Access(QObject):
    """Comfort and access for one window (see the module docstring)."""

    def __init__(self, window: MainWindow, show: Show, navigator: Navigator) -> None:
        super().__init__(window)
        self.window, self.the_show, self.navigator = window, show, navigator
        self.captions = CaptionBar(window, show.theme, show.visitor.captions)
        window.add_dock(self.captions)  # under the slide (above a kiosk's control bar)
        self.captions.hide()
        bar = controls_of(window)  # the kiosk's control bar: its comfort button opens the panel
        if bar is not None:
            bar.add(Control("comfort", N_("Comfort"), order=ORDER["comfort"]))
        self.part = -1  # the slide part the keypad's 8 / 2 last read (-1: none yet)
        self._speech = show.visitor.speech
        self._visitor = show.visitor  # the last settings seen (to say what changed)
        self._language = show.language
        self._held: AudioPlayer | None = None  # narration waiting for the voice to finish
        self._stage: QObject | None = None
        # "back" may be taken already (the control bar's Back): the keypad's 0 closes what
        # this module opened first, then does what that one does.
        self._back_before = window.actions.hooks.get("back")
        for action, handler in self._actions().items():
            window.register_action(action, handler)
        window.key_grabbers.append(self._on_key)
        window.announced.connect(self.say)
        window.installEventFilter(self)
        show.context_changed.connect(self._on_show_context_changed)
        navigator.current_changed.connect(self._on_navigator_current_changed)
        if show.context is not None:
            self._on_show_context_changed(show.context)
        if show.visitor.speech:
            self.read_slide()

    # -- parts built on first use ----------------------------------------------------------
    @cached_property
    def panel(self) -> ComfortPanel:
        language = "language" in self.window.actions.hooks  # the languages helper's button
        theme, kiosk = self.the_show.theme, self.the_show.kiosk
        panel = ComfortPanel(theme, self.window, language=language, kiosk=kiosk)
        panel.set_visitor(self.the_show.visitor, self.language_name())
        panel.changed.connect(self._on_panel_changed)
        panel.reset_requested.connect(self.the_show.reset_visitor)
        panel.language_requested.connect(self._on_panel_language_requested)
        panel.closed.connect(lambda: self.say(_("Settings closed.")))
        self.window.layers.append(panel)
        return panel

    @cached_property
    def keypad_help(self) -> KeypadHelp:
        help_ = KeypadHelp(self.the_show.theme, self.window)
        self.window.layers.append(help_)
        return help_

    @cached_property
    def speaker(self) -> Speaker:
        speaker = Speaker(parent=self)
        speaker.finished.connect(self._on_speaker_finished)
        return speaker

    def language_name(self) -> str:
        """The show's language in itself ("Français"), for the panel's language row."""
        try:
            from revkiosk.i18n.cldr import native_name

            return native_name(self.the_show.language)
        except Exception:  # noqa: BLE001 - a missing CLDR table must not stop the show
            return self.the_show.language

    def _built(self, name: str) -> QObject | None:
        return self.__dict__.get(name)

    # -- actions ---------------------------------------------------------------------------
    def _actions(self) -> dict[str, object]:
        show = self.the_show
        return {
            "sound": lambda: self._toggle("sound"),
            "volume_up": lambda: self.change_volume(VOLUME_STEP),
            "volume_down": lambda: self.change_volume(-VOLUME_STEP),
            "comfort": self.toggle_panel,
            "text_larger": lambda: self._step_text(1),
            "text_smaller": lambda: self._step_text(-1),
            "speech": lambda: show.update_visitor(speech=not show.visitor.speech, sound=True),
            "select": self.select,
            "back": self.back,
            "repeat": self.read_slide,
            "focus_next": lambda: self.step_part(1),
            "focus_previous": lambda: self.step_part(-1),
            "keypad_help": self.open_keypad_help,
            "close_panels": self.close_panels,
        }

    def _on_panel_language_requested(self) -> None:
        """The panel's language row: the languages' own chooser takes over."""
        self.panel.close_panel()
        self.window.trigger("language")

    def _on_panel_changed(self, field: str, value: object) -> None:
        """A choice in the comfort panel: the Show changes (and every view follows)."""
        changes: dict[str, object] = {field: value}
        if field == "speech" and value:
            changes["sound"] = True  # a voice needs sound
        self.the_show.update_visitor(**changes)

    def _toggle(self, field: str) -> None:
        self.the_show.update_visitor(**{field: not getattr(self.the_show.visitor, field)})

    def change_volume(self, step: float) -> None:
        visitor = self.the_show.visitor
        volume = round(min(1.0, max(0.0, visitor.volume + step)), 2)
        self.the_show.update_visitor(volume=volume, sound=visitor.sound or step > 0)

    def _step_text(self, step: int) -> None:
        scales = list(TEXT_SCALES)
        now = self.the_show.visitor.text_scale
        index = min(range(len(scales)), key=lambda i: abs(scales[i] - now))
        scale = scales[max(0, min(len(scales) - 1, index + step))]
        self.the_show.update_visitor(text_scale=scale)

    def toggle_panel(self) -> None:
        if self.panel.isVisible():
            self.panel.close_panel()
        else:
            self.open_panel()

    def open_panel(self) -> None:
        """Open the comfort panel (the control bar's comfort button calls this)."""
        self.panel.set_visitor(self.the_show.visitor, self.language_name())
        self.panel.open()
        self.say(_("Settings. {focus}", focus=self.panel.describe_focus()))

    def open_keypad_help(self) -> None:
        self.keypad_help.open()
        self.say(keypad_help_text())

    def close_panels(self) -> None:
        for name in ("panel", "keypad_help"):
            widget = self._built(name)
            if widget is not None and widget.isVisible():  # type: ignore[attr-defined]
                widget.hide()  # type: ignore[attr-defined]

    def select(self) -> None:
        """Keypad 5: choose the option in focus, or play / pause the slide's media."""
        panel = self._built("panel")
        if panel is not None and panel.isVisible():  # type: ignore[attr-defined]
            self.panel.choose(*self.panel.focus)
            self.say(self.panel.describe_focus())
        elif not self.window.trigger("play_pause"):
            self.say(_("Nothing to play on this slide."))

    def back(self) -> None:
        """Keypad 0: close what is open, else the slide shown before."""
        if any(
            w is not None and w.isVisible()  # type: ignore[attr-defined]
            for w in (self._built("panel"), self._built("keypad_help"))
        ):
            self.close_panels()
        elif self._back_before is not None:
            self._back_before()
        else:
            self.navigator.back()

    def step_part(self, step: int) -> None:
        """Keypad 8 / 2: read the slide's previous / next part (title, text, picture, …)."""
        words = self._words()
        if not words:
            return
        self.part = max(0, min(len(words) - 1, self.part + step))
        self.say(words[self.part], force=True)

    # -- speech ----------------------------------------------------------------------------
    def _words(self) -> list[str]:
        deck = self.the_show.deck
        index = self.navigator.index
        if deck is None or not 0 <= index < len(deck.slides):
            return []
        return slide_words(deck.slides[index], deck)

    def say(self, text: str, *, force: bool = False, queue: bool = False) -> None:
        """Speak `text` in spoken mode (or when `force`d by a keypad key)."""
        if not (self.the_show.visitor.speech or force) or not text:
            return
        visitor = self.the_show.visitor
        self.speaker.say(text, self.the_show.language, visitor.volume, queue=queue)

    def read_slide(self, *, queue: bool = False) -> None:
        """Read the whole current slide (on showing it, and keypad `.`)."""
        deck, index = self.the_show.deck, self.navigator.index
        if deck is None or not 0 <= index < len(deck.slides):
            return
        self.part = -1
        number = _("Slide {number} of {count}.", number=index + 1, count=len(deck.slides))
        self.say(f"{number} {slide_text(deck.slides[index], deck)}", force=True, queue=queue)

    def _on_speaker_finished(self) -> None:
        held, self._held = self._held, None
        stage = self.window.stage
        if held is not None and stage is not None and stage.narration is held:
            held.enter()  # the narration waited for the voice

    def caption_source(self) -> QObject | None:
        """What the band captions: the slide's narration, else its first captioned video."""
        stage = self.window.stage
        if stage is None:
            return None
        if stage.narration is not None and stage.narration.cues is not None:
            return stage.narration
        view = stage.current_view()
        if view is None or not view.slide.plays_media:
            return None
        from revkiosk.ui.media.video import VideoWidget  # only where a slide plays something

        videos = view.findChildren(VideoWidget)
        return next((video for video in videos if video.cues is not None), None)

    def _follow_captions(self) -> None:
        self.captions.set_source(self.caption_source())  # type: ignore[arg-type]

    def _on_stage_narration_changed(self, narration: AudioPlayer | None) -> None:
        self._follow_captions()
        if narration is not None and self.the_show.visitor.speech:
            if self._built("speaker") is not None and self.speaker.is_speaking():
                narration.clip.pause()
                self._held = narration

    # -- keys ------------------------------------------------------------------------------
    def _on_key(self, event: QKeyEvent, action: str | None) -> bool:
        """Offered every key first: the keypad's first press, the keypad help, the panel."""
        keypad = bool(event.modifiers() & Qt.KeyboardModifier.KeypadModifier)
        if keypad and not self.window.allows("goto") and not self.the_show.visitor.speech:
            self._speech = True  # the welcome is said here, then the slide
            self.the_show.update_visitor(speech=True, sound=True)
            self.say(_(WELCOME))
            self.read_slide(queue=True)
            return True
        help_ = self._built("keypad_help")
        if help_ is not None and help_.isVisible() and action not in ("volume_up", "volume_down"):  # type: ignore[attr-defined]
            help_.hide()  # type: ignore[attr-defined]
            return True
        panel = self._built("panel")
        if panel is not None and self.panel.handle_key(event, action):
            self.say(self.panel.describe_focus() if self.panel.isVisible() else "")
            return True
        return False

    # -- listening -------------------------------------------------------------------------
    def _announce(self, old: VisitorSettings, new: VisitorSettings) -> None:
        """Say what changed, whoever changed it (a key, the panel, the control bar, a remote)."""
        said = {
            "captions": _("Captions on.") if new.captions else _("Captions off."),
            "sound": _("Sound on.") if new.sound else _("Sound off."),
            "volume": _("Volume {level}.", level=volume_text(new.volume)),
            "text_scale": _("Text size {size}.", size=volume_text(new.text_scale)),
            "contrast": _("High contrast on.")
            if new.contrast == "high"
            else _("High contrast off."),
            "reduced_motion": _("Reduced motion on.")
            if new.reduced_motion
            else _("Reduced motion off."),
        }
        changed = [text for name, text in said.items() if getattr(old, name) != getattr(new, name)]
        if changed and old.speech and new.speech:
            self.say(" ".join(changed))

    def _on_show_context_changed(self, context: ViewContext) -> None:
        visitor = context.visitor
        self._announce(self._visitor, visitor)
        self._visitor = visitor
        self.captions.set_theme(context.theme)
        self.captions.set_captions(visitor.captions)
        for name in ("panel", "keypad_help"):
            widget = self._built(name)
            if widget is not None:
                widget.set_theme(context.theme)  # type: ignore[attr-defined]
        panel = self._built("panel")
        if panel is not None:
            if context.language != self._language:
                self.panel.retranslate()
            self.panel.set_visitor(visitor, self.language_name())
        self._language = context.language
        if not visitor.speech and self._built("speaker") is not None:
            self.speaker.stop()
        if visitor.speech and not self._speech:  # spoken mode just came on: read the slide
            self.read_slide()
        self._speech = visitor.speech
        self._watch_stage()

    def _watch_stage(self) -> None:
        stage = self.window.stage
        if stage is not None and stage is not self._stage:
            self._stage = stage
            stage.narration_changed.connect(self._on_stage_narration_changed)
        self._follow_captions()

    def _on_navigator_current_changed(self, new: int, old: int) -> None:
        self.part = -1
        self._follow_captions()
        if self.the_show.visitor.speech:
            self.read_slide()
        if QAccessible.isActive():  # a screen reader listens: name the slide for it
            view = self.window.stage.current_view() if self.window.stage else None
            deck = self.the_show.deck
            if view is not None and deck is not None and 0 <= new < len(deck.slides):
                view.setAccessibleName(deck.slides[new].heading)
                view.setAccessibleDescription(slide_text(deck.slides[new], deck))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self.window:
            self.captions.resize_with()
            for name in ("panel", "keypad_help"):
                widget = self._built(name)
                if widget is not None and widget.isVisible():  # type: ignore[attr-defined]
                    widget.setGeometry(self.window.rect())  # type: ignore[attr-defined]
        return False


def install_access(window: MainWindow, show: Show, navigator: Navigator) -> Access:
    """Plug comfort and access into a built player (after its first paint)."""
    return Access(window, show, navigator)
