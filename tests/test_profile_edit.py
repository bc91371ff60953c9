"""Editing one choice in a profile keeps the officer's other lines and comments."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO

from procura.errors import InputError
from procura.library import load_library
from procura.profile_edit import JustificationNeeded, set_choice, update_choice
from procura.sizing import load_profile

BASE = """procura: 1
organisation: Åby kommun   # the buyer
choices: {}   # my choices
own_requirements: []
"""


def test_first_choice_turns_empty_flow_mapping_into_a_block_and_keeps_comments():
    text = set_choice(BASE, "IO-103", {"include": False})
    assert text.splitlines() == ["procura: 1", "organisation: Åby kommun   # the buyer", "choices:  # my choices",
                                 "  IO-103: {include: false}", "own_requirements: []"]


def test_replacing_an_entry_touches_only_its_lines():
    text = ("choices:\n  # why IN-001\n  IN-001:\n    level: avancerad   # raised\n    justification: x\n"
            "  IO-103: {include: false}  # not needed\n# after\nown_requirements: []\n")
    new = set_choice(text, "IN-001", {"level": "bas"})
    assert new == ("choices:\n  # why IN-001\n  IN-001: {level: \"bas\"}\n  IO-103: {include: false}  # not needed\n"
                   "# after\nown_requirements: []\n")
    added = set_choice(text, "SF-001", {"parameters": {"hours": 4.5}})
    assert "  IO-103: {include: false}  # not needed\n  SF-001: {parameters: {hours: 4.5}}\n# after\n" in added


def test_removing_the_last_entry_leaves_an_empty_mapping():
    text = "choices:\n  IO-103: {include: false}\nown_requirements: []\n"
    assert set_choice(text, "IO-103", None) == "choices: {}\nown_requirements: []\n"


def test_text_values_are_quoted_so_yaml_syntax_in_them_stays_text():
    import yaml

    text = set_choice(BASE, "IN-001", {"level": "avancerad", "justification": "Larm: dygnet runt # alltid"})
    assert yaml.safe_load(text)["choices"]["IN-001"]["justification"] == "Larm: dygnet runt # alltid"


@pytest.fixture
def profile(tmp_path):
    path = tmp_path / "larm.yaml"
    shutil.copy(REPO / "examples" / "trygghetslarm.yaml", path)
    return path


def test_update_choice_writes_a_profile_the_cli_reads(profile):
    library = load_library()
    before = profile.read_text(encoding="utf-8")
    spec = update_choice(profile, "IO-103", {"include": False}, library)
    assert "IO-103" not in {i.id for i in spec.items}
    after = profile.read_text(encoding="utf-8")
    assert "# an alarm that does not reach anyone can cost a life" in after
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    assert load_profile(profile).profile.choices["IO-103"].include is False
    update_choice(profile, "IO-103", {"include": None}, library)
    assert profile.read_text(encoding="utf-8") == before


def test_a_stricter_choice_without_justification_is_refused_and_nothing_is_written(profile):
    from procura.sizing import resolve

    library = load_library()
    before = profile.read_text(encoding="utf-8")
    item = next(i for i in resolve(load_profile(profile), library).items
                if i.requirement and i.needed_level != list(i.requirement.levels)[-1])
    top = list(item.requirement.levels)[-1].value
    with pytest.raises(JustificationNeeded, match="justification") as refused:
        update_choice(profile, item.id, {"level": top}, library)
    assert refused.value.req_id == item.id and "höjd" in refused.value.stricter[0].sv
    assert profile.read_text(encoding="utf-8") == before
    spec = update_choice(profile, item.id, {"level": top, "justification": "Larmkedjan är livskritisk."}, library)
    assert next(i for i in spec.items if i.id == item.id).level.value == top
    update_choice(profile, item.id, {"level": None, "justification": None}, library)
    assert profile.read_text(encoding="utf-8") == before


def test_unknown_requirement_is_refused(profile):
    with pytest.raises(InputError, match="unknown requirement ID"):
        update_choice(profile, "XX-999", {"include": False}, load_library())
