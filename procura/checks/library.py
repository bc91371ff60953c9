"""Checks on a requirement library or pack folder: every level's text in both languages, and the set."""

from __future__ import annotations

from collections.abc import Sequence

from procura.checks.document import Analyse
from procura.checks.duplicates import near_duplicates
from procura.checks.findings import Finding, Location
from procura.checks.rules import RULES
from procura.checks.statements import Statement, analyse
from procura.library import Library
from procura.models import LANGS
from procura.sizing.resolve import fill_parameters


def _analyse_each(statements: Sequence[Statement]) -> list[list[Finding]]:
    return [list(analyse(s)) for s in statements]


def check_library(library: Library, analyse_many: Analyse | None = None) -> list[Finding]:
    """Every finding on a library or a pack's requirements. ``analyse_many`` replaces the per-statement rules (see
    :func:`procura.checks.document.check_document`); the findings are the same."""
    findings: list[Finding] = []
    firsts: list[tuple[str, Location]] = []
    statements: list[Statement] = []  # every level's text in each language, requirement by requirement
    counts: list[int] = []  # how many of them each requirement has
    for loaded in library.requirements.values():
        req, file = loaded.requirement, str(loaded.path)
        before = len(statements)
        for level, spec in req.levels.items():
            for lang in LANGS:
                raw = getattr(spec.text, lang)
                if not raw:
                    continue
                defaults = {p.name: p.defaults[level] for p in req.parameters if level in p.defaults}
                text = fill_parameters(raw, req.parameters, defaults, lang)
                location = Location(file=file, requirement=req.id, text=text)
                # the lowest level's Swedish text (its English one when it has no Swedish) stands for the requirement
                if level == req.lowest_level and (lang == "sv" or not spec.text.sv):
                    firsts.append((text, location))
                statements.append(Statement.of(text, location))
        counts.append(len(statements) - before)
    analysed = (analyse_many or _analyse_each)(statements)
    start = 0
    for loaded, count in zip(library.requirements.values(), counts, strict=True):
        req, file = loaded.requirement, str(loaded.path)
        seen: set[str] = set()
        for found in analysed[start:start + count]:
            for finding in found:
                if finding.rule not in seen:
                    seen.add(finding.rule)
                    findings.append(finding)
        start += count
        missing = [lang for lang in LANGS if lang not in req.languages()]
        if missing:
            names = {"sv": ("svenska", "Swedish"), "en": ("engelska", "English")}[missing[0]]
            findings.append(RULES["CON-007"].finding(Location(file=file, requirement=req.id),
                                                     missing_sv=names[0], missing_en=names[1]))
        findings += _scale(req, file)
        for param in req.parameters:
            for level, value in param.defaults.items():
                if param.beyond_bounds(value):
                    findings.append(RULES["OVR-011"].finding(
                        Location(file=file, requirement=req.id),
                        detail_sv=f"Standardvärdet {value:g} för {param.name} på {level.value} går utöver gränsen {param.proportionate:g}.",
                        detail_en=f"The default {value:g} of {param.name} at {level.value} goes beyond the bound {param.proportionate:g}."))
    for i, j, score in near_duplicates([text for text, _ in firsts]):
        findings.append(RULES["CON-001"].finding(firsts[j][1], other=firsts[i][1].requirement, score=round(score)))
    return findings


def check_pack(pack, analyse_many: Analyse | None = None) -> list[Finding]:
    """A pack: its own requirements as a library, and every override stricter than the library's
    requirement as possible overreach (the override's `why` must show the need)."""
    findings = check_library(pack.library, analyse_many)
    for lib_id, changes in pack.changes.items():
        for change in changes:
            if change.direction != "stricter":
                continue
            why = pack.overrides[lib_id].why
            findings.append(RULES["OVR-011"].finding(
                Location(file=str(pack.root / "pack.yaml"), requirement=lib_id),
                detail_sv=f"Kravpaketet {pack.name} skärper {lib_id} ({change.field}: {change.old} → {change.new}). "
                          f"Motivering: {why.get('sv')}",
                detail_en=f"The pack {pack.name} makes {lib_id} stricter ({change.field}: {change.old} → {change.new}). "
                          f"Justification: {why.get('en')}"))
    return findings


def _scale(req, file: str) -> list[Finding]:
    """A scoring text whose points scale differs between the languages or names no maximum."""
    from procura.award.scale import max_points, scales_agree, unbounded

    if req.scoring is None:
        return []
    sv, en = req.scoring.sv, req.scoring.en
    location = Location(file=file, requirement=req.id)
    if not scales_agree(sv, en):
        return [RULES["AWD-004"].finding(location, detail_sv=f"Poängsättningen ger högst {max_points(sv)} poäng på svenska men "
                                         f"{max_points(en)} på engelska.",
                                         detail_en=f"The scoring gives at most {max_points(sv)} points in Swedish but "
                                         f"{max_points(en)} in English.")]
    if unbounded(sv) or unbounded(en):
        return [RULES["AWD-004"].finding(location, detail_sv="Poängsättningen ger poäng i proportion eller per enhet utan att "
                                         "ange högsta poäng; procura läser den som 0–2.",
                                         detail_en="The scoring gives points in proportion or per unit without stating "
                                         "the highest points; procura reads it as 0–2.")]
    return []
