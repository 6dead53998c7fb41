"""Turn YAML nodes into typed values, one field type at a time, collecting every problem.

`Reader` collects problems and reads mappings against `deck/spec.py` (the scalar and path
types come from `deck/scalars.py`); the loader (`deck/load.py`) handles the nested mappings and
the cross-references. Each problem points at the offending key or value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from revkiosk.deck.model import Location, Problem, Severity
from revkiosk.deck.scalars import MISSING, STD, ScalarReaders, describe, suggest
from revkiosk.deck.spec import Field, Spec

__all__ = ["MISSING", "Reader", "TooManyProblems", "complete", "describe", "suggest"]

MAX_PROBLEMS = 100
_STD = STD


class TooManyProblems(Exception):
    """Raised once the problem list is full, so a hopeless file stops early."""


def complete(values: dict[str, Any] | None, spec: Spec) -> bool:
    """True when every required key was present and valid."""
    return values is not None and all(n in values for n, f in spec.items() if f.required)


class Reader(ScalarReaders):
    """Collects problems for one file and converts scalar fields."""

    def __init__(self, file: Path, root: Path) -> None:
        self.file = file
        self.root = root
        self.references: list[tuple[str, Path]] = []  # (path as written, resolved) per file
        self.pixels = 0  # pictures of the slide being read, in source pixels (deck/weigh.py)
        self.problems: list[Problem] = []
        self._errors = 0
        self._silenced: dict[int, Node] = {}
        self.capped = False  # set once MAX_PROBLEMS errors were reported
        self._pairs: dict[int, tuple[Node, dict[str, tuple[Node, Node]]]] = {}

    # -- problems -------------------------------------------------------------------------
    def at(self, node: Node | None) -> Location:
        mark = node.start_mark if node is not None else None
        if mark is None:
            return Location(self.file, 1, 1)
        return Location(self.file, mark.line + 1, mark.column + 1)

    def silence(self, node: Node) -> None:
        """Report nothing more about this node (its one problem was already reported)."""
        self._silenced[id(node)] = node

    def add(self, node: Node | None, message: str, severity: Severity = "error") -> None:
        if node is not None and id(node) in self._silenced:
            self._errors += severity == "error"  # still a failed deck, just not said twice
            return
        self.problems.append(Problem(self.at(node), severity, message))
        if severity == "error":
            self._errors += 1
            if self._errors >= MAX_PROBLEMS:
                raise TooManyProblems

    def warn(self, node: Node | None, message: str) -> None:
        self.add(node, message, "warning")

    @property
    def has_errors(self) -> bool:
        return self._errors > 0

    # -- mappings -------------------------------------------------------------------------
    def pairs(self, node: Node, what: str) -> dict[str, tuple[Node, Node]] | None:
        """A mapping's entries by key (text keys, no duplicates), or None after an error.

        Cached per node, so asking twice (or through an alias) reports a problem only once.
        """
        cached = self._pairs.get(id(node))
        if cached is not None:
            return cached[1]
        if not isinstance(node, MappingNode):
            self.add(node, f"{what}: expected a mapping (key: value lines), got {describe(node)}")
            return None
        entries: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if key.tag == _STD + "merge":
                self.add(key, "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(key, ScalarNode) or key.tag != _STD + "str":
                self.add(key, f"{what}: keys must be plain words, got {describe(key)}")
                continue
            if key.value in entries:
                first = entries[key.value][0].start_mark.line + 1
                self.add(key, f'{what}: duplicate key "{key.value}" (first on line {first})')
                continue
            entries[key.value] = (key, value)
        self._pairs[id(node)] = (node, entries)
        return entries

    def fields(self, node: Node, spec: Spec, what: str) -> dict[str, Any] | None:
        """Read a mapping against a spec: unknown keys, missing keys, then each field.

        Returns the converted values by key; a key whose value was wrong (and reported) is left
        out, so callers check `complete()` before building. Nested types (media, kiosk…) come
        back as their nodes for the loader to read. None if the node is not a mapping.
        """
        entries = self.pairs(node, what)
        if entries is None:
            return None
        suggested: set[str] = set()
        for name, (key, _) in entries.items():
            if name not in spec:
                hint = suggest(name, spec)
                suggested.add(hint.partition('"')[2].partition('"')[0])
                self.add(key, f'{what}: unknown key "{name}"{hint}')
        values: dict[str, Any] = {}
        for name, field in spec.items():
            if name not in entries:
                # A misspelt required key is one mistake: the "did you mean" already says it.
                if field.required and name not in suggested:
                    self.add(node, f'{what}: missing required key "{name}"')
                continue
            _, value = entries[name]
            if value.tag == _STD + "null" and not field.required:
                continue  # `subtitle:` with nothing after it means "the default"
            converted = self.value(value, field, f"{what}: {name}")
            if converted is not MISSING:
                values[name] = converted
        return values

    def value(self, node: Node, field: Field, what: str) -> Any:
        """Convert one value; returns MISSING after reporting a problem."""
        reader = getattr(self, f"read_{field.type}", None)
        if reader is None:
            return node  # nested: the loader reads it
        return reader(node, field, what)
