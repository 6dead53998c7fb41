"""Languages (Qt-free): a deck's translations in gettext PO files, and the player's own words.

- `words`: the player's own words (`_("Next slide")`), from the PO catalogs in `i18n/locale/`,
  in the language the `Show` activated; English is the fallback. No Babel on the start path.
- `languages`: which languages write right to left (a table, for the first paint).
- `po`, `deck_po`: reading and writing PO files (Babel), the template and `i18n extract`.
- `catalogs`: the languages a deck offers and the deck in one of them (for the `Show`).
- `checks`, `consistency`: what `revkiosk check` reports about translations.
- `cldr`: month names and number formats per language (Babel's CLDR data).

Importing this package imports nothing else: Babel loads only when a language other than the
deck's own is asked for, or a command reads PO files.
"""
