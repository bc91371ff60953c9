"""Right-sizing: from a library and a profile to the specification this procurement needs.

For each requirement: does it apply (product areas, ``applies_when``)? Which level does the
profile need (the highest level whose ``when`` holds)? Then the officer's choices are applied;
anything stricter than the profile justifies must carry a written justification, or the build is
refused with the profile line that needs one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from procura.errors import ErrorCollector, InputError
from procura.i18n import listing, lower_name, number, t
from procura.library import Library
from procura.models import LEVEL_ORDER, Lang, Level, Obligation, Profile, Requirement, Text
from procura.models.profile import OwnRequirement
from procura.models.requirement import PLACEHOLDER, Parameter
from procura.sizing.describe import describe, describe_true
from procura.sizing.facts import MissingFact, fill_facts, item_facts, missing_condition_facts
from procura.yamlio import line_of, parse_yaml, read_text, validate


@dataclass
class LoadedProfile:
    profile: Profile
    path: Path
    text: str

    def where(self, *loc: str | int) -> str:
        line = line_of(self.text, loc)
        return f"{self.path}:{line}" if line else str(self.path)


def load_profile(path: Path) -> LoadedProfile:
    text = read_text(path)  # kept: later errors (choices, products) point at its lines
    return LoadedProfile(validate(parse_yaml(text, path), Profile, text, path), path, text)


@dataclass
class Item:
    """One requirement as it stands in this specification."""

    id: str
    category: str
    level: Level
    needed_level: Level
    obligation: Obligation
    requirement: Requirement | None = None  # None for the officer's own requirements
    own: OwnRequirement | None = None
    origin: str = "library"
    parameters: dict[str, float] = field(default_factory=dict)
    reasons: list[Reason] = field(default_factory=list)
    stricter: list[Reason] = field(default_factory=list)  # choices stricter than the profile justifies
    justification: str | None = None
    accepted: list[str] = field(default_factory=list)
    facts: dict[str, Text | None] = field(default_factory=dict)  # {{profile.NAME}} values; None: missing

    # -- texts in a language --------------------------------------------------------------
    def title(self, lang: Lang) -> str:
        return self.own.title if self.own else self.requirement.title.get(lang)

    def text(self, lang: Lang) -> str:
        if self.own:
            return self.own.text
        text = fill_parameters(self.requirement.levels[self.level].text.get(lang), self.requirement.parameters,
                               self.parameters, lang)
        return fill_facts(text, {k: (v.get(lang) if v is not None else None) for k, v in self.facts.items()}, lang)

    def motive(self, lang: Lang) -> str:
        return self.own.motive if self.own else self.requirement.motive.get(lang)

    def verification(self, lang: Lang) -> str:
        """How compliance is shown — the chosen level's own evidence where the level has one."""
        if self.own:
            return self.own.verification
        level_text = self.requirement.levels[self.level].verification
        return (level_text or self.requirement.verification.method).get(lang)

    @property
    def stages(self) -> list:
        return self.own.stages if self.own else self.requirement.verification.stages

    @property
    def role(self):
        return self.own.role if self.own else self.requirement.role

    @property
    def is_contract_term(self) -> bool:
        """A särskilt kontraktsvillkor: accepted as a whole in the tender and followed up during the contract,
        never a requirement ticked per clause or a reason to reject on its own."""
        from procura.models.requirement import Role

        return self.role is Role.sarskilt_kontraktsvillkor

    @property
    def sources(self) -> list:
        return [] if self.own else self.requirement.sources

    def scoring(self, lang: Lang) -> str | None:
        if self.own or self.requirement.scoring is None:
            return None
        return self.requirement.scoring.get(lang)


def fill_parameters(raw: str, parameters: list[Parameter], values: dict[str, float], lang: Lang) -> str:
    """A level's text with every ``{{name}}`` replaced by its value and unit, as ``lang`` writes them."""
    by_name = {p.name: p for p in parameters}
    return PLACEHOLDER.sub(lambda m: format_parameter(by_name[m.group(1)], values[m.group(1)], lang), raw)


def format_parameter(param: Parameter, value: float, lang: Lang) -> str:
    """A parameter's value as the language writes it, with its unit as a word: "99,5 %", "1 kalenderdag",
    "3 working days"."""
    return with_unit(value, param.unit, lang)


def with_unit(value: float, unit: str, lang: Lang) -> str:
    text = number(value, lang)
    if not unit or unit == "count":
        return text
    word = t(f"unit.{unit}.{'one' if value == 1 else 'other'}", lang)
    return f"{text} {word}"


@dataclass
class Excluded:
    id: str
    reasons: list[Reason]


@dataclass
class Specification:
    profile: Profile
    library: Library
    items: list[Item]
    excluded: list[Excluded]
    profile_path: Path | None = None
    profile_text: str = ""  # the profile as written, so checks can point at its lines
    missing: list[MissingFact] = field(default_factory=list)  # facts chosen requirements need but the profile lacks

    def by_category(self, contract_terms: bool | None = None) -> list[tuple[str, list[Item]]]:
        """Items grouped by category in the library's order; ``contract_terms`` False/True keeps only
        the requirements / only the contract terms (None: all)."""
        order = list(self.library.categories)
        groups: dict[str, list[Item]] = {}
        for item in self.items:
            if contract_terms is not None and item.is_contract_term != contract_terms:
                continue
            groups.setdefault(item.category, []).append(item)
        return sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


class Reason:
    """A reason in Swedish and English (read like a :class:`Text`: ``get(lang)``, ``sv``, ``en``), each
    language rendered the first time it is read. A build reads only its document's language, and most
    of the reasons are those of requirements that do not apply, which only the memo's list of
    exclusions reads: rendering both languages up front was a third of the right-sizing."""

    __slots__ = ("_key", "_values", "_texts")

    def __init__(self, key: str, values: dict):
        self._key, self._values, self._texts = key, values, {}

    def get(self, lang: Lang) -> str:
        text = self._texts.get(lang)
        if text is None:
            values = {k: (v(lang) if callable(v) else v) for k, v in self._values.items()}
            text = self._texts[lang] = t(self._key, lang, **values).strip()
        return text

    @property
    def sv(self) -> str:
        return self.get("sv")

    @property
    def en(self) -> str:
        return self.get("en")

    def __repr__(self) -> str:
        return f"Reason({self.sv!r})"


def both(key: str, **values) -> Reason:
    """A reason in both languages; values that are callables (a Text's ``get``, a lambda) are rendered per language."""
    return Reason(key, values)


def needed_level(req: Requirement, facts: dict) -> tuple[Level, list[Reason]]:
    """The highest level whose condition holds, and why."""
    chosen = req.lowest_level
    reason: list[Reason] = []
    for level, spec in req.levels.items():
        if spec.when is not None and spec.when.evaluate(facts):
            chosen = level
            reason = [both("reason.level_needed", level=lambda lang, lv=level: t(f"level.{lv.value}", lang),
                           condition=lambda lang, c=spec.when: describe_true(c, lang, facts))]
    if not reason:
        key = "reason.level_only" if len(req.levels) == 1 else "reason.level_base"
        reason = [both(key, level=lambda lang: t(f"level.{chosen.value}", lang))]
    return chosen, reason


def applicability(req: Requirement, profile: Profile, facts: dict, library: Library) -> tuple[bool, list[Reason]]:
    def area_names(lang: Lang) -> str:
        return listing([lower_name(library.products[p].name.get(lang)) if p in library.products else p
                        for p in req.products], lang)

    if req.products and not set(req.products) & set(profile.products):
        return False, [both("reason.not_applicable_product", products=area_names)]
    if req.applies_when is not None and not req.applies_when.evaluate(facts):
        return False, [both("reason.not_applicable_when", condition=lambda lang: describe(req.applies_when, lang, facts))]
    reasons = [both("reason.applies_products", products=area_names) if req.products else both("reason.applies_all")]
    if req.applies_when is not None:
        reasons.append(both("reason.applies_when", condition=lambda lang: describe_true(req.applies_when, lang, facts)))
    return True, reasons


def resolve(loaded: LoadedProfile, library: Library) -> Specification:
    """Select and size every requirement for the profile; refuse unjustified stricter choices."""
    profile = loaded.profile
    facts = profile.facts()
    errors = ErrorCollector()
    for i, product in enumerate(profile.products):
        if product not in library.products:
            errors.add(InputError(f"products.{i}: unknown product area {product!r}", loaded.where("products", i),
                                     f"use one of {', '.join(library.products)}"))
    for req_id in profile.choices:
        if req_id not in library.requirements:
            errors.add(InputError(f"choices.{req_id}: unknown requirement ID", loaded.where("choices", req_id),
                                     "check the ID with `procura library search`"))

    items: list[Item] = []
    excluded: list[Excluded] = []
    missing: list[MissingFact] = []
    product_names = {slug: area.name for slug, area in library.products.items()}
    for loaded_req in library.requirements.values():
        req = loaded_req.requirement
        choice = profile.choices.get(req.id)
        applies, reasons = applicability(req, profile, facts, library)
        stricter: list[Reason] = []
        if choice is not None and choice.include is False:
            why = (both("reason.officer_excluded_because", justification=choice.justification.strip())
                   if choice.justification else both("reason.officer_excluded"))
            excluded.append(Excluded(req.id, reasons + [why]))  # the officer's reason goes into the memo
            continue
        unknown = missing_condition_facts(req, facts) if not req.products or set(req.products) & set(profile.products) else []
        if unknown:
            missing += [MissingFact(req.id, fact) for fact in unknown]
            excluded.append(Excluded(req.id, [both("reason.fact_missing", fields=", ".join(MissingFact(req.id, f).field for f in unknown))]))
            continue
        if not applies:
            if choice is None or not choice.include:
                excluded.append(Excluded(req.id, reasons))
                continue
            reasons.append(both("reason.officer_included"))
            stricter.append(both("reason.officer_included"))
        needed, level_reasons = needed_level(req, facts)
        reasons += level_reasons
        item = Item(id=req.id, category=req.category, level=needed, needed_level=needed, obligation=req.obligation,
                    requirement=req, origin=loaded_req.origin)
        if choice is not None:
            _apply_choice(item, choice, loaded, errors, reasons, stricter)
        item.parameters = {p.name: p.defaults[item.level] for p in req.parameters if item.level in p.defaults} | item.parameters
        item.reasons, item.stricter = reasons, stricter
        item.facts = item_facts(req, item.level, profile, item.parameters, product_names)
        missing += [MissingFact(req.id, name) for name, value in item.facts.items() if value is None]
        if choice is not None:
            item.justification, item.accepted = choice.justification, list(choice.accept)
        if stricter and not (choice and choice.justification):
            errors.add(InputError(
                f"choices.{req.id}: stricter than the profile justifies ({stricter[0].en.rstrip('.')}) but no justification",
                loaded.where("choices", req.id),
                "add `justification:` saying why this procurement needs it, or remove the choice"))
        items.append(item)

    for i, own in enumerate(profile.own_requirements):
        if own.id in library.requirements:
            taken = library.requirements[own.id]
            by = f"pack {taken.pack}" if taken.pack else "the library"
            errors.add(InputError(f"own_requirements.{i}.id: {own.id} is already a requirement of {by}",
                                  loaded.where("own_requirements", i, "id"),
                                  "give your own requirement an ID of its own (e.g. EGEN-1), or change the "
                                  f"{'pack' if taken.pack else 'library'} requirement with choices.{own.id}"))
            continue
        items.append(Item(id=own.id, category=own.category if own.category in library.categories else "_own",
                          level=Level.bas, needed_level=Level.bas, obligation=own.obligation, own=own, origin="own",
                          reasons=[both("reason.own")], justification=own.justification))
    errors.raise_if_any()
    return Specification(profile, library, items, excluded, loaded.path, loaded.text, missing)


def _apply_choice(item: Item, choice, loaded: LoadedProfile, errors: ErrorCollector, reasons: list[Reason],
                  stricter: list[Reason]) -> None:
    req = item.requirement
    if choice.level is not None:
        if choice.level not in req.levels:
            errors.add(InputError(f"choices.{req.id}.level: {req.id} has no level {choice.level.value}",
                                     loaded.where("choices", req.id, "level"),
                                     f"use one of {', '.join(lv.value for lv in req.levels)}"))
        elif choice.level != item.needed_level:
            up = LEVEL_ORDER.index(choice.level) > LEVEL_ORDER.index(item.needed_level)
            reason = both("reason.officer_level_up" if up else "reason.officer_level_down",
                          needed=lambda lang: t(f"level.{item.needed_level.value}", lang),
                          level=lambda lang: t(f"level.{choice.level.value}", lang))
            reasons.append(reason)
            if up:
                stricter.append(reason)
            item.level = choice.level
    if choice.obligation is not None and choice.obligation != item.obligation:
        up = choice.obligation is Obligation.ska
        reason = both("reason.officer_obligation_up" if up else "reason.officer_obligation_down")
        reasons.append(reason)
        if up:
            stricter.append(reason)
        item.obligation = choice.obligation
    params = {p.name: p for p in req.parameters}
    for name, value in choice.parameters.items():
        param = params.get(name)
        if param is None:
            errors.add(InputError(f"choices.{req.id}.parameters.{name}: {req.id} has no parameter {name}",
                                     loaded.where("choices", req.id, "parameters", name),
                                     f"use one of {', '.join(params) or '(none)'}"))
            continue
        default = param.defaults.get(item.level, next(iter(param.defaults.values())))
        reason = both("reason.officer_parameter", label=param.label.get, value=lambda lang, v=value, p=param: format_parameter(p, v, lang),
                      default=lambda lang, p=param, d=default: format_parameter(p, d, lang))
        reasons.append(reason)
        if param.is_stricter(value, default):
            stricter.append(reason)
        if param.beyond_bounds(value):
            stricter.append(both("reason.parameter_beyond", label=param.label.get,
                                 value=lambda lang, v=value, p=param: format_parameter(p, v, lang),
                                 bound=lambda lang, p=param: format_parameter(p, p.proportionate, lang)))
        item.parameters[name] = value


