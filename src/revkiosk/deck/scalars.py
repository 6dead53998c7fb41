"""Typed readers for scalar and list values in a deck: text, ids, numbers, dates, paths…

A mixin of `Reader` (deck/build.py), split out to keep modules small; every method takes the
value's node, its `Field` from deck/spec.py and a `what` prefix, reports a problem at the node
and returns MISSING when the value is wrong.
"""

from __future__ import annotations

import calendar
import difflib
import math
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from revkiosk.deck.model import PartialDate, Severity
from revkiosk.deck.paths import PathProblem, inside_root
from revkiosk.deck.spec import LANGUAGE_TAG, Field, pin_problem
from revkiosk.deck.weigh import weigh_file
from revkiosk.safe_files import kind_of
from revkiosk.shape import parse_aspect

STD = "tag:yaml.org,2002:"
_STD = STD
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_CONSTRUCTOR = SafeConstructor()
MISSING = object()


def _kind_problem(path: Path) -> str | None:
    """'missing', or what the path is when it is not a regular file (a FIFO or a device would
    hang or flood whatever opens it), or None for a regular file."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # absent, or a name too long for the file system
        return "missing"
    return None if stat.S_ISREG(mode) else kind_of(mode)


def describe(node: Node) -> str:
    """How a value looks to an author: 'text', 'a number', 'a list'…"""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return {
        _STD + "int": "a number",
        _STD + "float": "a number",
        _STD + "bool": f"true/false ({node.value})",
        _STD + "null": "nothing",
        _STD + "timestamp": "a date",
    }.get(node.tag, "text")


def suggest(word: str, options: Iterable[str]) -> str:
    """A ' (did you mean "x"?)' hint, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


class ScalarReaders:
    """The `read_<type>` methods `Reader.value()` dispatches to, by field type."""

    root: Path
    references: list[tuple[str, Path]]
    pixels: int  # source pixels of the pictures of the slide being read (deck/weigh.py)

    def add(self, node: Node | None, message: str, severity: Severity = "error") -> None:
        raise NotImplementedError

    def warn(self, node: Node | None, message: str) -> None:
        raise NotImplementedError

    # -- scalars --------------------------------------------------------------------------
    def _scalar(self, node: Node, what: str, expected: str) -> ScalarNode | None:
        if isinstance(node, ScalarNode) and node.tag != _STD + "null":
            return node
        hint = (
            ' (quote colours: "#4cc9f0"; an unquoted # starts a comment)' if "#" in expected else ""
        )
        self.add(node, f"{what}: expected {expected}, got {describe(node)}{hint}")
        return None

    def read_text(self, node: Node, field: Field, what: str) -> Any:
        scalar = self._scalar(node, what, "text")
        if scalar is None:
            return MISSING
        if scalar.tag == _STD + "bool":
            self.add(node, f'{what}: expected text, got {describe(node)}; quote it: "{node.value}"')
            return MISSING
        return scalar.value  # numbers and dates as written: `pin: 0123` stays "0123"

    def read_pin(self, node: Node, field: Field, what: str) -> Any:
        text = self.read_text(node, field, what)
        problem = pin_problem(text) if text is not MISSING else None
        if problem:
            self.add(node, f"{what}: {problem}; the PIN box takes digits only")
            return MISSING
        return text

    def read_id(self, node: Node, field: Field, what: str) -> Any:
        text = self.read_text(node, field, what)
        if text is not MISSING and not _ID.match(text):
            self.add(node, f'{what}: "{text}" is not a valid id (letters, digits, - _ . only)')
            return MISSING
        return text

    def read_language(self, node: Node, field: Field, what: str) -> Any:
        """A BCP 47 language tag (`fr`, `pt-BR`, `zh-Hant`); `pt_BR` is read as `pt-BR`."""
        text = self.read_text(node, field, what)
        if text is MISSING:
            return MISSING
        if not LANGUAGE_TAG.match(text):
            self.add(node, f'{what}: "{text}" is not a language tag like "fr" or "pt-BR"')
            return MISSING
        return text.replace("_", "-")

    def read_language_list(self, node: Node, field: Field, what: str) -> Any:
        items = self.items_of(node, what)
        if items is None:
            return MISSING
        codes = [self.read_language(item, field, what) for item in items]
        return MISSING if MISSING in codes else tuple(codes)

    def read_number(self, node: Node, field: Field, what: str) -> Any:
        number: Any = MISSING
        if isinstance(node, ScalarNode) and node.tag in (_STD + "int", _STD + "float"):
            try:
                if node.tag == _STD + "int":
                    number = _CONSTRUCTOR.construct_yaml_int(node)
                else:
                    number = _CONSTRUCTOR.construct_yaml_float(node)
            except (ConstructorError, ValueError):
                number = MISSING
        if number is not MISSING and not math.isfinite(number):
            self.add(node, f"{what}: expected a finite number, got {node.value}")
            return MISSING
        if number is MISSING:
            shown = f' "{node.value}"' if isinstance(node, ScalarNode) and node.value else ""
            self.add(node, f"{what}: expected a number, got {describe(node)}{shown}")
            return MISSING
        if field.type == "integer" and not float(number).is_integer():
            self.add(node, f"{what}: expected a whole number, got {node.value}")
            return MISSING
        if field.minimum is not None and number < field.minimum:
            self.add(node, f"{what}: must be at least {field.minimum:g}, got {node.value}")
            return MISSING
        if field.maximum is not None and number > field.maximum:
            self.add(node, f"{what}: must be at most {field.maximum:g}, got {node.value}")
            return MISSING
        return int(number) if field.type == "integer" else float(number)

    read_integer = read_number

    def read_bool(self, node: Node, field: Field, what: str) -> Any:
        if isinstance(node, ScalarNode) and node.tag == _STD + "bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        self.add(node, f"{what}: expected true or false, got {describe(node)}")
        return MISSING

    def read_enum(self, node: Node, field: Field, what: str) -> Any:
        text = self.read_text(node, field, what)
        if text is MISSING:
            return MISSING
        if text not in field.choices:
            hint = suggest(text, field.choices) or f" (expected {' | '.join(field.choices)})"
            self.add(node, f'{what}: unknown value "{text}"{hint}')
            return MISSING
        return text

    def read_color(self, node: Node, field: Field, what: str) -> Any:
        scalar = self._scalar(node, what, 'a colour like "#4cc9f0"')
        if scalar is None:
            return MISSING
        if not _COLOR.match(scalar.value):
            self.add(node, f'{what}: "{scalar.value}" is not a colour; expected "#rrggbb"')
            return MISSING
        return scalar.value

    def read_date(self, node: Node, field: Field, what: str) -> Any:
        scalar = self._scalar(node, what, "a date (2020, 2020-05 or 2020-05-28)")
        if scalar is None:
            return MISSING
        match = _DATE.match(scalar.value.strip())
        if not match:
            self.add(
                node,
                f'{what}: "{scalar.value}" is not a date; expected 2020, 2020-05 or 2020-05-28',
            )
            return MISSING
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            self.add(node, f"{what}: month {month} is not 1-12")
            return MISSING
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                self.add(
                    node,
                    f"{what}: day {day} is not in {calendar.month_name[month]} {year} (1-{last})",
                )
                return MISSING
        return PartialDate(year, month, day)

    def read_aspect(self, node: Node, field: Field, what: str) -> Any:
        """`auto` (None: fill the screen) or a ratio such as "16:9" (a tuple)."""
        scalar = self._scalar(node, what, 'a ratio like "16:9", or auto')
        if scalar is None:
            return MISSING
        try:
            return parse_aspect(scalar.value)
        except ValueError as error:
            if "too narrow" in str(error):  # a ratio, but one that shows a sliver
                self.add(node, f"{what}: {error}")
            else:
                self.add(node, f'{what}: "{scalar.value}" is not a ratio; expected "16:9" or auto')
            return MISSING

    def items_of(self, node: Node, what: str) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.add(node, f"{what}: expected a list, got {describe(node)}")
        return None

    def read_text_list(self, node: Node, field: Field, what: str) -> Any:
        items = self.items_of(node, what)
        if items is None:
            return MISSING
        texts = [self.read_text(item, field, what) for item in items]
        return MISSING if MISSING in texts else tuple(texts)

    def read_id_list(self, node: Node, field: Field, what: str) -> Any:
        """Ids stay paired with their nodes so references can be checked with a location."""
        items = self.items_of(node, what)
        if items is None:
            return MISSING
        ids = [(self.read_text(item, field, what), item) for item in items]
        return MISSING if any(text is MISSING for text, _ in ids) else ids

    def read_years(self, node: Node, field: Field, what: str) -> Any:
        items = self.items_of(node, what)
        if items is None:
            return MISSING
        if len(items) != 2:
            self.add(node, f"{what}: expected [first, last], got {len(items)} values")
            return MISSING
        bounds = Field("number", minimum=field.minimum, maximum=field.maximum)
        first, last = (self.read_number(item, bounds, what) for item in items)
        if MISSING in (first, last):
            return MISSING
        if first >= last:
            self.add(node, f"{what}: first year must come before the last")
            return MISSING
        return (first, last)

    # -- paths ----------------------------------------------------------------------------
    def read_data_file(self, node: Node, field: Field, what: str) -> Any:
        """A data file the loader must read now (a chart's CSV): missing is an error."""
        return self.read_path(node, field, what, must_exist=True)

    def read_path(self, node: Node, field: Field, what: str, must_exist: bool = False) -> Any:
        """A file inside the deck root; missing media is a warning (the author may add it)."""
        text = self.read_text(node, field, what)
        if text is MISSING:
            return MISSING
        try:
            path = inside_root(self.root, text)
        except PathProblem as exc:
            self.add(node, f"{what}: {exc}")
            return MISSING
        self.references.append((text, path))
        problem = _kind_problem(path)
        if problem not in (None, "missing"):
            self.add(node, f'{what}: "{text}" is {problem}, not a file; give a regular file')
            return MISSING
        if problem is None and not weigh_file(self, node, path, f'{what}: "{text}"'):
            return MISSING
        if problem == "missing":
            message = f'{what}: file "{text}" not found (under {self.root})'
            if must_exist:
                self.add(node, message)
                return MISSING
            self.warn(node, message)
        return path
