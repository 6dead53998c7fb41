"""The player's own catalogs (`revkiosk i18n player`): extract the marked strings, update the PO
files in `revkiosk/i18n/locale/`.

A developer tool, run from a source checkout after adding or changing text in the player: Babel
reads every `_()`, `N_()`, `ngettext()` and `pgettext()` call in the package's source, writes
`messages.pot` and brings each `<language>.po` up to date the gettext way (a changed string is
matched to its old translation and marked fuzzy; a removed one becomes obsolete).
`tests/test_i18n_player.py` fails while the template is out of date.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from revkiosk.i18n.po import read_po_file, write_po_file
from revkiosk.i18n.words import LOCALE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
TEMPLATE = LOCALE_DIR / "messages.pot"
HEADER = """\
# The revkiosk player's own words (help, notices, presenter view, kiosk controls).
# Keep each {name} as it is (the program fills it in); translate the rest.
# Regenerate with `revkiosk i18n player` after changing text in the player.
#"""


def template() -> Catalog:
    """Every marked string of the package, with where it is used."""
    catalog = Catalog(
        project="revkiosk", version="player", charset="utf-8", fuzzy=False, header_comment=HEADER
    )
    catalog.creation_date = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # stable file
    found = extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, line, message, comments, context in found:
        location = (f"revkiosk/{filename}", line)
        message_id = message if isinstance(message, str) else tuple(message)
        entry = catalog.get(message_id, context)
        if entry is not None:
            entry.locations.append(location)
            continue
        added = catalog.add(
            message_id, locations=[location], auto_comments=comments, context=context
        )
        text = message_id if isinstance(message_id, str) else message_id[0]
        added.flags.discard("python-format")
        if "{" in text:
            added.flags.add("python-brace-format")
    return catalog


def update(languages: tuple[str, ...] = ()) -> dict[str, int]:
    """Write the template and update every catalog (creating those for `languages`); returns
    the number of untranslated entries per language."""
    fresh = template()
    write_po_file(TEMPLATE, fresh)
    paths = {p.stem: p for p in sorted(LOCALE_DIR.glob("*.po"))}
    for code in languages:
        paths.setdefault(code, LOCALE_DIR / f"{code}.po")
    left: dict[str, int] = {}
    for code, path in sorted(paths.items()):
        if path.exists():
            po = read_po_file(path)
            if not po.ok or po.catalog is None:
                first = next(p for p in po.problems if p.severity == "error")
                raise ValueError(f"{first} (fix it first: {path.name} was left as it is)")
            catalog = po.catalog
        else:
            try:
                catalog = Catalog(locale=code.replace("-", "_"), charset="utf-8", fuzzy=False)
            except (UnknownLocaleError, ValueError):
                catalog = Catalog(charset="utf-8", fuzzy=False)
            catalog.header_comment = HEADER
            catalog.project, catalog.version = "revkiosk", "player"
        catalog.update(fresh, update_header_comment=False, keep_user_comments=True)
        for message in catalog:
            message.flags.discard("python-format")
        write_po_file(path, catalog)
        left[code] = sum(1 for m in catalog if m.id and not m.string)
    return left


__all__ = ["KEYWORDS", "TEMPLATE", "template", "update"]
