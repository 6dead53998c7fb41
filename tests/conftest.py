"""Test set-up shared by every test: offscreen Qt, isolated platformdirs folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point config/state/cache/log folders at a temp dir so tests never touch the user's."""
    base = tmp_path_factory.mktemp("xdg")
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, str(base / var.lower()))


# h5b: PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void Qt call (QFont.
# setPixelSize, QPainter.drawImage, ...) and to True/False on some bool paths; after a few
# thousand calls the interpreter aborts ("none_dealloc: deallocating None", "bool_dealloc").
# 3.12 made these immortal (PEP 683); on 3.11 we do the same by adding 2**40 references.
# app.py needs the same lines before the QApplication is built.
if sys.version_info < (3, 12):
    import ctypes

    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
