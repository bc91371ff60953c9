"""Right-sizing: the level follows the profile; stricter choices need a justification."""

import pytest
from helpers import SIZED, library_copy, profile, requirement

from procura.errors import InputError, ValidationErrors
from procura.library import load_library
from procura.models import Level, Obligation
from procura.sizing import load_profile, resolve


@pytest.fixture
def lib(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IN-001", "infrastruktur", role="sarskilt_kontraktsvillkor", **SIZED)
    requirement(root, "DS-001", "dataskydd", applies_when={"fact": "personal_data", "gte": "ordinary"})
    requirement(root, "IO-201", "interoperabilitet", products=["trygghetskamera"])
    requirement(root, "TG-001", "tillganglighet", obligation="bor", scoring={"sv": "5 poäng", "en": "5 points"})
    return load_library(root)


def spec_for(tmp_path, lib, **changes):
    return resolve(load_profile(profile(tmp_path, **changes)), lib)


def items(spec):
    return {i.id: i for i in spec.items}


@pytest.mark.parametrize("availability, life, level, pct", [
    (2, False, Level.bas, 99.5), (3, False, Level.avancerad, 99.9), (2, True, Level.avancerad, 99.9),
    (4, False, Level.spjutspets, 99.95)])
def test_higher_classification_raises_the_level(tmp_path, lib, availability, life, level, pct):
    spec = spec_for(tmp_path, lib, classification={"confidentiality": 1, "integrity": 1, "availability": availability},
                    life_critical=life)
    item = items(spec)["IN-001"]
    assert item.level is level and item.needed_level is level
    assert item.parameters == {"pct": pct}
    assert str(pct).replace(".", ",") in item.text("sv")


def test_reasons_name_the_profile_facts(tmp_path, lib):
    spec = spec_for(tmp_path, lib, classification={"confidentiality": 1, "integrity": 1, "availability": 3})
    reasons = " ".join(r.sv for r in items(spec)["IN-001"].reasons)
    assert "Avancerad nivå behövs eftersom tillgänglighet (T) ≥ 3 (profil: 3)" in reasons
    reasons_en = " ".join(r.en for r in items(spec)["IN-001"].reasons)
    assert "Advanced level is needed because availability (A) ≥ 3 (profile: 3)" in reasons_en


def test_applies_when_and_products_exclude_with_reasons(tmp_path, lib):
    spec = spec_for(tmp_path, lib, personal_data="none")
    assert "DS-001" not in items(spec) and "IO-201" not in items(spec)
    excluded = {e.id: " ".join(r.en for r in e.reasons) for e in spec.excluded}
    assert "personal data ≥ ordinary (profile: none) does not hold" in excluded["DS-001"]
    assert "concerns camera night supervision" in excluded["IO-201"]  # a product name mid-sentence is lower-case


def test_stricter_level_without_justification_is_refused(tmp_path, lib):
    path = profile(tmp_path, choices={"IN-001": {"level": "spjutspets"}})
    with pytest.raises(InputError) as err:
        resolve(load_profile(path), lib)
    line = path.read_text().splitlines().index("  IN-001:") + 1
    assert str(err.value).startswith(f"{path}:{line}: choices.IN-001: stricter than the profile justifies")
    assert "add `justification:`" in str(err.value)


def test_stricter_level_with_justification_is_kept_and_recorded(tmp_path, lib):
    spec = spec_for(tmp_path, lib, choices={"IN-001": {"level": "spjutspets", "justification": "Larmkedjan kräver det."}})
    item = items(spec)["IN-001"]
    assert item.level is Level.spjutspets and item.needed_level is Level.bas
    assert item.justification == "Larmkedjan kräver det."
    assert "höjd av upphandlaren från Basnivå till Spjutspetsnivå" in item.stricter[0].sv


def test_lower_level_needs_no_justification(tmp_path, lib):
    spec = spec_for(tmp_path, lib, classification={"confidentiality": 1, "integrity": 1, "availability": 4},
                    choices={"IN-001": {"level": "bas"}})
    item = items(spec)["IN-001"]
    assert item.level is Level.bas and not item.stricter


def test_stricter_parameter_needs_justification(tmp_path, lib):
    with pytest.raises(InputError, match="choices.IN-001: stricter"):
        spec_for(tmp_path, lib, choices={"IN-001": {"parameters": {"pct": 99.7}}})
    spec = spec_for(tmp_path, lib, choices={"IN-001": {"parameters": {"pct": 99.0}}})
    assert items(spec)["IN-001"].parameters["pct"] == 99.0 and not items(spec)["IN-001"].stricter


def test_parameter_beyond_proportionate_bound_is_flagged(tmp_path, lib):
    spec = spec_for(tmp_path, lib, choices={"IN-001": {"parameters": {"pct": 99.999}, "justification": "Test."}})
    assert any("goes beyond the proportionate bound 99.95 %" in s.en for s in items(spec)["IN-001"].stricter)


def test_bor_to_ska_is_stricter(tmp_path, lib):
    with pytest.raises(InputError, match="choices.TG-001: stricter"):
        spec_for(tmp_path, lib, choices={"TG-001": {"obligation": "ska"}})
    spec = spec_for(tmp_path, lib, choices={"TG-001": {"obligation": "ska", "justification": "Lagkrav."}})
    assert items(spec)["TG-001"].obligation is Obligation.ska


def test_including_what_does_not_apply_needs_justification(tmp_path, lib):
    with pytest.raises(InputError, match="choices.IO-201"):
        spec_for(tmp_path, lib, choices={"IO-201": {"include": True}})
    spec = spec_for(tmp_path, lib, choices={"IO-201": {"include": True, "justification": "Kameror ingår som option."}})
    assert "IO-201" in items(spec)


def test_exclusion_is_recorded(tmp_path, lib):
    spec = spec_for(tmp_path, lib, choices={"DS-001": {"include": False}})
    assert "DS-001" not in items(spec)
    assert any("Excluded by the procurement officer" in r.en for e in spec.excluded for r in e.reasons)


def test_unknown_ids_and_parameters_are_errors_with_lines(tmp_path, lib):
    path = profile(tmp_path, choices={"XX-999": {"level": "bas"}, "IN-001": {"parameters": {"speed": 3}}})
    with pytest.raises(ValidationErrors) as err:
        resolve(load_profile(path), lib)
    text = str(err.value)
    assert "choices.XX-999: unknown requirement ID" in text
    assert "choices.IN-001.parameters.speed: IN-001 has no parameter speed — use one of pct" in text


def test_unknown_product_area_in_profile(tmp_path, lib):
    with pytest.raises(InputError, match="products.0: unknown product area 'rymd' — use one of trygghetslarm"):
        spec_for(tmp_path, lib, products=["rymd"])


def test_own_requirements_are_included(tmp_path, lib):
    own = [{"id": "EGEN-1", "title": "Kontaktperson", "text": "Leverantören ska utse en kontaktperson.",
            "category": "support", "obligation": "ska", "motive": "En väg in.", "verification": "Namn i anbudet."}]
    spec = spec_for(tmp_path, lib, own_requirements=own)
    item = items(spec)["EGEN-1"]
    assert item.text("en") == "Leverantören ska utse en kontaktperson." and item.origin == "own"


def test_an_exclusion_with_a_reason_carries_the_reason_into_the_memo(tmp_path, lib):
    why = "Utvärderas inte: kompletterande larmgivare upphandlas separat."
    spec = spec_for(tmp_path, lib, choices={"DS-001": {"include": False, "justification": why}})
    (excluded,) = [e for e in spec.excluded if e.id == "DS-001"]
    assert any(r.sv == f"Exkluderat av upphandlaren: {why}" and why in r.en for r in excluded.reasons)
