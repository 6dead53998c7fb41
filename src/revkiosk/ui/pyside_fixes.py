"""Every workaround for a PySide6 (or pyqtgraph-on-PySide6) behaviour, in one place.

Each one patches or sidesteps something a PySide6 release may change; tests/test_pyside_fixes.py
checks that what it relies on still holds and that the behaviour it works around still exists, so
an upgrade that makes one unnecessary (or breaks it) fails loudly instead of silently.

- `skip_source_scan()`: PySide6 reads the source of every module imported after it (~10 ms
  of start-up); revkiosk and the standard library are answered without reading.
- `import_pyqtgraph()`: pyqtgraph without its copy of every Qt class (~95 ms per cold chart).
- `soon(owner, call)`: a next-turn call that does not keep its owner alive
  (`QTimer.singleShot(0, owner, call)` leaks the callable when `owner` dies first).
"""

from __future__ import annotations

import logging
import sys
import types
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# --- PySide6's source scan (PYSIDE-2029) ------------------------------------------------------


def skip_source_scan() -> None:
    """Answer PySide6's "does this module use PySide6?" for revkiosk and the standard library
    without letting it read their source.

    PySide6 reads the source file of every module imported (or named in an import statement)
    after it, looking for the word "PySide6" (PYSIDE-2029: that decides whether its opt-in
    `__feature__` switches apply to the module). revkiosk uses no `__feature__`, so the answer
    changes nothing, but reading ~60 files (typing.py, pathlib.py, …) costs ~10 ms of start-up.
    Third-party modules keep PySide6's own check; if PySide6 changes its internals this does
    nothing.
    """
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "_revkiosk", False):
        return

    def uses_pyside(module: object) -> bool:
        top = str(getattr(module, "__name__", "")).partition(".")[0]
        if top == "revkiosk":
            return True
        return top not in sys.stdlib_module_names and bool(check(module))

    uses_pyside._revkiosk = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


# --- pyqtgraph's copy of every Qt class -------------------------------------------------------
#
# Import pyqtgraph without paying ~95 ms for a copy of every Qt class.
#
# Why: `pyqtgraph.Qt` keeps private mirrors of QtCore, QtGui and QtWidgets and fills them with
# `_copy_attrs`, which walks `dir()` of each PySide6 module and fetches every name. PySide6 (6.7+)
# creates its classes lazily, on first use, so that walk makes it build all ~1,500 of them —
# about 95 ms of a cold plot slide on this kiosk PC, for classes a chart never touches.
#
# Here the mirrors are put in `sys.modules` first as modules that fetch a name from PySide6 when it
# is first asked for (and keep it), and during the import `dir()` of the three PySide6 modules is
# empty, so the copy has nothing to walk. pyqtgraph sees the same objects either way. If anything
# about this fails (a pyqtgraph or PySide6 whose internals differ), the half-imported pyqtgraph is
# dropped and imported the ordinary way: slower, never broken.
#
# Every chart module imports pyqtgraph through here (`from revkiosk.ui.plots.pgimport import pg`),
# so the first import, whichever module triggers it, takes the fast path.

_MIRRORED = ("QtCore", "QtGui", "QtWidgets")
# Names the import system and tools probe on a module: answered by the mirror itself.
_OWN = frozenset({"__path__", "__file__", "__spec__", "__loader__", "__all__", "__wrapped__"})


class LazyMirror(types.ModuleType):
    """Stands in for `pyqtgraph.Qt.QtCore` (etc.): each name comes from the PySide6 module the
    first time it is read, then lives in this module's namespace (so pyqtgraph may also set
    names of its own on it, as it does on the real mirror)."""

    def __init__(self, name: str, source: types.ModuleType) -> None:
        super().__init__(name)
        self.__dict__["_revkiosk_source"] = source

    def __getattr__(self, name: str) -> Any:
        if name in _OWN:
            raise AttributeError(name)
        value = getattr(self.__dict__["_revkiosk_source"], name)
        self.__dict__[name] = value
        return value


def _import_fast() -> types.ModuleType:
    from PySide6 import QtCore, QtGui, QtWidgets

    sources = {"QtCore": QtCore, "QtGui": QtGui, "QtWidgets": QtWidgets}
    saved_dirs = {name: module.__dict__.get("__dir__") for name, module in sources.items()}
    for name, module in sources.items():
        sys.modules[f"pyqtgraph.Qt.{name}"] = LazyMirror(f"pyqtgraph.Qt.{name}", module)
        module.__dir__ = list  # type: ignore[attr-defined]  # dir() → []: nothing to copy
    try:
        import pyqtgraph
    finally:
        for name, module in sources.items():
            if saved_dirs[name] is None:
                del module.__dir__
            else:
                module.__dir__ = saved_dirs[name]  # type: ignore[attr-defined]
    # The mirrors must be the modules pyqtgraph actually used, or the fast path did not happen.
    from pyqtgraph import Qt

    for name in _MIRRORED:
        if not isinstance(getattr(Qt, name), LazyMirror):
            raise ImportError(f"pyqtgraph.Qt.{name} is not the lazy mirror")
    return pyqtgraph


def _forget_pyqtgraph() -> None:
    for name in [n for n in sys.modules if n == "pyqtgraph" or n.startswith("pyqtgraph.")]:
        del sys.modules[name]


def import_pyqtgraph() -> types.ModuleType:
    """pyqtgraph, imported the fast way if this is the first import in the process."""
    if "pyqtgraph" in sys.modules:
        return sys.modules["pyqtgraph"]
    try:
        return _import_fast()
    except Exception:  # any surprise: fall back to the ordinary import
        log.info("pyqtgraph: lazy Qt mirrors not possible; importing it normally", exc_info=True)
        _forget_pyqtgraph()
        import pyqtgraph

        return pyqtgraph


# --- QTimer.singleShot with a context object -------------------------------------------------


def soon(owner: QObject, call: Callable[[QObject], None]) -> None:
    """`call(owner)` on the next event-loop turn, unless `owner` is deleted by then. Not
    `QTimer.singleShot(0, owner, ...)`: PySide6 (6.11) never frees that callable when its
    context object is deleted first, which kept passed-by views (and their pictures) alive."""
    import shiboken6

    owner_ref = weakref.ref(owner)

    def run() -> None:
        alive = owner_ref()
        if alive is not None and shiboken6.isValid(alive):
            call(alive)

    QTimer.singleShot(0, run)
