"""User settings (`settings.yaml`), the platformdirs folders, resume state and log set-up.

Precedence is defaults in code < the user's `settings.yaml` < the command line. A broken file
never stops the show: every problem becomes a short notice (logged and shown on screen) and the
affected values fall back to their defaults.
"""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from revkiosk.record import Record
from revkiosk.shape import parse_aspect

APP_NAME = "revkiosk"
SETTINGS_FILE = "settings.yaml"
RESUME_FILE = "resume.json"
LOG_FILE = "revkiosk.log"

log = logging.getLogger(__name__)


def config_dir() -> Path:
    """Where `settings.yaml` lives (e.g. ~/.config/revkiosk)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """Where resume state lives (e.g. ~/.local/state/revkiosk)."""
    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Where thumbnails and other rebuildable files may go (e.g. ~/.cache/revkiosk)."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    """Where the rotating log file goes (e.g. ~/.local/state/revkiosk/log)."""
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


class Settings(Record):
    """Everything a user may set in `settings.yaml`; the command line overrides these.

    `theme=None` means "the deck's own theme". `screen` (audience) and `presenter_screen` are
    1-based (None: the primary screen, and the other one for the presenter view).
    The kiosk fields are read by the kiosk policy, not by the player itself.
    """

    theme: str | None = None
    screen: int | None = None
    presenter_screen: int | None = None
    timing_report: bool = True  # per-slide timing report on quit, after using the presenter view
    transition: str = "fade"
    font_scale: float = 1.0
    aspect: str | None = None  # "auto" or "16:9": overrides the deck's `aspect` (None: the deck's)
    show_progress: bool = True
    fullscreen: bool = False
    resume: bool = True
    kiosk: bool = False
    idle_seconds: float = 90.0
    exit_chord: str = "Ctrl+Alt+Shift+Q"
    pin: str | None = None
    opening_hours: str | None = None  # shorthand for a weekly schedule (schedule/hours.py)
    schedule: str | None = None  # a schedule file (relative to this file's folder)
    statistics: bool = True  # visitor statistics, recorded in kiosk mode only
    display_power: str = "auto"  # how to switch the display off at closing (kiosk/display.py)
    display_off_command: str | None = None
    display_on_command: str | None = None
    # What every visitor starts from (the comfort panel changes them, the kiosk's idle reset
    # restores these; `visitor_defaults` turns them into the Show's VisitorSettings).
    text_scale: float = 1.0
    contrast: str = "normal"
    captions: bool = True  # narration and video captions (a kiosk's open captions)
    sound: bool | None = None  # None: off in kiosk mode (a quiet gallery), on for a presenter
    volume: float = 1.0
    reduced_motion: bool = False
    speech: bool = False  # read every slide aloud (spoken mode)
    content_dir: str | None = None  # content updates (revkiosk.update): where versions live
    update_source: str | None = None  # a folder or an http(s) URL the kiosk checks for bundles
    update_interval: float = 300.0  # seconds between two checks of `update_source`
    # The remote service: a port, "HOST:PORT" or {listen, certificate, key, name}; off when
    # absent. Checked in detail by revkiosk.remote.config when the service starts.
    remote: int | str | dict[str, object] | None = None


class VisitorSettings(Record):
    """What a visitor may change at the kiosk (text size, contrast, captions, sound, motion).

    The `Show` owns the values in force; these are the museum's defaults, restored when the
    kiosk goes idle so the next visitor starts from them.
    """

    text_scale: float = 1.0  # 1.0 | 1.25 | 1.5 of the deck's type sizes
    contrast: str = "normal"  # "normal" | "high"
    captions: bool = True  # subtitles shown where a video has them (a visitor may hide them)
    sound: bool = True
    volume: float = 1.0  # 0 … 1
    reduced_motion: bool = False
    speech: bool = False  # spoken mode: each slide is read aloud


TEXT_SCALES = (1.0, 1.25, 1.5)


def visitor_defaults(settings: Settings) -> VisitorSettings:
    """The visitor settings a show starts from (and a kiosk returns to when it goes idle).

    Captions are on unless settings say otherwise (a kiosk's open captions; a presenter turns
    them off with C). A kiosk stays silent until a visitor asks for sound (the captions carry
    the narration meanwhile); a presenter's player starts with sound.
    """
    kiosk = settings.kiosk
    return VisitorSettings(
        text_scale=settings.text_scale,
        contrast=settings.contrast,
        captions=settings.captions,
        sound=(not kiosk) if settings.sound is None else settings.sound,
        volume=settings.volume,
        reduced_motion=settings.reduced_motion,
        speech=settings.speech,
    )


# Allowed values per field: a type (or tuple of types) or a tuple of literal choices.
_CHOICES: dict[str, tuple[object, ...]] = {
    "theme": ("dark", "light", None),
    "transition": ("fade", "none"),
    "display_power": ("auto", "gnome", "x11", "command", "none"),
    "text_scale": TEXT_SCALES,
    "contrast": ("normal", "high"),
}
_TYPES: dict[str, tuple[type, ...]] = {
    "screen": (int, type(None)),
    "presenter_screen": (int, type(None)),
    "timing_report": (bool,),
    "font_scale": (int, float),
    "aspect": (str, int, type(None)),  # YAML reads an unquoted 16:9 as the number 969
    "show_progress": (bool,),
    "fullscreen": (bool,),
    "resume": (bool,),
    "kiosk": (bool,),
    "idle_seconds": (int, float),
    "exit_chord": (str,),
    "pin": (str, int, type(None)),
    "opening_hours": (str, type(None)),
    "content_dir": (str, type(None)),
    "update_source": (str, type(None)),
    "update_interval": (int, float),
    "schedule": (str, type(None)),
    "statistics": (bool,),
    "display_off_command": (str, type(None)),
    "display_on_command": (str, type(None)),
    "captions": (bool,),
    "sound": (bool, type(None)),
    "volume": (int, float),
    "reduced_motion": (bool,),
    "speech": (bool,),
    "remote": (int, str, dict, type(None)),
}
_RANGES: dict[str, tuple[float, float]] = {
    "font_scale": (0.5, 3.0),
    "idle_seconds": (5.0, 86400.0),
    "update_interval": (10.0, 86400.0),
    "screen": (1, 64),
    "presenter_screen": (1, 64),
    "volume": (0.0, 1.0),
}


def _check_value(name: str, value: Any) -> str | None:
    """Why `value` is not acceptable for field `name`, or None when it is."""
    if name in _CHOICES:
        allowed = _CHOICES[name]
        if value not in allowed or isinstance(value, bool):  # True == 1.0 is no text size
            shown = ", ".join("null" if a is None else str(a) for a in allowed)
            return f"{name} must be one of {shown} (got {_shown(value)})"
        return None
    types = _TYPES[name]
    # bool is an int in Python; a `screen: true` is a typo, not screen 1.
    if isinstance(value, bool) and bool not in types:
        return f"{name} must be a number (got {_shown(value)})"
    if not isinstance(value, types):
        wanted = " or ".join("null" if t is type(None) else t.__name__ for t in types)
        return f"{name} must be {wanted} (got {_shown(value)})"
    if name == "aspect" and value is not None:
        try:
            parse_aspect(_aspect_text(value))
        except ValueError as error:
            return f"aspect: {error}"
    if name in _RANGES and isinstance(value, (int, float)):
        low, high = _RANGES[name]
        if not low <= value <= high:
            return f"{name} must be between {low:g} and {high:g} (got {_shown(value)})"
    if name == "pin" and value is not None:
        from revkiosk.deck.spec import pin_problem

        problem = pin_problem(str(value))
        return f"pin: {problem}; the PIN box takes digits only" if problem else None
    return None


def _shown(value: object) -> str:
    from revkiosk.settings_yaml import shown

    return shown(value)


def _aspect_text(value: object) -> str:
    """The aspect as written: YAML 1.1 reads an unquoted `16:9` as base-60 969 = 16*60 + 9."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60}:{value % 60}"
    return str(value)


def parse_settings(data: object, source: str = SETTINGS_FILE) -> tuple[Settings, list[str]]:
    """Settings from a parsed YAML document, plus a notice per problem (bad keys use defaults)."""
    if data is None:
        return Settings(), []
    if not isinstance(data, dict):
        return Settings(), [f"{source}: expected a mapping of settings; using defaults"]
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    notices: list[str] = []
    for key, value in data.items():
        if key not in known:
            hint = _did_you_mean(str(key)[:100], known)
            notices.append(f"{source}: unknown setting {_shown(key)}{hint}; ignored")
            continue
        problem = _check_value(key, value)
        if problem:
            notices.append(f"{source}: {problem}; using the default")
            continue
        if key in ("font_scale", "idle_seconds", "update_interval", "text_scale", "volume"):
            value = float(value)
        elif key == "pin" and value is not None:
            value = str(value)
        elif key == "aspect" and value is not None:
            value = _aspect_text(value)
        values[key] = value
    return Settings(**values), notices


def _did_you_mean(word: str, choices: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Read `settings.yaml` (missing file: defaults, no notice). Never raises: the file is read
    like a deck (bounded, safe YAML; see `revkiosk.settings_yaml`)."""
    from revkiosk.settings_yaml import read_document

    path = path or settings_path()
    data, notices = read_document(path)
    if data is None:
        return Settings(), notices
    return parse_settings(data, str(path))


def with_overrides(settings: Settings, **overrides: Any) -> Settings:
    """Apply command-line values; None means "not given on the command line"."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **given)


# --- resume state -------------------------------------------------------------------------


def _resume_file() -> Path:
    return state_dir() / RESUME_FILE


def _deck_key(deck_path: Path) -> str:
    return str(Path(deck_path).resolve())


def load_resume(deck_path: Path) -> int | None:
    """The 0-based slide last shown for this deck, or None (unknown deck, unreadable state)."""
    import json

    from revkiosk.safe_files import STATE_BYTES, read_bytes

    try:
        data = json.loads(read_bytes(_resume_file(), STATE_BYTES))
        value = data.get(_deck_key(deck_path)) if isinstance(data, dict) else None
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def save_resume(deck_path: Path, index: int) -> None:
    """Remember the slide shown for this deck; written atomically so a crash cannot corrupt it.

    A full or read-only disk is logged once (not at every slide change) and leaves no
    temporary file behind."""
    import json

    from revkiosk.safe_files import STATE_BYTES, atomic_write, read_bytes

    target = _resume_file()
    try:
        data = json.loads(read_bytes(target, STATE_BYTES))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError, RecursionError):
        data = {}
    data[_deck_key(deck_path)] = int(index)
    try:
        atomic_write(target, json.dumps(data, indent=1, sort_keys=True).encode())
    except OSError as exc:
        if not _resume_failed:
            log.warning("could not save resume state to %s: %s", target, exc)
        _resume_failed.add(exc.errno)
    else:
        _resume_failed.clear()


_resume_failed: set[int | None] = set()  # errors already logged (cleared by a good write)


# --- logging ------------------------------------------------------------------------------


class _EarlyRecords(logging.Handler):
    """Holds records logged before the log file is opened, to be replayed into it."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def setup_logging(level: int = logging.INFO, file: bool = True) -> Path | None:
    """Log warnings to stderr and everything to a rotating file in the user log folder.

    With `file=False` records are held in memory until `open_log_file()` (the player opens the
    file after its first slide is painted: it keeps `logging.handlers` off the start-up path).
    """
    root = logging.getLogger()
    root.setLevel(level)
    if not any(getattr(h, "_revkiosk", False) for h in root.handlers):
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(logging.Formatter("revkiosk: %(levelname)s: %(message)s"))
        console._revkiosk = True  # type: ignore[attr-defined]
        root.addHandler(console)
    if not file:
        if not any(isinstance(h, _EarlyRecords) for h in root.handlers):
            root.addHandler(_EarlyRecords())
        return None
    return open_log_file()


def open_log_file() -> Path | None:
    """Attach the rotating log file (replaying early records). None if it cannot be written:
    a read-only home must not stop the show, so logging then goes to stderr only."""
    # Here, not at the top: logging.handlers pulls in socket and pickle.
    from revkiosk.quiet_log import QuietRotatingFileHandler

    root = logging.getLogger()
    early = [h for h in root.handlers if isinstance(h, _EarlyRecords)]
    for handler in early:
        root.removeHandler(handler)
    path = log_dir() / LOG_FILE
    if any(getattr(h, "_revkiosk_file", False) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = QuietRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._revkiosk_file = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    for record in (r for h in early for r in h.records):
        file_handler.handle(record)
    return path
