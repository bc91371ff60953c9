"""Checks on a resolved specification (a profile): its texts, the officer's choices, what it lacks."""

from __future__ import annotations

from collections.abc import Iterator

from procura.award.scale import max_points
from procura.checks import lexicon as lx
from procura.checks.document import across
from procura.checks.findings import Finding, Location, Severity
from procura.checks.rules import RULES
from procura.checks.statements import Context, Statement, analyse
from procura.checks.suggest import Suggester
from procura.models import Obligation
from procura.models.requirement import PROFILE_TEXT_FACTS
from procura.sizing.resolve import Item, Specification
from procura.yamlio import line_of

# what a procurement needs -> words that show an item covers it (checked in both languages)
NEEDS: dict[str, tuple[str, ...]] = {
    "CMP-001": ("personuppgiftsbiträd", "pub-avtal", "processor agreement", "data processing agreement", "art. 28", "artikel 28"),
    "CMP-002": ("konsekvensbedömning", "impact assessment", "dpia", "art. 35", "artikel 35"),
    "CMP-003": ("en 301 549", "wcag", "accessibility", "tillgänglighetsredogörelse", "funktionsnedsättning"),
    "CMP-004": ("scaip", "ss 91100"),
    "availability": ("availability", "upptid", "uptime"),
    "alarm_chain": ("larmkedj", "alarm chain", "alarm-chain", "end to end", "end-to-end", "hela kedjan", "whole chain"),
    "CMP-006": ("exit", "export av data", "data export", "export of data", "återlämn", "return of data", "data return"),
    "CMP-007": ("incident",),
}


def check_specification(spec: Specification) -> list[Finding]:
    """Every finding on a resolved profile, with accepted findings turned into info."""
    profile = spec.profile
    lang = profile.language
    suggester = Suggester(spec.library)
    file = str(spec.profile_path) if spec.profile_path else None
    text = spec.profile_text
    context = Context(profile.estimated_value_sek, profile.contract.framework)
    statements: list[Statement] = []
    findings: list[Finding] = []
    for index, item in enumerate(spec.items):
        location = Location(file=file, line=_line(text, item, index, spec), requirement=item.id, text=item.text(lang))
        statement = Statement(item.text(lang), location, "ska" if item.obligation is Obligation.ska else "bor")
        statements.append(statement)
        own = [f.with_(suggestion=suggester.suggest(statement.text, f.rule, exclude=item.id)) if item.own else f
               for f in analyse(statement, context)]
        own += list(_stricter(item, location))
        if item.requirement is not None and lang not in item.requirement.languages():
            own.append(RULES["CON-007"].finding(location, missing_sv="svenska" if lang == "sv" else "engelska",
                                                missing_en="Swedish" if lang == "sv" else "English"))
        findings += _accepting(item, own, location)
    findings += across(statements, file)
    findings += _missing_facts(spec, file)
    findings += _evaluation(spec, file, text)
    findings += _completeness(spec, file, suggester)
    return findings


def _line(text: str, item: Item, index: int, spec: Specification) -> int | None:
    if not text:
        return None
    if item.own is not None:
        position = next((i for i, own in enumerate(spec.profile.own_requirements) if own.id == item.id), 0)
        return line_of(text, ("own_requirements", position))
    if item.id in spec.profile.choices:
        return line_of(text, ("choices", item.id))
    return None


def _stricter(item: Item, location: Location) -> Iterator[Finding]:
    for reason in item.stricter:
        justification = item.justification or "—"
        yield RULES["OVR-011"].finding(
            location, detail_sv=f"{reason.get('sv').rstrip('.')}. Motivering: {justification}",
            detail_en=f"{reason.get('en').rstrip('.')}. Justification: {justification}")


def _accepting(item: Item, findings: list[Finding], location: Location) -> list[Finding]:
    out: list[Finding] = []
    accepted = set(item.accepted)
    for rule in sorted(accepted - set(RULES)):
        out.append(RULES["CON-006"].finding(location, match=rule))
    for finding in findings:
        if finding.rule in accepted:
            if item.justification:
                out.append(finding.with_(severity=Severity.info, accepted=item.justification))
                continue
            out.append(RULES["CON-008"].finding(location, match=finding.rule))
        out.append(finding)
    return out


def _missing_facts(spec: Specification, file: str | None) -> Iterator[Finding]:
    """A fact a chosen requirement needs but the profile lacks: the published text would have a blank."""
    for missing in spec.missing:
        item = next((i for i in spec.items if i.id == missing.requirement), None)
        yield RULES["CON-005"].finding(
            Location(file=file, requirement=missing.requirement, text=item.text(spec.profile.language) if item else None),
            match=f"{{{{profile.{missing.fact}}}}} ({missing.field})" if missing.fact in PROFILE_TEXT_FACTS else missing.field)


def _evaluation(spec: Specification, file: str | None, text: str) -> Iterator[Finding]:
    """The award model against the specification: stated, summing to 100, weighting only bör-krav in it."""
    model = spec.profile.evaluation
    desirable = [i for i in spec.items if i.obligation is Obligation.bor and not i.is_contract_term]
    if model is None:
        if desirable:
            yield RULES["AWD-002"].finding(Location(file=file), count=len(desirable))
        return
    line = line_of(text, ("evaluation",)) if text else None
    location = Location(file=file, line=line)

    def at(key: str) -> Location:
        found = (line_of(text, ("evaluation", "criteria", key)) or line_of(text, ("evaluation", key))) if text else None
        return Location(file=file, line=found or line, requirement=key)

    problem = model.sum_problem()
    if problem:
        total = f"{model.total():g}"
        yield RULES["CON-004"].finding(location, detail_sv=f"Vikterna summerar till {total}, inte 100.",
                                       detail_en=f"The weights sum to {total}, not 100.")
    items = {item.id: item for item in spec.items}
    excluded = {e.id for e in spec.excluded}
    for key in model.criteria:
        if key in excluded:
            yield RULES["AWD-003"].finding(at(key), detail_sv=f"{key} ingår inte i specifikationen (uteslutet) men har en vikt.",
                                           detail_en=f"{key} is not in the specification (excluded) but has a weight.")
        elif key not in items:
            yield RULES["CON-006"].finding(at(key), match=key)
        elif items[key].is_contract_term:
            yield RULES["AWD-003"].finding(at(key), detail_sv=f"{key} är ett kontraktsvillkor och kan inte viktas.",
                                           detail_en=f"{key} is a contract term and cannot be weighted.")
        elif items[key].obligation is Obligation.ska:
            yield RULES["AWD-003"].finding(at(key), detail_sv=f"{key} är ett ska-krav och kan inte viktas.",
                                           detail_en=f"{key} is mandatory and cannot be weighted.")
    if model.model == "lowest_price":
        return
    for item in desirable:
        scoring = item.scoring(spec.profile.language)
        if item.id not in model.criteria and scoring:
            yield RULES["AWD-001"].finding(Location(file=file, line=line, requirement=item.id, text=scoring),
                                           scale=f"0–{max_points(scoring)}")


def _covers(spec: Specification, keywords: tuple[str, ...], category: str | None = None) -> bool:
    for item in spec.items:
        if category and item.category == category:
            return True
        haystack = " ".join([item.title("sv"), item.title("en"), item.text("sv"), item.text("en"),
                             " ".join(item.requirement.tags) if item.requirement else ""]).lower()
        if any(k in haystack for k in keywords):
            return True
    return False


def _completeness(spec: Specification, file: str | None, suggester: Suggester) -> Iterator[Finding]:
    profile = spec.profile
    location = Location(file=file)

    def missing(rule: str, keywords: tuple[str, ...], **values: object) -> Finding:
        return RULES[rule].finding(location, suggester.find(keywords), **values)

    cameras = any("kamera" in p or "tillsyn" in p or "camera" in p for p in profile.products)
    if profile.personal_data != "none" and not _covers(spec, NEEDS["CMP-001"]):
        yield missing("CMP-001", NEEDS["CMP-001"])
    if (profile.personal_data == "sensitive" or cameras) and not _covers(spec, NEEDS["CMP-002"]):
        yield missing("CMP-002", NEEDS["CMP-002"])
    if profile.users and not _covers(spec, NEEDS["CMP-003"], category="tillganglighet"):
        yield missing("CMP-003", NEEDS["CMP-003"])
    if "trygghetslarm" in profile.products and not _covers(spec, NEEDS["CMP-004"]):
        yield missing("CMP-004", NEEDS["CMP-004"])
    if profile.life_critical:
        lacks = [(sv, en, key) for key, sv, en in (("availability", "krav på tillgänglighet", "an availability requirement"),
                                                   ("alarm_chain", "övervakning av larmkedjan", "alarm-chain monitoring"))
                 if not _covers(spec, NEEDS[key])]
        if lacks:
            yield missing("CMP-005", NEEDS[lacks[0][2]], missing_sv=" och ".join(x[0] for x in lacks),
                          missing_en=" and ".join(x[1] for x in lacks))
    if not _covers(spec, NEEDS["CMP-006"]):
        yield missing("CMP-006", NEEDS["CMP-006"])
    if profile.personal_data != "none" and not _covers(spec, NEEDS["CMP-007"]):
        yield missing("CMP-007", NEEDS["CMP-007"])
    # the profile's hosting choice against the texts
    if profile.hosting.data_location in ("eu_eea", "any"):
        for item in spec.items:
            text = item.text(profile.language)
            if lx.DATA_SWEDEN.search(text) and lx.DATA_WORD.search(text):
                yield RULES["CON-002"].finding(
                    Location(file=file, requirement=item.id, text=text),
                    detail_sv="Texten kräver data inom Sverige men profilen anger hosting.data_location: "
                              f"{profile.hosting.data_location}.",
                    detail_en=f"The text demands data inside Sweden but the profile says hosting.data_location: "
                              f"{profile.hosting.data_location}.")


def award_findings(spec: Specification) -> list[Finding]:
    """The findings on the award model alone (AWD-001..003, CON-004, CON-006 on its criteria), for a
    model being edited: the same as check_specification gives, without checking every text again."""
    return list(_evaluation(spec, str(spec.profile_path) if spec.profile_path else None, spec.profile_text))
