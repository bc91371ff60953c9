"""User-facing strings in Swedish and English, kept in templates/i18n/<lang>.yaml.

``t("level.bas", "sv")`` -> "Basnivå". Both catalogues must have the same keys (a test checks).
"""

from __future__ import annotations

import math
import string
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from procura.models.text import Lang
from procura.yamlio import SafeLoader


@cache
def catalogue(lang: Lang) -> dict[str, str]:
    text = files("procura.templates").joinpath("i18n", f"{lang}.yaml").read_text(encoding="utf-8")
    return _flatten(yaml.load(text, Loader=SafeLoader))


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


class _Formatter(string.Formatter):
    """str.format with plurals: "{n:plural:varning|varningar}" -> "1 varning" / "3 varningar"."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            one, _, other = format_spec[len("plural:"):].partition("|")
            return f"{value} {one if value == 1 else other}"
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, lang: Lang, **values: Any) -> str:
    text = catalogue(lang)[key]
    if not values:
        return text
    # str.format (in C) gives the same text; the Python-level formatter is needed for plurals only
    return _FORMATTER.format(text, **values) if ":plural:" in text else text.format(**values)


def number(value: float, lang: Lang) -> str:
    """A number as the language writes it: 99,5 in Swedish, 99.5 in English; no trailing .0.

    Every number reaching this is finite: the models take numbers as ``Finite``."""
    if not math.isfinite(value):
        raise ValueError(f"i18n.number({value!r}): a non-finite number got past validation")
    text = f"{value:g}" if value != int(value) else f"{int(value):,}".replace(",", "\u00a0")
    return text.replace(".", ",") if lang == "sv" else text


def listing(items: list[str], lang: Lang) -> str:
    """Items as a sentence lists them: "invånare och personal", "a, b och c" / "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t('op.all', lang)} " + items[-1]


def lower_name(name: str) -> str:
    """A name as it is written mid-sentence: "Digitala trygghetslarm" -> "digitala trygghetslarm";
    a first word in capitals (an acronym such as "IT-stöd", "GPS") is kept."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return name
    return name[:1].lower() + name[1:]
