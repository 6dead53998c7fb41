"""`revkiosk [DECK]`: build and wire the player (the one place that does).

QApplication, logging, settings, the deck, the navigator and the window are created here and
nowhere else. Nothing heavy is imported at module level: argparse runs before Qt loads, so
`--help` and `--version` answer instantly, and pyqtgraph/QtMultimedia are only imported by the
views that need them.
"""

from __future__ import annotations

import gc
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from revkiosk.deck.model import Deck, DeckError
from revkiosk.first_paint import (
    FIRST_PAINT_MARKER,
    after_first_paint,
    install_explore,
    install_parts,
    resume_gc,
)
from revkiosk.options import Options, parse_options, resolve_deck_path, visitor_overrides
from revkiosk.player import Player
from revkiosk.settings import (
    Settings,
    cache_dir,
    load_resume,
    load_settings,
    setup_logging,
    visitor_defaults,
    with_overrides,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from revkiosk.deck.model import Deck, DeckError

log = logging.getLogger("revkiosk")
# QtMultimedia probes optional libraries (PipeWire, VA-API) and FFmpeg dumps every stream it
# opens: noise on a lecturer's terminal and in a kiosk's log. Its warnings still come through.
QUIET_QT_LOGS = "\n".join(
    ("qt.multimedia.symbolsresolver=false", "qt.multimedia.ffmpeg*.info=false",
     "qt.multimedia.ffmpeg*.debug=false",
     "qt.multimedia.playbackengine.codec.info=false")  # "No HW decoder": software decoding
)  # fmt: skip


def build_player(
    argv: list[str], app: QApplication | None = None, options: Options | None = None
) -> Player:
    """Create (or reuse) the QApplication and build a ready player (shown only if full screen).

    The deck is read before Qt is imported: PySide6 inspects the source of every module
    imported after it, so the pure-Python work (settings, the deck cache or the YAML loader)
    is cheaper first.
    """
    options = options or parse_options(argv)
    file_settings, notices = load_settings()
    deck_path = resolve_deck_path(options.deck)
    kiosk = bool(options.kiosk or file_settings.kiosk)
    fallback = None
    if kiosk:  # the installed content when no deck is given; the last good copy if need be
        from revkiosk.update.startup import fall_back, kiosk_deck

        deck_path = kiosk_deck(options.deck, deck_path, file_settings.content_dir)
    outcome, pending_cache = _open_deck(deck_path)
    if kiosk and isinstance(outcome, DeckError):
        fallback = fall_back(deck_path, outcome)
        if fallback is not None:
            outcome, pending_cache = fallback.deck, None

    from PySide6.QtCore import QLoggingCategory, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from revkiosk.ui.pyside_fixes import skip_source_scan

    skip_source_scan()
    from revkiosk.navigator import Navigator
    from revkiosk.show import Show, readable_problems
    from revkiosk.theme import theme_named
    from revkiosk.ui.fonts import load_fonts
    from revkiosk.ui.window import MainWindow

    if app is None and QApplication.instance() is None:
        QLoggingCategory.setFilterRules(QUIET_QT_LOGS)
        # Widgets only, drawn by the CPU: QtMultimedia then converts each video frame on the
        # CPU too, instead of creating an OpenGL context for it (with Mesa's software driver,
        # ~105 MB more resident memory: LLVM and a GL context per thread; issue 21).
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_ForceRasterWidgets)
    app = app or QApplication.instance() or QApplication(["revkiosk"])
    app.setApplicationName("revkiosk")
    for notice in notices:
        log.warning("%s", notice)
    settings = with_overrides(
        file_settings,
        theme=options.theme,
        aspect=options.aspect,
        screen=options.screen,
        fullscreen=True if options.fullscreen else None,
        kiosk=True if options.kiosk else None,
        resume=False if options.no_resume else None,
        **visitor_overrides(options),
    )
    deck = outcome if isinstance(outcome, Deck) else None
    if deck is not None and deck.info.kiosk.enabled and not settings.kiosk:
        # A deck made for a museum may ask for kiosk mode itself (`deck: kiosk: enabled`).
        settings = replace(settings, kiosk=True)
    family = load_fonts()
    theme = replace(theme_named(settings.theme or "dark", settings.font_scale), font_family=family)
    navigator = Navigator(len(deck.slides) if deck is not None else 0)
    if deck is not None:
        navigator.go(_start_index(options, settings, deck_path))
    show = Show(
        theme,
        deck_path=deck_path,
        fixed_theme=settings.theme is not None,
        kiosk=settings.kiosk,
        visitor=visitor_defaults(settings),
        language=options.lang,
        jump_to=navigator.go,
    )
    if deck is not None:  # before the window exists: it builds the start slide's view once
        show.set_deck(deck)
    window = MainWindow(navigator, show, settings)
    show.deck_changed.connect(lambda new: navigator.set_count(len(new.slides)))
    player = Player(app, options, settings, list(notices), navigator, show, window)
    player.pending_cache = pending_cache
    if fallback is not None:
        player.parts["fallback"] = fallback  # the kiosk's content part reports and retries
    if settings.kiosk or options.controls:
        # The control bar takes its band from the stage: there from the first frame. Without
        # it, exploration (gestures, M, home) is plugged in after the first paint.
        install_explore(player)
    window.quit_requested.connect(app.quit)
    if deck is None:
        for problem in getattr(outcome, "problems", None) or [outcome]:
            log.error("%s", problem)
        window.show_deck_error(str(deck_path), readable_problems(outcome))  # type: ignore[arg-type]
    for notice in notices:
        window.notice.post(notice)
    _place(player)
    saver = QTimer(window, singleShot=True, interval=500, timeout=player.save_resume)
    navigator.current_changed.connect(lambda *_: saver.start())
    app.aboutToQuit.connect(player.save_resume)
    return player


def _open_deck(path: Path) -> tuple[Deck | DeckError, Callable[[], bool] | None]:
    """The deck (from the parsed-deck cache when it is current) or its DeckError; Qt-free."""
    from revkiosk.deck.cache import open_deck

    try:
        return open_deck(path, cache_dir() / "decks")
    except DeckError as error:
        return error, None


def _start_index(options: Options, settings: Settings, deck_path: Path) -> int:
    """--start N wins; else the resumed slide (unless --no-resume / `resume: false`); else 0."""
    if options.start is not None:
        return options.start - 1
    resumed = load_resume(deck_path) if settings.resume else None
    return resumed or 0


def _place(player: Player) -> None:
    """Size the window, put it on the requested screen, go full screen if asked."""
    from PySide6.QtGui import QGuiApplication

    window, wanted = player.window, player.settings.screen
    screens = QGuiApplication.screens()
    screen = QGuiApplication.primaryScreen()
    if wanted is not None:
        if wanted <= len(screens):
            screen = screens[wanted - 1]
        else:
            message = f"Screen {wanted} not found ({len(screens)} connected): using the primary."
            log.warning("%s", message)
            window.notice.post(message)
    if screen is not None:
        window.setScreen(screen)
        area = screen.availableGeometry()
        width = min(1280, round(area.width() * 0.9))
        window.resize(width, round(width * 9 / 16))
        window.move(area.center() - window.rect().center())
    if player.settings.fullscreen or player.settings.kiosk:
        window.enter_fullscreen()  # this shows the window


def main(argv: list[str] | None = None) -> int:
    """Play a deck; returns the process exit code (0 also after --help/--version)."""
    argv = sys.argv[1:] if argv is None else argv
    from revkiosk.kiosk.lock import EXIT_ORPHANED, tie_to_supervisor

    if not tie_to_supervisor():  # started by a supervisor that has died since: no orphan
        return EXIT_ORPHANED
    try:
        options = parse_options(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if options.self_test:
        from revkiosk.selftest import run_self_test

        resume_gc()  # `cli.run` turned collection off for a start-up: none here

        return run_self_test(options.deck)

    setup_logging(file=False)  # the file opens after the first paint (start-up speed)
    sys.excepthook = _log_exception
    gc.disable()  # until the first slide is painted: see first_paint.resume_gc
    from revkiosk.allocator import tune_allocator

    tune_allocator()  # before any thread allocates: one heap for all (see revkiosk.allocator)
    player = build_player(argv, options=options)
    if player.settings.kiosk:  # locked, guarded, exit status 0 only by the exit chord
        from revkiosk.kiosk.failsafe import run_kiosk

        return run_kiosk(player, prepare=after_first_paint)
    after_first_paint(player)
    player.window.show()
    return int(player.app.exec())


def _log_exception(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """Uncaught exceptions (e.g. in a Qt callback) are logged, never a silent crash."""
    log.critical("uncaught exception", exc_info=(kind, value, tb))  # type: ignore[arg-type]


__all__ = ["FIRST_PAINT_MARKER", "Player", "build_player", "install_parts", "main"]
