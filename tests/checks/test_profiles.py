"""Profiles (resolved specifications) and library folders: choices, acceptance, weights, gaps, dogfooding.

Scenarios that depend on what a library holds (gaps, suggestions, sizing) build a small fixture library in
tmp_path, so they keep testing the checker when the shipped library grows; the dogfood tests at the top check
the shipped library and examples themselves.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import SIZED, library_copy, requirement, with_choices
from helpers import profile as profile_file

from procura.checks import check_library, check_specification, check_target
from procura.checks.duplicates import near_duplicates
from procura.cli import cli
from procura.library import load_library
from procura.sizing.resolve import load_profile, resolve

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BASE = (EXAMPLES / "trygghetslarm.yaml").read_text(encoding="utf-8")


def profile(tmp_path, choices="choices: {}", own="own_requirements: []", extra=""):
    text = with_choices(BASE, choices).replace("own_requirements: []", own) + extra
    path = tmp_path / "profil.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings_of(path):
    return check_specification(resolve(load_profile(path), load_library()))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_example_profiles_have_no_errors_and_no_warnings(example):
    """Every shipped example is what an officer could publish: `procura check` finds nothing to fix."""
    found = [f"{example.name}: {f.severity.value} {f.rule} {f.location.requirement or ''} {f.message.en}"
             for f in check_target(example) if f.severity.value in ("error", "warning")]
    assert not found, "\n".join(found)


def test_shipped_library_has_no_errors_and_no_vague_wording():
    findings = check_library(load_library())
    assert [(f.rule, f.location.requirement) for f in findings if f.severity.value == "error"] == []
    assert [(f.rule, f.location.requirement, f.message.en) for f in findings if f.category == "vague"] == []


def fixture_library(tmp_path, *requirements):
    """A library of the shipped categories and product areas holding only ``(id, category, changes)``."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    root = library_copy(tmp_path)
    for req_id, category, changes in requirements:
        requirement(root, req_id, category, **changes)
    return load_library(root)


def text(sv, en):
    return {"levels": {"bas": {"text": {"sv": sv, "en": en}}}}


# one requirement per need a life-critical safety-alarm procurement with personal data has
COVERING = [
    ("DS-1", "dataskydd", text("Leverantören ska teckna personuppgiftsbiträdesavtal enligt kommunens mall.",
                               "The supplier shall sign a data processing agreement on the municipality's template.")),
    ("TG-1", "tillganglighet", text("Appen ska uppfylla EN 301 549 eller likvärdigt.",
                                    "The app shall meet EN 301 549 or equivalent.")),
    ("IO-1", "interoperabilitet", text("Larmen ska kommunicera enligt SCAIP (SS 91100) eller likvärdigt.",
                                       "The alarms shall communicate by SCAIP (SS 91100) or equivalent.")),
    ("IN-1", "infrastruktur", text("Tjänsten ska ha en tillgänglighet om minst 99,5 % per månad.",
                                   "The service shall have an availability of at least 99.5 % per month.")),
    ("IN-2", "infrastruktur", text("Leverantören ska övervaka hela larmkedjan dygnet runt.",
                                   "The supplier shall monitor the whole alarm chain around the clock.")),
    ("AV-1", "avtalsvillkor", text("Vid avtalets slut ska leverantören lämna export av data i CSV-format inom 30 dagar.",
                                   "At the end of the contract the supplier shall deliver an export of data in CSV within 30 days.")),
    ("AV-2", "avtalsvillkor", text("Leverantören ska rapportera säkerhetsincidenter till kommunen inom 24 timmar.",
                                   "The supplier shall report security incidents to the municipality within 24 hours.")),
]


def test_own_requirement_is_checked_with_line(tmp_path):
    path = profile(tmp_path, own="""own_requirements:
  - id: EGET-1
    title: Kontor
    text: Leverantören ska ha ett kontor i Norrbäcke kommun.
    category: kvalificering
    obligation: ska
    motive: Närhet.
    verification: Adress.""")
    found = [f for f in findings_of(path) if f.rule == "OVR-006"]
    assert found and found[0].location.requirement == "EGET-1" and found[0].location.line is not None


def test_stricter_parameter_is_reported_and_accepting_needs_justification(tmp_path):
    path = profile(tmp_path, choices="""choices:
  IN-001:
    parameters: {availability_pct: 99.99}
    justification: Larmkedjan är livskritisk och riskanalysen RA-12 visar behovet.
    accept: [OVR-011]""")
    found = [f for f in findings_of(path) if f.rule == "OVR-011"]
    assert found and all(f.severity.value == "info" and f.accepted for f in found)
    assert "RA-12" in found[0].message.sv


def test_accept_unknown_rule_is_a_finding(tmp_path):
    path = profile(tmp_path, choices="""choices:
  IN-001:
    accept: [NOPE-1]""")
    assert any(f.rule == "CON-006" and "NOPE-1" in f.message.en for f in findings_of(path))


def test_accept_without_justification_is_a_finding(tmp_path):
    path = profile(tmp_path, own="""own_requirements:
  - id: EGET-1
    title: Språk
    text: Lösningen ska stödja flera språk.
    category: tillganglighet
    motive: Brukare.
    verification: Demo.""", choices="choices: {}")
    spec = resolve(load_profile(path), load_library())
    spec.items[-1].accepted = ["VAG-006"]  # as a pack-supplied acceptance would arrive
    rules = [f.rule for f in check_specification(spec)]
    assert "CON-008" in rules and "VAG-006" in rules


def test_award_weights_must_sum_to_100_and_name_known_bor_items(tmp_path):
    path = profile(tmp_path, extra="evaluation: {price: 70, IN-001: 20, OKAND-1: 5}\n")
    messages = [(f.rule, f.message.en) for f in findings_of(path)]
    assert ("CON-004", "The weights sum to 95, not 100.") in messages
    # IN-001 is a special contract term in library v2: weighted neither as ska-krav nor as contract term
    assert ("AWD-003", "IN-001 is a contract term and cannot be weighted.") in messages
    assert any(rule == "CON-006" and "OKAND-1" in m for rule, m in messages)


def completeness(tmp_path, library, **changes):
    spec = resolve(load_profile(profile_file(tmp_path, **changes)), library)
    return {f.rule for f in check_specification(spec) if f.category == "completeness"}


def test_completeness_gaps_for_life_critical_alarms(tmp_path):
    bare = fixture_library(tmp_path / "bare", ("IS-1", "informationssakerhet", {}))
    assert completeness(tmp_path, bare, life_critical=True) == {
        "CMP-001", "CMP-003", "CMP-004", "CMP-005", "CMP-006", "CMP-007"}
    # sensitive data (or cameras) also needs support for an impact assessment
    assert "CMP-002" in completeness(tmp_path, bare, life_critical=True, personal_data="sensitive")


def test_requirements_that_cover_the_needs_silence_the_gaps(tmp_path):
    full = fixture_library(tmp_path / "full", *COVERING)
    assert completeness(tmp_path, full, life_critical=True) == set()


def test_accessibility_gap_only_when_people_use_it(tmp_path):
    library = fixture_library(tmp_path / "lib", *[r for r in COVERING if r[1] != "tillganglighet"])
    assert "CMP-003" in completeness(tmp_path, library, users=["staff"])
    assert "CMP-003" not in completeness(tmp_path, library, users=[])


def test_sized_requirement_with_fixture_library(tmp_path):
    library = fixture_library(tmp_path / "lib", ("IN-9", "infrastruktur", SIZED))
    path = profile_file(tmp_path, choices={"IN-9": {"parameters": {"pct": 99.99},
                                                    "justification": "Riskanalysen RA-12 visar behovet."}})
    found = [f for f in check_specification(resolve(load_profile(path), library)) if f.rule == "OVR-011"]
    assert found and found[0].location.requirement == "IN-9" and "RA-12" in found[0].message.sv


def test_data_in_sweden_contradicts_eu_profile(tmp_path):
    path = profile(tmp_path, own="""own_requirements:
  - id: EGET-2
    title: Lagring
    text: All data ska lagras inom Sverige.
    category: infrastruktur
    motive: Sekretess.
    verification: Intyg.""")
    assert any(f.rule == "CON-002" and f.location.requirement == "EGET-2" for f in findings_of(path))


def test_library_folder_via_cli():
    result = CliRunner().invoke(cli, ["check", str(load_library().root)])
    assert result.exit_code == 0, result.output


def test_folder_that_is_no_library(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "no categories.yaml" in result.output


def test_near_duplicates_find_edited_copies_only():
    texts = ["Leverantören ska erbjuda support dygnet runt alla dagar om året.",
             "Larmsändaren ska ha batteri för 24 timmar.",
             "Leverantören ska erbjuda support dygnet runt alla dagar under året.",
             "Lösningen ska logga varje öppning av låset."]
    assert [(i, j) for i, j, _ in near_duplicates(texts)] == [(0, 2)]
