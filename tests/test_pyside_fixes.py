"""Each workaround in revkiosk/ui/pyside_fixes.py, checked two ways: what it patches is still
there, and what it works around still happens. When a PySide6 or pyqtgraph release changes
either, these fail loudly (and say what to do) instead of the workaround silently doing nothing.
"""

from __future__ import annotations

import gc
import importlib.util
import subprocess
import sys
import types
import weakref
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from revkiosk.ui import pyside_fixes

REPO = Path(__file__).resolve().parent.parent


def test_pysides_source_scan_hook_is_still_there() -> None:
    """skip_source_scan() replaces `shibokensupport.feature._mod_uses_pyside`. If this fails,
    PySide6 no longer scans sources that way: check PYSIDE-2029 and drop or adapt the fix."""
    feature = sys.modules.get("shibokensupport.feature")
    assert feature is not None, "PySide6 has no shibokensupport.feature module any more"
    assert callable(getattr(feature, "_mod_uses_pyside", None))


def test_skip_source_scan_answers_for_revkiosk_without_reading(tmp_path: Path) -> None:
    code = (
        "import builtins, sys\n"
        "from PySide6 import QtCore\n"
        "from revkiosk.ui.pyside_fixes import skip_source_scan\n"
        "skip_source_scan()\n"
        "feature = sys.modules['shibokensupport.feature']\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "builtins.open = lambda *a, **k: opened.append(a[0]) or real_open(*a, **k)\n"
        "import revkiosk.deck.model, json.decoder\n"
        "builtins.open = real_open\n"
        "print(feature._mod_uses_pyside(revkiosk.deck.model), len(opened))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    uses, opened = result.stdout.split()
    assert uses == "True" and opened == "0", result.stdout


def test_pyqtgraph_still_copies_every_qt_class() -> None:
    """import_pyqtgraph() sidesteps `pyqtgraph.Qt._copy_attrs` (~95 ms per cold chart). If this
    fails, pyqtgraph stopped copying: plain `import pyqtgraph` is enough, drop the fix."""
    spec = importlib.util.find_spec("pyqtgraph")  # finds it without importing it
    assert spec is not None and spec.origin is not None
    source = Path(spec.origin).parent / "Qt" / "__init__.py"
    assert "def _copy_attrs" in source.read_text(encoding="utf-8")


def test_singleshot_with_a_context_still_keeps_its_callable_alive(qapp) -> None:
    """soon() exists because `QTimer.singleShot(0, owner, callable)` never frees `callable` when
    `owner` is deleted before the timer fires (PySide6 6.11). If this fails, PySide fixed it:
    soon() can become a plain QTimer.singleShot with a context object."""

    class Payload:
        def __call__(self) -> None:
            pass

    owner = QObject()
    payload = Payload()
    alive = weakref.ref(payload)
    QTimer.singleShot(0, owner, payload)
    del payload
    owner.deleteLater()
    del owner
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()
    gc.collect()
    assert alive() is not None, "PySide6 now frees the callable: simplify pyside_fixes.soon()"


def test_soon_skips_a_deleted_owner_and_frees_it(qapp) -> None:
    calls: list[object] = []
    owner = QObject()
    alive = weakref.ref(owner)
    pyside_fixes.soon(owner, calls.append)
    owner.deleteLater()
    del owner
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QCoreApplication.processEvents()
    gc.collect()
    assert calls == [] and alive() is None


def test_soon_calls_a_live_owner_on_the_next_turn(qapp) -> None:
    calls: list[object] = []
    owner = QObject()
    pyside_fixes.soon(owner, calls.append)
    assert calls == []
    QCoreApplication.processEvents()
    assert calls == [owner]


def test_lazy_mirror_fetches_names_on_first_use() -> None:
    source = types.ModuleType("source")
    source.answer = 42  # type: ignore[attr-defined]
    mirror = pyside_fixes.LazyMirror("mirror", source)
    assert "answer" not in vars(mirror)
    assert mirror.answer == 42 and vars(mirror)["answer"] == 42
