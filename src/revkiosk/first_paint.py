"""What the player does once its first slide is on screen, and not before.

Start-up speed is the time to the first painted slide, so everything the first slide does not
need waits for `MainWindow.first_slide_painted`: garbage collection, the log file, the parsed-deck
cache, the timeline strip, the presenter view, the hyphenation patterns and the chart warm-up.
Two environment variables serve tests and benchmarks: `REVKIOSK_EXIT_AFTER_FIRST_PAINT` (print a
marker, then quit — at once for "1", after that many ms otherwise) and `REVKIOSK_TRACE` (print
slide changes, for the real-X11 tests that watch the process from outside).
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from typing import TYPE_CHECKING

from revkiosk.i18n.words import _
from revkiosk.lazy import resolve
from revkiosk.settings import open_log_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from revkiosk.player import Player

log = logging.getLogger("revkiosk")

FIRST_PAINT_ENV = "REVKIOSK_EXIT_AFTER_FIRST_PAINT"
FIRST_PAINT_MARKER = "revkiosk: first slide painted"
HEAP_TRIMMER_DELAY_MS = 1000  # nothing to give back yet: after the first paint's own work
_gc_resumed = False  # once per process
TRACE_ENV = "REVKIOSK_TRACE"  # "1": print slide/blank changes (tests/test_x11_e2e.py)


def after_first_paint(player: Player) -> None:
    """Connect the work that waits for the first painted slide (call before showing)."""
    painted = player.window.first_slide_painted
    painted.connect(resume_gc)
    _after(3000, resume_gc)  # should nothing ever paint
    if os.environ.get(TRACE_ENV) == "1":
        _trace(player)
    # After a cache miss, store the parsed deck once the first slide is on screen (a thread:
    # the interpreter waits for it at exit, so even a quick quit leaves a complete entry).
    painted.connect(lambda: _write_cache_soon(player))
    linger = os.environ.get(FIRST_PAINT_ENV, "")
    if linger.isdigit() and int(linger) > 0:  # start-up benchmark and smoke tests
        painted.connect(lambda: _exit_after_paint(player, int(linger)))
    else:  # not needed to show a slide, so after the first paint
        painted.connect(open_log_file)
        painted.connect(player.show.remember_files)
        painted.connect(lambda: install_parts(player))
        painted.connect(lambda: _after(HEAP_TRIMMER_DELAY_MS, lambda: install_heap_policy(player)))


def resume_gc() -> None:
    """Start-up allocates ~100k objects that live as long as the process (modules, classes, Qt
    enums, the deck) and next to no garbage, yet sets off ~60 collections (~10 ms CPU). So the
    collector is off until the first slide is up; then those objects are set aside for good
    (`gc.freeze`: no collection scans them again, which also spares the first one) and
    collection resumes — on the GUI thread only (`ui.collector`: a collection started by a
    worker thread could delete a Qt object there and deadlock the show)."""
    global _gc_resumed
    if _gc_resumed:
        return
    _gc_resumed = True
    gc.freeze()
    from revkiosk.ui.collector import collect_on_gui_thread

    if collect_on_gui_thread() is None:
        gc.enable()


def set_aside_long_lived() -> None:
    """numpy, pyqtgraph and the chart modules, imported after the first paint (the chart
    warm-up), live as long as the process, like what `resume_gc` set aside: set them aside
    too. Otherwise every full collection — a chart's garbage sets one off every few charts —
    walks their ~50k objects, ~25 ms at whatever key press it lands on (issue 21). Collected
    first, so no garbage is kept for good. Only where `resume_gc` set start-up aside (the
    player's own process, not one that builds players for tests)."""
    if gc.get_freeze_count() > 0:  # (automatic collection is off: ui.collector collects)
        gc.collect()
        gc.freeze()


def _after(ms: int, function: Callable[[], object]) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(ms, function)


def install_heap_policy(player: Player) -> None:
    """Outside kiosk mode (the kiosk session has its own), freed heap pages handed back after
    slide changes (`kiosk.heap.HeapTrimmer`). The allocator's settings themselves are applied
    before anything else (`app.main`, `revkiosk.allocator`)."""
    from revkiosk.kiosk.heap import HeapTrimmer

    if not player.settings.kiosk and "heap" not in player.parts:
        player.parts["heap"] = HeapTrimmer(player.navigator.current_changed, parent=player.window)


def install_explore(player: Player) -> None:
    """Home, back, links, the "more" layer (M), gestures and, in kiosk mode or with
    `--controls`, the control bar. app.py installs it before the first paint when the bar is
    shown (it takes its band from the stage); otherwise it waits for the first paint."""
    if "explore" in player.parts:
        return
    controls = player.settings.kiosk or player.options.controls
    target = "revkiosk.ui.explore:install_explore"
    install(player, "explore", target, player.window, player.navigator, player.show, controls)
    explore = player.parts.get("explore")
    if explore is not None and player.options.layer == "more":
        _after(0, explore.toggle_more)  # type: ignore[attr-defined]
    if "explore" in player.parts and player.window.isVisible():
        _trace_layers(player)  # installed after the first paint: _trace ran before it existed


def install_parts(player: Player) -> None:
    """Plug in exploration (first: its control bar and Back are what comfort and access build
    on), comfort and access (captions, the comfort panel, spoken mode, the keypad), the timeline
    strip (T) and the presenter view (S), each registering its actions, and the remote service
    when asked for."""
    install_explore(player)
    window, nav, show, settings = player.window, player.navigator, player.show, player.settings
    install(player, "access", "revkiosk.ui.access:install_access", window, show, nav)
    if not settings.kiosk:  # a kiosk session keeps the screen on itself, by opening hours
        target = "revkiosk.kiosk.screen:keep_awake_in_fullscreen"
        install(player, "screen", target, window.fullscreen_changed, window.is_fullscreen())
    install(player, "timeline", "revkiosk.ui.timeline.overlay:install_timeline", player.window)
    target = "revkiosk.ui.presenter.controller:PresenterController"
    install(player, "presenter", target, window, nav, show, settings)
    if player.options.remote is not None or settings.remote is not None:
        # After the presenter view, so the console can show the phone's pairing code.
        install(player, "remote", "revkiosk.remote.adapter:start_remote", player)
    install(player, "languages", "revkiosk.ui.language_chooser:install_languages", window, show)
    # pyphen's patterns, read on a thread; a layout never waits for them (German's ~0.45 s)
    install(player, "hyphenation", "revkiosk.ui.hyphenate_later:install_hyphenation", window)
    if show.deck and any(slide.kind == "plot" for slide in show.deck.slides):
        # pyqtgraph and numpy cost ~0.3 s to import: pay it now (numpy on a thread, then
        # pyqtgraph and the chart modules in steps) while the audience looks at the first
        # slide, not when the first chart is entered.
        install(player, "plots", "revkiosk.ui.plots:schedule_warm_up", set_aside_long_lived)


def install(player: Player, name: str, target: str, *args: object) -> None:
    """Call `module:function(*args)` and keep the result; a failure is logged, the show goes on."""
    try:
        player.parts[name] = resolve(target)(*args)
    except Exception:  # an optional part must never stop the player
        log.exception("the %s could not be started", name)
        player.window.notice.post(_("The {part} could not be started (see the log).", part=name))


def _write_cache_soon(player: Player) -> None:
    if player.pending_cache is not None:
        threading.Thread(target=player.write_deck_cache, name="deck-cache").start()


def _exit_after_paint(player: Player, linger_ms: int = 1) -> None:
    """Print the marker and quit: at once for "1", or after `linger_ms` (a benchmark's priming
    run lets the player do what it does after a first paint, e.g. keep a chart's picture)."""
    index = player.navigator.index + 1 if player.deck else 0
    print(f"{FIRST_PAINT_MARKER} {index}/{player.navigator.count}", flush=True)
    player.exit_approved = True  # a deliberate exit, even in kiosk mode
    if linger_ms <= 1:
        player.app.quit()
    else:
        _after(linger_ms, player.app.quit)


def _say(text: str) -> None:
    print(f"revkiosk: {text}", flush=True)


def _trace_layers(player: Player) -> None:
    """The "more" layer opening and closing (tests/test_x11_journey.py), once it exists."""
    explore = player.parts.get("explore")
    if explore is not None and os.environ.get(TRACE_ENV) == "1":
        explore.layer_opened.connect(lambda name: _say(f"layer {name}"))  # type: ignore[attr-defined]
        explore.layer_closed.connect(lambda name: _say(f"layer {name} closed"))  # type: ignore[attr-defined]


def _trace(player: Player) -> None:
    """Print what the audience sees, so a test driving the real window with X11 key events
    (tests/test_x11_e2e.py) can check it from outside the process without screenshots."""
    nav = player.navigator
    nav.current_changed.connect(lambda new, _old: _say(f"slide {new + 1}"))
    _trace_layers(player)
    nav.blank_changed.connect(lambda mode: _say(f"blank {mode or 'off'}"))
    player.window.first_slide_painted.connect(lambda: _say(f"ready {nav.index + 1}/{nav.count}"))
