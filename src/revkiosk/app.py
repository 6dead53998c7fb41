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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from revkiosk.first_paint import FIRST_PAINT_MARKER, after_first_paint, install_parts
from revkiosk.options import Options, parse_options, resolve_deck_path
from revkiosk.settings import Settings, load_settings, with_overrides

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from revkiosk.deck.model import Deck, DeckError
    from revkiosk.navigator import Navigator
    from revkiosk.ui.window import MainWindow

log = logging.getLogger("revkiosk")
# QtMultimedia probes optional libraries (PipeWire, VA-API) and FFmpeg dumps every stream it
# opens: noise on a lecturer's terminal and in a kiosk's log. Its warnings still come through.
QUIET_QT_LOGS = "\n".join(
    ("qt.multimedia.symbolsresolver=false", "qt.multimedia.ffmpeg*.info=false",
     "qt.multimedia.ffmpeg*.debug=false",
     "qt.multimedia.playbackengine.codec.info=false")  # "No HW decoder": software decoding
)  # fmt: skip


@dataclass
class Player:
    """Everything the running player is made of, for other modules and tests to reach."""

    app: QApplication
    options: Options
    settings: Settings
    notices: list[str]
    deck_path: Path
    navigator: Navigator
    window: MainWindow
    deck: Deck | None = None
    parts: dict[str, object] = field(default_factory=dict)  # kiosk session, presenter, timeline
    exit_approved: bool = False  # kiosk: the exit chord (or a test hook) ended the show
    # Writes the parsed-deck cache entry after a cache miss (deck/cache.py); run once the first
    # slide is on screen, so a miss costs the first paint nothing extra.
    pending_cache: Callable[[], bool] | None = None

    def read(self) -> Deck | None:
        """Load the deck file; on failure show its problems (first load) or a notice (reload).

        Always the real loader: a reload (R) must see the author's edit, never a cached copy.
        """
        from revkiosk.deck.load import load_deck
        from revkiosk.deck.model import DeckError

        try:
            return self._accept(load_deck(self.deck_path))
        except DeckError as error:
            return self._accept(error)

    def _accept(self, outcome: Deck | DeckError) -> Deck | None:
        """Log a loaded deck's warnings, or show a failed load's problems; the deck or None."""
        from revkiosk.deck.model import DeckError

        if isinstance(outcome, DeckError):
            for problem in outcome.problems or [outcome]:
                log.error("%s", problem)
            problems = _readable_problems(outcome) or [str(outcome)]
            if self.deck is None:
                self.window.show_deck_error(str(self.deck_path), problems)
            else:
                self.window.notice.post(f"Reload failed, keeping the deck shown: {problems[0]}")
            return None
        for warning in outcome.warnings:
            log.warning("%s", warning)
        return outcome

    def write_deck_cache(self) -> bool:
        """Store the deck loaded at start-up in the parsed-deck cache (once; after a miss)."""
        store, self.pending_cache = self.pending_cache, None
        return store() if store is not None else False

    def load(self) -> bool:
        """(Re)load the deck and show it, keeping the current slide. True on success."""
        deck = self.read()
        if deck is None:
            return False
        self.deck = deck
        self.window.set_deck(self._context(deck))
        return True

    def _context(self, deck: Deck) -> object:
        from revkiosk.ui.slides.base import ViewContext

        return ViewContext(
            deck=deck,
            theme=self.window.theme,
            jump_to=self.navigator.go,
            kiosk=self.settings.kiosk,
            extras={"settings": self.settings, "options": self.options},
        )

    def save_resume(self) -> None:
        if self.deck is not None and self.navigator.count:
            from revkiosk.settings import save_resume

            save_resume(self.deck_path, self.navigator.index)


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
    outcome, pending_cache = _open_deck(deck_path)

    from PySide6.QtCore import QLoggingCategory, QTimer
    from PySide6.QtWidgets import QApplication

    _skip_pyside_source_scan()
    from revkiosk.navigator import Navigator
    from revkiosk.ui.theme import load_fonts, theme_named
    from revkiosk.ui.window import MainWindow

    if app is None and QApplication.instance() is None:
        QLoggingCategory.setFilterRules(QUIET_QT_LOGS)
    app = app or QApplication.instance() or QApplication(["revkiosk"])
    app.setApplicationName("revkiosk")
    for notice in notices:
        log.warning("%s", notice)
    settings = with_overrides(
        file_settings,
        theme=options.theme,
        screen=options.screen,
        fullscreen=True if options.fullscreen else None,
        kiosk=True if options.kiosk else None,
        resume=False if options.no_resume else None,
    )
    family = load_fonts()
    theme = replace(theme_named(settings.theme or "dark", settings.font_scale), font_family=family)
    navigator = Navigator(0)
    window = MainWindow(navigator, theme, settings)
    player = Player(app, options, settings, list(notices), deck_path, navigator, window)
    window.reload_requested.connect(player.load)
    window.quit_requested.connect(app.quit)
    player.deck = player._accept(outcome)
    player.pending_cache = pending_cache
    if player.deck is not None and player.deck.info.kiosk.enabled and not settings.kiosk:
        # A deck made for a museum may ask for kiosk mode itself (`deck: kiosk: enabled`).
        player.settings = replace(player.settings, kiosk=True)
    if player.deck is not None:
        _apply_deck_theme(player)
        navigator.set_count(len(player.deck.slides))
        navigator.go(_start_index(options, settings, deck_path))
        window.set_deck(player._context(player.deck))
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
    from revkiosk.deck.model import DeckError
    from revkiosk.settings import cache_dir

    try:
        return open_deck(path, cache_dir() / "decks")
    except DeckError as error:
        return error, None


def _skip_pyside_source_scan() -> None:
    """Answer PySide6's "does this module use PySide6?" for revkiosk and the standard library
    without letting it read their source.

    PySide6 reads the source file of every module imported (or named in an import statement)
    after it, looking for the word "PySide6" (PYSIDE-2029: that decides whether its opt-in
    `__feature__` switches apply to the module). revkiosk uses no `__feature__`, so the answer
    changes nothing, but reading ~60 files (typing.py, pathlib.py, …) costs ~10 ms of start-up.
    Third-party modules keep PySide6's own check; if PySide6 changes its internals this does
    nothing.
    """
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "_revkiosk", False):
        return

    def uses_pyside(module: object) -> bool:
        top = str(getattr(module, "__name__", "")).partition(".")[0]
        if top == "revkiosk":
            return True
        return top not in sys.stdlib_module_names and bool(check(module))

    uses_pyside._revkiosk = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def _readable_problems(error: Exception) -> list[str]:
    """Errors before warnings; the deck folder is shown once in the heading, not on each line."""
    problems = sorted(getattr(error, "problems", ()), key=lambda p: p.severity != "error")
    lines = []
    for problem in problems:
        where = problem.location
        name = where.file.name if where.file else ""
        lines.append(f"{name}:{where.line}:{where.column}: {problem.severity}: {problem.message}")
    return lines


def _apply_deck_theme(player: Player) -> None:
    """With no theme on the command line or in settings, the deck's own theme applies."""
    from revkiosk.ui.theme import theme_named

    if player.settings.theme or player.deck is None:
        return
    name = player.deck.info.theme
    if name != player.window.theme.name:
        theme = theme_named(name, player.settings.font_scale)
        player.window.set_theme(replace(theme, font_family=player.window.theme.font_family))


def _start_index(options: Options, settings: Settings, deck_path: Path) -> int:
    """--start N wins; else the resumed slide (unless --no-resume / `resume: false`); else 0."""
    from revkiosk.settings import load_resume

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
    from revkiosk.kiosk_lock import EXIT_ORPHANED, tie_to_supervisor

    if not tie_to_supervisor():  # started by a supervisor that has died since: no orphan
        return EXIT_ORPHANED
    try:
        options = parse_options(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if options.self_test:
        from revkiosk.selftest import run_self_test

        return run_self_test(options.deck)
    from revkiosk.settings import setup_logging

    setup_logging(file=False)  # the file opens after the first paint (start-up speed)
    sys.excepthook = _log_exception
    gc.disable()  # until the first slide is painted: see first_paint.resume_gc
    player = build_player(argv, options=options)
    if player.settings.kiosk:  # locked, guarded, exit status 0 only by the exit chord
        from revkiosk.kiosk_failsafe import run_kiosk

        return run_kiosk(player)
    after_first_paint(player)
    player.window.show()
    return int(player.app.exec())


def _log_exception(kind: type[BaseException], value: BaseException, tb: object) -> None:
    """Uncaught exceptions (e.g. in a Qt callback) are logged, never a silent crash."""
    log.critical("uncaught exception", exc_info=(kind, value, tb))  # type: ignore[arg-type]


__all__ = ["FIRST_PAINT_MARKER", "Player", "build_player", "install_parts", "main"]
