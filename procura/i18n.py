"""User-facing strings in Swedish and English, kept in templates/i18n/<lang>.yaml.

``t("level.bas", "sv")`` -> "Basnivå". Both catalogues must have the same keys (a test checks).
"""

from __future__ import annotations

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


def t(key: str, lang: Lang, **values: Any) -> str:
    text = catalogue(lang)[key]
    return text.format(**values) if values else text


def plural(key: str, count: int, lang: Lang, **values: Any) -> str:
    """``key.one`` for a count of one, ``key.other`` otherwise ("1 krav", "2 krav"; "1 varning", "2 varningar")."""
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **values)


def number(value: float, lang: Lang) -> str:
    """A number as the language writes it: 99,5 in Swedish, 99.5 in English; no trailing .0."""
    text = f"{value:g}" if value != int(value) else f"{int(value):,}".replace(",", "\u00a0")
    return text.replace(".", ",") if lang == "sv" else text
