"""Records behave as the frozen dataclasses they replace (revkiosk.record)."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from revkiosk.record import Record


class Point(Record):
    x: int
    y: int = 0
    note: str = dataclasses.field(default="", compare=False, repr=False)
    tags: list[str] = dataclasses.field(default_factory=list, compare=False)


class Shape(Record, kw_only=True):
    name: str
    corners: int = 0


class Square(Shape, kw_only=True):
    side: float


def test_construction_by_position_keyword_and_defaults() -> None:
    assert (Point(1).x, Point(1).y, Point(1, 2).y, Point(y=5, x=1).y) == (1, 0, 2, 5)
    assert Point(1).tags == [] and Point(1).tags is not Point(1).tags  # a fresh list each time
    assert Square(name="a", side=2.0).corners == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Point(), "missing argument 'x'"),
        (lambda: Point(1, 2, "n", [], 5), "takes 4 positional arguments but 5 were given"),
        (lambda: Point(1, x=2), "multiple values for argument 'x'"),
        (lambda: Point(1, z=2), "unexpected keyword argument 'z'"),
        (lambda: Shape("a"), "takes 0 positional arguments"),
        (lambda: Square(name="a"), "missing argument 'side'"),
    ],
)
def test_wrong_arguments_are_type_errors(make, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match=message):
        make()


def test_frozen() -> None:
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x  # type: ignore[misc]
    assert point.x == 1


def test_equality_hash_and_repr_follow_the_field_options() -> None:
    assert Point(1, 2, "a", ["t"]) == Point(1, 2, "b")  # note and tags are not compared
    assert Point(1, 2) != Point(1, 3)
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    assert Shape(name="a") != Square(name="a", side=1.0)  # another class is never equal
    assert len({Point(1), Point(1), Point(2)}) == 2
    assert repr(Point(1, 2, "secret")) == "Point(x=1, y=2, tags=[])"
    assert repr(Square(name="s", side=1.5)) == "Square(name='s', corners=0, side=1.5)"
    odd = Point(float("nan"))
    assert odd == dataclasses.replace(odd)  # the same NaN object: identity first, like tuples


def test_still_a_dataclass_replace_fields_pickle_copy() -> None:
    square = Square(name="s", side=1.5)
    assert [f.name for f in dataclasses.fields(square)] == ["name", "corners", "side"]
    changed = dataclasses.replace(square, side=3.0)
    assert (type(changed), changed.side, changed.name) == (Square, 3.0, "s")
    assert pickle.loads(pickle.dumps(square)) == square
    assert copy.deepcopy(square) == square
    assert dataclasses.asdict(Point(1, 2)) == {"x": 1, "y": 2, "note": "", "tags": []}


def test_fields_outside_init_are_refused() -> None:
    with pytest.raises(TypeError, match="set by __init__"):

        class Odd(Record):
            hidden: int = dataclasses.field(default=0, init=False)
