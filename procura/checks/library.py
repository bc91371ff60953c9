"""Checks on a requirement library or pack folder: every level's text in both languages, and the set."""

from __future__ import annotations

from procura.checks.duplicates import near_duplicates
from procura.checks.findings import Finding, Location
from procura.checks.rules import RULES
from procura.checks.statements import Statement, analyse
from procura.library import Library
from procura.models import LANGS
from procura.sizing.resolve import fill_parameters


def check_library(library: Library) -> list[Finding]:
    findings: list[Finding] = []
    firsts: list[tuple[str, Location]] = []
    for loaded in library.requirements.values():
        req, file = loaded.requirement, str(loaded.path)
        seen: set[str] = set()
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
                for finding in analyse(Statement.of(text, location)):
                    if finding.rule not in seen:
                        seen.add(finding.rule)
                        findings.append(finding)
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


def check_pack(pack) -> list[Finding]:
    """A pack: its own requirements as a library, and every override stricter than the library's
    requirement as possible overreach (the override's `why` must show the need)."""
    findings = check_library(pack.library)
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
