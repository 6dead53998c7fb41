"""The kiosk pace rule: every word a slide puts on screen can be read in the time it is shown.

A visitor at an unattended kiosk reads at most about 180 words a minute (3 a second) from three
metres, and reads everything on the slide: title, body, quotation, attribution, caption, source
and credit lines, the chip above a milestone's title. `on_screen_text` lists those texts per
slide kind, as the views in `revkiosk.ui.slides` draw them (this module stays Qt-free, so
`revkiosk check` can apply the rule without a display); `pace_problems` turns a slide that needs
longer than its `seconds` (or the deck's `slide_seconds`), or a body over `BODY_WORDS`, into a
warning with the slide's file:line:col.

What counts, and why:
- A URL a source line shows is read as two words ("Source: arxiv.org/…"): a visitor glances at
  the host, nobody reads the path aloud.
- Charts carry their own words (axis titles, legend, era and trend labels, the data credit);
  `CHART_WORDS` estimates them per chart kind from what the chart modules draw, plus one word
  per highlighted or labelled point.
- A timeline slide counts its title, hint and lane names. Its marker labels are a map to scan
  and touch, not a text read in order, so they are not counted.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from revkiosk.deck.explore import count_text
from revkiosk.deck.model import (
    CompareSlide,
    Deck,
    HubSlide,
    Location,
    Media,
    MilestoneSlide,
    PlotSlide,
    Problem,
    QuoteSlide,
    SectionSlide,
    Slide,
    TextSlide,
    TimelineSlide,
    TitleSlide,
)
from revkiosk.safe_files import CSV_BYTES, read_text

WORDS_PER_MINUTE = 180
BODY_WORDS = 60  # a body longer than this is a page of a book, not a slide
TIMELINE_HINT = "Drag along the years to preview · tap a milestone to open it"
# Words each chart draws besides the slide's title and caption (see the module docstring):
# compute: 2 axis titles (5 words), 5 legend names, the data credit (6), 3 era names (7),
# 3 trend labels (about 6 words each); forecast: 2 benchmark names with their descriptions (8),
# 5 values, 2 "outside the forecasters' 90% interval" notes (10), the expert line (3), axis
# title (4), 3 legend entries (12) and the source line (16).
CHART_WORDS = {"compute": 41, "forecast": 58, "csv": 4}
_WORD = re.compile(r"[\w'’%.,×-]*\w[\w'’%×-]*")
_URL = re.compile(r"https?://\S+")


def count_words(text: str) -> int:
    """Words as a reader counts them: '28.8%' and 'GPT-3' are one word, '—' and '/' none."""
    urls = len(_URL.findall(text))
    return len(_WORD.findall(_URL.sub(" ", text))) + 2 * urls


@dataclass(frozen=True)
class Pace:
    """How long one slide's words take to read, against how long the slide is shown."""

    number: int  # 1-based slide number
    slide: Slide
    words: int
    body_words: int
    seconds: float

    @property
    def needed(self) -> float:
        """Seconds to read every word at `WORDS_PER_MINUTE`."""
        return self.words * 60.0 / WORDS_PER_MINUTE

    @property
    def margin(self) -> float:
        """Seconds to spare (negative: the slide moves on before a visitor has read it)."""
        return self.seconds - self.needed


def _media_lines(media: Media | None, *, credit_prefix: str) -> list[str]:
    if media is None or (media.image is None and media.video is None):
        return []
    credit = " · ".join(p for p in (media.credit, media.licence) if p)
    return [media.caption, f"{credit_prefix}{credit}" if credit else ""]


def _chart_words(slide: PlotSlide, deck: Deck) -> int:
    if slide.chart == "compute":
        return CHART_WORDS["compute"] + len(slide.highlight)
    if slide.chart == "forecast":
        return CHART_WORDS["forecast"]
    words = CHART_WORDS["csv"]
    spec = slide.csv
    if spec is None:
        return words
    words += count_words(f"{spec.x_title or spec.x} {spec.y_title or spec.y}")
    try:
        text = read_text(spec.file, CSV_BYTES)  # a FIFO or device is refused, not waited on
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except (OSError, UnicodeDecodeError, csv.Error):
        return words  # the loader reports a broken file; pace only estimates
    if spec.label:
        words += sum(count_words(row.get(spec.label) or "") for row in rows)
    if spec.group:
        words += sum(count_words(g) for g in {row.get(spec.group) or "" for row in rows})
    return words


def on_screen_text(slide: Slide, deck: Deck) -> tuple[list[str], str]:
    """(every text the slide shows, its body), as the slide's view lays them out."""
    body = ""
    texts: list[str] = []
    if isinstance(slide, TitleSlide):
        texts = [slide.title, slide.subtitle, deck.info.author]
    elif isinstance(slide, SectionSlide):
        domain = deck.slide_domain(slide)
        texts = [domain.name if domain else "", slide.title]
        texts.append(slide.subtitle or (domain.summary if domain else ""))
    elif isinstance(slide, MilestoneSlide):
        milestone = slide.milestone
        domain = deck.domain(milestone.domain)
        body = slide.text
        texts = [domain.name if domain else milestone.domain, str(milestone.date), milestone.org]
        texts += [milestone.title, body, f"Source: {milestone.source}" if milestone.source else ""]
        has_picture = slide.media is not None and (slide.media.image or slide.media.video)
        if has_picture:
            texts += [" ".join(_media_lines(slide.media, credit_prefix=""))]
        elif slide.excerpt is not None:
            excerpt = slide.excerpt
            if excerpt.prompt:
                texts += ["Prompt", excerpt.prompt, "Model output"]
            # A visitor reads the quotation in one language: a translation beside it
            # is read instead of the original, not as well.
            texts += [excerpt.translation or excerpt.text, excerpt.source]
        elif milestone.date.month:
            texts += [milestone.date.month_name]  # the year card
    elif isinstance(slide, TextSlide):
        domain = deck.slide_domain(slide)
        body = "\n".join([slide.body, *slide.bullets])
        texts = [domain.name if domain else "", slide.title, body]
        texts += _media_lines(slide.media, credit_prefix="Credit: ")
    elif isinstance(slide, QuoteSlide):
        body = slide.text
        texts = [slide.title, slide.text, slide.author, slide.source]
    elif isinstance(slide, PlotSlide):
        texts = [slide.title, slide.caption]
    elif isinstance(slide, CompareSlide):
        texts = [slide.title, slide.caption, *(item.label for item in slide.items)]
    elif isinstance(slide, TimelineSlide):
        lanes = [d.name for d in deck.domains if not slide.domains or d.id in slide.domains]
        texts = [slide.title, TIMELINE_HINT, *lanes]
    elif isinstance(slide, HubSlide):  # a menu: its title, subtitle and each tile's two lines
        texts = [slide.title, slide.subtitle]
        texts += [f"{tile.title} {count_text(tile)}" for tile in slide.tiles]
    else:  # media slides and any kind added later: title and the media's own lines
        texts = [getattr(slide, "title", "")]
        texts += _media_lines(getattr(slide, "media", None), credit_prefix="Credit: ")
    return [t for t in texts if t], body


def slide_pace(deck: Deck, index: int) -> Pace:
    """The pace of the slide at 0-based `index`."""
    slide = deck.slides[index]
    texts, body = on_screen_text(slide, deck)
    words = sum(count_words(t) for t in texts)
    if isinstance(slide, PlotSlide):
        words += _chart_words(slide, deck)
    seconds = slide.seconds if slide.seconds is not None else deck.info.slide_seconds
    return Pace(index + 1, slide, words, count_words(body), float(seconds))


def page_seconds(slide_seconds: float, pages: int, shown_text: str) -> float:
    """How long the attract loop shows one page of a slide whose text comes in pages (a long
    body on a near-square or portrait screen): the slide's time shared between its pages, and
    never less than the pace rule gives the words this page shows (its title and lines, read
    again from the top after each turn). An unattended visitor reads every page, not the first.
    """
    reading = count_words(shown_text) * 60.0 / WORDS_PER_MINUTE
    return max(slide_seconds / max(1, pages), reading)


def deck_pace(deck: Deck) -> list[Pace]:
    """Every slide's pace, in deck order."""
    return [slide_pace(deck, i) for i in range(len(deck.slides))]


def pace_problems(deck: Deck) -> list[Problem]:
    """Warnings for slides a kiosk visitor cannot read in time, or whose body is too long."""
    problems = []
    for pace in deck_pace(deck):
        where = pace.slide.location or Location(deck.path, 1, 1)
        name = f"slide {pace.number} ({pace.slide.heading})"
        if pace.margin < 0:
            problems.append(
                Problem(
                    where,
                    "warning",
                    f"{name}: {pace.words} words on screen take {pace.needed:.0f} s to read at "
                    f"{WORDS_PER_MINUTE} words a minute, but the slide shows for "
                    f"{pace.seconds:g} s (cut words or raise `seconds` to "
                    f"{_round_up(pace.needed):g})",
                )
            )
        if pace.body_words > BODY_WORDS:
            problems.append(
                Problem(
                    where,
                    "warning",
                    f"{name}: the body has {pace.body_words} words; keep it under "
                    f"{BODY_WORDS} so it reads from three metres",
                )
            )
    return problems


def _round_up(seconds: float) -> float:
    return float(int(seconds) + (0 if seconds == int(seconds) else 1))
