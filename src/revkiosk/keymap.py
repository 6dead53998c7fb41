"""The key table: key → action name, as data.

Keys, clicker buttons, the mouse and the kiosk policy all speak in action names, so the help
overlay is generated from this table (it cannot drift from what the keys do) and kiosk mode
refuses actions rather than special-casing keys.

A key with a modifier the table does not bind is ignored (Ctrl+Right does nothing). Shift is
tolerated on symbol keys only, because `?` and `+` need Shift on most layouts. The keypad flag is
ignored, so keypad digits, Enter, + and - work like the main keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import Qt

from revkiosk.i18n.words import N_, _, pgettext

# Action → what the help overlay says about it, in the order the help lists them (marked for
# translation; `help_rows` translates them when the help is drawn).
ACTIONS: dict[str, str] = {
    "next": N_("Next slide"),
    "previous": N_("Previous slide"),
    "first": N_("First slide"),
    "last": N_("Last slide"),
    "goto": N_("Go to slide… (box)"),
    "black": N_("Black screen (any key returns)"),
    "white": N_("White screen (any key returns)"),
    "overview": N_("Overview of all slides"),
    "timeline": N_("Timeline"),
    "auto_advance": N_("Auto-advance on/off"),
    "presenter": N_("Presenter view"),
    "play_pause": N_("Play / pause media"),
    "more": N_("More about this milestone (layer)"),
    "captions": N_("Captions on/off"),
    "next_language": N_("Next language"),
    "sound": N_("Sound on/off"),
    "volume_up": N_("Louder"),
    "volume_down": N_("Quieter"),
    "comfort": N_("Comfort: text size, contrast, sound, motion, reading aloud"),
    "text_larger": N_("Larger text (100, 125, 150 %)"),
    "text_smaller": N_("Smaller text"),
    "zoom_in": N_("Zoom in (charts)"),
    "zoom_out": N_("Zoom out (charts)"),
    "zoom_reset": N_("Reset zoom (charts)"),
    "fullscreen": N_("Full screen on/off"),
    "enter_fullscreen": N_("Full screen, stay on this slide"),
    "escape": N_("Close this / leave full screen"),
    "reload": N_("Reload the deck from disk"),
    "help": N_("This help"),
    "quit": N_("Quit"),
}

# (key, action) in the order the design lists them. Clicker keys are PageUp/PageDown, F5,
# Shift+F5, Esc, `.` (Logitech blank), B (Kensington blank) and Up/Down.
BINDINGS: tuple[tuple[str, str], ...] = (
    ("Right", "next"),
    ("Down", "next"),
    ("Space", "next"),
    ("PageDown", "next"),
    ("Return", "next"),
    ("Enter", "next"),
    ("N", "next"),
    ("Left", "previous"),
    ("Up", "previous"),
    ("Backspace", "previous"),
    ("Shift+Space", "previous"),
    ("PageUp", "previous"),
    ("P", "previous"),
    ("Home", "first"),
    ("End", "last"),
    ("G", "goto"),
    ("B", "black"),
    (".", "black"),
    ("/", "black"),
    ("W", "white"),
    (",", "white"),
    ("F", "fullscreen"),
    ("F11", "fullscreen"),
    ("F5", "enter_fullscreen"),
    ("Shift+F5", "enter_fullscreen"),
    ("Escape", "escape"),
    ("O", "overview"),
    ("Tab", "overview"),
    ("T", "timeline"),
    ("?", "help"),
    ("H", "help"),
    ("F1", "help"),
    ("A", "auto_advance"),
    ("S", "presenter"),
    ("K", "play_pause"),
    ("M", "more"),
    ("C", "captions"),
    ("U", "sound"),
    ("]", "volume_up"),
    ("[", "volume_down"),
    ("V", "comfort"),
    ("Ctrl++", "text_larger"),
    ("Ctrl+=", "text_larger"),
    ("Ctrl+-", "text_smaller"),
    ("L", "next_language"),
    ("+", "zoom_in"),
    ("=", "zoom_in"),
    ("-", "zoom_out"),
    ("0", "zoom_reset"),
    ("R", "reload"),
    ("Ctrl+Q", "quit"),
)

# Symbol keys by the character written in the table (Qt names them Key_Period, …).
_SYMBOLS = {
    ".": "Period",
    ",": "Comma",
    "/": "Slash",
    "?": "Question",
    "+": "Plus",
    "=": "Equal",
    "-": "Minus",
    "*": "Asterisk",
    "[": "BracketLeft",
    "]": "BracketRight",
}
# How the help overlay writes a key.
_LABELS = {"Return": "Enter", "Enter": "", "Escape": "Esc", "PageDown": "PgDn", "PageUp": "PgUp"}
_LABELS |= {"Backspace": "⌫", "Right": "→", "Left": "←", "Up": "↑", "Down": "↓"}
_LABELS |= {"Shift+Space": "⇧Space", "Shift+F5": "⇧F5", "Ctrl+=": ""}


@dataclass(frozen=True)
class KeySpec:
    """A parsed table entry: Qt key code and the modifiers that must be held."""

    key: int
    ctrl: bool = False
    shift: bool = False
    alt: bool = False
    meta: bool = False


def parse_key(spec: str) -> KeySpec:
    """`"Shift+F5"` → KeySpec(Key_F5, shift=True). Raises ValueError for an unknown key name."""
    *mods, name = spec.split("+") if spec != "+" else ["+"]
    if spec.endswith("++"):  # "Ctrl++"
        mods, name = spec[:-2].split("+"), "+"
    flags = {m.lower() for m in mods}
    unknown = flags - {"ctrl", "shift", "alt", "meta"}
    if unknown:
        raise ValueError(f"unknown modifier in key {spec!r}: {', '.join(sorted(unknown))}")
    qt_name = "Key_" + _SYMBOLS.get(name, name)
    key = getattr(Qt.Key, qt_name, None)
    if key is None:
        raise ValueError(f"unknown key name {name!r} in {spec!r}")
    return KeySpec(
        int(key.value), "ctrl" in flags, "shift" in flags, "alt" in flags, "meta" in flags
    )


@cache
def _table() -> dict[KeySpec, str]:
    return {parse_key(spec): action for spec, action in BINDINGS}


def _is_symbol(key: int) -> bool:
    """Printable, non-letter, non-digit keys: their Shift is part of typing them."""
    return 0x21 <= key <= 0x7E and not chr(key).isalnum()


# A museum's tactile keypad (a numeric keypad beside the touch screen, as in EZ Access or
# AudioNav stations) drives the whole show without sight. In kiosk mode, where digits type no
# slide numbers, a key of the numeric keypad means what this table says; the same physical keys
# with Num Lock off send the names on the right, which mean the same. `select` plays or pauses
# the slide's media, or chooses the option in focus; `focus_next`/`focus_previous` step through
# the slide's parts read aloud, or the options of an open panel.
KEYPAD_ACTIONS: dict[str, str] = {
    "next": N_("Next slide"),
    "previous": N_("Previous slide"),
    "focus_next": N_("Next part of the slide, or next option"),
    "focus_previous": N_("Previous part, or previous option"),
    "select": N_("Play or pause; choose the option"),
    "back": N_("Back (close the panel, or the slide before)"),
    "repeat": N_("Read the slide again"),
    "volume_up": N_("Louder"),
    "volume_down": N_("Quieter"),
    "comfort": N_("Comfort panel (reading aloud, text size, contrast, sound)"),
    "keypad_help": N_("These keys, read aloud"),
    "first": N_("Start of the exhibition"),
}
KEYPAD_BINDINGS: tuple[tuple[str, str], ...] = (
    ("6", "next"),
    ("4", "previous"),
    ("2", "focus_next"),
    ("8", "focus_previous"),
    ("5", "select"),
    ("Enter", "select"),
    ("0", "back"),
    (".", "repeat"),
    ("+", "volume_up"),
    ("-", "volume_down"),
    ("*", "comfort"),
    ("/", "keypad_help"),
    ("7", "first"),
    # the same keys with Num Lock off
    ("Right", "next"),
    ("Left", "previous"),
    ("Down", "focus_next"),
    ("Up", "focus_previous"),
    ("Clear", "select"),
    ("Insert", "back"),
    ("Delete", "repeat"),
    ("Home", "first"),
)


@cache
def _keypad_table() -> dict[int, str]:
    return {parse_key(spec).key: action for spec, action in KEYPAD_BINDINGS}


def keypad_action_for(key: int, modifiers: object) -> str | None:
    """The keypad meaning of a key pressed on the numeric keypad (None: not a keypad key)."""
    if not Qt.KeyboardModifier(modifiers) & Qt.KeyboardModifier.KeypadModifier:
        return None
    return _keypad_table().get(key)


def keypad_help_rows() -> list[tuple[str, str]]:
    """(keys, description) per keypad action, from KEYPAD_BINDINGS (Num Lock on)."""
    keys: dict[str, list[str]] = {}
    for spec, action in KEYPAD_BINDINGS:
        if len(spec) == 1 or spec == "Enter":
            keys.setdefault(action, []).append(key_names().get(spec, spec))
    return [(" ".join(keys[a]), _(text)) for a, text in KEYPAD_ACTIONS.items() if a in keys]


def action_for(key: int, modifiers: object) -> str | None:
    """The action bound to this key press, or None (unbound, or an unused modifier held).

    `modifiers` is a Qt.KeyboardModifier flag set (as `QKeyEvent.modifiers()` returns it).
    """
    mods = Qt.KeyboardModifier(modifiers)
    spec = KeySpec(
        key,
        ctrl=bool(mods & Qt.KeyboardModifier.ControlModifier),
        shift=bool(mods & Qt.KeyboardModifier.ShiftModifier),
        alt=bool(mods & Qt.KeyboardModifier.AltModifier),
        meta=bool(mods & Qt.KeyboardModifier.MetaModifier),
    )
    table = _table()
    if spec in table:
        return table[spec]
    if spec.shift and not (spec.ctrl or spec.alt or spec.meta) and _is_symbol(key):
        return table.get(KeySpec(key))
    return None


# Presentation clickers send the keys at the US positions of "." and "/" for "blank screen". On
# other layouts those keys type something else (":" on AZERTY), so an unbound key at one of these
# physical positions still blanks. Native scan codes per platform: X11 evdev keycodes, Windows
# set-1 scan codes.
BLANK_SCAN_CODES = {"xcb": {60, 61}, "windows": {0x34, 0x35}}


def action_for_position(scan_code: int, platform: str) -> str | None:
    """The action of a key known only by its physical position (see BLANK_SCAN_CODES)."""
    return "black" if scan_code in BLANK_SCAN_CODES.get(platform, ()) else None


def digit_for(key: int, modifiers: object) -> int | None:
    """0-9 for a plain (or keypad) digit key, used to type a slide number; else None."""
    mods = Qt.KeyboardModifier(modifiers) & ~Qt.KeyboardModifier.KeypadModifier
    if mods != Qt.KeyboardModifier.NoModifier:
        return None
    if int(Qt.Key.Key_0.value) <= key <= int(Qt.Key.Key_9.value):
        return key - int(Qt.Key.Key_0.value)
    return None


def key_names() -> dict[str, str]:
    """The words written on keys, as keyboards sold for the active language print them
    (Espace, Entrée, Échap; Leertaste, Strg, Pos1): a visitor looks for the key by its label."""
    return {
        "Space": pgettext("key", "Space"),
        "Enter": pgettext("key", "Enter"),
        "Esc": pgettext("key", "Esc"),
        "Home": pgettext("key", "Home"),
        "End": pgettext("key", "End"),
        "PgUp": pgettext("key", "PgUp"),
        "PgDn": pgettext("key", "PgDn"),
        "Tab": pgettext("key", "Tab"),
        "Ctrl": pgettext("key", "Ctrl"),
    }


def key_label(spec: str) -> str:
    """How the help overlay writes a table key (`"Right"` → `"→"`, `"Escape"` → `"Esc"`), with
    the key's word in the active language (`"Ctrl+Q"` → `"Strg+Q"` in German)."""
    label = _LABELS.get(spec, spec)
    names = key_names()
    return re.sub(r"[A-Za-z]{2,}", lambda word: names.get(word[0], word[0]), label)


def help_rows() -> list[tuple[str, str]]:
    """(keys, description) per action, in ACTIONS order, generated from BINDINGS."""
    keys: dict[str, list[str]] = {}
    for spec, action in BINDINGS:
        label = key_label(spec)
        if label:
            keys.setdefault(action, []).append(label)
    rows = [(" ".join(keys[action]), _(text)) for action, text in ACTIONS.items() if action in keys]
    digits_row = (f"1 2 3 … {key_names()['Enter']}", _("Go to slide number"))
    return rows[:4] + [digits_row] + rows[4:]
