"""One helper for "import this only when it is first needed": `resolve("package.module:name")`.

Start-up speed is the time to the first painted slide, so everything the first slide does not
need — pyqtgraph charts, QtMultimedia, the overview, the presenter view, subcommands — is named
by a string and imported on first use. Registries (slide kind → view, overlay → class, part →
installer) hold such strings; this is the only place that turns them into objects.
"""

from __future__ import annotations

import importlib
from typing import Any


def resolve(target: str) -> Any:
    """The object named `"package.module:attr"` (or the module itself for `"package.module"`),
    importing the module if it is not loaded yet. Raises ImportError or AttributeError."""
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr) if attr else module
