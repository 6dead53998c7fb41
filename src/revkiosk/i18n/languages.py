"""Which languages write right to left: a table, so the first paint needs no Babel.

Used by `ViewContext.right_to_left` (views mirror their composition) and the language chooser.
`tests/test_i18n_catalogs.py` checks the table against CLDR's character order (Babel).
"""

from __future__ import annotations

# Languages whose usual script runs right to left (CLDR `characterOrder`), and the scripts.
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "lrc", "mzn", "ps", "sd", "syr", "ug", "ur",
     "yi"}
)  # fmt: skip
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"})
LTR_SCRIPTS = frozenset({"latn", "cyrl", "deva", "hans", "hant", "grek"})


def is_rtl(code: str) -> bool:
    """True for a tag whose text runs right to left: `ar`, `he-IL`, `az-Arab`; not `ku-Latn`."""
    parts = code.replace("_", "-").casefold().split("-")
    for part in parts[1:]:
        if part in RTL_SCRIPTS:
            return True
        if part in LTR_SCRIPTS:
            return False
    return parts[0] in RTL_LANGUAGES


def primary(code: str) -> str:
    """The language subtag: `pt-BR` → `pt`."""
    return code.replace("_", "-").split("-")[0].casefold()


def needs_translation(deck_language: str, code: str) -> bool:
    """False only for an English deck shown in English: it is shown as written (no PO file,
    no Babel). Any other language, the deck's own included, gets CLDR's dates at least."""
    return not (primary(code) == primary(deck_language) == "en")


__all__ = ["RTL_LANGUAGES", "is_rtl", "needs_translation", "primary"]
