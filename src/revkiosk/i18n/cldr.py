"""Dates and numbers the way each language writes them, from Unicode CLDR through Babel.

"mars 2016", "10. März 2016", "marzo de 2016"; "4,94 %", "1 234,5". A language Babel does not
know (or a build that left its data out) falls back to English forms, logged once: a missing
month name must never stop the show.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_month_names
from babel.numbers import format_decimal, format_percent

from revkiosk.deck.model import PartialDate

log = logging.getLogger(__name__)


@functools.cache
def locale_for(code: str) -> Locale | None:
    """Babel's locale for a BCP 47 tag (`pt-BR` → pt_BR, else `pt`), or None when unknown."""
    tag = code.replace("-", "_")
    for candidate in (tag, tag.split("_")[0]):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    log.warning("no CLDR data for language %r: dates and numbers are written in English", code)
    return None


def date_labeller(code: str) -> Callable[[PartialDate], PartialDate]:
    """A function giving a date its label in language `code` ("mars 2016")."""
    locale = locale_for(code)

    def label(date: PartialDate) -> PartialDate:
        if locale is None:
            return date
        day = datetime.date(date.year, date.month or 1, date.day or 1)
        if date.month is None:
            text = format_skeleton("y", day, locale=locale)
            return replace(date, label=text)
        month = get_month_names("wide", context="stand-alone", locale=locale)[date.month]
        if date.day is None:
            text = format_skeleton("yMMMM", day, locale=locale)
        else:
            text = format_date(day, "long", locale=locale)
        return replace(date, label=text, month_label=month)

    return label


def number(value: float, code: str, decimals: int | None = None) -> str:
    """`value` with the language's decimal and grouping marks ("1 234,5")."""
    locale = locale_for(code)
    if locale is None:
        return f"{value:,.{decimals}f}" if decimals is not None else f"{value:,g}"
    if decimals is None:
        return format_decimal(value, locale=locale, decimal_quantization=False)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


def percent(value: float, code: str) -> str:
    """A percentage (`value` in percent: 4.94 → "4,94 %" in French, "4.94%" in English)."""
    locale = locale_for(code)
    if locale is None:
        return f"{value:g}%"
    exact = Decimal(repr(value)) / 100  # 4.94 / 100 in binary is 0.049400000000000006
    return format_percent(exact, locale=locale, decimal_quantization=False)


def native_name(code: str) -> str:
    """The language's name in itself, capitalised as a label ("Français", "Deutsch")."""
    locale = locale_for(code)
    name = locale.get_display_name(locale) if locale is not None else None
    if not name:
        return code
    return name[:1].upper() + name[1:]


def is_right_to_left(code: str) -> bool:
    """CLDR's character order for the language (what `languages.RTL_LANGUAGES` mirrors)."""
    locale = locale_for(code)
    return locale is not None and locale.character_order == "right-to-left"


__all__ = ["date_labeller", "is_right_to_left", "locale_for", "native_name", "number", "percent"]
