"""The questions of ``procura init`` as data: each answer checked as it is given, with a message
in the officer's language, and all answers turned into the ProfileAnswers a profile is written from.

Used by the web app's new-procurement form; the numbers accept Swedish ways of writing them
("6 500 000", "6,5 mnkr" is not guessed at: "6,5" is six and a half).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from procura.errors import InputError
from procura.i18n import t
from procura.library import Library
from procura.models import Lang
from procura.profiles import ProfileAnswers

PERSONAL_DATA = ("none", "ordinary", "sensitive")
USERS = ("residents", "staff", "relatives")
DATA_LOCATIONS = ("any", "eu_eea", "sweden")
LANGUAGES = ("sv", "en")
KLASSA = (0, 1, 2, 3, 4)
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


class AnswerError(InputError):
    """An answer that cannot be used; ``key`` is the catalogue message, ``field`` the question."""

    def __init__(self, field: str, key: str, **values: Any):
        self.field, self.key, self.values = field, key, values
        super().__init__(t(key, "en", **values), field)

    def message(self, lang: Lang) -> str:
        return t(self.key, lang, **self.values)


def parse_number(field: str, text: str) -> float:
    """ "6 500 000", "6\u00a0500\u00a0000 kr", "99,5" and "99.5" -> a number."""
    cleaned = str(text).strip().lower()
    for suffix in ("kronor", "kr", "sek", "år", "years", "year"):
        cleaned = cleaned.removesuffix(suffix).strip()
    cleaned = re.sub(r"[\s\u00a0\u202f_]", "", cleaned).replace(",", ".")
    if not _NUMBER.match(cleaned):
        raise AnswerError(field, "web.error.number", value=str(text))
    return float(cleaned)


def check_answer(field: str, value: Any, library: Library) -> Any:
    """The answer to one question, normalised; AnswerError saying what to write otherwise."""
    if field in ("organisation", "title", "reference"):
        text = str(value or "").strip()
        if not text:
            raise AnswerError(field, "web.error.required")
        if len(text) > 300:
            raise AnswerError(field, "web.error.too_long", limit=300)
        return text
    if field == "value":
        number = parse_number(field, value)
        if number <= 0:
            raise AnswerError(field, "web.error.positive")
        return number
    if field == "years":
        number = parse_number(field, value)
        if not 0 < number <= 20:
            raise AnswerError(field, "web.error.years")
        return number
    if field == "products":
        products = [p for p in _list(value) if p]
        unknown = [p for p in products if p not in library.products]
        if unknown:
            raise AnswerError(field, "web.error.product", value=", ".join(unknown), valid=", ".join(library.products))
        if not products:
            raise AnswerError(field, "web.error.product_none")
        return products
    if field in ("confidentiality", "integrity", "availability"):
        if str(value) not in {str(level) for level in KLASSA}:
            raise AnswerError(field, "web.error.klassa")
        return int(value)
    if field in ("framework", "life_critical"):
        if str(value).lower() not in ("true", "false", "on", ""):
            raise AnswerError(field, "web.error.yes_no")
        return str(value).lower() in ("true", "on")
    if field == "users":
        users = _list(value)
        if not set(users) <= set(USERS):
            raise AnswerError(field, "web.error.choice", valid=", ".join(USERS))
        return users
    choices = {"personal_data": PERSONAL_DATA, "data_location": DATA_LOCATIONS, "language": LANGUAGES}
    if field in choices:
        if value not in choices[field]:
            raise AnswerError(field, "web.error.choice", valid=", ".join(choices[field]))
        return value
    if field == "name":
        name = str(value or "").strip().removesuffix(".yaml")
        if not FILE_NAME.match(name):
            raise AnswerError(field, "web.error.file_name")
        return name
    raise AnswerError(field, "web.error.unknown_field")


FIELDS = ("name", "organisation", "title", "reference", "products", "value", "years", "framework", "confidentiality",
          "integrity", "availability", "personal_data", "life_critical", "users", "data_location", "language")


@dataclass
class CheckedAnswers:
    values: dict[str, Any]
    errors: dict[str, AnswerError]

    def profile_answers(self) -> ProfileAnswers:
        v = self.values
        return ProfileAnswers(
            organisation=v["organisation"], title=v["title"], reference=v["reference"], products=v["products"],
            value=v["value"], years=v["years"], framework=v["framework"],
            classification=f"{v['confidentiality']},{v['integrity']},{v['availability']}",
            personal_data=v["personal_data"], life_critical=v["life_critical"], users=v["users"],
            data_location=v["data_location"], language=v["language"])


def check_answers(form: Mapping[str, Any], library: Library) -> CheckedAnswers:
    """Every question checked; a missing yes/no or multi-choice answer counts as 'no' / 'none'."""
    values, errors = {}, {}
    for field in FIELDS:
        raw = form.get(field, "" if field in ("framework", "life_critical") else None)
        if field in ("products", "users") and raw is None:
            raw = []
        try:
            values[field] = check_answer(field, raw, library)
        except AnswerError as exc:
            errors[field] = exc
    return CheckedAnswers(values, errors)


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    if isinstance(value, Sequence):
        return [str(p).strip() for p in value if str(p).strip()]
    return []
