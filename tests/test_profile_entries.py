"""Top-level profile entries (the facts, the award model) changed in place: every other line kept."""

from __future__ import annotations

import pytest
from helpers import EXAMPLES

from procura.answers import check_facts
from procura.award.form import check_award
from procura.errors import InputError
from procura.profile_edit import set_entry
from procura.yamlio import parse_yaml

TEXT = (EXAMPLES / "trygghetslarm.yaml").read_text(encoding="utf-8")


def test_an_entry_is_replaced_and_every_other_line_kept():
    changed = set_entry(TEXT, "systems", {"care_record": "Treserva"})
    assert parse_yaml(changed, "p")["systems"] == {"care_record": "Treserva"}
    kept = [line for line in TEXT.splitlines() if not line.startswith(("systems:", "  care_record:"))]
    assert [line for line in changed.splitlines() if "Treserva" not in line] == kept


def test_a_new_entry_goes_after_the_one_before_it_and_none_removes_it():
    without = set_entry(TEXT, "trainees", None)
    assert "trainees" not in parse_yaml(without, "p") and "# an alarm that does not reach anyone" in without
    back = set_entry(without, "trainees", {"administrators": 1, "super_users": 2})
    keys = list(parse_yaml(back, "p"))
    assert keys.index("trainees") == keys.index("alarms") + 1  # the field before it in the profile model
    assert set_entry(without, "trainees", None) == without


def test_a_flow_style_profile_is_refused_with_a_hint():
    with pytest.raises(InputError, match="block YAML"):
        set_entry("{procura: 1, title: x}", "systems", {"care_record": "y"})


def test_facts_are_merged_into_what_the_profile_already_gives():
    class Current:
        from procura.models.profile import Annexes, Systems

        volumes = {}
        annexes = Annexes(dpa="bilaga 4", risk_assessment="bilaga 5")
        systems = Systems()

    checked = check_facts({"fact.annexes.dpa": "bilaga 7"}, ["annexes.dpa"], ["trygghetslarm"], Current(), required=False)
    assert checked.entries == {"annexes": {"dpa": "bilaga 7", "risk_assessment": "bilaga 5"}} and not checked.errors
    empty = check_facts({}, ["annexes.dpa", "volumes"], ["trygghetslarm"], Current(), required=True)
    assert set(empty.errors) == {"fact.annexes.dpa", "fact.volumes.trygghetslarm"} and empty.unanswered == ["annexes.dpa", "volumes"]


def test_the_award_form_reads_swedish_numbers_and_names_each_problem():
    ok = check_award({"award.model": "price_quality", "award.price": "62,5", "award.c.A-1": "37,5"}, ["A-1"])
    assert ok.model is not None and ok.model.total() == 100 and ok.data["criteria"] == {"A-1": 37.5}
    bad = check_award({"award.model": "price_quality", "award.price": "150", "award.p.0.id": "P1", "award.p.0.item": "x",
                       "award.p.0.quantity": "0"}, [])
    assert set(bad.errors) == {"award.price", "award.p.0.quantity"} and bad.model is None
    assert check_award({"award.model": ""}, ["A-1"]).data is None  # no model: the entry is removed
    deduction = check_award({"award.model": "price_deduction", "award.c.A-1": "60", "award.u.A-1": "pct",
                             "award.c.B-2": "60", "award.u.B-2": "pct"}, ["A-1", "B-2"])
    assert "award.model" in deduction.errors and "100" in deduction.errors["award.model"].message("en")
