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


# -- the profile facts (docs/library.md, "Profile facts"), asked as the chosen requirements need them --
VOLUME_KEYS = ("individuals", "devices", "staff_users", "concurrent_users")
ALARM_KEYS = ("stationary", "mobile", "reception")
TRAINEE_KEYS = ("administrators", "super_users")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
FACT = "fact."  # the prefix of every fact field in a form


def fact_inputs(question: str, products: Sequence[str]) -> list[str]:
    """The form fields of one fact question (procura.sizing.facts.QUESTIONS)."""
    if question == "volumes":
        return [f"{FACT}volumes.{p}.{k}" for p in products for k in VOLUME_KEYS]
    if question == "alarms":
        return [f"{FACT}alarms.{k}" for k in ALARM_KEYS]
    if question == "trainees":
        return [f"{FACT}trainees.{k}" for k in TRAINEE_KEYS]
    if question == "price_index":
        return [f"{FACT}price_index.name", f"{FACT}price_index.base_month"]
    return [FACT + question]


def fact_values(profile: Any) -> dict[str, str]:
    """The facts a profile gives, as a form shows them."""
    out: dict[str, str] = {}
    for product, volumes in profile.volumes.items():
        for key in VOLUME_KEYS:
            if getattr(volumes, key) is not None:
                out[f"{FACT}volumes.{product}.{key}"] = str(getattr(volumes, key))
    if profile.systems.care_record:
        out[f"{FACT}systems.care_record"] = profile.systems.care_record
    if profile.alarms is not None:
        out.update({f"{FACT}alarms.{k}": str(getattr(profile.alarms, k)).lower() for k in ALARM_KEYS})
    if profile.languages:
        out[f"{FACT}languages"] = ", ".join(profile.languages)
    if profile.trainees is not None:
        out.update({f"{FACT}trainees.{k}": str(getattr(profile.trainees, k)) for k in TRAINEE_KEYS})
    if profile.price_index is not None:
        out[f"{FACT}price_index.name"] = profile.price_index.name
        out[f"{FACT}price_index.base_month"] = profile.price_index.base_month
    for key in ("dpa", "risk_assessment"):
        if getattr(profile.annexes, key):
            out[f"{FACT}annexes.{key}"] = getattr(profile.annexes, key)
    return out


@dataclass
class CheckedFacts:
    entries: dict[str, Any]  # top-level profile key -> its new value (None: remove the key)
    errors: dict[str, AnswerError]  # form field -> what to write instead
    unanswered: list[str]  # questions left empty


def _whole(field: str, text: str) -> int:
    number = parse_number(field, text)
    if number != int(number):
        raise AnswerError(field, "web.error.whole")
    return int(number)


def _text(field: str, text: str) -> str:
    if len(text) > 300:
        raise AnswerError(field, "web.error.too_long", limit=300)
    return text


def check_facts(form: Mapping[str, Any], questions: Sequence[str], products: Sequence[str], current: Any = None,
                required: bool = True) -> CheckedFacts:
    """The answers to the fact ``questions`` as profile entries, merged into the ``current`` profile's.

    ``required``: an unanswered question is an error at its field (a new procurement must build);
    otherwise it is left out of the profile, where build and check report it."""
    def get(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    entries: dict[str, Any] = {}
    errors: dict[str, AnswerError] = {}
    unanswered: list[str] = []

    def attempt(field: str, parse, text: str) -> Any:
        try:
            return parse(field, text)
        except AnswerError as exc:
            errors[field] = exc
            return None

    def group(question: str, keys: Sequence[str], parse) -> dict | None:
        """All the keys of a question answered, or none (None); some answered: an error at each empty one."""
        texts = {k: get(f"{FACT}{question}.{k}") for k in keys}
        if not any(texts.values()):
            unanswered.append(question)
            if required:
                for k in keys:
                    errors[f"{FACT}{question}.{k}"] = AnswerError(f"{FACT}{question}.{k}", "web.error.required")
            return None
        for k, text in texts.items():
            if not text:
                errors[f"{FACT}{question}.{k}"] = AnswerError(f"{FACT}{question}.{k}", "web.error.required")
        values = {k: attempt(f"{FACT}{question}.{k}", parse, text) for k, text in texts.items() if text}
        return values if len(values) == len(keys) and None not in values.values() else None

    for question in questions:
        if question == "volumes":
            volumes = {p: v.model_dump(exclude_none=True) for p, v in current.volumes.items()} if current else {}
            for product in products:
                texts = {k: get(f"{FACT}volumes.{product}.{k}") for k in VOLUME_KEYS}
                given = {k: attempt(f"{FACT}volumes.{product}.{k}", _whole, text) for k, text in texts.items() if text}
                if not given:
                    volumes.pop(product, None)
                    unanswered.append(question)
                    if required:
                        errors[f"{FACT}volumes.{product}"] = AnswerError(f"{FACT}volumes.{product}", "web.error.volumes")
                elif None not in given.values():
                    volumes[product] = given
            entries["volumes"] = volumes or None
        elif question == "alarms":
            def yes_no(field: str, text: str) -> bool:
                if text not in ("true", "false"):
                    raise AnswerError(field, "web.error.yes_no")
                return text == "true"
            entries["alarms"] = group("alarms", ALARM_KEYS, yes_no)
        elif question == "trainees":
            entries["trainees"] = group("trainees", TRAINEE_KEYS, _whole)
        elif question == "price_index":
            def month(field: str, text: str) -> str:
                if not _MONTH.match(text):
                    raise AnswerError(field, "web.error.month")
                return text
            entries["price_index"] = group("price_index", ("name", "base_month"),
                                           lambda f, text: month(f, text) if f.endswith("base_month") else _text(f, text))
        elif question == "languages":
            text = get(f"{FACT}languages")
            names = [x.strip() for x in text.split(",") if x.strip()] if attempt(f"{FACT}languages", _text, text) else []
            if not names:
                unanswered.append(question)
                if required and f"{FACT}languages" not in errors:
                    errors[f"{FACT}languages"] = AnswerError(f"{FACT}languages", "web.error.required")
            entries["languages"] = names or None
        else:  # systems.care_record, annexes.dpa, annexes.risk_assessment
            key, sub = question.split(".")
            base = entries.get(key)
            if base is None:
                base = getattr(current, key).model_dump(exclude_none=True) if current else {}
            text = get(FACT + question)
            value = attempt(FACT + question, _text, text) if text else None
            if not text:
                unanswered.append(question)
                if required:
                    errors[FACT + question] = AnswerError(FACT + question, "web.error.required")
            if value:
                base[sub] = value
            else:
                base.pop(sub, None)
            entries[key] = base or None
    return CheckedFacts(entries, errors, list(dict.fromkeys(unanswered)))
