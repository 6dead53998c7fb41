"""Babel's CLDR data and the deck's PO files for the standalone build, cut to what the player
reads (used by revkiosk.spec).

Babel ships 1,148 locale files (32 MB). revkiosk reads a language's month and day names, its
date, time and number formats, its plural rule, its writing direction and its own name (the
language chooser); not currencies, units, time zones or every other language's name. So the
build keeps the languages a museum is likely to use (and the parents their data falls back
to), each file cut to those parts (about 10 kB instead of 200 kB), and global.dat without the
time-zone and territory tables. A language left out still plays from its PO file: its dates and
numbers are then written the English way (logged once).
"""

from __future__ import annotations

import pickle
from pathlib import Path

# Base languages (CLDR codes) and the regional forms people ask for by name.
LANGUAGES = """
root af am ar az be bg bn bs ca cs cy da de el en en_001 en_150 en_AU en_GB es es_419 et eu fa
fi fil fr fr_CA ga gl gu he hi hr hu hy id is it ja ka kk km kn ko lt lv mk ml mn mr ms mt my
nb ne nl nn no pa pl ps pt pt_PT ro ru si sk sl sq sr sr_Latn sv sw ta te th tr uk ur uz vi zh
zh_Hans zh_Hant yue zu
""".split()
# Parts of a locale file revkiosk (through Babel) reads; `languages`, `territories` and
# `scripts` are kept for the locale's own names only.
KEEP_KEYS = {
    "months", "days", "quarters", "eras", "day_periods", "day_period_rules", "date_formats",
    "time_formats", "datetime_formats", "datetime_skeletons", "number_symbols",
    "decimal_formats", "percent_formats", "scientific_formats", "default_numbering_system",
    "numbering_systems", "character_order", "orientation", "plural_form", "ordinal_form",
    "min_week_days", "week_start", "weekend_start", "weekend_end", "first_week_day",
    "_version", "parent", "list_patterns",
}  # fmt: skip
OWN_NAMES = ("languages", "territories", "scripts", "variants")
GLOBAL_DROP = {
    "territory_languages", "meta_zones", "zone_territories", "territory_zones",
    "windows_zone_mapping", "zone_aliases", "territory_currencies", "all_currencies",
}  # fmt: skip


def cut_locale(data: dict, code: str) -> dict:
    """A locale's data cut to KEEP_KEYS, with its own language, region and script names."""
    parts = code.split("_")
    out = {key: value for key, value in data.items() if key in KEEP_KEYS}
    for key in OWN_NAMES:
        table = data.get(key)
        if isinstance(table, dict):
            out[key] = {k: v for k, v in table.items() if k in parts}
    return out


def trimmed(datas: list, workdir: Path) -> list:
    """`datas` (PyInstaller's (dest, source, kind) entries) with Babel's locale files cut and
    the unused ones left out; the cut files are written under `workdir`."""
    workdir.mkdir(parents=True, exist_ok=True)
    wanted = set(LANGUAGES)
    out = []
    for dest, source, kind in datas:
        path = dest.replace("\\", "/")
        if "babel/locale-data/" in path:
            code = Path(path).stem
            if code not in wanted:
                continue
            data = pickle.loads(Path(source).read_bytes())
            target = workdir / "locale-data" / f"{code}.dat"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pickle.dumps(cut_locale(data, code), protocol=4))
            out.append((dest, str(target), kind))
        elif path.endswith("babel/global.dat"):
            data = pickle.loads(Path(source).read_bytes())
            target = workdir / "global.dat"
            cut = {key: value for key, value in data.items() if key not in GLOBAL_DROP}
            target.write_bytes(pickle.dumps(cut, protocol=4))
            out.append((dest, str(target), kind))
        else:
            out.append((dest, source, kind))
    return out


def lean_po_files(datas: list, workdir: Path) -> list:
    """The bundled deck's PO files, and the player's own, without the comments written for
    translators (`#.` where a text shows, `#:` its line in the deck or the source, `#|` an old
    source text): the player reads only the entries (and their `#,` flags), and `revkiosk i18n
    extract` / `i18n player` write the comments again. About 40% of a deck's file, 30% of the
    player's."""
    out = []
    for dest, source, kind in datas:
        path = dest.replace("\\", "/")
        ours = "/_bundled/slides/" in path or path.startswith("revkiosk/i18n/locale/")
        if ours and path.endswith(".po"):
            lines = Path(source).read_text(encoding="utf-8").splitlines(keepends=True)
            kept = [line for line in lines if not line.startswith(("#.", "#:", "#|"))]
            target = workdir / "po" / path.replace("/", "_")  # two fr.po: the deck's, the player's
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("".join(kept), encoding="utf-8")
            out.append((dest, str(target), kind))
        else:
            out.append((dest, source, kind))
    return out
