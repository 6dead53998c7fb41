"""What a slide says, in words: for spoken mode, screen readers and `revkiosk check` (Qt-free).

`slide_words(slide, deck)` lists the slide's readable parts in reading order — title, the
facts under it, the body, the alternative text of its pictures and videos, a chart's generated
description — as separate sentences, so spoken mode can read the whole slide and a keypad's
up/down keys can step through it one part at a time.
"""

from __future__ import annotations

from revkiosk.deck.model import (
    CompareSlide,
    Deck,
    Media,
    MediaSlide,
    MilestoneSlide,
    PlotSlide,
    QuoteSlide,
    SectionSlide,
    Slide,
    TextSlide,
    TimelineSlide,
    TitleSlide,
)
from revkiosk.describe.charts import chart_description
from revkiosk.i18n.words import _


def _picture(media: Media | None) -> list[str]:
    """`Picture: <alt>` (or `Video: …`), then its caption; nothing for a decorative one."""
    if media is None:
        return []
    words = []
    if media.alt and media.video is not None:
        words.append(_("Video: {alt}", alt=media.alt))
    elif media.alt:
        words.append(_("Picture: {alt}", alt=media.alt))
    if media.caption:
        words.append(media.caption)
    return words


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…:;”\"'" else text + "."


def slide_words(slide: Slide, deck: Deck | None) -> list[str]:
    """The slide's readable parts, in reading order (empty parts left out)."""
    words: list[str] = []
    if isinstance(slide, TitleSlide):
        words += [slide.title, slide.subtitle]
        words += [_("By {author}", author=deck.info.author)] if deck and deck.info.author else []
        words += _picture(slide.media)
    elif isinstance(slide, SectionSlide):
        domain = deck.domain(slide.domain) if deck else None
        words += [slide.title, slide.subtitle or (domain.summary if domain else "")]
        words += _picture(slide.media)
    elif isinstance(slide, MilestoneSlide):
        milestone = slide.milestone
        words += [slide.title, f"{milestone.date}, {milestone.org}", slide.text]
        if slide.excerpt is not None:
            prompt = slide.excerpt.prompt.rstrip(" .")
            if prompt:
                words.append(_("Prompt: {prompt}.", prompt=prompt))
            # In another language the card shows a translation beside the original: read that.
            text = slide.excerpt.translation or slide.excerpt.text
            source = slide.excerpt.source
            words.append(
                _("Model output ({source}): “{text}”", source=source, text=text)
                if source
                else _("Model output: “{text}”", text=text)
            )
        words += _picture(slide.media)
    elif isinstance(slide, TextSlide):
        words += [slide.title, slide.body, *slide.bullets]
        words += _picture(slide.media)
    elif isinstance(slide, QuoteSlide):
        by = ", ".join(p for p in (slide.author, slide.source) if p)
        words += [slide.title, f"“{slide.text}”", f"— {by}" if by else ""]
    elif isinstance(slide, MediaSlide):
        words += [slide.title, *_picture(slide.media)]
    elif isinstance(slide, PlotSlide):
        words += [slide.title, slide.alt, chart_description(slide, deck), slide.caption]
    elif isinstance(slide, CompareSlide):
        words.append(slide.title)
        for item in slide.items:
            alt = item.media.alt
            words.append(f"{item.label}: {alt}" if alt else item.label)
        words.append(slide.caption)
    elif isinstance(slide, TimelineSlide):
        words += [slide.title, _timeline(slide, deck)]
    else:  # a kind added later reads at least its heading
        words.append(slide.heading)
    return [_sentence(part) for part in words if part and part.strip()]


def _timeline(slide: TimelineSlide, deck: Deck | None) -> str:
    if deck is None:
        return ""
    shown = [m for m in deck.milestones if not slide.domains or m.domain in slide.domains]
    if not shown:
        return _("A timeline with no milestones.")
    years = sorted(m.date.year for m in shown)
    domains = [d.name for d in deck.domains if any(m.domain == d.id for m in shown)]
    return _(
        "A timeline of {count} milestones from {first} to {last}, in {fields}. "
        "Each one opens its slide.",
        count=len(shown),
        first=years[0],
        last=years[-1],
        fields=", ".join(domains),
    )


def slide_text(slide: Slide, deck: Deck | None) -> str:
    """The whole slide as one text (spoken mode reads it; a screen reader's description)."""
    return " ".join(slide_words(slide, deck))
