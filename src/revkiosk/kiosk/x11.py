"""Is the kiosk window on top? Asked of the X server directly (Qt cannot tell).

Qt knows whether its window is mapped and exposed, but on X11 not whether another window lies
over it: a second full-screen program, another "always on top" window or a stuck dialog leave
the kiosk window exposed as far as Qt knows while visitors see something else. The X server
lists the top-level windows in stacking order (`XQueryTree` on the root window, bottom to top),
so the kiosk is covered when a mapped window above its own top-level window (the frame the
window manager put around it, or the window itself without one) overlaps a tenth of it or more.

libX11 is loaded with ctypes on a connection of our own (read-only queries, once a second);
anywhere else (Wayland, Windows, macOS, no libX11) `covered()` answers None: unknown.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from typing import Any

_VIEWABLE = 2  # XWindowAttributes.map_state


class _Attributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("class_", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


@functools.cache
def _xlib() -> Any | None:
    name = ctypes.util.find_library("X11")
    if name is None or not os.environ.get("DISPLAY"):
        return None
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XQueryTree.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
        ctypes.POINTER(ctypes.c_uint),
    ]
    lib.XGetWindowAttributes.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(_Attributes),
    ]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    # A window closing between two calls is a BadWindow error; libX11's default handler exits
    # the process. Ours ignores it (the window is simply skipped).
    handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    lib._revkiosk_handler = handler_type(lambda _display, _event: 0)
    lib.XSetErrorHandler.argtypes = [handler_type]
    lib.XSetErrorHandler(lib._revkiosk_handler)
    display = lib.XOpenDisplay(None)
    if not display:
        return None
    lib._revkiosk_display = display
    return lib


def _tree(lib: Any, display: int, window: int) -> tuple[int, list[int]] | None:
    root, parent = ctypes.c_ulong(), ctypes.c_ulong()
    children = ctypes.POINTER(ctypes.c_ulong)()
    count = ctypes.c_uint()
    if not lib.XQueryTree(display, window, root, parent, children, count):
        return None
    found = [children[i] for i in range(count.value)]
    if children:
        lib.XFree(children)
    return parent.value, found


def _attributes(lib: Any, display: int, window: int) -> _Attributes | None:
    attributes = _Attributes()
    return attributes if lib.XGetWindowAttributes(display, window, attributes) else None


def covered(window_id: int, min_share: float = 0.1) -> bool | None:
    """True when mapped windows above the kiosk's cover `min_share` of it; None: unknown."""
    lib = _xlib()
    if lib is None:
        return None
    display = lib._revkiosk_display
    root = lib.XDefaultRootWindow(display)
    top, stacking = window_id, None
    for _ in range(16):  # up from the window to the child of the root (the WM's frame)
        tree = _tree(lib, display, top)
        if tree is None:
            return None
        parent, _ = tree
        if parent == root:
            stacking = _tree(lib, display, root)
            break
        top = parent
    if stacking is None or top not in stacking[1]:
        return None
    mine = _attributes(lib, display, top)
    if mine is None or mine.width <= 0 or mine.height <= 0:
        return None
    hidden = 0
    for other in stacking[1][stacking[1].index(top) + 1 :]:
        info = _attributes(lib, display, other)
        if info is None or info.map_state != _VIEWABLE:
            continue
        width = min(mine.x + mine.width, info.x + info.width) - max(mine.x, info.x)
        height = min(mine.y + mine.height, info.y + info.height) - max(mine.y, info.y)
        if width > 0 and height > 0:
            hidden = max(hidden, width * height)
    lib.XSync(display, 0)
    return hidden >= min_share * mine.width * mine.height
