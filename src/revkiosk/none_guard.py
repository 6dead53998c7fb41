"""A guard against a PySide6 6.12 reference-count bug that kills long-running processes.

On CPython 3.11, every call of a PySide6 6.12.0 method that returns C++ `void` drops one
reference to `None` without taking one (measured here: 100 calls of `QColor.setRed` lower
`sys.getrefcount(None)` by exactly 100; a plain Python function returning None changes it by
0). `None` starts with a few thousand references, so painting a few hundred slides, or a kiosk
running for minutes, ends in "Fatal Python error: none_dealloc: deallocating None". CPython 3.12
made `None` immortal, which hides the bug there; `protect_none` gives 3.11 the same immunity by
adding 2**40 references to `None` once (it would take years of calls to use them up).
"""

from __future__ import annotations

import ctypes
import sys

_EXTRA_REFERENCES = 1 << 40
_protected = False


def protect_none() -> bool:
    """Make `None` practically immortal on CPython < 3.12; returns True if it changed anything.

    Idempotent and safe to call from anywhere before Qt work starts. It does nothing on 3.12+,
    on other interpreters, and on builds whose object header does not start with the count.
    """
    global _protected
    if _protected or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value != sys.getrefcount(None) - 1:  # getrefcount's own argument adds one
        return False  # an unusual object layout (trace-refs build): leave it alone
    count.value += _EXTRA_REFERENCES
    _protected = True
    return True
