"""`revkiosk --self-test`: prove an install (a checkout, a wheel or the packaged build) works.

The packaged build leaves out most of Qt to stay small, so a missing library or plugin would
only show up in front of visitors. The self-test exercises everything the show needs, off-screen
and silently: the bundled Inter font, the compute dataset, the default deck, every slide drawn by
`revkiosk.ui.render.render_slide`, the first frame of every video (QMediaPlayer + QVideoSink,
i.e. the FFmpeg plugin and its libraries), the image-format and platform plugins, on Linux
libdbus and QtDBus (screensaver inhibition), the text-to-speech engine spoken mode uses, and —
when a session is there to open (DISPLAY or
WAYLAND_DISPLAY) — the display the player would open, from a child process. It prints one line
per check and a summary, and exits 0 only if every check passed — a museum technician (or CI)
can run it after installing. If Qt itself cannot load, the checks that need no Qt still run and
say what is missing, instead of a traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from revkiosk.selftest_env import (
    check_dbus,
    check_display,
    check_qt_loads,
    check_updates,
    check_wayland,
)
from revkiosk.selftest_report import CheckFailed, Report, captured_errors

__all__ = ["CheckFailed", "Report", "check_slides", "check_video", "deck_videos", "run_self_test"]

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from revkiosk.deck.model import Deck, Slide
    from revkiosk.i18n.catalogs import ReadAhead

log = logging.getLogger(__name__)

RENDER_SIZE = (960, 540)  # half the design canvas: enough to prove a slide paints, and fast
VIDEO_TIMEOUT_S = 5.0
IMAGE_FORMATS = ("svg", "gif", "webp", "jpeg", "png")
LINUX_PLATFORM_PLUGINS = ("xcb", "wayland", "offscreen")
# FFmpeg's stream dump and the optional-library probes (PipeWire, VA-API) would bury the
# result lines; a real decoding failure still arrives as QMediaPlayer.errorOccurred.
QUIET_QT_LOGS = "qt.multimedia*=false"


def run_self_test(deck_path: Path | None = None, out: TextIO | None = None) -> int:
    """Run every check and print the results; returns 0 if all passed, 1 otherwise.

    `deck_path` defaults to the bundled story. A QApplication is created off-screen unless one
    exists already (tests, or a caller that built one).
    """
    if out is None and sys.stdout is None:  # a windowed (no console) Windows build
        out = Path("revkiosk-self-test.txt").open("w", encoding="utf-8")
    report = Report(out or sys.stdout)
    platform = os.environ.get("QT_QPA_PLATFORM")  # the player's, before ours replaces it
    linux = sys.platform.startswith("linux")
    report.run("python", _python_info)
    if not report.run("qt", check_qt_loads):
        # Nothing Qt can run; what needs no Qt still reports, and names the likely cause.
        report.run("dataset", _check_dataset)
        report.run("deck", lambda: f"{len(_load_deck(deck_path).slides)} slides (not drawn)")
        if linux:
            report.run("dbus", check_dbus)
        return report.summary()
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # silent: no window, even on a desktop
        QLoggingCategory.setFilterRules(QUIET_QT_LOGS)  # our own process: keep the output clean
    app = QApplication.instance() or QApplication(["revkiosk-self-test"])
    report.run("qt plugins", _check_plugins)
    report.run("fonts", _check_fonts)
    report.run("languages", lambda: _check_languages(deck_path))
    report.run("dataset", _check_dataset)
    report.run("hyphenation", _check_hyphenation)
    report.run("heap policy", _check_heap_policy)
    from revkiosk.selftest_failclosed import check_fail_closed

    report.run("fail closed", check_fail_closed)
    if linux:
        report.run("dbus", check_dbus)
    if linux:
        report.run("wayland", check_wayland)
    report.run("display", lambda: check_display(platform))
    report.run("remote service", _check_remote)
    report.run("speech", _check_speech)
    deck: Deck | None = None

    def load() -> str:
        nonlocal deck
        deck = _load_deck(deck_path)
        return f"{len(deck.slides)} slides from {deck.path}"

    report.run("deck", load)
    if deck is not None:
        report.run("updates", lambda: check_updates(deck.path))  # type: ignore[union-attr]
        report.run("languages ahead", lambda: _check_read_ahead(deck))  # type: ignore[arg-type]
        check_slides(report, deck)
        report.run("more layer", lambda: _check_more_layer(deck))  # type: ignore[arg-type]
        report.run("portrait layout", lambda: _check_portrait(deck))  # type: ignore[arg-type]
        for video in deck_videos(deck):
            report.run(f"video {video.name}", lambda video=video: check_video(video))
    del app
    return report.summary()


def _check_remote() -> str:
    """QtHttpServer, QtWebSockets and the phone page's files are there and answer."""
    from revkiosk.remote.selfcheck import check_remote

    return check_remote()


def _check_speech() -> str:
    """Spoken mode's voice: QtTextToSpeech and an engine plugin load (no word is spoken)."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as error:
        raise CheckFailed(f"QtTextToSpeech cannot be imported ({error})") from None
    from revkiosk.ui.media.player import sound_server
    from revkiosk.ui.speech import Speaker, default_engine

    engines = [name for name in QTextToSpeech.availableEngines() if name != "mock"]
    if not engines:
        raise CheckFailed("no text-to-speech engine plugin in this Qt (spoken mode is silent)")
    if default_engine(engines) == "speechd" and not sound_server():
        # What the player does too: no sound server, no voice (a silent kiosk is fine).
        return "speechd present; no sound server here, so spoken mode stays silent"
    speaker = Speaker(engine=engines[0])  # on its thread, as the player uses it: never hangs
    try:
        if speaker.engine() is None:
            hint = " (install speech-dispatcher and espeak-ng)" if engines[0] == "speechd" else ""
            raise CheckFailed(f"{engines[0]}: {speaker.error or 'does not start'}{hint}")
    finally:
        speaker.shut_down()
    return f"{engines[0]} engine ready"


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

    from revkiosk.theme import FONT_FAMILY
    from revkiosk.ui.fonts import load_fonts

    if load_fonts() != FONT_FAMILY:
        raise CheckFailed(f"the bundled {FONT_FAMILY} font did not load (falls back to system)")
    styles = QFontDatabase.styles(FONT_FAMILY)
    return f"{FONT_FAMILY} loaded ({len(styles)} styles)"


def _check_languages(deck_path: Path | None) -> str:
    from revkiosk.options import resolve_deck_path
    from revkiosk.ui.languages_check import check_languages

    return check_languages(resolve_deck_path(deck_path))


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


def _check_read_ahead(deck: Deck) -> str:
    """The player reads and translates the deck's languages on a worker thread after its first
    paint (`i18n.catalogs.read_ahead`): Babel, the PO files and CLDR work off the GUI thread."""
    import threading

    from revkiosk.i18n.catalogs import read_ahead

    found: list[ReadAhead] = []
    worker = threading.Thread(target=lambda: found.append(read_ahead(deck)), name="languages")
    worker.start()
    worker.join(60)
    if not found or found[0].failed:
        raise CheckFailed("the deck's languages could not be read on a worker thread")
    read = found[0]
    short = [
        code for code, (shown, _p) in read.decks.items() if len(shown.slides) != len(deck.slides)
    ]
    if short:
        raise CheckFailed(f"translated decks lost slides: {', '.join(short)}")
    return f"{', '.join(read.offered)} read and translated on a thread"


def _writable(folder: Path) -> bool:
    """Whether files can be made in `folder`, or in the nearest folder above it that exists."""
    import os

    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def _check_hyphenation() -> str:
    """pyphen and its dictionaries are in the build: long words break by the language's rules."""
    from revkiosk.ui.hyphenate import SOFT_HYPHEN, hyphenate

    word = hyphenate("Bildklassifikationswettbewerb", "de")
    if word.count(SOFT_HYPHEN) < 3:
        raise CheckFailed("no hyphenation dictionary for German: long words would be cut")
    # The parsed table is kept (marshal, in the cache folder) and read back without parsing.
    import pyphen

    from revkiosk.ui import hyphenate as patterns

    pyphen.hdcache.pop(pyphen.LANGUAGES["de"], None)
    patterns.read_patterns("de")  # parsed (or read back) and kept
    kept = patterns.table_file(pyphen, "de")
    if kept is not None and not kept.is_file() and not _writable(kept.parent):
        return f"{word.replace(SOFT_HYPHEN, '-')} (table not kept: the cache folder is read-only)"
    if kept is None or not kept.is_file():
        raise CheckFailed("German's parsed hyphenation table was not kept in the cache folder")
    pyphen.hdcache.pop(pyphen.LANGUAGES["de"], None)
    again = patterns.read_patterns("de")
    if again is None or again.inserted("Bildklassifikationswettbewerb", SOFT_HYPHEN) != word:
        raise CheckFailed("the kept hyphenation table does not break words as the patterns do")
    return f"{word.replace(SOFT_HYPHEN, '-')}, table kept ({kept.stat().st_size // 1024} KB)"


def _check_heap_policy() -> str:
    """glibc's heap settings that keep a season-long player's memory flat can be applied here
    (ctypes and the C library are in the build; `revkiosk.allocator`)."""
    from revkiosk import allocator

    if allocator.glibc() is None:
        return "not glibc: the system allocator's own policy"
    if not allocator.tune_allocator():
        if allocator.set_by_admin("MALLOC_MMAP_THRESHOLD_", "mmap_threshold"):
            return "glibc: the administrator's MALLOC_* / GLIBC_TUNABLES settings stand"
        raise CheckFailed("glibc refused the mmap threshold: video memory would grow")
    allocator.trim_heap()
    return (
        f"glibc: mmap threshold {allocator.MMAP_THRESHOLD_BYTES // 1024} KiB, "
        f"{allocator.ARENA_MAX} arena, heap trimmed"
    )


def _check_portrait(deck: Deck) -> str:
    """The first slide laid out for a 1080x1920 portrait screen: no text cut or too small."""
    from PySide6.QtCore import QSize

    from revkiosk.context import ViewContext
    from revkiosk.theme import theme_named
    from revkiosk.ui.audit import audit_view
    from revkiosk.ui.render import offscreen_view

    kind = deck.slides[0].kind
    context = ViewContext(deck=deck, theme=theme_named(deck.info.theme), offscreen=True)
    with captured_errors() as errors:  # a view that fails has failed its own line above
        try:
            with offscreen_view(deck.slides[0], context, QSize(1080, 1920)) as view:
                view.grab()
                findings = audit_view(view)
        except Exception:  # noqa: BLE001 - reported on the slide's own line
            findings = None
    if findings is None or errors.messages:
        return f"not laid out: the {kind} view fails (see its line)"
    if findings:
        first = findings[0]
        raise CheckFailed(f"{len(findings)} problems, e.g. {first.element}: {first.kind}")
    return f"the first {kind} reflows to 1080x1920 with every text whole"


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


def check_slides(report: Report, deck: Deck) -> None:
    """Render every slide; a slide fails if its view raised (error card) or painted nothing."""
    from PySide6.QtCore import QSize

    from revkiosk.context import ViewContext
    from revkiosk.settings import VisitorSettings
    from revkiosk.theme import theme_named
    from revkiosk.ui.fonts import load_fonts
    from revkiosk.ui.render import render_slide

    theme = replace(theme_named(deck.info.theme), font_family=load_fonts())
    context = ViewContext(deck=deck, theme=theme, visitor=VisitorSettings(sound=False))
    size = QSize(*RENDER_SIZE)
    slides = deck.slides
    for number, slide in enumerate(slides, 1):
        name = f"slide {number:>2}/{len(slides)} {slide.kind}"

        def check(slide: Slide = slide) -> str:
            started = time.perf_counter()
            with captured_errors() as errors:
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


def _check_more_layer(deck: Deck) -> str:
    """A milestone's "more" layer renders, and its QR code (segno) is painted module for
    module as encoded (no QR reader ships in the build: the pixels are compared instead)."""
    from PySide6.QtCore import QPoint, QSize, Qt
    from PySide6.QtWidgets import QApplication

    from revkiosk.deck.model import MilestoneSlide
    from revkiosk.theme import theme_named
    from revkiosk.ui.more_layer import MoreLayer
    from revkiosk.ui.qr import read_back

    found = [s.milestone for s in deck.slides if isinstance(s, MilestoneSlide) and s.milestone.more]
    if not found:
        return "this deck has no more layers"
    milestone = found[0]
    layer = MoreLayer()
    layer.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    layer.resize(QSize(*RENDER_SIZE))
    layer.open_for(milestone, deck.domain(milestone.domain), theme_named(deck.info.theme))
    QApplication.processEvents()
    try:
        image = layer.grab().toImage()
        card = layer.card
        if card is None or card.qr is None:
            raise CheckFailed(f"no QR code for {milestone.more_source!r}")
        box = card.qr.code_rect().translated(card.qr.mapTo(layer, QPoint(0, 0)))
        wrong = read_back(image, box, card.qr.url)
        if wrong:
            raise CheckFailed(f"QR code of {card.qr.url} drawn with {wrong} wrong modules")
        return f"{len(found)} layers; {milestone.id}'s QR code drawn exactly ({box.width()} px)"
    finally:
        layer.close_layer()
        layer.deleteLater()


def _colours(image: QImage) -> int:
    """Distinct colours on a 24x24 sample grid (1 means the view painted only a background)."""
    width, height = image.width(), image.height()
    return len(
        {image.pixel(x * width // 24, y * height // 24) for x in range(24) for y in range(24)}
    )


def deck_videos(deck: Deck) -> list[Path]:
    """Every distinct video file the deck plays, in slide order."""
    found: list[Path] = []
    for slide in deck.slides:
        media = [getattr(slide, "media", None)] + [i.media for i in getattr(slide, "items", ())]
        for item in media:
            video = getattr(item, "video", None)
            if video is not None and video not in found:
                found.append(video)
    return found


def check_video(path: Path, timeout_s: float = VIDEO_TIMEOUT_S) -> str:
    """Decode the first frame with the same QtMultimedia backend the player uses, silently."""
    from revkiosk.ui.media.player import multimedia_environment

    multimedia_environment()
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
