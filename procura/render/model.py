"""The document model: a specification resolved into plain, language-specific data.

Every renderer (Word, Markdown, JSON, spreadsheets) reads this one structure, so the three
outputs of a build say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from procura import __version__
from procura.award.model import AwardModel, Criterion
from procura.award.scale import max_points
from procura.i18n import listing, number, t
from procura.models import Lang
from procura.sizing import Item, Specification
from procura.sizing.describe import value_text


def stages_text(stages: list, lang: Lang) -> str:
    names = [t(f"stage.{s.value}", lang) for s in stages]
    joiner = f" {t('op.all', lang)} "  # "och" / "and"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def pack_credit(item: Item, spec: Specification) -> dict[str, str] | None:
    """Publisher, pack and version of a requirement a pack supplied or changed."""
    loaded = spec.library.requirements.get(item.id) if item.origin != "own" else None
    if loaded is None or loaded.pack is None:
        return None
    return {"name": loaded.pack, "version": loaded.version, "publisher": loaded.publisher}


def origin_text(item: Item, spec: Specification, lang: Lang) -> str:
    credit = pack_credit(item, spec)
    if credit is None:
        return item.origin
    loaded = spec.library.requirements[item.id]
    key = "pack.origin_override" if loaded.overrides else "pack.origin"
    return t(key, lang, pack=credit["name"], version=credit["version"], publisher=credit["publisher"])


def item_model(item: Item, spec: Specification, lang: Lang) -> dict[str, Any]:
    req = item.requirement
    params = []
    if req is not None:
        from procura.sizing.resolve import format_parameter

        for p in req.parameters:
            params.append({"name": p.name, "label": p.label.get(lang), "value": item.parameters[p.name],
                           "text": format_parameter(p, item.parameters[p.name], lang), "stricter": p.stricter})
    return {
        "id": item.id,
        "title": item.title(lang),
        "category": item.category,
        "level": item.level.value,
        "level_name": t(f"level.{item.level.value}", lang),
        "needed_level": item.needed_level.value,
        "obligation": item.obligation.value,
        "obligation_name": t(f"obligation.{item.obligation.value}", lang),
        "role": item.role.value,
        "role_name": t(f"role.{item.role.value}", lang),
        # a contract term is accepted as a whole, not a ska-krav: its line names no obligation
        "meta": " · ".join(([] if item.is_contract_term else [t(f"obligation.{item.obligation.value}", lang)])
                           + [t(f"role.{item.role.value}", lang), t(f"level.{item.level.value}", lang)]),
        "text": item.text(lang),
        "motive": item.motive(lang),
        "verification": item.verification(lang),
        "stages": [s.value for s in item.stages],
        "verification_when": t("doc.verification_when", lang, stages=stages_text(item.stages, lang)),
        "sources": [{"citation": s.citation, "url": str(s.url)} for s in item.sources],
        "parameters": params,
        "scoring": item.scoring(lang),
        "scale": max_points(item.scoring(lang)),  # the points a bör-krav can earn (1: Ja/Nej)
        "origin": origin_text(item, spec, lang),
        "pack": pack_credit(item, spec),
        "reasons": [r.get(lang) for r in item.reasons],
        "stricter": [r.get(lang) for r in item.stricter],
        "justification": item.justification,
        "accepted": list(item.accepted),
    }


def document_model(spec: Specification, lang: Lang, today: dt.date | None = None,
                   sections: dict[str, str] | None = None) -> dict[str, Any]:
    """``sections``: the officer's own chapters (Markdown text by section name), read by the caller."""
    p = spec.profile
    date = p.date or today or dt.date.today()
    categories = []
    for slug, items in spec.by_category(contract_terms=False):
        cat = spec.library.categories.get(slug)
        categories.append({
            "slug": slug,
            "name": cat.name.get(lang) if cat else t("doc.own_category", lang),
            "description": cat.description.get(lang) if cat else "",
            "requirements": [item_model(i, spec, lang) for i in items],
        })
    c = p.classification
    facts = [
        (t("doc.facts_products", lang), listing([spec.library.products[x].name.get(lang) for x in p.products if x in spec.library.products], lang)),
        (t("doc.facts_value", lang), f"{number(p.estimated_value_sek, lang)} {t('doc.sek', lang)}"),
        (t("doc.facts_contract", lang), f"{number(p.contract.years, lang)} {t('doc.years', lang)}"
         + (f" ({t('doc.framework_yes', lang)})" if p.contract.framework else "")),
        (t("doc.facts_classification", lang), f"K{c.confidentiality} R{c.integrity} T{c.availability}" if lang == "sv"
         else f"C{c.confidentiality} I{c.integrity} A{c.availability}"),
        (t("doc.facts_personal", lang), value_text(p.personal_data, lang)),
        (t("doc.facts_life", lang), value_text(p.life_critical, lang)),
        (t("doc.facts_users", lang), listing([value_text(u, lang) for u in p.users], lang) if p.users else "–"),
    ]
    requirements = [r for cat in categories for r in cat["requirements"]]
    contract_terms = [item_model(i, spec, lang) for _, items in spec.by_category(contract_terms=True) for i in items]
    everything = requirements + contract_terms
    own_sections = [{"name": name, "heading": t(f"doc.section_{name}", lang), "markdown": text,
                     # for the Markdown output: the officer's "#" sits below the chapter's "##"; no raw HTML
                     "markdown_nested": _nest(text)}
                    for name, text in (sections or {}).items()]
    return {
        "lang": lang,
        "generator": f"procura {__version__}",
        "organisation": p.organisation,
        "title": p.title,
        "reference": p.reference,
        "version": p.version,
        "date": date.isoformat(),
        "facts": [{"label": k, "value": v} for k, v in facts],
        "intro": t("doc.intro_text", lang, title=p.title, organisation=p.organisation),
        "categories": categories,
        "requirements": requirements,  # what suppliers answer one by one (the matrix rows)
        "contract_terms": contract_terms,  # särskilda kontraktsvillkor, accepted as a whole
        "all_items": everything,
        "award": award_model(spec, lang, {r["id"]: r for r in requirements}),
        "sections": own_sections,
        "show_motive": p.document.motive,
        "show_sources": p.document.sources,
        "draft": bool(spec.missing),
        "missing": [{"requirement": m.requirement, "field": m.field} for m in spec.missing],
        "justified": [r for r in everything if r["stricter"] or r["justification"]],
        "excluded": [{"id": e.id, "title": spec.library.get(e.id).title.get(lang), "reasons": [r.get(lang) for r in e.reasons]}
                     for e in spec.excluded],
        "counts": {
            "requirements": len(requirements),
            "ska": sum(r["obligation"] == "ska" for r in requirements),
            "bor": sum(r["obligation"] == "bor" for r in requirements),
            "contract_terms": len(contract_terms),
        },
        "t": {k.split(".", 1)[1]: v for k, v in _doc_strings(lang).items()},
    }


def _doc_strings(lang: Lang) -> dict[str, str]:
    from procura.i18n import catalogue

    return {k: v for k, v in catalogue(lang).items() if k.startswith("doc.")}


def _nest(markdown: str) -> str:
    """The officer's Markdown below the chapter's "##": its highest heading becomes "###"; no raw HTML."""
    levels = [len(m.group(1)) for m in re.finditer(r"(?m)^(#{1,6}) ", markdown)]
    shift = 3 - min(levels, default=3)
    nested = re.sub(r"(?m)^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + shift) + " ", markdown)
    return nested.replace("<", "&lt;")


def criterion_value(model: AwardModel, criterion: Criterion, lang: Lang) -> str:
    """What a criterion is worth, as the documents state it: "10 av 100", "50 000 kr" or "3 procent av anbudspriset"."""
    if model.model == "price_quality":
        return t("doc.award_weight_value", lang, weight=number(criterion.weight or 0, lang))
    if criterion.deduction_sek is not None:
        return t("doc.award_deduction_sek", lang, amount=f"{number(criterion.deduction_sek, lang)} {t('doc.sek', lang)}")
    return t("doc.award_deduction_pct", lang, pct=number(criterion.deduction_pct or 0, lang))


def award_model(spec: Specification, lang: Lang, requirements: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The award model as the specification prints it (section "Utvärdering och tilldelning")."""
    model = spec.profile.evaluation
    if model is None:
        return None
    criteria = []
    for key, c in model.criteria.items():
        r = requirements.get(key)
        value = criterion_value(model, c, lang)
        scale = r["scale"] if r else 1
        criteria.append({"id": key, "title": r["title"] if r else key, "value": value, "scale": scale,
                         "scale_text": (t("doc.award_scale_graded", lang, max=scale) if scale > 1
                                        else t("doc.award_scale_yes_no", lang)),
                         "scoring": (r["scoring"] if r and r["scoring"] else t("doc.award_scoring_default", lang))})
    lines = [{"id": line.id, "item": line.label(lang), "unit": line.unit_label(lang), "quantity": number(line.quantity, lang),
              "periods": number(line.periods, lang), "option": line.option,
              "quantity_value": line.quantity, "periods_value": line.periods} for line in model.price_form]
    return {
        "model": model.model,
        "ground": t(f"doc.award_ground_{model.model}", lang, price=number(model.price or 0, lang)),
        "price_weight": number(model.price or 0, lang) if model.model == "price_quality" and model.price else None,
        "price_points": t("doc.award_price_points", lang, price=number(model.price or 0, lang))
        if model.model == "price_quality" and model.price else None,
        "criteria": criteria,
        "price_form": lines,
        "comparison": t(f"doc.award_comparison_{model.model}", lang),
        "method": t("doc.award_quality_points" if model.model == "price_quality" else "doc.award_deduction_points", lang)
        if model.criteria else None,
    }
