"""`load_deck(path) -> Deck`: read a deck YAML file into the frozen model, or say everything wrong.

The loader never stops at the first mistake: it collects every problem with its file:line:column
(capped at 100 errors) and raises one `DeckError` holding them all, so an author fixes a file in
one pass. Missing media files are warnings (kept in `Deck.warnings`), because a deck is often
written before its media exists. Nothing here imports Qt.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node

from revkiosk.deck import explore, parts, spec
from revkiosk.deck.build import Reader, TooManyProblems, complete, suggest
from revkiosk.deck.model import (
    SLIDE_KINDS,
    Deck,
    DeckError,
    DeckInfo,
    DeckUnreadable,
    Domain,
    Location,
    Milestone,
    Problem,
    Slide,
)
from revkiosk.deck.paths import deck_root
from revkiosk.deck.weigh import weigh_slide
from revkiosk.deck.yaml_safe import FastLoader, YamlProblem, compose, read_text

__all__ = ["deck_root", "load_deck"]

_Entries = dict[str, tuple[Node, Node]]

_NESTED = {
    "media": lambda r, n, w: parts.read_media(r, n, w),
    "audio": lambda r, n, w: parts.read_media(r, n, w, audio=True),
    "excerpt": parts.read_excerpt,
    "csv": parts.read_csv_chart,
    "items": parts.read_items,
}


def load_deck(path: Path | str, *, loader: type | None = None) -> Deck:
    """Load and validate a deck file.

    Args:
        path: the deck's YAML file.
        loader: a PyYAML loader class; defaults to the C safe loader when PyYAML has it
            (tests pass `yaml.SafeLoader` to check both give the same result).

    Raises:
        DeckUnreadable: the file is missing, a directory or not permitted.
        DeckError: anything wrong with the content; `problems` lists all of it in file order.
    """
    path = Path(path)
    try:
        text = read_text(path)
    except IsADirectoryError:
        raise _unreadable(path, "is a directory, not a deck file") from None
    except FileNotFoundError:
        raise _unreadable(path, "no such file") from None
    except PermissionError:
        raise _unreadable(path, "permission denied") from None
    except OSError as exc:
        raise _unreadable(path, f"cannot read: {exc.strerror or exc}") from None
    except YamlProblem as exc:
        raise DeckError(
            [Problem(Location(path, exc.line, exc.column), "error", exc.message)]
        ) from None

    reader = Reader(path, deck_root(path))
    deck: Deck | None = None
    try:
        root, yaml_problems = compose(text, loader or FastLoader)
        for problem in yaml_problems:
            reader.add(None, problem.message)
            reader.problems[-1] = Problem(
                Location(path, problem.line, problem.column), "error", problem.message
            )
            if problem.node is not None:
                reader.silence(problem.node)
        deck = _DeckReader(reader, path).read(root)
    except YamlProblem as exc:
        reader.add(None, exc.message)
        reader.problems[-1] = Problem(Location(path, exc.line, exc.column), "error", exc.message)
    except TooManyProblems:
        last = reader.problems[-1].location
        reader.problems.append(Problem(last, "error", "too many problems; stopping here"))
        reader.capped = True
    capped = reader.problems[-1:] if reader.problems[-1:] and reader.capped else []
    problems = sorted(
        reader.problems[: len(reader.problems) - len(capped)],
        key=lambda p: (p.location.line, p.location.column),
    )
    problems += capped  # "too many problems" stays last
    if reader.has_errors or deck is None:
        raise DeckError(problems)
    return dataclasses.replace(deck, warnings=tuple(problems))


def _unreadable(path: Path, message: str) -> DeckUnreadable:
    return DeckUnreadable([Problem(Location(path, 1, 1), "error", message)])


class _DeckReader:
    """Reads the four top-level sections, then checks references between them."""

    def __init__(self, reader: Reader, path: Path) -> None:
        self.r = reader
        self.path = path
        # Ids declared, valid or not: a broken entry is reported once, not again at each
        # reference to it (its value is None then).
        self.domains: dict[str, Domain | None] = {}
        self.milestones: dict[str, Milestone | None] = {}
        self.id_lines: dict[tuple[int, str], int] = {}
        self.cross = explore.Cross(reader, self.domains)  # links, hub tiles, the kiosk's start

    def read(self, root: Node | None) -> Deck | None:
        if root is None or not isinstance(root, MappingNode):
            got = "nothing" if root is None else "something else"
            self.r.add(
                root,
                f"a deck is a mapping with deck:, domains:, milestones: and slides:; got {got}",
            )
            return None
        top = self.r.fields(root, spec.TOP, "deck file") or {}
        info = self._info(top["deck"]) if "deck" in top else None
        domains = self._list(top.get("domains"), "domains", self._domain)
        milestones = self._list(top.get("milestones"), "milestones", self._milestone)
        slides = self._slides(top.get("slides"))
        if info is not None and slides and info.kiosk.start_slide > len(slides):
            self.r.add(
                top["deck"],
                f"deck: kiosk: start_slide {info.kiosk.start_slide} is past the "
                f"last slide ({len(slides)})",
            )
        if info is None or not slides or self.r.has_errors:
            return None
        return Deck(
            self.path.absolute(),
            self.r.root,
            info,
            tuple(domains),
            tuple(milestones),
            tuple(slides),
            references=tuple(dict.fromkeys(self.r.references)),
        )

    def _list(self, node: Node | None, what: str, read_one: Any) -> list[Any]:
        if node is None:
            return []
        items = self.r.items_of(node, what)
        return [
            x
            for i, n in enumerate(items or [], 1)
            if (x := read_one(n, f"{what}[{i}]")) is not None
        ]

    def _unique(self, table: dict[str, Any], values: dict[str, Any], node: Node, what: str) -> bool:
        ident = values.get("id")
        if ident is None:
            return True
        id_node = (self.r.pairs(node, what) or {})["id"][1]
        first = self.id_lines.setdefault((id(table), ident), id_node.start_mark.line + 1)
        if ident in table:
            self.r.add(id_node, f'{what}: duplicate id "{ident}" (first on line {first})')
            return False
        return True

    def _ref(self, table: dict[str, Any], ident: str, node: Node, what: str, kind: str) -> bool:
        if ident in table:
            return True
        self.r.add(node, f'{what}: unknown {kind} "{ident}"{suggest(ident, table)}')
        return False

    def _info(self, node: Node) -> DeckInfo | None:
        values = self.r.fields(node, spec.DECK, "deck")
        if not complete(values, spec.DECK):
            return None
        assert values is not None
        if "kiosk" in values:
            kiosk_node = values["kiosk"]
            kiosk = parts.read_kiosk(self.r, kiosk_node, "deck: kiosk")
            if kiosk is None:
                return None
            values["kiosk"] = kiosk
            if kiosk.start is not None:
                entries = self.r.pairs(kiosk_node, "deck: kiosk") or {}
                self.cross.start = (kiosk.start, entries["start"][1])
        if "translations" in values:
            folder = (self.path.parent / values["translations"]).resolve()
            if not folder.is_relative_to(self.r.root.resolve()):
                entries = self.r.pairs(node, "deck") or {}
                self.r.add(
                    entries["translations"][1],
                    f'deck: translations: "{values["translations"]}" leads outside the deck '
                    f"root {self.r.root}",
                )
                return None
        return DeckInfo(**values)

    def _domain(self, node: Node, what: str) -> Domain | None:
        values = self.r.fields(node, spec.DOMAIN, what)
        if values is None or not self._unique(self.domains, values, node, what):
            return None
        domain = Domain(**values) if complete(values, spec.DOMAIN) else None
        if "id" in values:
            self.domains[values["id"]] = domain
        return domain

    def _milestone(self, node: Node, what: str) -> Milestone | None:
        values = self.r.fields(node, spec.MILESTONE, what)
        if values is None:
            return None
        entries = self.r.pairs(node, what) or {}
        unique = self._unique(self.milestones, values, node, what)
        if "domain" in values:
            unique &= self._ref(
                self.domains, values["domain"], entries["domain"][1], what, "domain"
            )
        if not unique:
            return None
        more_ok = True
        if "more" in values:
            values["more"] = explore.read_more(self.r, values["more"], f"{what}: more")
            more_ok = values["more"] is not None
        systems = parts.dataset_systems()
        if "system" in values and systems and values["system"].casefold() not in systems:
            hint = suggest(values["system"], systems.values())
            self.r.warn(
                entries["system"][1],
                f'{what}: system: "{values["system"]}" is not in the compute dataset{hint}',
            )
        milestone = None
        if complete(values, spec.MILESTONE) and more_ok:
            milestone = Milestone(**values, location=self.r.at(node))
        if "id" in values:
            self.milestones[values["id"]] = milestone
        return milestone

    def _slides(self, node: Node | None) -> list[Slide]:
        if node is None:
            return []
        empty = node.tag == "tag:yaml.org,2002:null"
        items = [] if empty else self.r.items_of(node, "slides")
        if items is not None and not items:
            self.r.add(node, "slides: a deck needs at least one slide")
        slides: list[Slide] = []
        ids: dict[str, Slide] = {}
        for index, slide_node in enumerate(items or [], 1):
            slide = self._slide(slide_node, f"slide {index}", ids, len(slides))
            if slide is not None:
                slides.append(slide)
                if slide.id:
                    ids[slide.id] = slide
        return self.cross.check(slides)

    def _slide(self, node: Node, what: str, ids: dict[str, Slide], position: int) -> Slide | None:
        entries = self.r.pairs(node, what)
        if entries is None:
            return None
        if "kind" not in entries:
            self.r.add(node, f'{what}: missing "kind" ({" | ".join(spec.SLIDES)})')
            return None
        kind_value = entries["kind"][1]
        kind = self.r.read_enum(kind_value, spec.COMMON_SLIDE["kind"], f"{what}: kind")
        if not isinstance(kind, str):
            return None
        what = f"{what} ({kind})"
        slide_spec = spec.slide_spec(kind)
        self.r.pixels = 0
        values = self.r.fields(node, slide_spec, what)
        if values is None:
            return None
        ok = complete(values, slide_spec) and self._unique(ids, values, node, what)
        for name, read in _NESTED.items():
            if name in values:
                converted = read(self.r, values[name], f"{what}: {name}")
                ok &= converted is not None
                values[name] = converted
        ok &= self._slide_refs(kind, values, entries, what)
        if "links" in values:
            self.cross.links += [(ident, item, what) for ident, item in values["links"]]
            values["links"] = tuple(ident for ident, _ in values["links"])
        if kind == "hub" and "tiles" in values:
            drafts = explore.read_tile_nodes(self.r, values.pop("tiles"), f"{what}: tiles")
            ok &= drafts is not None
            if drafts is not None:
                self.cross.hubs[position] = drafts
        weigh_slide(self.r, node, what)
        if not ok:
            return None
        return SLIDE_KINDS[kind](**values, location=self.r.at(node))

    def _slide_refs(self, kind: str, values: dict[str, Any], entries: _Entries, what: str) -> bool:
        ok = True
        if "domain" in values:
            ok &= self._ref(self.domains, values["domain"], entries["domain"][1], what, "domain")
        if kind == "timeline" and "domains" in values:
            for ident, item in values["domains"]:
                ok &= self._ref(self.domains, ident, item, f"{what}: domains", "domain")
            values["domains"] = tuple(ident for ident, _ in values["domains"])
        if kind == "milestone" and "milestone" in values:
            ident = values["milestone"]
            ok &= self._ref(self.milestones, ident, entries["milestone"][1], what, "milestone")
            values["milestone"] = self.milestones.get(ident)
            ok &= values["milestone"] is not None
        if kind == "plot":
            ok &= self._plot(values, entries, what)
        return ok

    def _plot(self, values: dict[str, Any], entries: _Entries, what: str) -> bool:
        chart = values.get("chart", "compute")
        if chart == "csv" and "csv" not in entries:
            self.r.add(
                entries.get("chart", (None, None))[1], f'{what}: chart: csv needs a "csv" mapping'
            )
            return False
        if chart != "csv" and "csv" in entries:
            self.r.add(
                entries["csv"][0], f"{what}: csv only applies to chart: csv (chart is {chart})"
            )
            return False
        parts.check_highlights(self.r, values.get("highlight", ()), self.milestones, what)
        if "highlight" in values:
            values["highlight"] = tuple(ident for ident, _ in values["highlight"])
        return True
