"""The deck model: frozen, Qt-free dataclasses that the loader builds and every view reads
(`revkiosk.record.Record`: dataclasses without per-class generated code, ~12 ms off each start).

Nothing here imports Qt, so the model loads and tests in milliseconds and can be shared by the
player, `revkiosk check`, the exporter and the kiosk supervisor alike.
"""

from __future__ import annotations

from dataclasses import field, replace
from pathlib import Path
from typing import Literal

from revkiosk.record import Record

Severity = Literal["error", "warning"]


class Location(Record):
    """Where something was written: 1-based line and column, as editors count them."""

    file: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Problem(Record):
    """One thing wrong with a deck, reported as `file:line:col: severity: message`."""

    location: Location
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class PartialDate(Record):
    """A date known to the year, the month or the day (milestones are often known to the month).

    `label` is the date as a slide shows it and `month_label` its month alone, in the deck's
    language; `revkiosk.deck.translate` sets both from CLDR ("mars 2016"). Without them (an
    English deck, no Babel on the start path) the date reads in English.
    """

    year: int
    month: int | None = None
    day: int | None = None
    label: str = field(default="", compare=False, repr=False)
    month_label: str = field(default="", compare=False, repr=False)

    @property
    def decimal_year(self) -> float:
        """Position on a continuous year axis: the middle of the known period."""
        if self.month is None:
            return self.year + 0.5
        import calendar  # here, not at the top: datetime and locale stay off the start path

        days = calendar.monthrange(self.year, self.month)[1]
        day = self.day if self.day is not None else (days + 1) / 2
        return self.year + (self.month - 1) / 12 + (day - 0.5) / days / 12

    @property
    def month_name(self) -> str:
        """The month alone ("March", "mars"), or "" for a date known only to the year."""
        if self.month is None:
            return ""
        if self.month_label:
            return self.month_label
        import calendar

        return calendar.month_name[self.month]

    def __str__(self) -> str:
        if self.label:
            return self.label
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{self.month_name} {self.year}"
        return f"{self.day} {self.month_name} {self.year}"


class KioskSettings(Record):
    """Unattended-show policy a deck may set (settings and the command line override it)."""

    enabled: bool = False
    idle_seconds: float = 90.0
    exit_chord: str = "Ctrl+Alt+Shift+Q"
    pin: str | None = None
    video_cap_seconds: float = 120.0
    start_slide: int = 1
    hint: str = "Touch the screen to explore"
    warning_seconds: float = 20.0  # the "Still there?" countdown before the reset (0: none)
    start: str | None = None  # id of the hub a visitor's first touch lands on


class DeckInfo(Record):
    """Deck-wide metadata."""

    title: str
    subtitle: str = ""
    author: str = ""
    language: str = "en"
    theme: Literal["dark", "light"] = "dark"
    aspect: tuple[int, int] | None = (16, 9)  # None: auto, the slide fills the screen
    slide_seconds: float = 12.0
    duration_minutes: float | None = None
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    translations: str = "locale"  # the folder of its PO files, beside the deck file
    languages: tuple[str, ...] = ()  # offered to visitors (default: every translated one)


class Domain(Record):
    """One of the story's strands (vision, games, language, science), with its colour."""

    id: str
    name: str
    color: str
    summary: str = ""


class MediaVariant(Record):
    """Files one language uses in place of a media item's own: narration spoken in it, its
    subtitles, a picture with words in it. Unset paths keep the item's own file."""

    language: str
    image: Path | None = None
    video: Path | None = None
    audio: Path | None = None
    poster: Path | None = None
    subtitles: Path | None = None


class Media(Record):
    """An image, video or audio clip a slide shows; paths are resolved and checked by the loader.

    Exactly one of `image` or `video` is set for a visual; `audio` may stand alone (narration).
    `variants` name other files per language (`for_language` picks them).
    """

    image: Path | None = None
    video: Path | None = None
    audio: Path | None = None
    poster: Path | None = None
    subtitles: Path | None = None
    fit: Literal["fit", "fill"] = "fit"
    loop: bool = False
    muted: bool | None = None
    start: float | None = None
    end: float | None = None
    caption: str = ""
    credit: str = ""
    licence: str = ""
    alt: str | None = None  # words for who cannot see it; "" decorative, None not written
    variants: tuple[MediaVariant, ...] = ()
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def path(self) -> Path | None:
        """The main file: video before image before audio."""
        return self.video or self.image or self.audio

    def for_language(self, code: str) -> Media:
        """This item with the files of language `code` (`fr-CA` falls back to `fr`), or as it
        is when it names none for that language (the deck's own files are the fallback)."""
        wanted = code.casefold().replace("_", "-")
        primary = wanted.split("-")[0]
        variant = next((v for v in self.variants if v.language.casefold() == wanted), None)
        variant = variant or next((v for v in self.variants if v.language == primary), None)
        if variant is None:
            return self
        files = {
            name: getattr(variant, name)
            for name in ("image", "video", "audio", "poster", "subtitles")
            if getattr(variant, name) is not None
        }
        return replace(self, **files)


class Excerpt(Record):
    """A short quotation (a historical model output, at most about 40 words) shown as a card."""

    text: str
    source: str = ""
    prompt: str = ""
    translation: str = ""  # the text in the language shown, beside the original (never for it)


class More(Record):
    """A milestone's "more" layer: the longer story, a second picture and the source (whose URL
    becomes a QR code a visitor can take home)."""

    text: str
    media: Media | None = None
    source: str = ""
    title: str = ""


class Milestone(Record):
    """A dated achievement; milestone slides and the timeline read their facts from here."""

    id: str
    date: PartialDate
    domain: str
    title: str
    org: str
    summary: str
    source: str
    system: str | None = None
    more: More | None = None
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def more_source(self) -> str:
        """The source a "more" layer shows (its own, else the milestone's)."""
        return (self.more.source if self.more else "") or self.source


class CsvName(Record):
    """A csv chart's display name for one data value (translated like any on-screen text)."""

    value: str
    name: str


class CsvChart(Record):
    """An author's own CSV for `chart: csv`; `file` is resolved inside the deck's tree."""

    file: Path
    x: str
    y: str
    log_y: bool = False
    group: str | None = None
    label: str | None = None
    x_title: str | None = None
    y_title: str | None = None
    names: tuple[CsvName, ...] = ()

    def display(self, value: str) -> str:
        """What the chart shows for a group or label value: its `names` entry, else itself."""
        return next((n.name for n in self.names if n.value == value), value)


class CompareItem(Record):
    """One cell of a comparison grid."""

    label: str
    media: Media


class Slide(Record, kw_only=True):
    """Fields every slide kind has."""

    kind: str
    id: str | None = None
    notes: str = ""
    seconds: float | None = None
    audio: Media | None = None
    links: tuple[str, ...] = ()  # ids of slides a visitor can jump to from here
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def heading(self) -> str:
        """A one-line name for overviews, thumbnails and the presenter view."""
        return getattr(self, "title", "") or self.kind

    @property
    def plays_media(self) -> bool:
        """Whether showing the slide starts a video or a sound (its media, a comparison cell
        or its narration)."""
        media = [getattr(self, "media", None), self.audio]
        media += [item.media for item in getattr(self, "items", ())]
        return any(m is not None and (m.video or m.audio) for m in media)


class TitleSlide(Slide, kw_only=True):
    title: str
    subtitle: str = ""
    media: Media | None = None


class SectionSlide(Slide, kw_only=True):
    title: str
    domain: str | None = None
    subtitle: str = ""
    media: Media | None = None


class MilestoneSlide(Slide, kw_only=True):
    """Takes title, date and domain from its milestone; `body` overrides the milestone summary."""

    milestone: Milestone
    body: str = ""
    media: Media | None = None
    excerpt: Excerpt | None = None

    @property
    def title(self) -> str:
        return self.milestone.title

    @property
    def date(self) -> PartialDate:
        return self.milestone.date

    @property
    def domain(self) -> str:
        return self.milestone.domain

    @property
    def text(self) -> str:
        return self.body or self.milestone.summary


class TextSlide(Slide, kw_only=True):
    title: str
    body: str = ""
    bullets: tuple[str, ...] = ()
    media: Media | None = None
    domain: str | None = None


class QuoteSlide(Slide, kw_only=True):
    text: str
    author: str = ""
    source: str = ""
    title: str = ""
    domain: str | None = None


class MediaSlide(Slide, kw_only=True):
    title: str = ""
    media: Media
    domain: str | None = None


class PlotSlide(Slide, kw_only=True):
    """A live chart: `compute` (Epoch AI data), `forecast` (Steinhardt 2022) or a `csv`."""

    title: str = ""
    chart: Literal["compute", "forecast", "csv"] = "compute"
    highlight: tuple[str, ...] = ()
    years: tuple[float, float] | None = None
    csv: CsvChart | None = None
    caption: str = ""
    domain: str | None = None
    alt: str = ""  # the author's words; a description generated from the data follows them


class CompareSlide(Slide, kw_only=True):
    title: str = ""
    items: tuple[CompareItem, ...] = ()
    columns: int | None = None
    caption: str = ""
    domain: str | None = None


class TimelineSlide(Slide, kw_only=True):
    title: str = "A decade of deep learning"
    domains: tuple[str, ...] = ()


class HubTile(Record):
    """One tile of a hub: where it leads (`target`, a 0-based slide index) and what it shows.

    `via` says how the author named the target ("domain", "section", "slide" or "timeline"),
    `count` how much lies behind it, in `unit` ("milestones" or "slides").
    """

    via: str
    ref: str  # the domain or slide id written ("" for the timeline)
    target: int
    title: str
    count: int
    unit: str
    media: Media | None = None
    color: str | None = None  # the domain's colour, when the tile leads into one domain


class HubSlide(Slide, kw_only=True):
    """A menu a visitor chooses a path from: tiles leading to domains, sections, slides."""

    title: str = "Explore"
    subtitle: str = ""
    tiles: tuple[HubTile, ...] = ()
    columns: int | None = None


SLIDE_KINDS: dict[str, type[Slide]] = {
    "title": TitleSlide,
    "section": SectionSlide,
    "milestone": MilestoneSlide,
    "text": TextSlide,
    "quote": QuoteSlide,
    "media": MediaSlide,
    "plot": PlotSlide,
    "compare": CompareSlide,
    "timeline": TimelineSlide,
    "hub": HubSlide,
}


class Deck(Record):
    """A loaded, validated deck. `root` is the folder tree its media must stay inside."""

    path: Path
    root: Path
    info: DeckInfo
    domains: tuple[Domain, ...]
    milestones: tuple[Milestone, ...]
    slides: tuple[Slide, ...]
    warnings: tuple[Problem, ...] = ()
    # Every file path as the author wrote it (relative to `root`), with what it resolved to
    # when loaded: the parsed-deck cache re-resolves them, so a re-pointed symlink is a miss.
    references: tuple[tuple[str, Path], ...] = field(default=(), repr=False)

    def domain(self, domain_id: str | None) -> Domain | None:
        """The domain with this id, or None (slides without a domain use the theme accent)."""
        return next((d for d in self.domains if d.id == domain_id), None)

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

    def index_of(self, slide_id: str | None) -> int | None:
        """0-based index of the slide with this id (links, hub tiles, the kiosk's start)."""
        if slide_id is None:
            return None
        return next((i for i, s in enumerate(self.slides) if s.id == slide_id), None)

    def home_index(self) -> int | None:
        """Where "home" leads: the kiosk's `start` hub, else the first hub, else None."""
        start = self.index_of(self.info.kiosk.start)
        if start is not None:
            return start
        return next((i for i, s in enumerate(self.slides) if isinstance(s, HubSlide)), None)

    def slide_index_of_milestone(self, milestone_id: str) -> int | None:
        """0-based index of the first slide showing this milestone (timeline and plot jumps)."""
        for index, slide in enumerate(self.slides):
            if isinstance(slide, MilestoneSlide) and slide.milestone.id == milestone_id:
                return index
        return None

    def slide_index_of_system(self, system: str) -> int | None:
        """0-based index of the slide whose milestone links to this compute-dataset system."""
        wanted = system.casefold()
        for index, slide in enumerate(self.slides):
            if (
                isinstance(slide, MilestoneSlide)
                and (slide.milestone.system or "").casefold() == wanted
            ):
                return index
        return None

    def slide_domain(self, slide: Slide) -> Domain | None:
        """The domain a slide belongs to, for its colour."""
        return self.domain(getattr(slide, "domain", None))


class DeckError(Exception):
    """A deck could not be loaded; `problems` holds every error and warning found, in file order."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = str(errors[0]) if errors else "deck could not be loaded"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


class DeckUnreadable(DeckError):
    """The file itself could not be read (missing, not a file, permission): `check` exits 2."""
