"""The four checklists, derived from the profile and the right-sized specification.

Each builder returns a :class:`Checklist` in one language. Every process step says why it
applies to *this* procurement and cites where that is stated (see :mod:`procura.checklists.sources`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from procura import __version__
from procura.award.model import AwardModel
from procura.award.scale import max_points
from procura.checklists import sources as src
from procura.checklists.model import KINDS, Checklist, Entry, Field, Section
from procura.checklists.sources import SourceRef
from procura.errors import InputError
from procura.i18n import catalogue, listing, number, t
from procura.models import Lang, Obligation, Role, Stage
from procura.render.model import criterion_value, document_model, stages_text
from procura.sizing import Item, Specification
from procura.sizing.describe import value_text


def ordered(spec: Specification) -> list[Item]:
    """The requirements in document order (by category), as the specification and the matrix list them."""
    return [item for _, items in spec.by_category() for item in items]


def _labels(lang: Lang) -> dict[str, str]:
    return {k.split(".", 2)[2]: v for k, v in catalogue(lang).items() if k.startswith("checklist.label.")}


def _classification(spec: Specification, lang: Lang) -> str:
    c = spec.profile.classification
    letters = ("K", "R", "T") if lang == "sv" else ("C", "I", "A")
    return " ".join(f"{x}{v}" for x, v in zip(letters, (c.confidentiality, c.integrity, c.availability), strict=True))


def _frame(spec: Specification, kind: str, lang: Lang, sections: list[Section], today: dt.date | None) -> Checklist:
    p = spec.profile
    model = document_model(spec, lang, today)
    return Checklist(
        kind=kind, lang=lang, title=t(f"checklist.kinds.{kind}", lang), subtitle=p.title, organisation=p.organisation,
        reference=p.reference, date=model["date"], generator=f"procura {__version__}",
        intro=t(f"checklist.intro.{kind}", lang), facts=[Field(f["label"], f["value"]) for f in model["facts"]],
        sections=sections, labels=_labels(lang) | {"reference": t("doc.reference", lang), "organisation": t("doc.organisation", lang),
                                                   "date": t("doc.date", lang), "page": t("doc.page", lang), "of": t("doc.of", lang)},
    )


# -- process ----------------------------------------------------------------------------------

def _step(n: int, key: str, lang: Lang, why: str, sources: list[SourceRef], how: str | None = None) -> Entry:
    label = _labels(lang)
    return Entry(id=f"P{n:02d}", title=t(f"checklist.step.{key}.title", lang),
                 fields=[Field(label["why"], why), Field(label["how"], how or t(f"checklist.step.{key}.how", lang))],
                 sources=sources, check=t("checklist.check.done", lang))


def _at(stage: Stage, items: list[Item]) -> list[Item]:
    return [i for i in items if stage in i.stages]


def process(spec: Specification, lang: Lang) -> list[Section]:
    p = spec.profile
    items = spec.items
    steps: list[tuple[str, str, list[SourceRef]]] = []  # (key, why, sources)
    if p.users:
        steps.append(("needs", t("checklist.step.needs.why", lang, users=listing([value_text(u, lang) for u in p.users], lang)), [src.LOU_9_2]))
    steps.append(("klassa", t("checklist.step.klassa.why", lang, classification=_classification(spec, lang)),
                  [src.KLASSA_GUIDE, src.KLASSA_REQS]))
    dpia = []
    if p.personal_data == "sensitive":
        dpia.append(t("checklist.step.dpia.why_sensitive", lang))
    if "trygghetskamera" in p.products:
        dpia.append(t("checklist.step.dpia.why_camera", lang))
    if dpia:
        steps.append(("dpia", " ".join(dpia), [src.GDPR_9_35]))
    steps.append(("dialogue", t("checklist.step.dialogue.why", lang), [src.SKR_WELFARE_TECH]))
    ska = sum(i.obligation is Obligation.ska and not i.is_contract_term for i in items)
    steps.append(("proportionality", t("checklist.step.proportionality.why", lang, ska=ska, total=len(items)),
                  [src.HFD_2016_37, src.LOU_4_1]))
    qualification = sum(i.role is Role.kvalificeringskrav for i in items)
    steps.append(("espd", t("checklist.step.espd.why", lang, qualification=qualification), [src.ESPD]))
    if p.evaluation is None:
        weights = t("checklist.no_weights", lang)
    elif p.evaluation.model == "price_deduction":
        weights = t("checklist.step.evaluation.deductions", lang, count=len(p.evaluation.criteria))
    elif p.evaluation.model == "lowest_price":
        weights = t("checklist.step.evaluation.lowest_price", lang)
    else:
        weights = t("checklist.step.evaluation.weights", lang, count=len(p.evaluation.criteria) + bool(p.evaluation.price))
    steps.append(("evaluation", t("checklist.step.evaluation.why", lang, weights=weights), [src.HFD_2016_37]))
    steps.append(("standstill", t("checklist.step.standstill.why", lang), [src.STANDSTILL]))
    if p.personal_data != "none":
        steps.append(("dpa", t("checklist.step.dpa.why", lang, personal=value_text(p.personal_data, lang)), [src.GDPR_28]))
        if p.hosting.data_location == "any":
            steps.append(("transfer", t("checklist.step.transfer.why", lang), [src.GDPR_CH5, src.ESAM_CLOUD]))
    steps.append(("supply_chain", t("checklist.step.supply_chain.why", lang, classification=_classification(spec, lang)),
                  [src.CYBERSECURITY_ACT]))
    if "residents" in p.users:
        steps.append(("accessibility_statement", t("checklist.step.accessibility_statement.why", lang), [src.DOS_ACT]))
    why = t("checklist.step.introduction.why", lang, count=len(_at(Stage.leverans, items)))
    if p.life_critical:
        why += " " + t("checklist.step.introduction.why_life", lang)
    steps.append(("introduction", why, [src.SKR_REQUIREMENTS]))
    steps.append(("followup", t("checklist.step.followup.why", lang, count=len(_followed_up(items)),
                                years=number(p.contract.years, lang)), [src.UHM_OWN_REQUIREMENTS, src.SKR_REQUIREMENTS]))
    entries = [_step(n, key, lang, why, sources) for n, (key, why, sources) in enumerate(steps, 1)]
    return [Section(t("checklist.heading.steps", lang), entries)]


# -- evaluation -------------------------------------------------------------------------------

def evidence(item: Item, lang: Lang) -> str:
    """Where in the tender the evidence for ``item`` is expected."""
    if item.role is Role.kvalificeringskrav:
        return t("checklist.evidence.qualification", lang)
    if Stage.anbud in item.stages:
        return t("checklist.evidence.tender", lang, id=item.id)
    return t("checklist.evidence.commitment", lang, id=item.id, stages=stages_text(item.stages, lang))


def _meta(item: Item, lang: Lang) -> str:
    return f"{t(f'obligation_long.{item.obligation.value}', lang)} · {t(f'role.{item.role.value}', lang)}"


def _intro(model: AwardModel | None, lang: Lang) -> str:
    """The award model in one sentence, above the bör-krav."""
    if model is None:
        return t("checklist.no_weights", lang)
    if model.model == "price_deduction":
        return t("checklist.deduction_intro", lang)
    if model.model == "lowest_price":
        return t("checklist.lowest_price_intro", lang)
    return t("checklist.weights_intro", lang, price=number(model.price or 0, lang))


def evaluation(spec: Specification, lang: Lang) -> list[Section]:
    label = _labels(lang)
    model = spec.profile.evaluation
    mandatory, desirable = [], []
    for item in ordered(spec):
        if item.is_contract_term:
            continue  # accepted as a whole on the matrix's contract-terms row, followed up during the contract
        fields = [Field(label["verification"], f"{item.verification(lang)} "
                        f"{t('doc.verification_when', lang, stages=stages_text(item.stages, lang))}"),
                  Field(label["evidence"], evidence(item, lang))]
        entry = Entry(item.id, item.title(lang), item.text(lang), _meta(item, lang), fields, [])
        if item.obligation is Obligation.ska:
            entry.check = t("checklist.check.met_ska", lang)
            mandatory.append(entry)
            continue
        fields.append(Field(label["scoring"], item.scoring(lang) or t("checklist.scoring_default", lang)))
        criterion = model.criteria.get(item.id) if model else None
        if model and criterion and model.model == "price_quality":
            weight = number(criterion.weight or 0, lang)
            fields.append(Field(label["weight"], weight))
            entry.check = t("checklist.check.points", lang, weight=weight)
        elif model and criterion:  # price_deduction: the deduction at full points, scaled by the points given
            deduction = criterion_value(model, criterion, lang)
            fields.append(Field(label["deduction"], deduction))
            entry.check = t("checklist.check.deduction", lang, max=max_points(item.scoring(lang)), deduction=deduction)
        else:
            entry.check = t("checklist.check.met_bor", lang)
        desirable.append(entry)
    intro = _intro(model, lang)
    sections = [Section(t("checklist.heading.mandatory", lang), mandatory)]
    if desirable:
        sections.append(Section(t("checklist.heading.desirable", lang), desirable, intro))
    return sections


# -- acceptance -------------------------------------------------------------------------------

PRODUCT_CHECKS: dict[str, tuple[tuple[str, ...], tuple[SourceRef, ...]]] = {
    # SKI 2015's delivery-acceptance checklist for digital safety alarms (domain/guidance.md)
    "trygghetslarm": (("model", "sim", "ip", "digital", "conversion"), src.SKI_ALARMS),
    # SKR on digital locks: logging, installation without damage, the resident's own key
    "digitala_las": (("log", "door", "own_key"), (src.SKR_LOCKS,)),
}


def acceptance(spec: Specification, lang: Lang) -> list[Section]:
    label = _labels(lang)
    verified = t("checklist.check.verified", lang)
    sections = []
    delivered = [Entry(i.id, i.title(lang), i.text(lang), _meta(i, lang),
                       [Field(label["verification"], i.verification(lang))], list(_item_sources(i)), verified)
                 for i in _at(Stage.leverans, ordered(spec))]
    if delivered:
        sections.append(Section(t("checklist.heading.requirements", lang), delivered))
    for product in spec.profile.products:
        if product not in PRODUCT_CHECKS:
            continue
        keys, sources = PRODUCT_CHECKS[product]
        name = spec.library.products[product].name.get(lang) if product in spec.library.products else product
        prefix = "".join(w[0] for w in product.split("_")).upper()
        entries = [Entry(f"A-{prefix}{n}", t(f"checklist.accept.{product}.{key}.title", lang),
                         t(f"checklist.accept.{product}.{key}.text", lang), sources=list(sources), check=verified)
                   for n, key in enumerate(keys, 1)]
        sections.append(Section(t("checklist.heading.product", lang, product=name), entries))
    if spec.profile.personal_data != "none":
        sections.append(Section(t("checklist.heading.general", lang), [
            Entry("A-G1", t("checklist.accept.dpa.title", lang), t("checklist.accept.dpa.text", lang),
                  sources=[src.GDPR_28], check=verified)]))
    return sections


# -- follow-up --------------------------------------------------------------------------------

def _followed_up(items: list[Item]) -> list[Item]:
    return [i for i in items if Stage.avtalstid in i.stages or i.role is Role.sarskilt_kontraktsvillkor]


def _item_sources(item: Item):
    return (SourceRef(s.citation, str(s.url)) for s in item.sources)


def followup(spec: Specification, lang: Lang) -> list[Section]:
    label = _labels(lang)
    years = number(spec.profile.contract.years, lang)
    followed = t("checklist.check.followed", lang)
    entries = []
    for item in _followed_up(ordered(spec)):
        when = t("checklist.when_delivery_and_contract" if Stage.leverans in item.stages else "checklist.when_contract",
                 lang, years=years)
        entries.append(Entry(item.id, item.title(lang), item.text(lang), _meta(item, lang),
                             [Field(label["when"], when), Field(label["how"], item.verification(lang))],
                             list(_item_sources(item)), followed))
    sections = [Section(t("checklist.heading.contract", lang), entries)] if entries else []
    last = max(spec.profile.contract.years - 1, 0)
    end = [Entry(f"F-{n}", t(f"checklist.follow.{key}.title", lang), t(f"checklist.follow.{key}.text", lang),
                 fields=[Field(label["when"], t(f"checklist.follow.{key}.when", lang, years=number(last, lang)))],
                 sources=sources, check=followed)
           for n, (key, sources) in enumerate((("export", [src.DIGG_DATA]), ("decision", [src.SKR_REQUIREMENTS])), 1)]
    sections.append(Section(t("checklist.heading.contract_end", lang), end))
    return sections


BUILDERS: dict[str, Callable[[Specification, Lang], list[Section]]] = {
    "process": process, "evaluation": evaluation, "acceptance": acceptance, "followup": followup,
}


def build_checklist(spec: Specification, kind: str, lang: Lang, today: dt.date | None = None) -> Checklist:
    if kind not in BUILDERS:
        raise InputError(f"unknown checklist kind {kind!r}", hint=f"use one of {', '.join(KINDS)}")
    return _frame(spec, kind, lang, BUILDERS[kind](spec, lang), today)
