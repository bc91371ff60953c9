"""The award model as an officer states it in a form (the procurement page of ``procura serve``):
numbers in Swedish or English notation, each problem at its field, and the model the profile stores.

Fields: ``award.model``; ``award.price`` (the price weight); per bör-krav ID ``award.c.ID`` (its
weight, or its deduction) and ``award.u.ID`` (``sek`` or ``pct``, price_deduction only); per
price-form line N ``award.p.N.id|item|unit|quantity|periods|option``. An empty criterion is no
criterion; an empty price-form line is no line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import ValidationError

from procura.answers import AnswerError, parse_number
from procura.award.model import AwardModel, Model, PriceLine

PREFIX = "award."
LINE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
MAX_LINES = 60
MODELS: tuple[str, ...] = get_args(Model)


@dataclass
class CheckedAward:
    model: AwardModel | None  # None: no award model (or one that cannot be used, see errors)
    data: dict[str, Any] | None  # what the profile's ``evaluation:`` is set to
    errors: dict[str, AnswerError]
    total: float | None  # price_quality: the sum of the weights given so far


def line_numbers(form: Mapping[str, Any]) -> list[int]:
    found = {int(m.group(1)) for k in form.keys() if (m := re.match(r"^award\.p\.(\d{1,3})\.", k))}
    return sorted(n for n in found if n < MAX_LINES)


def check_award(form: Mapping[str, Any], criteria: Sequence[str], current: AwardModel | None = None,
                lang: str = "sv") -> CheckedAward:
    """The award model the form states. ``criteria``: the IDs offered a weight or deduction (the
    bör-krav of the specification, and any the current model already names)."""
    def get(name: str) -> str:
        value = form.get(PREFIX + name)
        return value.strip() if isinstance(value, str) else ""

    errors: dict[str, AnswerError] = {}

    def number(name: str, low: float = 0, high: float | None = None, above: bool = False) -> float | None:
        text = get(name)
        if not text:
            return None
        try:
            value = parse_number(PREFIX + name, text.replace("%", "").replace("−", "-"))
        except AnswerError as exc:
            errors[PREFIX + name] = exc
            return None
        if (value <= low if above else value < low) or (high is not None and value > high):
            key = "web.error.positive" if above else "web.award.range" if high is not None else "web.award.not_negative"
            errors[PREFIX + name] = AnswerError(PREFIX + name, key, high=f"{high:g}".replace(".", ",") if high else "")
            return None
        return value

    model = get("model")
    if model == "":
        return CheckedAward(None, None, errors, None)
    if model not in MODELS:
        errors[PREFIX + "model"] = AnswerError(PREFIX + "model", "web.error.choice", valid=", ".join(MODELS))
        return CheckedAward(None, None, errors, None)
    data: dict[str, Any] = {"model": model}
    chosen: dict[str, Any] = {}
    total = None
    if model == "price_quality":
        price = number("price", 0, 100)
        data["price"] = 0 if price is None else int(price) if price == int(price) else price
        for key in criteria:
            weight = number(f"c.{key}", 0, 100)
            if weight is not None:
                chosen[key] = int(weight) if weight == int(weight) else weight
        if not any(k.startswith(PREFIX + "c.") or k == PREFIX + "price" for k in errors):
            total = (price or 0) + sum(chosen.values())
    elif model == "price_deduction":
        for key in criteria:
            unit = get(f"u.{key}") or "sek"
            if unit not in ("sek", "pct"):
                errors[f"{PREFIX}u.{key}"] = AnswerError(f"{PREFIX}u.{key}", "web.error.choice", valid="sek, pct")
                continue
            amount = number(f"c.{key}", 0, 99.99 if unit == "pct" else None)
            if amount is not None:
                chosen[key] = {"deduction_pct" if unit == "pct" else "deduction_sek": amount}
    if chosen:
        data["criteria"] = chosen
    lines, seen = [], set()
    previous = {line.id: line for line in current.price_form} if current else {}
    for n in line_numbers(form):
        at = f"p.{n}."
        texts = {k: get(at + k) for k in ("id", "item", "unit", "quantity", "periods")}
        if not any(texts.values()):
            continue
        line: dict[str, Any] = {}
        if not LINE_ID.match(texts["id"]):
            errors[PREFIX + at + "id"] = AnswerError(PREFIX + at + "id", "web.award.bad_line_id")
        elif texts["id"] in seen:
            errors[PREFIX + at + "id"] = AnswerError(PREFIX + at + "id", "web.award.line_twice", id=texts["id"])
        seen.add(texts["id"])
        line["id"] = texts["id"]
        if not texts["item"]:
            errors[PREFIX + at + "item"] = AnswerError(PREFIX + at + "item", "web.error.required")
        old = previous.get(texts["id"])
        line["item"] = old.item if old is not None and old.label(lang) == texts["item"] else texts["item"][:300]
        if texts["unit"]:
            if len(texts["unit"]) > 40:
                errors[PREFIX + at + "unit"] = AnswerError(PREFIX + at + "unit", "web.error.too_long", limit=40)
            line["unit"] = texts["unit"]
        if not texts["quantity"]:
            errors[PREFIX + at + "quantity"] = AnswerError(PREFIX + at + "quantity", "web.error.required")
        quantity = number(at + "quantity", 0, 1e9, above=True)
        periods = number(at + "periods", 0, 1e4, above=True)
        if quantity is not None:
            line["quantity"] = int(quantity) if quantity == int(quantity) else quantity
        if periods is not None:
            line["periods"] = int(periods) if periods == int(periods) else periods
        if form.get(PREFIX + at + "option") in ("on", "true"):
            line["option"] = True
        lines.append(line)
    if lines:
        data["price_form"] = lines
    if errors:
        return CheckedAward(None, data, errors, total)
    try:
        award = AwardModel.model_validate(data)
    except ValidationError as exc:
        detail = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        errors[PREFIX + "model"] = AnswerError(PREFIX + "model", "web.award.invalid", detail=detail)
        return CheckedAward(None, data, errors, total)
    return CheckedAward(award, data, errors, total)


def award_values(award: AwardModel | None, lang: str) -> dict[str, str]:
    """A profile's award model as the form shows it."""
    if award is None:
        return {PREFIX + "model": ""}
    out = {PREFIX + "model": award.model}
    if award.model == "price_quality":
        out[PREFIX + "price"] = _num(award.price or 0)
    for key, c in award.criteria.items():
        if award.model == "price_quality":
            out[f"{PREFIX}c.{key}"] = _num(c.weight or 0)
        else:
            out[f"{PREFIX}c.{key}"] = _num(c.deduction_pct if c.deduction_pct is not None else c.deduction_sek or 0)
            out[f"{PREFIX}u.{key}"] = "pct" if c.deduction_pct is not None else "sek"
    for n, line in enumerate(award.price_form):
        out.update(_line(n, line, lang))
    return out


def _line(n: int, line: PriceLine, lang: str) -> dict[str, str]:
    at = f"{PREFIX}p.{n}."
    out = {at + "id": line.id, at + "item": line.label(lang), at + "unit": line.unit, at + "quantity": _num(line.quantity),
           at + "periods": _num(line.periods)}
    if line.option:
        out[at + "option"] = "on"
    return out


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")
