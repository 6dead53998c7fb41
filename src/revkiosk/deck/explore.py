"""The parts of a deck a visitor steers by: hubs and their tiles, links, "more" layers, the
kiosk's start hub.

Read in two steps, because they refer to slides by id and a slide may name one further on: the
loader reads each part where it stands (`read_more`, `read_tile_nodes`) and, once every slide is
known, `Cross` checks the references with each problem at the id that is wrong, and turns a hub's
tiles into `HubTile`s (target slide, title, count). Qt-free, like the rest of `deck/`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from revkiosk.deck import spec
from revkiosk.deck.build import Reader, complete, suggest
from revkiosk.deck.model import (
    Domain,
    HubSlide,
    HubTile,
    Media,
    MilestoneSlide,
    More,
    SectionSlide,
    Slide,
    TimelineSlide,
)
from revkiosk.deck.parts import read_media

MAX_TILES = 12


def read_more(reader: Reader, node: Node, what: str) -> More | None:
    """A milestone's `more:` mapping; its picture must be an image (a layer has no player)."""
    values = reader.fields(node, spec.MORE, what)
    if not complete(values, spec.MORE):
        return None
    assert values is not None
    if "media" in values:
        media = read_media(reader, values["media"], f"{what}: media")
        if media is None:
            return None
        if media.image is None:
            reader.add(values["media"], f"{what}: media: a more layer shows a picture, not a video")
            return None
        values["media"] = media
    return More(**values)


@dataclass(frozen=True)
class TileDraft:
    """A tile as written, before the slides it names are known."""

    via: str
    ref: str
    ref_node: Node
    title: str | None
    media: Media | None


def read_tile_nodes(reader: Reader, node: Node, what: str) -> list[TileDraft] | None:
    """A hub's `tiles:` list: each tile names exactly one target."""
    nodes = reader.items_of(node, what)
    if nodes is None:
        return None
    if not nodes:
        reader.add(node, f"{what}: a hub needs at least one tile")
        return None
    if len(nodes) > MAX_TILES:
        reader.add(node, f"{what}: {len(nodes)} tiles; a hub holds at most {MAX_TILES}")
        return None
    drafts: list[TileDraft] = []
    for index, tile_node in enumerate(nodes, 1):
        where = f"{what}[{index}]"
        values = reader.fields(tile_node, spec.TILE, where)
        entries = reader.pairs(tile_node, where) or {}
        if values is None:
            continue
        targets = [name for name in spec.TILE_TARGETS if name in entries]
        if len(targets) != 1:
            at = entries[targets[1]][0] if targets else tile_node
            named = " and ".join(targets) if targets else "none"
            reader.add(at, f"{where}: give one of {' | '.join(spec.TILE_TARGETS)} (got {named})")
            continue
        via = targets[0]
        if via not in values:
            continue  # its value was wrong, and said so
        if via == "timeline" and values["timeline"] is not True:
            reader.add(entries["timeline"][1], f"{where}: timeline: write true (or leave it out)")
            continue
        media = None
        if "media" in values:
            media = read_media(reader, values["media"], f"{where}: media")
            if media is None:
                continue
        ref = "" if via == "timeline" else values[via]
        drafts.append(TileDraft(via, ref, entries[via][1], values.get("title"), media))
    return drafts if len(drafts) == len(nodes) else None


class Cross:
    """Checks what refers to slides by id, once all slides are read."""

    def __init__(self, reader: Reader, domains: dict[str, Domain | None]) -> None:
        self.r = reader
        self.domains = domains
        self.links: list[tuple[str, Node, str]] = []  # id, its node, the slide's `what`
        self.hubs: dict[int, list[TileDraft]] = {}  # slide position → its drafts
        self.start: tuple[str, Node] | None = None

    def check(self, slides: list[Slide]) -> list[Slide]:
        """Report unknown ids; returns the slides with their hubs' tiles resolved."""
        ids = {slide.id: i for i, slide in enumerate(slides) if slide.id}
        for ident, node, what in self.links:
            if ident not in ids:
                self.r.add(node, f'{what}: links: unknown slide id "{ident}"{suggest(ident, ids)}')
        if self.start is not None:
            ident, node = self.start
            index = ids.get(ident)
            if index is None:
                hint = suggest(ident, [i for i, s in ids.items() if slides[s].kind == "hub"])
                self.r.add(node, f'deck: kiosk: start: unknown slide id "{ident}"{hint}')
            elif not isinstance(slides[index], HubSlide):
                kind = slides[index].kind
                self.r.add(node, f'deck: kiosk: start: "{ident}" is a {kind} slide, not a hub')
        out = list(slides)
        for position, drafts in self.hubs.items():
            hub = out[position]
            assert isinstance(hub, HubSlide)
            what = f"slide {position + 1} (hub): tiles"
            tiles = [self._tile(d, slides, ids, f"{what}[{n}]") for n, d in enumerate(drafts, 1)]
            if all(tile is not None for tile in tiles):
                out[position] = dataclasses.replace(hub, tiles=tuple(t for t in tiles if t))
        return out

    def _tile(
        self, draft: TileDraft, slides: list[Slide], ids: dict[str, int], what: str
    ) -> HubTile | None:
        target: int | None = None
        color = None
        if draft.via == "domain":
            if draft.ref not in self.domains:
                hint = suggest(draft.ref, self.domains)
                self.r.add(draft.ref_node, f'{what}: unknown domain "{draft.ref}"{hint}')
                return None
            domain = self.domains[draft.ref]
            color = domain.color if domain else None
            target = domain_entry(slides, draft.ref)
            if target is None:
                self.r.add(draft.ref_node, f'{what}: domain "{draft.ref}" has no slides')
                return None
            title = draft.title or (domain.name if domain else draft.ref)
            count, unit = domain_milestones(slides, draft.ref), "milestones"
        else:
            if draft.via == "timeline":
                target = next(
                    (i for i, s in enumerate(slides) if isinstance(s, TimelineSlide)), None
                )
                if target is None:
                    self.r.add(draft.ref_node, f"{what}: timeline: the deck has no timeline slide")
                    return None
            else:
                target = ids.get(draft.ref)
                if target is None:
                    hint = suggest(draft.ref, ids)
                    self.r.add(draft.ref_node, f'{what}: unknown slide id "{draft.ref}"{hint}')
                    return None
                if draft.via == "section" and not isinstance(slides[target], SectionSlide):
                    kind = slides[target].kind
                    self.r.add(
                        draft.ref_node,
                        f'{what}: section: "{draft.ref}" is a {kind} slide; use slide: instead',
                    )
                    return None
            slide = slides[target]
            title = draft.title or slide.heading
            domain_id = getattr(slide, "domain", None)
            domain = self.domains.get(domain_id) if isinstance(domain_id, str) else None
            color = domain.color if domain else None
            if isinstance(slide, TimelineSlide):
                count, unit = timeline_milestones(slides, slide), "milestones"
            else:
                count, unit = chapter_length(slides, target), "slides"
        return HubTile(draft.via, draft.ref, target, title, count, unit, draft.media, color)


def count_text(tile: HubTile) -> str:
    """What a tile says lies behind it: "7 milestones", "1 slide"."""
    unit = tile.unit[:-1] if tile.count == 1 and tile.unit.endswith("s") else tile.unit
    return f"{tile.count} {unit}"


def domain_entry(slides: list[Slide], domain: str) -> int | None:
    """Where a domain tile leads: the domain's section slide, else its first slide."""
    for index, slide in enumerate(slides):
        if isinstance(slide, SectionSlide) and slide.domain == domain:
            return index
    return next((i for i, s in enumerate(slides) if getattr(s, "domain", None) == domain), None)


def domain_milestones(slides: list[Slide], domain: str) -> int:
    """Milestones of a domain a visitor can open (each counted once)."""
    shown = {s.milestone.id for s in slides if isinstance(s, MilestoneSlide)}
    found = {
        s.milestone.id
        for s in slides
        if isinstance(s, MilestoneSlide) and s.milestone.domain == domain
    }
    return len(found & shown)


def timeline_milestones(slides: list[Slide], timeline: TimelineSlide) -> int:
    """Milestones the timeline slide shows (its `domains` filter applied)."""
    found = {s.milestone.id: s.milestone.domain for s in slides if isinstance(s, MilestoneSlide)}
    wanted = set(timeline.domains)
    return sum(1 for domain in found.values() if not wanted or domain in wanted)


def chapter_length(slides: list[Slide], start: int) -> int:
    """Slides from `start` up to the next section or hub (a section counts what follows it)."""
    first = start + 1 if isinstance(slides[start], SectionSlide) else start
    count = 0
    for slide in slides[first:]:
        if isinstance(slide, (SectionSlide, HubSlide)) and count:
            break
        if isinstance(slide, HubSlide):
            break
        count += 1
    return max(count, 1)


def links_of(values: dict[str, Any]) -> list[tuple[str, Node]]:
    """The (id, node) pairs of a slide's `links:` (as `read_id_list` gives them)."""
    return list(values.get("links", ()))


def tile_picture(slides: tuple[Slide, ...] | list[Slide], tile: HubTile) -> Path | None:
    """The picture a tile shows: its own, else the first picture from where it leads on (up to
    the next section or hub): a domain tile shows one of its milestones."""
    own = _still(tile.media)
    if own is not None or tile.via == "timeline":
        return own
    for offset, slide in enumerate(slides[tile.target :]):
        if offset and isinstance(slide, (SectionSlide, HubSlide)):
            break
        if tile.via == "domain" and getattr(slide, "domain", None) != tile.ref:
            continue
        found = _still(getattr(slide, "media", None))
        if found is not None:
            return found
    return None


def _still(media: Media | None) -> Path | None:
    """A still picture of some media: the image, or a video's poster."""
    if media is None:
        return None
    return media.image or media.poster
