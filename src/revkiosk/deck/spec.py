"""The deck format as data: which keys each mapping takes, their types, defaults and docs.

One table drives both the loader (`deck/load.py`) and the JSON Schema (`deck/schema.py`), so the
editor's squiggles and `revkiosk check` cannot disagree about what a key means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Field types the loader knows how to read (see `deck/build.py`):
#   text      string; numbers and dates are accepted as written (`title: 1984` stays "1984")
#   pin       1 to 12 digits 0-9, as written (`pin: 0123` stays "0123")
#   id        string of letters, digits, `-`, `_`, `.`
#   number    int or float, finite        integer   whole number
#   bool      true/false                  enum      one of `choices`
#   date      2020, 2020-05 or 2020-05-28 color     "#rrggbb" (also #rgb, #rrggbbaa)
#   aspect    "16:9" or auto              years     [first, last]
#   text_list list of text                id_list   list of ids
#   path      a file inside the deck root
#   media     a visual: path shorthand or a media mapping with image or video
#   audio     narration: path shorthand or a media mapping with audio
#   kiosk / excerpt / csv / items / more / tiles   nested mappings below
#   languages  {code: {image|video|audio|poster|subtitles: path}}: files per language
#   language  a BCP 47 language tag (fr, pt-BR)    language_list  a list of them
#
# `shows` says where a text appears on screen, for translators: every field with it is one entry
# of the deck's PO files (`revkiosk i18n extract`), keyed by slide or milestone id and field.


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its type, whether it must be present, and what it is for."""

    type: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    shows: str = ""  # translated, and shown there (the PO file's comment for translators)


Spec = dict[str, Field]

# A BCP 47 language tag as decks, PO file names and --lang write it: fr, pt-BR, zh-Hant.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")

# Every time and count has a maximum: Qt timers take int32 milliseconds (24.8 days), and a value
# no show needs (a slide shown for a year, a 1:1000 stage) is a typo that must fail `check`, not
# a kiosk that never advances or draws nothing.
DAY_SECONDS = 86_400
MAX_SLIDE_NUMBER = 9_999
MAX_COMPARE_ITEMS = 256
MAX_CSV_NAMES = 256  # display names of a csv chart's data values
PIN_DIGITS = (1, 12)  # the PIN box takes digits only; twelve is more than anyone types twice

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp")
VIDEO_EXTENSIONS = (".mp4", ".webm", ".mov", ".mkv")
AUDIO_EXTENSIONS = (".wav", ".mp3", ".ogg", ".m4a", ".flac")

TOP: Spec = {
    "deck": Field("deck", True, "Deck-wide settings: title, theme, kiosk policy."),
    "domains": Field("domains", False, "The story's strands, each with an id and a colour."),
    "milestones": Field(
        "milestones", False, "Dated achievements slides and the timeline refer to."
    ),
    "slides": Field("slides", True, "The slides, in order (at least one)."),
}

KIOSK: Spec = {
    "enabled": Field("bool", doc="Run as an unattended kiosk.", default=False),
    "idle_seconds": Field(
        "number",
        doc="Idle time before the attract loop.",
        minimum=1,
        maximum=DAY_SECONDS,
        default=90,
    ),
    "exit_chord": Field(
        "text", doc="The only key chord that leaves kiosk mode.", default="Ctrl+Alt+Shift+Q"
    ),
    "pin": Field(
        "pin",
        doc="Digits (0-9) asked for after the exit chord (optional).",
        minimum=PIN_DIGITS[0],
        maximum=PIN_DIGITS[1],
    ),
    "video_cap_seconds": Field(
        "number",
        doc="Longest a video plays in the loop.",
        minimum=1,
        maximum=DAY_SECONDS,
        default=120,
    ),
    "start_slide": Field(
        "integer",
        doc="1-based slide the loop starts on.",
        minimum=1,
        maximum=MAX_SLIDE_NUMBER,
        default=1,
    ),
    "hint": Field(
        "text",
        doc="Invitation shown in the attract loop.",
        default="Touch the screen to explore",
        shows="the invitation at the top of the screen while nobody uses the kiosk",
    ),
    "warning_seconds": Field(
        "number",
        doc='How long the "Still there?" prompt counts down before the kiosk returns to its '
        "start (after idle_seconds without input; 0: no prompt). WCAG 2.2.1 asks for at least "
        "20 seconds; `revkiosk check` warns below that.",
        minimum=0,
        maximum=3600,
        default=20,
    ),
    "start": Field(
        "id",
        doc="Id of a hub slide: a visitor's first touch in the attract loop lands there, "
        "and the home button returns there.",
    ),
}

DECK: Spec = {
    "title": Field("text", True, "The deck's title.", shows="the window title and handouts"),
    "subtitle": Field("text", default="", shows="handouts (the PDF's subject)"),
    "author": Field("text", default="", shows="under the title on the title slide"),
    "language": Field("language", doc="BCP 47 language tag of the deck's text.", default="en"),
    "translations": Field(
        "text", doc="Folder of its PO files, beside the deck file.", default="locale"
    ),
    "languages": Field(
        "language_list", doc="Languages offered (default: the deck's and each translated one)."
    ),
    "theme": Field("enum", choices=("dark", "light"), default="dark"),
    "aspect": Field(
        "aspect",
        doc="auto: slides fill any screen, landscape or portrait, and reflow to its shape; "
        'a ratio, quoted ("16:9"), letterboxes every screen to it (between 1:4 and 4:1).',
        minimum=0.25,
        maximum=4.0,
        default="16:9",
    ),
    "slide_seconds": Field(
        "number", doc="Attract-loop time per slide.", minimum=1, maximum=DAY_SECONDS, default=12
    ),
    "duration_minutes": Field(
        "number", doc="Planned talk length (presenter pacing).", minimum=1, maximum=24 * 60
    ),
    "kiosk": Field("kiosk", doc="Unattended-show policy."),
}

DOMAIN: Spec = {
    "id": Field("id", True, "Referred to by milestones and slides."),
    "name": Field("text", True, shows="chips on its slides, the timeline's lanes, chart legends"),
    "color": Field("color", True, 'Quoted hex colour, "#4cc9f0" (unquoted # starts a comment).'),
    "summary": Field("text", default="", shows="under the title of its section slide"),
}

MILESTONE: Spec = {
    "id": Field("id", True, "Referred to by milestone slides and plot highlights."),
    "date": Field("date", True, "2020, 2020-05 or 2020-05-28."),
    "domain": Field("id", True, "A domain id."),
    "title": Field("text", True, shows="the big title of its slide, the timeline's labels"),
    "org": Field("text", True, "Who did it.", shows="beside the date above the title"),
    "summary": Field(
        "text",
        True,
        "One or two sentences in the project's own words.",
        shows="the body of its slide (unless the slide has a body), the timeline's card",
    ),
    "source": Field("text", True, "Where the claim comes from (a URL)."),
    "system": Field("text", doc="Exact `System` name in the compute dataset."),
    "more": Field("more", doc='The "more" layer: a longer explanation, a picture, the source.'),
}

MORE: Spec = {
    "text": Field(
        "text",
        True,
        "The longer explanation (short paragraphs; blank lines split).",
        shows='the longer story in the milestone\'s "more" layer',
    ),
    "media": Field("media", doc="A second picture (an image)."),
    "source": Field(
        "text", doc="The source shown and put in the QR code (default: the milestone's source)."
    ),
    "title": Field(
        "text",
        doc="The layer's heading (default: the milestone's title).",
        shows='the heading of the milestone\'s "more" layer',
    ),
}

TILE: Spec = {
    "domain": Field("id", doc="A domain id: leads to its section slide (else its first slide)."),
    "section": Field("id", doc="The id of a section slide."),
    "slide": Field("id", doc="The id of any slide."),
    "timeline": Field("bool", doc="true: leads to the deck's first timeline slide."),
    "title": Field(
        "text",
        doc="Default: the domain's name or the target slide's title.",
        shows="the title on the hub's tile",
    ),
    "media": Field("media", doc="The tile's picture (default: the target's own picture)."),
}
TILE_TARGETS = ("domain", "section", "slide", "timeline")

MEDIA: Spec = {
    "image": Field("path", doc=f"Image file ({' '.join(IMAGE_EXTENSIONS)})."),
    "video": Field("path", doc=f"Video file ({' '.join(VIDEO_EXTENSIONS)})."),
    "audio": Field("path", doc=f"Audio file ({' '.join(AUDIO_EXTENSIONS)})."),
    "poster": Field("path", doc="Still shown before a video plays."),
    "subtitles": Field(
        "path",
        doc="WebVTT captions for a video or narration (default: a .vtt beside the file).",
    ),
    "alt": Field(
        "text",
        doc="What the picture or video shows, in words, for visitors who cannot see it (read "
        'aloud in spoken mode); "" marks a purely decorative picture.',
        shows="never on screen: what spoken mode and a screen reader say for the picture or "
        "video (describe what it shows)",
    ),
    "fit": Field("enum", choices=("fit", "fill"), default="fit"),
    "loop": Field("bool", default=False),
    "muted": Field("bool"),
    "start": Field("number", doc="Seconds into the clip to start.", minimum=0, maximum=DAY_SECONDS),
    "end": Field("number", doc="Seconds into the clip to stop.", minimum=0, maximum=DAY_SECONDS),
    "caption": Field("text", default="", shows="the caption under or beside the picture"),
    "credit": Field("text", default="", shows="the credit line after the caption"),
    "licence": Field("text", default=""),
    "languages": Field(
        "languages", doc="Files per language: {fr: {subtitles: …}} (narration, pictures…)."
    ),
}

# The files a language may replace (`media: languages: fr: {…}`), all paths.
MEDIA_VARIANT: Spec = {
    name: MEDIA[name] for name in ("image", "video", "audio", "poster", "subtitles")
}

EXCERPT: Spec = {
    "text": Field(
        "text",
        True,
        "A short model output (at most about 40 words).",
        shows="a translation under the quoted output, which stays in its own language",
    ),
    "source": Field("text", default="", shows="the source line under the quoted output"),
    "prompt": Field("text", default="", shows="the prompt the model was given, above its output"),
}

CSV: Spec = {
    "file": Field("data_file", True, "CSV file inside the deck root (must exist)."),
    "x": Field("text", True, "Column for the x axis."),
    "y": Field("text", True, "Column for the y axis."),
    "log_y": Field("bool", default=False),
    "group": Field("text", doc="Column that colours points by group."),
    "label": Field("text", doc="Column that names points."),
    "names": Field(
        "csv_names",
        doc="Display names for data values: {value, name}. A `group` value's name shows in the "
        "legend, a `label` value's beside its point (others show as in the CSV).",
        maximum=MAX_CSV_NAMES,
    ),
    "x_title": Field(
        "text",
        doc="Axis title under the chart (default: the x column's name).",
        shows="the title under the chart's horizontal axis",
    ),
    "y_title": Field(
        "text",
        doc="Axis title beside the chart, with units (default: y column).",
        shows="the title beside the chart's vertical axis",
    ),
}

# One `names:` entry of a csv chart: words from the data file get translatable display words.
# Its PO entry is keyed by the value (`slide/<id>/csv/names/<value>/name`), not its position.
CSV_NAME: Spec = {
    "value": Field("text", True, "A value of the CSV's group or label column, as written there."),
    "name": Field(
        "text",
        True,
        "What the chart shows instead.",
        shows="in place of a data value: a legend entry, or the name beside a point",
    ),
}

COMPARE_ITEM: Spec = {
    "label": Field("text", True, shows="the label over its picture"),
    "media": Field("media", True),
}

COMMON_SLIDE: Spec = {
    "kind": Field("enum", True, "Which kind of slide.", choices=()),  # filled below
    "id": Field("id", doc="Optional, unique."),
    "notes": Field(
        "text",
        doc="Speaker notes (simple Markdown).",
        default="",
        shows="the presenter view and the PDF handout, never the audience's screen",
    ),
    "seconds": Field(
        "number", doc="Attract-loop time on this slide.", minimum=1, maximum=DAY_SECONDS
    ),
    "audio": Field("audio", doc="Narration."),
    "links": Field("id_list", doc="Ids of other slides, shown as buttons a visitor can tap."),
}

_DOMAIN_REF = Field("id", doc="A domain id (for the slide's colour).")
_TITLE = Field("text", True, shows="the slide's big title")
_OPTIONAL_TITLE = Field("text", default="", shows="the slide's title")
_SUBTITLE = Field("text", default="", shows="under the slide's title")
_CAPTION = Field("text", default="", shows="the caption under the slide's picture or chart")

SLIDES: dict[str, Spec] = {
    "title": {
        "title": _TITLE,
        "subtitle": _SUBTITLE,
        "media": Field("media"),
    },
    "section": {
        "title": _TITLE,
        "domain": _DOMAIN_REF,
        "subtitle": _SUBTITLE,
        "media": Field("media"),
    },
    "milestone": {
        "milestone": Field("id", True, "A milestone id: title, date and domain come from it."),
        "body": Field(
            "text",
            doc="Overrides the milestone summary.",
            default="",
            shows="the body under the title (instead of the milestone's summary)",
        ),
        "media": Field("media"),
        "excerpt": Field("excerpt"),
    },
    "text": {
        "title": _TITLE,
        "body": Field("text", default="", shows="the paragraph under the title"),
        "bullets": Field("text_list", shows="one bullet point under the title"),
        "media": Field("media"),
        "domain": _DOMAIN_REF,
    },
    "quote": {
        "text": Field("text", True, shows="the quotation, large, in the middle"),
        "author": Field("text", default="", shows="who said it, under the quotation"),
        "source": Field("text", default="", shows="where it was said, under the author"),
        "title": Field("text", default="", shows="the small heading above the quotation"),
        "domain": _DOMAIN_REF,
    },
    "media": {
        "title": _OPTIONAL_TITLE,
        "media": Field("media", True),
        "domain": _DOMAIN_REF,
    },
    "plot": {
        "title": _OPTIONAL_TITLE,
        "chart": Field("enum", choices=("compute", "forecast", "csv"), default="compute"),
        "highlight": Field("id_list", doc="Milestone ids or dataset system names."),
        "years": Field("years", doc="[first, last] year shown.", minimum=1000, maximum=3000),
        "csv": Field("csv", doc="Required when chart is csv."),
        "caption": _CAPTION,
        "alt": Field(
            "text",
            doc="Words for visitors who cannot see the chart, read before the description "
            "revkiosk generates from the data (what is plotted, the trend, the marks).",
            default="",
            shows="read aloud before the chart's description, for visitors who cannot see it",
        ),
        "domain": _DOMAIN_REF,
    },
    "compare": {
        "title": _OPTIONAL_TITLE,
        "items": Field(
            "items", True, "Cells: {label, media}.", minimum=1, maximum=MAX_COMPARE_ITEMS
        ),
        "columns": Field("integer", minimum=1, maximum=8),
        "caption": _CAPTION,
        "domain": _DOMAIN_REF,
    },
    "timeline": {
        "title": Field("text", default="A decade of deep learning", shows="the slide's title"),
        "domains": Field("id_list", doc="Only these domains (default: all)."),
    },
    "hub": {
        "title": Field("text", default="Explore", shows="the hub's title"),
        "subtitle": Field("text", default="", shows="under the hub's title"),
        "tiles": Field(
            "tiles",
            True,
            "Tiles: {domain | section | slide | timeline, title, media}.",
            minimum=1,
            maximum=12,  # deck/explore.py MAX_TILES checks it
        ),
        "columns": Field("integer", minimum=1, maximum=6),
    },
}

COMMON_SLIDE["kind"] = Field("enum", True, "Which kind of slide.", choices=tuple(SLIDES))


def pin_problem(pin: str) -> str | None:
    """Why `pin` cannot be typed into the PIN box (digits 0-9 only, bounded), or None.

    `str.isdigit` is not enough: "²" and "٣" are digits to Python, but no kiosk keyboard
    types them into the box; a 40-digit PIN passes any digit test and locks the technician out.
    """
    low, high = PIN_DIGITS
    if not pin.isascii() or not pin.isdigit():
        return f"expected digits 0-9 only, got {pin[:20]!r}"
    if not low <= len(pin) <= high:
        return f"expected {low} to {high} digits, got {len(pin)}"
    return None


def slide_spec(kind: str) -> Spec:
    """All keys a slide of this kind accepts (the common ones first)."""
    return {**COMMON_SLIDE, **SLIDES[kind]}


NESTED: dict[str, Spec] = {
    "languages": MEDIA_VARIANT,
    "deck": DECK,
    "kiosk": KIOSK,
    "excerpt": EXCERPT,
    "csv": CSV,
    "media": MEDIA,
    "audio": MEDIA,
    "more": MORE,
}
