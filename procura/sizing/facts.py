"""Profile facts a requirement's text needs ({{profile.NAME}}), written as each language writes them.

A fact the profile does not give is *missing*: the build names it with the requirement that needs
it and writes nothing (``--draft`` writes the document with the gap marked); ``procura check``
reports it. The placeholders are listed in docs/library.md, section "Profile facts".
"""

from __future__ import annotations

from dataclasses import dataclass

from procura.errors import InputError
from procura.i18n import listing, lower_name, number, t
from procura.models import Lang, Profile, Text
from procura.models.condition import facts_used
from procura.models.requirement import PROFILE_PLACEHOLDER, Requirement

# fact -> the profile field the officer fills in (shown in messages and draft markers)
FIELDS: dict[str, str] = {
    "volumes": "volumes",
    "care_record_system": "systems.care_record",
    "trainees": "trainees",
    "languages": "languages",
    "price_index": "price_index.name",
    "base_month": "price_index.base_month",
    "turnover_amount": "estimated_value_sek",
    "estimated_value": "estimated_value_sek",
    "data_location": "hosting.data_location",
    "dpa_annex": "annexes.dpa",
    "risk_assessment_annex": "annexes.risk_assessment",
    "stationary_alarms": "alarms.stationary",
    "mobile_alarms": "alarms.mobile",
    "alarm_reception": "alarms.reception",
}

VOLUME_KEYS = ("individuals", "devices", "staff_users", "concurrent_users")


@dataclass(frozen=True)
class MissingFact:
    requirement: str
    fact: str

    @property
    def field(self) -> str:
        return FIELDS.get(self.fact, self.fact)


def _counted(n: int, key: str, lang: Lang) -> str:
    form = "one" if n == 1 else "other"
    return f"{number(n, lang)} {t(f'{key}.{form}', lang)}"


def text_fact(name: str, profile: Profile, parameters: dict[str, float], product_names: dict[str, Text],
              lang: Lang) -> str | None:
    """The fact as the document prints it in ``lang``, or None when the profile does not give it."""
    if name == "volumes":
        parts = []
        for product in profile.products:
            volumes = profile.volumes.get(product)
            if volumes is None:
                return None
            counts = [_counted(getattr(volumes, key), f"volume.{key}", lang) for key in VOLUME_KEYS
                      if getattr(volumes, key) is not None]
            parts.append((product, listing(counts, lang)))
        if len(parts) == 1:
            return parts[0][1]
        return "; ".join(t("volume.for_product", lang, product=lower_name(product_names[p].get(lang)) if p in product_names
                           else p, volumes=v) for p, v in parts)
    if name == "care_record_system":
        return profile.systems.care_record
    if name == "trainees":
        if profile.trainees is None:
            return None
        return listing([_counted(profile.trainees.administrators, "trainee.administrators", lang),
                        _counted(profile.trainees.super_users, "trainee.super_users", lang)], lang)
    if name == "languages":
        return listing([language_name(x, lang) for x in profile.languages], lang) if profile.languages else None
    if name == "price_index":
        return profile.price_index.name if profile.price_index else None
    if name == "base_month":
        if profile.price_index is None:
            return None
        year, month = profile.price_index.base_month.split("-")
        return f"{t(f'month.{int(month)}', lang)} {year}"
    if name == "turnover_amount":
        share = parameters.get("turnover_share_pct")
        if share is None:
            return None
        amount = round(profile.estimated_value_sek * share / 100, -3)  # to the nearest thousand kronor
        return f"{number(amount, lang)} {t('unit.sek.other', lang)}"
    if name == "estimated_value":
        return f"{number(profile.estimated_value_sek, lang)} {t('unit.sek.other', lang)}"
    if name == "data_location":
        location = profile.hosting.data_location
        return None if location == "any" else t(f"value.{location}", lang)
    if name == "dpa_annex":
        return profile.annexes.dpa
    if name == "risk_assessment_annex":
        return profile.annexes.risk_assessment
    raise KeyError(name)  # the requirement model admits only the names above


def language_name(given: str, lang: Lang) -> str:
    """A language the profile names ("fi", "finska", "Finnish") as ``lang`` writes it; unknown names as given."""
    from procura.i18n import catalogue

    key = given.strip().lower()
    codes = {k.split(".", 1)[1] for k in catalogue("sv") if k.startswith("language_name.")}
    for code in codes:
        if key in (code, t(f"language_name.{code}", "sv").lower(), t(f"language_name.{code}", "en").lower()):
            return t(f"language_name.{code}", lang)
    return given


def fill_facts(raw: str, values: dict[str, str | None], lang: Lang) -> str:
    """``raw`` with every {{profile.NAME}} replaced by its value, or a visible marker where it is missing."""
    def fill(match) -> str:
        value = values.get(match.group(1))
        if value is None:
            return t("draft.missing", lang, field=FIELDS.get(match.group(1), match.group(1)))
        return value

    return PROFILE_PLACEHOLDER.sub(fill, raw)


def item_facts(req: Requirement, level, profile: Profile, parameters: dict[str, float],
               product_names: dict[str, Text]) -> dict[str, Text | None]:
    """The text facts the requirement's chosen level needs, in both languages (None: missing)."""
    out: dict[str, Text | None] = {}
    for name in req.profile_facts(level):
        sv = text_fact(name, profile, parameters, product_names, "sv")
        en = text_fact(name, profile, parameters, product_names, "en")
        out[name] = None if sv is None or en is None else Text(sv=sv, en=en)
    return out


def missing_condition_facts(req: Requirement, facts: dict) -> list[str]:
    """Facts the requirement's conditions read that the profile does not give."""
    conditions = [req.applies_when] + [spec.when for spec in req.levels.values()]
    used = [f for c in conditions if c is not None for f in facts_used(c)]
    return [f for f in dict.fromkeys(used) if facts.get(f) is None]


def missing_fact_errors(missing: list[MissingFact], where: str) -> list[InputError]:
    """One error per missing profile field, naming the requirements that need it and what to do."""
    by_field: dict[str, list[str]] = {}
    for m in missing:
        ids = by_field.setdefault(m.field.split(".")[0] if m.field.startswith("price_index") else m.field, [])
        if m.requirement not in ids:
            ids.append(m.requirement)
    return [InputError(f"the profile lacks `{field}`, which {', '.join(ids)} {'needs' if len(ids) == 1 else 'need'}", where,
                       f"add `{field}` to the profile (docs/library.md, Profile facts), exclude the requirement with "
                       f"`choices: {{{ids[0]}: {{include: false}}}}`, or build a marked draft with --draft")
            for field, ids in by_field.items()]


# The questions an officer answers for the facts, one per profile entry, in the order a form asks
# them. estimated_value_sek and hosting.data_location are asked with the procurement itself.
QUESTIONS = ("volumes", "systems.care_record", "alarms", "languages", "trainees", "price_index", "annexes.dpa",
             "annexes.risk_assessment")
CONDITION_FACTS = ("stationary_alarms", "mobile_alarms", "alarm_reception")  # facts a profile may leave unsaid


def question_of(fact: str) -> str | None:
    """The question that gives ``fact`` (``alarm_reception`` -> ``alarms``), or None when it is asked elsewhere."""
    name = FIELDS.get(fact, fact)
    if name.startswith(("alarms.", "price_index.")):
        name = name.split(".")[0]
    return name if name in QUESTIONS else None


def needed_questions(spec) -> list[str]:
    """The fact questions the specification's requirements read, answered or not, in QUESTIONS order.

    A fact counts when a chosen requirement's text needs it, when a requirement of the chosen product
    areas has a condition on it, or when a requirement left out for want of a condition fact would need
    it once that fact is given (so a form asks for everything at once)."""
    profile = spec.profile
    facts: set[str] = {m.fact for m in spec.missing}
    for item in spec.items:
        facts.update(item.facts)
    waiting = {m.requirement for m in spec.missing if m.fact in CONDITION_FACTS}
    for loaded in spec.library.requirements.values():
        req = loaded.requirement
        choice = profile.choices.get(req.id)
        if (req.products and not set(req.products) & set(profile.products)) or (choice is not None and choice.include is False):
            continue
        conditions = [req.applies_when] + [level.when for level in req.levels.values()]
        facts.update(f for c in conditions if c is not None for f in facts_used(c) if f in CONDITION_FACTS)
        if req.id in waiting:
            for level in req.levels:
                facts.update(req.profile_facts(level))
    asked = {question_of(f) for f in facts}
    return [q for q in QUESTIONS if q in asked]
