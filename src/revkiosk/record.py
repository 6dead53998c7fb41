"""Frozen records: dataclasses whose methods are shared, not written out for every class.

`@dataclass(frozen=True)` writes the source of six methods for each class and compiles them
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`): on Python 3.11
~0.45 ms a class, ~15 ms of every start for the ~30 model, settings and theme classes the
player needs before its first slide can paint (issue 21). A `Record` subclass is still a
dataclass made by `dataclasses.dataclass` itself (`fields`, `replace`, `asdict` and pickling work;
`field()`'s default, default_factory, compare, hash and repr, and `kw_only=True` as a class
keyword, mean what they mean there), but one generic implementation of those methods, here,
reads the fields the decorator recorded. Type checkers see a frozen dataclass
(`dataclass_transform`). Creating an instance costs ~1 µs more; nothing makes records in a loop
that would notice. Classes the first slide does not need stay plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from typing import Any, ClassVar, dataclass_transform

_UNSET = object()


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """Base class of immutable value records (see the module docstring)."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]  # set by `dataclass` on each subclass
    _positional: ClassVar[tuple[str, ...]]  # the parameters `__init__` takes by position
    _defaults: ClassVar[tuple[tuple[str, Any, Any], ...]]  # (name, default, factory), in order
    _compared: ClassVar[tuple[str, ...]]
    _hashed: ClassVar[tuple[str, ...]]
    _shown: ClassVar[tuple[str, ...]]  # in `repr`

    def __init_subclass__(cls, *, kw_only: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclass(init=False, repr=False, eq=False, kw_only=kw_only)(cls)
        every = fields(cls)
        if not all(f.init for f in every):
            raise TypeError(f"{cls.__qualname__}: a Record's fields are all set by __init__")
        own = [f for f in every if f.init]
        cls._positional = tuple(f.name for f in own if not f.kw_only)
        cls._defaults = tuple((f.name, f.default, f.default_factory) for f in own)
        cls._compared = tuple(f.name for f in every if f.compare)
        cls._hashed = tuple(f.name for f in every if (f.compare if f.hash is None else f.hash))
        cls._shown = tuple(f.name for f in every if f.repr)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        if len(args) > len(cls._positional):
            raise TypeError(
                f"{cls.__qualname__}() takes {len(cls._positional)} positional arguments"
                f" but {len(args)} were given"
            )
        given = dict(zip(cls._positional, args, strict=False))
        for name, value in kwargs.items():
            if name in given:
                raise TypeError(f"{cls.__qualname__}() got multiple values for argument {name!r}")
            given[name] = value
        values = {}
        for name, default, factory in cls._defaults:
            value = given.pop(name, _UNSET)
            if value is _UNSET:
                if default is not MISSING:
                    value = default
                elif factory is not MISSING:
                    value = factory()
                else:
                    raise TypeError(f"{cls.__qualname__}() missing argument {name!r}")
            values[name] = value
        if given:
            unknown = next(iter(given))
            raise TypeError(f"{cls.__qualname__}() got an unexpected keyword argument {unknown!r}")
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = self._compared  # compared as tuples, as dataclasses do (identity first)
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self._hashed))
