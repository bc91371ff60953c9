"""What the procurement's facts and award model look like in a form: the view the templates render.

The questions come from the core (procura.sizing.facts.needed_questions: the facts the chosen
requirements read), the answers are checked by procura.answers.check_facts and
procura.award.form.check_award; this module only turns them into labelled fields.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from procura.answers import ALARM_KEYS, FACT, TRAINEE_KEYS, VOLUME_KEYS, AnswerError, check_facts
from procura.award.form import PREFIX as AWARD
from procura.award.scale import max_points
from procura.errors import ProcuraError
from procura.i18n import number, t
from procura.library import Library
from procura.models import Lang, Obligation, Profile
from procura.models.requirement import ID_PATTERN
from procura.sizing.facts import needed_questions
from procura.sizing.resolve import LoadedProfile, Specification, resolve

AWARD_RULES = ("CON-004", "AWD-001", "AWD-002", "AWD-003", "AWD-004")


def field_id(name: str) -> str:
    return "f-" + name.replace(".", "-")


def _field(name: str, label: str, kind: str, values: dict, errors: dict[str, AnswerError], lang: Lang,
           hint: str | None = None, required: bool = True) -> dict[str, Any]:
    error = errors.get(name)
    return {"name": name, "id": field_id(name), "label": label, "kind": kind, "value": values.get(name, ""),
            "hint": hint, "error": error.message(lang) if error else None, "required": required}


def facts_view(questions: list[str], products: list[str], library: Library, values: dict[str, str],
               errors: dict[str, AnswerError], lang: Lang, needed_by: dict[str, list[str]] | None = None) -> list[dict]:
    """One fieldset per question: its legend, help and fields, each with its value and message."""
    out = []
    for q in questions:
        key = q.replace(".", "_")
        groups: list[dict[str, Any]] = []
        if q == "volumes":
            for p in products:
                name = library.products[p].name.get(lang) if p in library.products else p
                fields = [_field(f"{FACT}volumes.{p}.{k}", t(f"web.facts.volume_{k}", lang), "whole", values, errors, lang,
                                 required=False) for k in VOLUME_KEYS]
                error = errors.get(f"{FACT}volumes.{p}")
                groups.append({"legend": name, "id": field_id(f"{FACT}volumes.{p}"), "fields": fields,
                               "error": error.message(lang) if error else None})
        elif q == "alarms":
            groups.append({"legend": None, "id": None, "error": None, "fields": [
                _field(f"{FACT}alarms.{k}", t(f"web.facts.alarms_{k}", lang), "yesno", values, errors, lang) for k in ALARM_KEYS]})
        elif q == "trainees":
            groups.append({"legend": None, "id": None, "error": None, "fields": [
                _field(f"{FACT}trainees.{k}", t(f"web.facts.trainees_{k}", lang), "whole", values, errors, lang)
                for k in TRAINEE_KEYS]})
        elif q == "price_index":
            groups.append({"legend": None, "id": None, "error": None, "fields": [
                _field(f"{FACT}price_index.name", t("web.facts.price_index_name", lang), "text", values, errors, lang,
                       hint=t("web.facts.price_index_name_hint", lang)),
                _field(f"{FACT}price_index.base_month", t("web.facts.price_index_base_month", lang), "month", values,
                       errors, lang, hint=t("web.facts.price_index_base_month_hint", lang))]})
        else:
            groups.append({"legend": None, "id": None, "error": None, "fields": [
                _field(FACT + q, t(f"web.facts.{key}", lang), "text", values, errors, lang, hint=t(f"web.facts.{key}_hint", lang))]})
        out.append({"question": q, "legend": t(f"web.facts.{key}_legend", lang), "help": t(f"web.facts.{key}_help", lang),
                    "groups": groups, "needed_by": (needed_by or {}).get(q, [])})
    return out


def fact_errors_list(view: list[dict]) -> list[tuple[str, str, str]]:
    """(field id, label, message) of every fact field with a message, for the form's error summary."""
    found = []
    for question in view:
        for group in question["groups"]:
            if group["error"]:
                found.append((group["fields"][0]["id"], f"{question['legend']} – {group['legend']}", group["error"]))
            for f in group["fields"]:
                if f["error"]:
                    found.append((f["id"], f"{question['legend']} – {f['label']}", f["error"]))
    return found


def trial_questions(profile_data: dict, form: Any, library: Library, rounds: int = 3) -> tuple[list[str], dict]:
    """The fact questions a profile not yet written needs, given the answers so far (an answer such as
    'alarm reception is bought' can bring a question with it), and the fact entries given."""
    questions: list[str] = []
    entries: dict = {}
    for _ in range(rounds):
        data = dict(profile_data)
        data.update({k: v for k, v in entries.items() if v is not None})
        try:
            spec = resolve(LoadedProfile(Profile.model_validate(data), _NEW, ""), library)
        except (ProcuraError, ValidationError):  # an answer still wrong elsewhere in the form: no facts to work out yet
            return questions, entries
        found = needed_questions(spec)
        entries = check_facts(form, found, profile_data["products"], required=False).entries
        if found == questions:
            break
        questions = found
    return questions, entries


_NEW = Path("new-profile.yaml")  # where a profile not yet written would be (only ever shown in a message)


def needed_by(spec: Specification) -> dict[str, list[str]]:
    """question -> the requirements that lack its answer."""
    from procura.sizing.facts import question_of

    out: dict[str, list[str]] = {}
    for m in spec.missing:
        q = question_of(m.fact)
        if q and m.requirement not in out.setdefault(q, []):
            out[q].append(m.requirement)
    return out


# -- the award model --------------------------------------------------------------------------------
def award_view(spec: Specification, values: dict[str, str], errors: dict[str, AnswerError], findings: list,
               lang: Lang, finding_view, total: float | None, extra_lines: int = 2) -> dict[str, Any]:
    """The award form: the model, the price weight, one row per bör-krav (and per criterion the model
    names that is none), the price form's lines, and the award findings in place."""
    from procura.award.form import line_numbers

    model = values.get(AWARD + "model", "")
    desirable = [i for i in spec.items if i.obligation is Obligation.bor and not i.is_contract_term]
    ids = [i.id for i in desirable]
    current = spec.profile.evaluation
    named = [k for k in (current.criteria if current else {}) if k not in ids]
    named += [k.removeprefix(AWARD + "c.") for k in values if k.startswith(AWARD + "c.")
              and k.removeprefix(AWARD + "c.") not in ids + named and re.match(ID_PATTERN, k.removeprefix(AWARD + "c."))]
    by_req: dict[str, list] = {}
    general = []
    for f in findings:
        if f.rule in AWARD_RULES or (f.rule == "CON-006" and f.location.requirement in ids + named):
            (by_req.setdefault(f.location.requirement, []) if f.location.requirement else general).append(f)

    def message(name: str) -> str | None:
        return errors[name].message(lang) if name in errors else None

    rows = []
    for item in desirable:
        scoring = item.scoring(lang)
        rows.append({"id": item.id, "title": item.title(lang), "scale": f"0–{max_points(scoring)}" if scoring else None,
                     "value": values.get(f"{AWARD}c.{item.id}", ""), "unit": values.get(f"{AWARD}u.{item.id}", "sek"),
                     "error": message(f"{AWARD}c.{item.id}"), "findings": [finding_view(f, lang) for f in by_req.get(item.id, [])],
                     "in_spec": True})
    for key in named:
        rows.append({"id": key, "title": t("web.award.not_desirable", lang), "scale": None,
                     "value": values.get(f"{AWARD}c.{key}", ""), "unit": values.get(f"{AWARD}u.{key}", "sek"),
                     "error": message(f"{AWARD}c.{key}"), "findings": [finding_view(f, lang) for f in by_req.get(key, [])],
                     "in_spec": False})
    numbers = line_numbers(values)
    lines = []
    for n in numbers + list(range((max(numbers) + 1) if numbers else 0, (max(numbers) + 1 if numbers else 0) + extra_lines)):
        at = f"{AWARD}p.{n}."
        lines.append({"n": n, **{k: values.get(at + k, "") for k in ("id", "item", "unit", "quantity", "periods")},
                      "option": values.get(at + "option") in ("on", "true"),
                      "errors": {k: message(at + k) for k in ("id", "item", "unit", "quantity", "periods") if message(at + k)}})
    shown_total = None if total is None else number(total, lang)
    return {"model": model, "price": values.get(AWARD + "price", ""), "price_error": message(AWARD + "price"),
            "model_error": message(AWARD + "model"), "rows": rows, "lines": lines, "total": shown_total,
            "total_ok": total is not None and abs(total - 100) <= 1e-6,
            "general": [finding_view(f, lang) for f in general],
            "count": sum(len(v) for v in by_req.values()) + len(general)}
