"""Round trips: model -> YAML -> model gives the same model."""

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from procura.library import load_library
from procura.models import Profile, Requirement
from procura.yamlio import SafeLoader, dump_yaml


def roundtrip(model):
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return type(model).model_validate(yaml.load(dump_yaml(data), Loader=SafeLoader))


def test_every_shipped_requirement_round_trips():
    for req in load_library():
        assert roundtrip(req) == req, req.id


text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)
klassa = st.integers(min_value=0, max_value=4)


@settings(max_examples=60, deadline=None)
@given(organisation=text, title=text, reference=text, k=klassa, r=klassa, t=klassa,
       personal=st.sampled_from(["none", "ordinary", "sensitive"]), life=st.booleans(),
       users=st.lists(st.sampled_from(["residents", "staff", "relatives"]), unique=True),
       value=st.floats(min_value=1, max_value=1e10), years=st.floats(min_value=0.5, max_value=20),
       lang=st.sampled_from(["sv", "en"]))
def test_profiles_round_trip(organisation, title, reference, k, r, t, personal, life, users, value, years, lang):
    profile = Profile.model_validate({
        "organisation": organisation, "title": title, "reference": reference, "products": ["trygghetslarm"],
        "estimated_value_sek": value, "contract": {"years": years}, "language": lang,
        "classification": {"confidentiality": k, "integrity": r, "availability": t},
        "personal_data": personal, "life_critical": life, "users": users,
        "choices": {"IN-001": {"level": "avancerad", "justification": title}},
    })
    assert roundtrip(profile) == profile


@settings(max_examples=40, deadline=None)
@given(sv=text, en=text, days=st.integers(min_value=1, max_value=1000))
def test_requirements_with_generated_texts_round_trip(sv, en, days):
    req = Requirement.model_validate({
        "id": "IS-001", "title": {"sv": sv, "en": en}, "category": "informationssakerhet",
        "role": "teknisk_specifikation", "obligation": "ska",
        "levels": {"bas": {"text": {"sv": sv + " {{days}}", "en": en + " {{days}}"}}},
        "parameters": [{"name": "days", "label": {"sv": sv, "en": en}, "defaults": {"bas": days}, "stricter": "higher"}],
        "motive": {"sv": sv, "en": en}, "verification": {"method": {"sv": sv, "en": en}, "stages": ["anbud"]},
    })
    assert roundtrip(req) == req
