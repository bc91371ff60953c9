"""procura checklist: the four kinds, derived from the profile and the specification, in sv and en."""

from __future__ import annotations

import docx
import pytest
from checklist_helpers import run, write_profile

from procura.checklists.kinds import build_checklist, ordered
from procura.checklists.model import KINDS
from procura.i18n import catalogue
from procura.library import load_library
from procura.sizing import load_profile, resolve

FILES = {"sv": ("checklista-process", "checklista-utvardering", "checklista-leveransgodkannande", "checklista-avtalsuppfoljning"),
         "en": ("checklist-process", "checklist-evaluation", "checklist-acceptance", "checklist-followup")}


def checklist(path, kind, lang="sv"):
    return build_checklist(resolve(load_profile(path), load_library()), kind, lang)


def titles(cl) -> dict[str, str]:
    return {e.title: e for s in cl.sections for e in s.entries}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_all_four_kinds_in_word_and_markdown(tmp_path, profile_path, lang):
    result = run("checklist", profile_path, "-o", tmp_path / "c", "--lang", lang)
    assert result.exit_code == 0, result.output
    for base in FILES[lang]:
        for ext in (".docx", ".md"):
            path = tmp_path / "c" / (base + ext)
            assert f"wrote {path}" in result.output
    doc = docx.Document(tmp_path / "c" / (FILES[lang][1] + ".docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert any(h.startswith("EG-001 ") for h in headings) and any(h.startswith("KV-001 ") for h in headings)
    md = (tmp_path / "c" / (FILES[lang][0] + ".md")).read_text(encoding="utf-8")
    assert "### P01 " in md and "https://" in md


def test_one_kind_only(tmp_path, profile_path):
    result = run("checklist", profile_path, "--kind", "process", "-o", tmp_path / "c")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "c").iterdir() if not p.name.startswith(".")) == [
        "checklista-process.docx", "checklista-process.md"]


def test_process_steps_follow_the_profile(tmp_path, profile_path):
    steps = titles(checklist(profile_path, "process"))
    dpia = steps["Konsekvensbedömning avseende dataskydd"]
    assert "känsliga personuppgifter" in dpia.fields[0].value
    assert [s.citation for s in dpia.sources] == ["GDPR (EU) 2016/679 art. 9, art. 35"]
    for title in ("Informationsklassning (KLASSA)", "Marknadsdialog", "ESPD (europeiskt enhetligt upphandlingsdokument)",
                  "Tilldelningsbeslut och avtalsspärr", "Personuppgiftsbiträdesavtal", "Införande och leveransgodkännande",
                  "Avtalsuppföljning", "Tillgänglighetsredogörelse"):
        assert title in steps, title
        assert steps[title].sources and all(s.url.startswith("https://") for s in steps[title].sources)
    assert "K3 R3 T4" in steps["Informationsklassning (KLASSA)"].fields[0].value
    assert "livskritisk" in steps["Införande och leveransgodkännande"].fields[0].value
    assert "Överföring till tredje land" not in steps  # data stays in the EU/EEA


def test_process_without_personal_data_or_residents(tmp_path):
    path = write_profile(tmp_path / "p.yaml", personal_data="none", users=["staff"], life_critical=False)
    steps = titles(checklist(path, "process", "en"))
    assert "Data protection impact assessment" not in steps and "Data processing agreement" not in steps
    assert "Accessibility statement" not in steps and "Needs analysis and reference group" in steps
    assert "life-critical" not in steps["Introduction and delivery acceptance"].fields[0].value


def test_camera_and_data_anywhere_add_steps(tmp_path):
    path = write_profile(tmp_path / "p.yaml", products=["trygghetskamera"], personal_data="ordinary",
                         hosting={"data_location": "any"})
    steps = titles(checklist(path, "process", "en"))
    assert "Camera supervision in the home" in steps["Data protection impact assessment"].fields[0].value
    assert "Transfers to third countries" in steps


def test_evaluation_checklist_has_every_requirement(profile_path, spec):
    cl = checklist(profile_path, "evaluation")
    # contract terms are accepted as a whole and followed up, never a reason to reject a tender here
    requirements = [i for i in ordered(spec) if not i.is_contract_term]
    assert cl.ids() == [i.id for i in requirements if i.obligation.value == "ska"] + \
        [i.id for i in requirements if i.obligation.value == "bor"]
    assert not any(i.is_contract_term and i.id in cl.ids() for i in spec.items)
    assert any(i.is_contract_term for i in spec.items)
    followup = checklist(profile_path, "followup").ids()
    assert all(i.id in followup for i in spec.items if i.is_contract_term)
    entries = titles(cl)
    eg = next(e for e in entries.values() if e.id == "EG-001")
    assert eg.check == "Poäng: ______ av 30"
    assert any(f.label == "Bevis i anbudet" and "rad EG-001 i kravmatrisen" in f.value for f in eg.fields)
    kv = next(e for e in entries.values() if e.id == "KV-001")
    assert "förkastas" in kv.check and "ESPD" in kv.fields[1].value


def test_acceptance_has_the_ski_checks_for_safety_alarms(profile_path, spec):
    cl = checklist(profile_path, "acceptance", "en")
    ids = cl.ids()
    assert ["A-T1", "A-T2", "A-T3", "A-T4", "A-T5"] == [i for i in ids if i.startswith("A-T")]
    assert "No analogue conversion" in titles(cl)
    assert [i.id for i in ordered(spec) if "leverans" in [s.value for s in i.stages]] == \
        [i for i in ids if not i.startswith("A-")]


def test_acceptance_for_digital_locks(tmp_path):
    path = write_profile(tmp_path / "p.yaml", products=["digitala_las"])
    assert {"A-DL1", "A-DL2", "A-DL3"} <= set(checklist(path, "acceptance").ids())


def test_followup_has_contract_terms_and_the_contract_end(profile_path, spec):
    cl = checklist(profile_path, "followup")
    followed = [i.id for i in ordered(spec) if "avtalstid" in [s.value for s in i.stages]
                or i.role.value == "sarskilt_kontraktsvillkor"]
    assert cl.ids() == followed + ["F-1", "F-2"]
    assert "IN-001" in followed  # a contract condition verified during the contract
    assert "år 3" in titles(cl)["Export av data"].fields[0].value


def test_evaluation_checklist_refuses_weights_not_summing_to_100(tmp_path):
    bad = write_profile(tmp_path / "bad.yaml", evaluation={"EG-001": 50, "price": 40})
    result = run("checklist", bad, "--kind", "evaluation", "-o", tmp_path / "c")
    assert result.exit_code == 2
    assert "evaluation: the weights sum to 90, not 100 (price and criteria together) — adjust the weights" in result.stderr
    assert not (tmp_path / "c").exists() or not any((tmp_path / "c").glob("*.docx"))


def test_edited_checklist_is_not_overwritten(tmp_path, profile_path):
    assert run("checklist", profile_path, "--kind", "process", "-o", tmp_path / "c").exit_code == 0
    (tmp_path / "c" / "checklista-process.md").write_text("mine", encoding="utf-8")
    result = run("checklist", profile_path, "--kind", "process", "-o", tmp_path / "c")
    assert result.exit_code == 2 and "has been edited since" in result.stderr
    assert (tmp_path / "c" / "checklista-process.md").read_text(encoding="utf-8") == "mine"


def test_unknown_kind_is_a_usage_error(tmp_path, profile_path):
    result = run("checklist", profile_path, "--kind", "everything")
    assert result.exit_code == 2 and "Invalid value for '--kind'" in result.output


def test_catalogues_have_the_same_keys():
    for section in ("checklist.", "matrix.", "evaluate."):
        sv = {k for k in catalogue("sv") if k.startswith(section)}
        en = {k for k in catalogue("en") if k.startswith(section)}
        assert sv == en and sv


@pytest.mark.parametrize("command", ["checklist", "evaluate"])
def test_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "PROFILE" in result.output


def test_every_kind_is_buildable(profile_path):
    for kind in KINDS:
        assert checklist(profile_path, kind).sections


@pytest.mark.parametrize("lang, sek, pct, intro, step", [
    ("sv", "50\u00a0000 kr", "3 procent av anbudspriset", "mervärdesavdrag", "2 kriterier ger var sitt avdrag"),
    ("en", "50\u00a0000 SEK", "3 per cent of the tender price", "price deduction", "2 criteria each lower the tender price"),
])
def test_evaluation_checklist_lists_each_deduction(tmp_path, lang, sek, pct, intro, step):
    """A price-deduction model: each criterion shows its deduction (kr or per cent) and the scale it is scored on."""
    path = write_profile(tmp_path / "p.yaml", evaluation={
        "model": "price_deduction", "criteria": {"EG-001": {"deduction_sek": 50000}, "TG-003": {"deduction_pct": 3}}})
    cl = checklist(path, "evaluation", lang)
    entries = {e.id: e for s in cl.sections for e in s.entries}
    label = catalogue(lang)["checklist.label.deduction"]
    assert [f.value for f in entries["EG-001"].fields if f.label == label] == [sek]
    assert [f.value for f in entries["TG-003"].fields if f.label == label] == [pct]
    # the points box names the scale (EG-001 has no scoring text: Ja/Nej; TG-003 is 0–2) and the deduction
    assert "1" in entries["EG-001"].check and sek in entries["EG-001"].check
    assert " 2 " in entries["TG-003"].check and pct in entries["TG-003"].check
    weight = catalogue(lang)["checklist.label.weight"]
    assert not any(f.label == weight for e in entries.values() for f in e.fields)  # no weights of 0 in this model
    desirable = cl.sections[-1]
    assert intro in desirable.intro
    other = next(e for e in desirable.entries if e.id not in ("EG-001", "TG-003"))
    assert other.check == catalogue(lang)["checklist.check.met_bor"]
    process = {e.id: e for s in checklist(path, "process", lang).sections for e in s.entries}
    assert any(step in e.fields[0].value for e in process.values())
    result = run("checklist", path, "--kind", "evaluation", "-o", tmp_path / "c", "--lang", lang)
    assert result.exit_code == 0, result.output
    md = (tmp_path / "c" / f"{FILES[lang][1]}.md").read_text(encoding="utf-8")
    assert sek in md and pct in md
