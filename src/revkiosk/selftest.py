"""`revkiosk --self-test`: prove an install (a checkout, a wheel or the packaged build) works.

The packaged build leaves out most of Qt to stay small, so a missing library or plugin would
only show up in front of visitors. The self-test exercises everything the show needs, off-screen
and silently: the bundled Inter font, the compute dataset, the default deck, every slide drawn by
`revkiosk.ui.render.render_slide`, the first frame of every video (QMediaPlayer + QVideoSink,
i.e. the FFmpeg plugin and its libraries), the image-format and platform plugins and, on Linux,
QtDBus (screensaver inhibition). It prints one line per check and a summary, and exits 0 only
if every check passed — a museum technician (or CI) can run it after installing.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from revkiosk.deck.model import Deck, Slide

log = logging.getLogger(__name__)

RENDER_SIZE = (960, 540)  # half the design canvas: enough to prove a slide paints, and fast
VIDEO_TIMEOUT_S = 5.0
IMAGE_FORMATS = ("svg", "gif", "webp", "jpeg", "png")
LINUX_PLATFORM_PLUGINS = ("xcb", "offscreen")
# FFmpeg's stream dump and the optional-library probes (PipeWire, VA-API) would bury the
# result lines; a real decoding failure still arrives as QMediaPlayer.errorOccurred.
QUIET_QT_LOGS = "qt.multimedia*=false"


class CheckFailed(Exception):
    """A check found a problem; the message says what, in words for a technician."""


@dataclass
class Report:
    """Collects check results and prints one line per check as it happens."""

    out: TextIO
    passed: int = 0
    failed: int = 0

    def run(self, name: str, check: Callable[[], str]) -> bool:
        """Run `check` (returns a detail string or raises); any exception is a failed check."""
        try:
            detail = check()
        except CheckFailed as error:
            self._line("FAIL", name, str(error))
            return False
        except Exception as error:  # noqa: BLE001 - a self-test reports bugs, never crashes
            log.debug("self-test check %s raised", name, exc_info=True)
            self._line("FAIL", name, f"{type(error).__name__}: {error}")
            return False
        self._line("ok", name, detail)
        return True

    def _line(self, status: str, name: str, detail: str) -> None:
        if status == "ok":
            self.passed += 1
        else:
            self.failed += 1
        self._print(f"{status:<4} {name}: {detail}")

    def _print(self, line: str) -> None:
        try:
            print(line, file=self.out, flush=True)
        except BrokenPipeError:  # `revkiosk --self-test | head`: keep counting, stop printing
            self.out = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the report

    def summary(self) -> int:
        self._print(f"self-test: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1


class _Errors(logging.Handler):
    """Remembers ERROR records and uncaught exceptions raised inside Qt callbacks.

    render_slide logs a view that fails and draws an error card; an exception in a paint or
    resize handler never reaches the caller, Qt only hands it to `sys.excepthook`. Both mean a
    visitor would see a broken slide, so both fail the check (and no traceback is printed).
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f": {_describe(record.exc_info[1])}"
        self.messages.append(text)

    def excepthook(self, kind: type[BaseException], error: BaseException, tb: object) -> None:
        frames = traceback.extract_tb(error.__traceback__)
        where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
        self.messages.append(f"uncaught {_describe(error)}{where}")


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


@contextmanager
def _captured_errors() -> Iterator[_Errors]:
    """Collect revkiosk's error records and Qt-callback exceptions instead of printing them."""
    handler = _Errors()
    logger = logging.getLogger("revkiosk")
    logger.addHandler(handler)
    previous_hook, sys.excepthook = sys.excepthook, handler.excepthook
    try:
        yield handler
    finally:
        sys.excepthook = previous_hook
        logger.removeHandler(handler)


def run_self_test(deck_path: Path | None = None, out: TextIO | None = None) -> int:
    """Run every check and print the results; returns 0 if all passed, 1 otherwise.

    `deck_path` defaults to the bundled story. A QApplication is created off-screen unless one
    exists already (tests, or a caller that built one).
    """
    if out is None and sys.stdout is None:  # a windowed (no console) Windows build
        out = Path("revkiosk-self-test.txt").open("w", encoding="utf-8")  # noqa: SIM115
    report = Report(out or sys.stdout)
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # silent: no window, even on a desktop
        QLoggingCategory.setFilterRules(QUIET_QT_LOGS)  # our own process: keep the output clean
    app = QApplication.instance() or QApplication(["revkiosk-self-test"])
    report.run("python", _python_info)
    report.run("qt plugins", _check_plugins)
    report.run("fonts", _check_fonts)
    report.run("dataset", _check_dataset)
    from revkiosk.selftest_failclosed import check_fail_closed

    report.run("fail closed", check_fail_closed)
    if sys.platform.startswith("linux"):
        report.run("dbus", _check_dbus)
    deck: Deck | None = None

    def load() -> str:
        nonlocal deck
        deck = _load_deck(deck_path)
        return f"{len(deck.slides)} slides from {deck.path}"

    report.run("deck", load)
    if deck is not None:
        _check_slides(report, deck)
        for video in _videos(deck):
            report.run(f"video {video.name}", lambda video=video: _check_video(video))
    del app
    return report.summary()


def _python_info() -> str:
    frozen = getattr(sys, "frozen", False)
    where = "packaged build" if frozen else sys.executable
    return f"{sys.version.split()[0]} ({where})"


def _check_plugins() -> str:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QImageReader

    found = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [name for name in IMAGE_FORMATS if name not in found]
    if missing:
        raise CheckFailed(f"image formats missing: {', '.join(missing)}")
    detail = f"images {'/'.join(IMAGE_FORMATS)}"
    if sys.platform.startswith("linux"):
        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        absent = [p for p in LINUX_PLATFORM_PLUGINS if not (folder / f"libq{p}.so").is_file()]
        if absent:
            raise CheckFailed(f"platform plugins missing from {folder}: {', '.join(absent)}")
        detail += f"; platforms {'/'.join(LINUX_PLATFORM_PLUGINS)}"
    return detail


def _check_fonts() -> str:
    from PySide6.QtGui import QFontDatabase

    from revkiosk.ui.theme import FONT_FAMILY, load_fonts

    if load_fonts() != FONT_FAMILY:
        raise CheckFailed(f"the bundled {FONT_FAMILY} font did not load (falls back to system)")
    styles = QFontDatabase.styles(FONT_FAMILY)
    return f"{FONT_FAMILY} loaded ({len(styles)} styles)"


def _check_dataset() -> str:
    from revkiosk.data.dataset import DATASET_PATH, load_systems, with_compute

    systems = load_systems()
    plotted = with_compute(systems)
    if not plotted:
        raise CheckFailed(f"{DATASET_PATH.name} has no systems with a compute estimate")
    source = DATASET_PATH.with_name("SOURCE.md")
    if not source.is_file():
        raise CheckFailed(f"{source.name} (the dataset's credit and licence) is missing")
    return f"{len(systems)} systems, {len(plotted)} with compute"


def _check_dbus() -> str:
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError as error:
        raise CheckFailed(f"QtDBus cannot load ({error}): no screensaver inhibition") from None
    bus = (
        "session bus connected" if QDBusConnection.sessionBus().isConnected() else "no session bus"
    )
    return f"QtDBus loads ({bus})"


def _load_deck(deck_path: Path | None) -> Deck:
    from revkiosk.deck.load import load_deck
    from revkiosk.deck.model import DeckError
    from revkiosk.resources import default_deck

    path = deck_path or default_deck()
    try:
        return load_deck(path)
    except DeckError as error:  # its message is the first error, `file:line:col: …`, and a count
        raise CheckFailed(str(error)) from None


def _more(count: int) -> str:
    return f" (and {count} more)" if count > 0 else ""


def _check_slides(report: Report, deck: Deck) -> None:
    """Render every slide; a slide fails if its view raised (error card) or painted nothing."""
    from PySide6.QtCore import QSize

    from revkiosk.ui.render import render_slide
    from revkiosk.ui.slides.base import ViewContext
    from revkiosk.ui.theme import load_fonts, theme_named

    theme = replace(theme_named(deck.info.theme), font_family=load_fonts())
    context = ViewContext(deck=deck, theme=theme, muted=True)
    size = QSize(*RENDER_SIZE)
    slides = deck.slides
    for number, slide in enumerate(slides, 1):
        name = f"slide {number:>2}/{len(slides)} {slide.kind}"

        def check(slide: Slide = slide) -> str:
            started = time.perf_counter()
            with _captured_errors() as errors:
                image = render_slide(slide, context, size)
            if errors.messages:
                raise CheckFailed(errors.messages[0] + _more(len(errors.messages) - 1))
            if image.isNull() or image.size() != size:
                raise CheckFailed(f"rendered {image.width()}x{image.height()}, wanted {size}")
            if _colours(image) < 2:
                raise CheckFailed("rendered a blank image (nothing painted)")
            where = f" ({slide.location})" if slide.location else ""
            return f"rendered in {(time.perf_counter() - started) * 1000:.0f} ms{where}"

        report.run(name, check)


def _colours(image: QImage) -> int:
    """Distinct colours on a 24x24 sample grid (1 means the view painted only a background)."""
    width, height = image.width(), image.height()
    return len(
        {image.pixel(x * width // 24, y * height // 24) for x in range(24) for y in range(24)}
    )


def _videos(deck: Deck) -> list[Path]:
    """Every distinct video file the deck plays, in slide order."""
    found: list[Path] = []
    for slide in deck.slides:
        media = [getattr(slide, "media", None)] + [i.media for i in getattr(slide, "items", ())]
        for item in media:
            video = getattr(item, "video", None)
            if video is not None and video not in found:
                found.append(video)
    return found


def _check_video(path: Path, timeout_s: float = VIDEO_TIMEOUT_S) -> str:
    """Decode the first frame with the same QtMultimedia backend the player uses, silently."""
    try:
        from PySide6.QtMultimedia import QMediaPlayer, QVideoSink
    except ImportError as error:
        raise CheckFailed(f"QtMultimedia cannot load ({error})") from None
    from PySide6.QtCore import QEventLoop, QTimer, QUrl

    if not path.is_file():
        raise CheckFailed(f"{path} is missing")
    player, sink, loop = QMediaPlayer(), QVideoSink(), QEventLoop()
    result: dict[str, str] = {}

    def on_frame(frame: object) -> None:
        if frame.isValid() and "frame" not in result:  # type: ignore[attr-defined]
            size = frame.size()  # type: ignore[attr-defined]
            result["frame"] = f"{size.width()}x{size.height()}"
            loop.quit()

    def on_error(_error: object, message: str) -> None:
        result.setdefault("error", message or "unknown decoder error")
        loop.quit()

    if not player.isAvailable():
        raise CheckFailed("no QtMultimedia backend (the FFmpeg plugin is missing or cannot load)")
    sink.videoFrameChanged.connect(on_frame)
    player.errorOccurred.connect(on_error)
    player.setVideoSink(sink)  # no QAudioOutput: the self-test is silent
    started = time.perf_counter()
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.play()
    QTimer.singleShot(round(timeout_s * 1000), loop.quit)
    if not result:
        loop.exec()
    player.stop()
    player.setSource(QUrl())
    elapsed = (time.perf_counter() - started) * 1000
    if "frame" in result:
        return f"first frame {result['frame']} decoded in {elapsed:.0f} ms"
    if "error" in result:
        raise CheckFailed(f"{path.name}: {result['error']}")
    raise CheckFailed(f"{path.name}: no frame decoded within {timeout_s:g} s")
