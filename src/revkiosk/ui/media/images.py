"""Pictures on slides: PNG/JPEG (decoded once), SVG (re-rendered at every size, so it stays
crisp on a 4K kiosk) and animated GIF/WebP (QMovie, running only while the slide is current).

Every failure (missing, unreadable, undecodable) becomes the placeholder card plus a log line.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QImageReader, QMovie, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from revkiosk.i18n.words import N_, _
from revkiosk.theme import Theme
from revkiosk.ui.media.placeholder import clip_rounded, paint_placeholder

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
        if not path.exists():
            log.warning("%s not found: %s", what, path)
            return media_notice(what, "missing")
        if not path.is_file():
            log.warning("%s is not a regular file: %s", what, path)
            return media_notice(what, "unavailable")
        if path.stat().st_size == 0:
            log.warning("%s is empty: %s", what, path)
            return media_notice(what, "unavailable")
    except OSError as error:
        log.warning("%s cannot be read: %s (%s)", what, path, error)
        return media_notice(what, "unavailable")
    return None


def load_raster(path: Path | None, what: str = "Image") -> tuple[QImage | None, str]:
    """Decode a PNG/JPEG/WebP still (EXIF rotation applied): (image, '') or (None, notice)."""
    problem = file_problem(path, what)
    if problem:
        return None, problem
    from revkiosk.ui.decoded import IMAGES  # decoded ahead by the stage, usually

    image = IMAGES.take(path)
    if image is not None:
        return image, ""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        log.warning("cannot decode %s %s: %s", what.lower(), path, reader.errorString())
        return None, media_notice(what, "unreadable")
    return image, ""


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path, self.theme, self.fit, self.family = path, theme, fit, family
        self.notice = ""
        self.radius = 0.0  # rounded corners, in pixels (milestone slides frame pictures)
        self._svg = None
        self._image: QImage | None = None
        self._scaled: QImage | None = None
        self._movie: QMovie | None = None
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
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(str(self.path))
            if not renderer.isValid() or renderer.defaultSize().isEmpty():
                log.warning("cannot render SVG %s", self.path)
                self.notice = media_notice("Image", "unreadable")
                return
            renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self._svg = renderer
            return
        if suffix in ANIMATED_SUFFIXES and QImageReader(str(self.path)).imageCount() > 1:
            movie = QMovie(str(self.path))
            if movie.isValid():
                movie.setCacheMode(QMovie.CacheMode.CacheAll)
                movie.frameChanged.connect(self._on_movie_frame_changed)
                movie.jumpToFrame(0)
                self._movie = movie
                return
        self._image, self.notice = load_raster(self.path)

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
            return self._svg.defaultSize()
        if self._movie is not None:
            return self._movie.currentImage().size()
        return self._image.size() if self._image is not None else QSize()

    def target_rect(self) -> QRectF:
        """Where the picture lands (may exceed the widget when filling; painting clips)."""
        return fit_rect(self.source_size(), QRectF(self.rect()), self.fit)

    def paint_picture(self, painter: QPainter, target: QRectF) -> bool:
        """Draw the picture into `target` from its source (an SVG as vectors, a photo from
        its full pixels), so a zoom lens magnifies it sharply; False when there is none."""
        if self._svg is not None:
            self._svg.render(painter, target)
            return True
        image = self._movie.currentImage() if self._movie is not None else self._image
        if image is None or image.isNull() or self.notice:
            return False
        painter.drawImage(target, image)
        return True

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
        elif self._svg is not None:
            self._svg.render(painter, self.target_rect())
        else:
            self._paint_raster(painter)
        painter.end()

    def _paint_raster(self, painter: QPainter) -> None:
        image = self._movie.currentImage() if self._movie is not None else self._image
        if image is None or image.isNull():
            return
        target = self.target_rect()
        size = target.size().toSize()
        # Scale once per size with a good filter; paint events during a cross-fade reuse it.
        if self._scaled is None or self._scaled.size() != size:
            self._scaled = image.scaled(
                size,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        painter.drawImage(target.topLeft(), self._scaled)
