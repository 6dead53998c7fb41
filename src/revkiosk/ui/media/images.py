"""Pictures on slides: PNG/JPEG (decoded at display size, shared, off the GUI thread when
heavy: see `ui/decoded.py`), SVG (re-rendered at every size, so it stays crisp on a 4K kiosk;
only self-contained drawings, see `ui/media/svg.py`) and animated GIF/WebP (QMovie, running
only while the slide is current).

Every file is read through `revkiosk.safe_files` (regular files only, size cap) and decoded from
memory; every failure (missing, unreadable, undecodable, refused) becomes the placeholder card
plus a log line.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QDataStream, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QImageReader, QMovie, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import N_, _
from revkiosk.safe_files import PICTURE_BYTES, check_regular, read_bytes
from revkiosk.theme import Theme
from revkiosk.ui.arrival import ArrivalFade
from revkiosk.ui.decoded import IMAGES, Box, Outcome
from revkiosk.ui.media.placeholder import clip_rounded, paint_placeholder
from revkiosk.ui.picture_text import PictureRun
from revkiosk.ui.qt_bytes import read_stream

log = logging.getLogger(__name__)

SVG_SUFFIXES = {".svg", ".svgz"}
ANIMATED_SUFFIXES = {".gif", ".webp"}
Fit = Literal["fit", "fill"]


# What a visitor reads on the placeholder, per kind of file and problem: whole sentences, so
# each language can agree them ("Image manquante", "Son manquant").
_NOTICES = {
    ("Image", "none"): N_("No image given"),
    ("Image", "missing"): N_("Image missing"),
    ("Image", "unavailable"): N_("Image unavailable"),
    ("Image", "unreadable"): N_("Image could not be read"),
    ("Image", "refused"): N_("Image refused"),
    ("Poster", "none"): N_("No poster given"),
    ("Poster", "missing"): N_("Poster missing"),
    ("Poster", "unavailable"): N_("Poster unavailable"),
    ("Poster", "unreadable"): N_("Poster could not be read"),
    ("Video", "none"): N_("No video given"),
    ("Video", "missing"): N_("Video missing"),
    ("Video", "unavailable"): N_("Video unavailable"),
    ("Video", "unplayable"): N_("Video could not be played"),
    ("Video", "no_playback"): N_("Video playback unavailable"),
    ("Audio", "none"): N_("No audio given"),
    ("Audio", "missing"): N_("Audio missing"),
    ("Audio", "unavailable"): N_("Audio unavailable"),
    ("Audio", "unplayable"): N_("Audio could not be played"),
    ("Audio", "no_playback"): N_("Audio playback unavailable"),
}
_STATES = {
    "none": "No {what} given",
    "missing": "{what} missing",
    "unavailable": "{what} unavailable",
    "unreadable": "{what} could not be read",
    "refused": "{what} refused",
    "unplayable": "{what} could not be played",
    "no_playback": "{what} playback unavailable",
}


def media_notice(what: str, state: str) -> str:
    """The visitor's notice for a media problem, in the player's language."""
    known = _NOTICES.get((what, state))
    if known is not None:
        return _(known)
    return _STATES[state].format(what=what).capitalize()


def file_problem(path: Path | None, what: str) -> str | None:
    """A short visitor-facing notice if `path` cannot be a media file, else None (logged).

    Only regular files are opened: a FIFO or device would block the decoder thread forever.
    """
    if path is None:
        return media_notice(what, "none")
    try:
        info = check_regular(path)  # stat, then a non-blocking open and fstat: no FIFO waits
    except FileNotFoundError:
        log.warning("%s not found: %s", what, path)
        return media_notice(what, "missing")
    except OSError as error:  # a FIFO or device, a name too long, a symlink loop…
        log.warning("%s cannot be used: %s (%s)", what, path, error.strerror or error)
        return media_notice(what, "unavailable")
    if info.st_size == 0:
        log.warning("%s is empty: %s", what, path)
        return media_notice(what, "unavailable")
    return None


def load_raster(
    path: Path | None, what: str = "Image", box: Box | None = None
) -> tuple[QImage | None, str]:
    """Decode a PNG/JPEG/WebP still (EXIF rotation applied) at once, scaled to cover `box`
    (default: the screen): (image, '') or (None, notice)."""
    problem = file_problem(path, what)
    if problem:
        return None, problem
    assert path is not None
    image, notice = IMAGES.decode_now(path, box or _screen_box())
    return image, translated(notice, what)


def translated(notice: str, what: str = "Image") -> str:
    """A decoder's English notice ("Image missing") as `what`'s notice in the player's
    language (the decoders run on a worker and know no language)."""
    for state, template in _STATES.items():
        if notice and template.format(what="Image").capitalize() == notice:
            return media_notice(what, state)
    return notice


def _screen_box() -> Box:
    from revkiosk.ui.decoded import box_of, display_box

    return box_of(*display_box())


def movie_device(path: Path) -> QDataStream | None:
    """The file's bytes for QMovie/QImageReader (read safely), or None: a stream whose
    `device()` is a buffer Qt made (`ui/qt_bytes.py`); keep the stream while it is read."""
    try:
        data = read_bytes(path, PICTURE_BYTES)
    except OSError as error:
        log.warning("animation %s not read: %s", path, error.strerror or error)
        return None
    return read_stream(data)


def fit_rect(source: QSize | QSizeF, box: QRectF, fit: Fit) -> QRectF:
    """Where a picture of `source` size lands in `box`: letterboxed (fit) or cropped (fill)."""
    src = QSizeF(source)
    if src.isEmpty() or box.isEmpty():
        return QRectF(box)
    mode = (
        Qt.AspectRatioMode.KeepAspectRatioByExpanding
        if fit == "fill"
        else Qt.AspectRatioMode.KeepAspectRatio
    )
    size = src.scaled(box.size(), mode)
    rect = QRectF(0, 0, size.width(), size.height())
    rect.moveCenter(box.center())
    return rect


class ImageWidget(QWidget):
    """One picture, fit or fill, or the placeholder card naming what went wrong.

    `notice` is '' when the picture shows; tests and the caption line read it.
    """

    def __init__(
        self,
        path: Path | None,
        theme: Theme,
        *,
        fit: Fit = "fit",
        family: str = "Inter",
        box: Box | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path, self.theme, self.fit, self.family = path, theme, fit, family
        self.box = box  # the size the picture is decoded for (None: the screen)
        self.notice = ""
        self.radius = 0.0  # rounded corners, in pixels (milestone slides frame pictures)
        self.loading = False  # a heavy picture is being decoded on the worker
        self._svg = None
        self._image: QImage | None = None
        self._full: QImage | None = None  # full-size pixels, only once a zoom lens asked
        self._scaled: QImage | None = None
        self._movie: QMovie | None = None
        self._device: QDataStream | None = None
        self._fade = ArrivalFade()
        self._load()

    # -- loading ---------------------------------------------------------------------------
    def _load(self) -> None:
        problem = file_problem(self.path, "Image")
        if problem:
            self.notice = problem
            return
        assert self.path is not None
        suffix = self.path.suffix.lower()
        if suffix in SVG_SUFFIXES:
            self._load_svg()
            return
        if suffix in ANIMATED_SUFFIXES and self._load_movie():
            return
        box = self.box or _screen_box()
        outcome = IMAGES.request(self.path, box, self, self._on_decoded, fades=True)
        if outcome is None:
            self.loading = True  # painted when the worker has it (a heavy slide)
        else:
            self._on_decoded(outcome)

    def _on_decoded(self, outcome: Outcome) -> None:
        late, self.loading = self.loading, False
        self._image, self.notice = outcome[0], translated(outcome[1])
        self._scaled = None
        if late:  # from the worker, after its slide may have painted
            self._fade.arrived(self, self.update)
        self.update()

    def _load_svg(self) -> None:
        from revkiosk.ui.media.svg import SvgPicture

        assert self.path is not None
        self._svg = SvgPicture(self.path, self._on_svg_ready, parent=self)
        self.notice = translated(self._svg.notice)
        self.loading = self._svg.loading

    def _on_svg_ready(self) -> None:
        assert self._svg is not None
        self.notice, self.loading = translated(self._svg.notice), self._svg.loading
        self._fade.arrived(self, self.update)
        self.update()

    def _load_movie(self) -> bool:
        assert self.path is not None
        stream = movie_device(self.path)
        if stream is None:
            return False
        device = stream.device()
        if QImageReader(device).imageCount() <= 1:
            return False
        device.seek(0)
        movie = QMovie(device)
        if not movie.isValid():
            return False
        movie.setCacheMode(QMovie.CacheMode.CacheAll)
        movie.frameChanged.connect(self._on_movie_frame_changed)
        movie.jumpToFrame(0)
        self._device, self._movie = stream, movie  # the movie reads from the stream's buffer
        return True

    # -- life cycle (only animations care) --------------------------------------------------
    @property
    def animated(self) -> bool:
        return self._movie is not None

    def frame_number(self) -> int:
        """The animation frame shown now (0 for stills)."""
        return self._movie.currentFrameNumber() if self._movie is not None else 0

    def enter(self) -> None:
        if self._movie is not None:
            self._movie.start()

    def leave(self) -> None:
        if self._movie is not None:
            self._movie.stop()
            self._movie.jumpToFrame(0)

    def play_pause(self) -> bool:
        """Pause or resume an animation; stills have nothing to toggle (returns False)."""
        if self._movie is None:
            return False
        running = self._movie.state() == QMovie.MovieState.Running
        self._movie.setPaused(running)
        return True

    def _on_movie_frame_changed(self, _frame: int) -> None:
        self._scaled = None
        self.update()

    # -- painting --------------------------------------------------------------------------
    def source_size(self) -> QSize:
        if self._svg is not None:
            return self._svg.size()
        if self._movie is not None:
            return self._movie.currentImage().size()
        return self._image.size() if self._image is not None else QSize()

    def target_rect(self) -> QRectF:
        """Where the picture lands (may exceed the widget when filling; painting clips)."""
        return fit_rect(self.source_size(), QRectF(self.rect()), self.fit)

    def picture_runs(self) -> list[PictureRun]:
        """The picture as shown, for the audit of text inside pictures (`ui/picture_text.py`)."""
        if self.path is None or self.notice or self.source_size().isEmpty():
            return []
        return [PictureRun("picture", self.path, self.target_rect())]

    def paint_picture(self, painter: QPainter, target: QRectF) -> bool:
        """Draw the picture into `target` from its source (a small SVG as vectors, a photo
        from its full pixels), so a zoom lens magnifies it sharply; False when there is none."""
        if self._svg is not None:
            if self.notice or self.loading:
                return False
            self._svg.paint(painter, target)
            return True
        image = self._movie.currentImage() if self._movie is not None else self._full_pixels()
        if image is None or image.isNull() or self.notice:
            return False
        painter.drawImage(target, image)
        return True

    def _full_pixels(self) -> QImage | None:
        """The photo at its own size, decoded when a zoom first asks (it is shown from a
        screen-size decode: a visitor's pinch is worth the memory, every slide is not)."""
        if self._full is None and self._image is not None and self.path is not None:
            self._full, _ = IMAGES.decode_now(self.path, None)
        return self._full or self._image

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        clip_rounded(painter, QRectF(self.rect()), self.radius)
        if self.notice:
            paint_placeholder(
                painter,
                QRectF(self.rect()),
                self.theme,
                self.notice,
                self.path.name if self.path else "",
                family=self.family,
            )
        else:
            painter.setOpacity(self._fade.opacity())
            if self._svg is not None:
                self._svg.paint(painter, self.target_rect())
            else:
                self._paint_raster(painter)
        painter.end()

    def _paint_raster(self, painter: QPainter) -> None:
        image = self._movie.currentImage() if self._movie is not None else self._image
        if image is None or image.isNull():
            return
        target = self.target_rect()
        size = target.size().toSize()
        # Scale once per size with a good filter; paint events during a cross-fade reuse it,
        # and so does this picture's next view (a still's scaled copy is shared).
        if self._scaled is None or self._scaled.size() != size:
            if self._movie is not None:  # its frames change: nothing to share
                self._scaled = image.scaled(
                    size,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            else:
                self._scaled = IMAGES.scaled(image, size)
        painter.drawImage(target.topLeft(), self._scaled)
