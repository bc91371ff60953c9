import pytest
from pydantic import ValidationError

from procura.models import Requirement, Text
from procura.models.condition import matched_tests
from procura.models.requirement import Level

BASE = {
    "id": "IS-001", "title": {"sv": "Loggning", "en": "Logging"}, "category": "informationssakerhet",
    "role": "teknisk_specifikation", "obligation": "ska",
    "levels": {"bas": {"text": {"sv": "Loggar sparas {{days}} dagar.", "en": "Logs are kept {{days}} days."}}},
    "parameters": [{"name": "days", "label": {"sv": "Dagar", "en": "Days"}, "defaults": {"bas": 90},
                    "stricter": "higher", "proportionate": 365}],
    "motive": {"sv": "m", "en": "m"},
    "verification": {"method": {"sv": "v", "en": "v"}, "stages": ["anbud"]},
}


def req(**changes) -> dict:
    data = {**BASE, **changes}
    return data


def test_valid_requirement_is_complete_in_both_languages():
    r = Requirement.model_validate(req())
    assert r.languages() == ["sv", "en"]
    assert r.lowest_level is Level.bas


def test_unknown_field_is_rejected():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Requirement.model_validate(req(colour="red"))


def test_placeholder_without_parameter_is_rejected():
    with pytest.raises(ValidationError, match="uses {{hours}}"):
        Requirement.model_validate(req(levels={"bas": {"text": {"sv": "Inom {{hours}} timmar."}}}))


def test_parameter_needs_a_default_for_every_level():
    levels = {"bas": BASE["levels"]["bas"], "avancerad": {"text": {"sv": "Loggar {{days}}"}, "when": {"fact": "confidentiality", "gte": 3}}}
    with pytest.raises(ValidationError, match="no default for level avancerad, whose text uses it"):
        Requirement.model_validate(req(levels=levels))


def test_missing_english_makes_the_requirement_swedish_only():
    r = Requirement.model_validate(req(motive={"sv": "bara svenska"}))
    assert r.languages() == ["sv"]
    assert r.motive.get("en") == "bara svenska"  # falls back rather than printing nothing


def test_text_needs_one_language():
    with pytest.raises(ValidationError):
        Text.model_validate({})


def test_levels_are_kept_in_rising_order():
    levels = {"spjutspets": {"text": {"sv": "c {{days}}"}, "when": {"fact": "life_critical", "is": True}},
              "bas": {"text": {"sv": "a {{days}}"}}}
    params = [{**BASE["parameters"][0], "defaults": {"bas": 90, "spjutspets": 180}}]
    r = Requirement.model_validate(req(levels=levels, parameters=params))
    assert list(r.levels) == [Level.bas, Level.spjutspets]


@pytest.mark.parametrize(
    "condition, facts, expected",
    [
        ({"fact": "confidentiality", "gte": 3}, {"confidentiality": 3}, True),
        ({"fact": "confidentiality", "gte": 3}, {"confidentiality": 2}, False),
        ({"fact": "personal_data", "gte": "ordinary"}, {"personal_data": "sensitive"}, True),
        ({"fact": "personal_data", "gte": "ordinary"}, {"personal_data": "none"}, False),
        ({"fact": "users", "contains": "residents"}, {"users": ["staff"]}, False),
        ({"any": [{"fact": "life_critical", "is": True}, {"fact": "availability", "gte": 4}]},
         {"life_critical": False, "availability": 4}, True),
        ({"all": [{"fact": "life_critical", "is": True}, {"fact": "availability", "gte": 4}]},
         {"life_critical": False, "availability": 4}, False),
        ({"not": {"fact": "data_location", "is": "sweden"}}, {"data_location": "eu_eea"}, True),
    ],
)
def test_conditions_evaluate_against_profile_facts(condition, facts, expected):
    levels = {"bas": BASE["levels"]["bas"], "avancerad": {"text": {"sv": "x {{days}}"}, "when": condition}}
    params = [{**BASE["parameters"][0], "defaults": {"bas": 90, "avancerad": 180}}]
    r = Requirement.model_validate(req(levels=levels, parameters=params))
    assert r.levels[Level.avancerad].when.evaluate(facts) is expected


def test_matched_tests_name_the_facts_that_drove_a_decision():
    levels = {"bas": BASE["levels"]["bas"], "avancerad": {"text": {"sv": "x {{days}}"}, "when": {
        "any": [{"fact": "life_critical", "is": True}, {"fact": "availability", "gte": 4}]}}}
    params = [{**BASE["parameters"][0], "defaults": {"bas": 90, "avancerad": 180}}]
    cond = Requirement.model_validate(req(levels=levels, parameters=params)).levels[Level.avancerad].when
    assert [t.fact for t in matched_tests(cond, {"life_critical": False, "availability": 4})] == ["availability"]


@pytest.mark.parametrize("bad", [{"fact": "colour", "is": 1}, {"fact": "confidentiality", "contains": "x"},
                                 {"fact": "life_critical", "gte": 1}, {"fact": "confidentiality", "gte": 1, "lte": 3},
                                 {"facts": "x"}])
def test_bad_conditions_are_rejected(bad):
    levels = {"bas": BASE["levels"]["bas"], "avancerad": {"text": {"sv": "x {{days}}"}, "when": bad}}
    params = [{**BASE["parameters"][0], "defaults": {"bas": 90, "avancerad": 180}}]
    with pytest.raises(ValidationError):
        Requirement.model_validate(req(levels=levels, parameters=params))
