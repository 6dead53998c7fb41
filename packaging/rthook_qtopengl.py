"""PyInstaller runtime hook: a placeholder for PySide6.QtOpenGL in the packaged build.

pyqtgraph imports PySide6.QtOpenGL when it loads (for PColorMeshItem's OpenGL path), but revkiosk
never draws with OpenGL. The real binding is 8.5 MB, so the build leaves it out and registers
this placeholder instead; touching any of its names raises ImportError saying why, rather than
an obscure AttributeError.
"""

from __future__ import annotations

import sys
import types


class _MissingQtOpenGL(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        raise ImportError(
            f"PySide6.QtOpenGL.{name}: QtOpenGL is left out of the packaged revkiosk "
            "(see packaging/revkiosk.spec)"
        )


if "PySide6.QtOpenGL" not in sys.modules:
    sys.modules["PySide6.QtOpenGL"] = _MissingQtOpenGL("PySide6.QtOpenGL")
