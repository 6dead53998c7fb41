"""What a deck lacks for visitors who cannot see or hear it (Qt-free; `revkiosk check` warns).

Every picture and video needs alternative text (`alt:`; `alt: ""` marks a decorative picture),
and every video and narration needs captions (`subtitles:`, or a `.vtt`/`.srt` file beside the
media with the same name). Charts need no `alt:`: their description is generated from the data
(`revkiosk.describe`). A `warning_seconds` below 20 is a warning too (WCAG 2.2.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from revkiosk.deck.model import Deck, Location, Media, Problem, Slide

CAPTION_SUFFIXES = (".vtt", ".srt")
WCAG_WARNING_SECONDS = 20.0


def captions_path(media: Media) -> Path | None:
    """The captions of a video or a narration: `subtitles:`, else a sidecar file, else None."""
    if media.subtitles is not None:
        return media.subtitles
    played = media.video or media.audio
    if played is None:
        return None
    for suffix in CAPTION_SUFFIXES:
        candidate = played.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _visuals(slide: Slide) -> Iterator[tuple[Media, str]]:
    media = getattr(slide, "media", None)
    if isinstance(media, Media):
        yield media, "media"
    for number, item in enumerate(getattr(slide, "items", ()), 1):
        yield item.media, f"items[{number}] ({item.label})"


def _where(media: Media, slide: Slide, deck: Deck) -> Location:
    return media.location or slide.location or Location(deck.path, 1, 1)


def accessibility_problems(deck: Deck) -> list[Problem]:
    """A warning per picture or video without alt text, per video or narration without
    captions, and for an idle warning shorter than WCAG's 20 seconds."""
    problems: list[Problem] = []
    for number, slide in enumerate(deck.slides, 1):
        what = f"slide {number} ({slide.kind})"
        for media, part in _visuals(slide):
            kind = "video" if media.video is not None else "picture"
            if media.alt is None:
                problems.append(
                    Problem(
                        _where(media, slide, deck),
                        "warning",
                        f"{what}: {part}: the {kind} has no alt text; say in `alt:` what it "
                        'shows (`alt: ""` if it is only decoration)',
                    )
                )
            if media.video is not None and captions_path(media) is None:
                problems.append(_no_captions(media, slide, deck, f"{what}: {part}: the video"))
        if slide.audio is not None and captions_path(slide.audio) is None:
            problems.append(_no_captions(slide.audio, slide, deck, f"{what}: audio: narration"))
    seconds = deck.info.kiosk.warning_seconds
    if 0 < seconds < WCAG_WARNING_SECONDS:
        problems.append(
            Problem(
                Location(deck.path, 1, 1),
                "warning",
                f"deck: kiosk: warning_seconds {seconds:g} is short: WCAG 2.2.1 gives a visitor "
                f"at least {WCAG_WARNING_SECONDS:g} seconds to answer the idle warning",
            )
        )
    return problems


def _no_captions(media: Media, slide: Slide, deck: Deck, what: str) -> Problem:
    name = (media.video or media.audio or Path("media")).with_suffix(".vtt").name
    return Problem(
        _where(media, slide, deck),
        "warning",
        f"{what} has no captions; add `subtitles:` or a WebVTT file {name} beside it",
    )
