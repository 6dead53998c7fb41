"""Sidecar subtitles (.srt, .vtt) for videos: a tolerant parser and the overlay painter.

Subtitles are parsed in Python rather than handed to QtMultimedia because the player only
renders *embedded* tracks; a museum's captions usually arrive as a separate file. A malformed cue
is skipped with a logged `file:line` reason instead of losing the whole file.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from revkiosk.deck.access import captions_path
from revkiosk.deck.model import Media
from revkiosk.safe_files import SUBTITLE_BYTES, is_regular, read_bytes

log = logging.getLogger(__name__)

SUBTITLE_SUFFIXES = (".vtt", ".srt")
_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$")
_TAG = re.compile(r"</?[^>]*>")


class SubtitleError(ValueError):
    """A subtitle file could not be read at all (missing, not text, no cue in it)."""


@dataclass(frozen=True)
class Cue:
    """One caption: shown from `start` to `end` seconds of the video."""

    start: float
    end: float
    text: str


def parse_timestamp(text: str) -> float:
    """`00:01:02,500` (SRT) or `01:02.500` (VTT) → seconds; ValueError when malformed."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"bad timestamp {text.strip()!r}")
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        raise ValueError(f"bad timestamp {text.strip()!r}")
    return (
        int(hours or 0) * 3600
        + int(minutes) * 60
        + int(seconds)
        + int(fraction.ljust(3, "0")) / 1000
    )


def _clean(line: str) -> str:
    """Drop VTT voice/class/style tags (`<v Ada>`, `<i>`) — the overlay has one style."""
    return _TAG.sub("", line).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def parse_subtitles(text: str, source: str = "<subtitles>") -> tuple[Cue, ...]:
    """Parse SRT or WebVTT text into cues sorted by start time.

    Both formats are blocks separated by blank lines with a `start --> end` line; SRT adds a
    counter before it and VTT a header, optional cue ids, NOTE and STYLE blocks. One parser that
    looks for the arrow line reads both.
    """
    cues: list[Cue] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        if block:
            cue = _parse_block(block, source)
            if cue is not None:
                cues.append(cue)
            block = []
    cues.sort(key=lambda c: c.start)
    return tuple(cues)


def _parse_block(block: list[tuple[int, str]], source: str) -> Cue | None:
    first = block[0][1].strip()
    if first.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
        return None
    for index, (number, line) in enumerate(block):
        if "-->" not in line:
            continue
        start_text, _, rest = line.partition("-->")
        end_text = rest.strip().split(" ")[0] if rest.strip() else ""
        try:
            start, end = parse_timestamp(start_text), parse_timestamp(end_text)
        except ValueError as error:
            log.warning("%s:%d: subtitle cue skipped: %s", source, number, error)
            return None
        if end <= start:
            log.warning("%s:%d: subtitle cue skipped: ends before it starts", source, number)
            return None
        body = "\n".join(_clean(text).strip() for _, text in block[index + 1 :]).strip()
        return Cue(start, end, body) if body else None
    log.warning("%s:%d: subtitle block skipped: no 'start --> end' line", source, block[0][0])
    return None


def load_subtitles(path: Path) -> tuple[Cue, ...]:
    """Read and parse a sidecar file; SubtitleError says why it cannot be used."""
    try:
        raw = read_bytes(path, SUBTITLE_BYTES)  # a FIFO or device is refused, not waited on
    except OSError as error:
        raise SubtitleError(f"cannot read subtitles {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # old SRT files are often Windows-1252; close enough
    cues = parse_subtitles(text, str(path))
    if not cues:
        raise SubtitleError(f"no subtitle cues found in {path}")
    return cues


def sidecar_for(video: Path) -> Path | None:
    """The `.vtt` or `.srt` next to a video with the same base name, if there is one."""
    for suffix in SUBTITLE_SUFFIXES:
        candidate = video.with_suffix(suffix)
        if is_regular(candidate):
            return candidate
    return None


def cues_for(media: Media) -> CueTrack | None:
    """The captions of a video or narration (`subtitles:` or a sidecar), None if it has none or
    they cannot be read (logged: the clip still plays)."""
    path = captions_path(media)
    if path is None:
        return None
    try:
        return CueTrack(load_subtitles(path))
    except SubtitleError as error:
        log.warning("captions not shown: %s", error)
        return None


class CueTrack:
    """Cues with a fast "what is shown at t" lookup (called on every video frame)."""

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        self.cues = cues
        self._starts = [c.start for c in cues]

    def text_at(self, seconds: float) -> str:
        """The caption(s) showing at `seconds` (overlapping cues are stacked), or ''."""
        last = bisect.bisect_right(self._starts, seconds)
        shown = [c.text for c in self.cues[max(0, last - 4) : last] if c.end > seconds]
        return "\n".join(shown)


def paint_subtitle(
    painter: QPainter, frame: QRectF, text: str, font: QFont, *, opaque: bool = False
) -> None:
    """Caption text centred near the bottom of `frame`, white on a translucent dark box.

    White on a 75 % black box reads over any footage, the broadcast convention; `opaque` (high
    contrast) makes the box solid black, 21:1 whatever the picture under it.
    """
    if not text or frame.isEmpty():
        return
    metrics = QFontMetricsF(font)
    width = frame.width() * 0.86
    flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
    bounds = metrics.boundingRect(QRectF(0, 0, width, frame.height()), int(flags), text)
    pad_x, pad_y = font.pixelSize() * 0.5, font.pixelSize() * 0.25
    box = QRectF(0, 0, bounds.width() + 2 * pad_x, bounds.height() + 2 * pad_y)
    box.moveCenter(frame.center())
    box.moveBottom(frame.bottom() - frame.height() * 0.05)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(0, 0, 0, 255 if opaque else 190))
    painter.drawRoundedRect(box, pad_y, pad_y)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(box.adjusted(pad_x, pad_y, -pad_x, -pad_y), int(flags), text)
    painter.restore()
