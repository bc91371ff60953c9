"""procura evaluate: returned matrices -> rejected / missing / tampered / score, text, JSON and Word."""

from __future__ import annotations

import json
import zipfile

import docx
import openpyxl
import pytest
from checklist_helpers import fill, run, ska_ids, write_profile

from procura.checklists.evaluate import evaluate
from procura.errors import InputError


def as_json(*args):
    result = run("evaluate", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_all_yes_passes_with_full_score(tmp_path, profile_path, matrix_path):
    answers = fill(matrix_path, tmp_path / "Alfa AB.xlsx")
    data = as_json(profile_path, answers)
    assert data == {"suppliers": [{"file": str(answers), "rejected": False, "unmet_mandatory": [], "missing_answers": [],
                                   "tampered": [], "score": 40}]}


def test_no_on_a_mandatory_requirement_rejects(tmp_path, profile_path, matrix_path, spec):
    ska = ska_ids(spec)[0]
    answers = fill(matrix_path, tmp_path / "beta.xlsx", answers={ska: "Nej"})
    (supplier,) = as_json(profile_path, answers)["suppliers"]
    assert supplier["rejected"] is True and supplier["unmet_mandatory"] == [ska]
    text = run("evaluate", profile_path, answers)
    assert text.exit_code == 0
    assert "beta: Förkastas" in text.output and f"Ska-krav besvarat med Nej: {ska}." in text.output


def test_contract_terms_are_accepted_once_as_a_whole(tmp_path, profile_path, matrix_path, spec):
    assert any(i.is_contract_term for i in spec.items)
    accepted = fill(matrix_path, tmp_path / "alfa.xlsx")
    (supplier,) = as_json(profile_path, accepted)["suppliers"]
    assert supplier["rejected"] is False and supplier["missing_answers"] == []
    refused = fill(matrix_path, tmp_path / "beta.xlsx", answers={"KONTRAKTSVILLKOR": "Nej"})
    (supplier,) = as_json(profile_path, refused)["suppliers"]
    assert supplier["rejected"] is True and supplier["unmet_mandatory"] == ["KONTRAKTSVILLKOR"]


def test_no_on_a_desirable_requirement_only_costs_points(tmp_path, profile_path, matrix_path):
    answers = fill(matrix_path, tmp_path / "gamma.xlsx", answers={"EG-001": "nej"})
    (supplier,) = as_json(profile_path, answers)["suppliers"]
    assert supplier["rejected"] is False and supplier["score"] == 10


def test_edited_text_and_missing_answer_are_caught(tmp_path, profile_path, matrix_path, spec):
    ska = ska_ids(spec)
    answers = fill(matrix_path, tmp_path / "delta.xlsx", answers={ska[0]: None, "EG-002": "Kanske"},
                   edits={ska[-1]: "Leverantören ska försöka.", "EG-001": "Leverantören bör kanske utbilda."})
    (supplier,) = as_json(profile_path, answers)["suppliers"]
    assert set(supplier["missing_answers"]) == {ska[0], "EG-002"}
    assert set(supplier["tampered"]) == {ska[-1], "EG-001"}
    assert supplier["rejected"] is False  # not answered No: the officer reviews
    assert supplier["score"] == 0  # EG-001 changed, EG-002 unreadable
    text = run("evaluate", profile_path, answers).output
    assert "delta: Granskas" in text and "Ändrad kravtext i ska-krav" in text


def test_edited_hidden_fingerprint_is_caught(tmp_path, profile_path, matrix_path):
    path = fill(matrix_path, tmp_path / "eps.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.worksheets[1]["G2"].value = "0" * 64
    wb.save(path)
    (supplier,) = as_json(profile_path, path)["suppliers"]
    assert supplier["tampered"] == [wb.worksheets[1]["A2"].value]


def test_comparison_ranks_suppliers_and_writes_a_word_report(tmp_path, profile_path, matrix_path, spec):
    a = fill(matrix_path, tmp_path / "Alfa.xlsx", answers={"EG-001": "Nej"})
    b = fill(matrix_path, tmp_path / "Beta.xlsx")
    c = fill(matrix_path, tmp_path / "Ceta.xlsx", answers={ska_ids(spec)[0]: "Nej"})
    result = run("evaluate", profile_path, a, b, c, "-o", tmp_path / "rapport")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("1. Beta: Går vidare") and "40 av 40" in lines[0]
    assert any(line.startswith("2. Alfa") for line in lines) and any(line.startswith("3. Ceta: Förkastas") for line in lines)
    assert "Priset (vikt 60)" in result.output
    report = tmp_path / "rapport" / "utvarderingsrapport.docx"
    assert f"wrote {report}" in result.output
    doc = docx.Document(report)
    texts = [p.text for p in doc.paragraphs]
    assert "Utvärderingsrapport" in texts and {"Alfa", "Beta", "Ceta"} <= set(texts)
    rows = [[cell.text for cell in row.cells] for row in doc.tables[0].rows]
    assert rows[1][:3] == ["1", "Beta", "Går vidare"] and rows[3][2] == "Förkastas"


def test_formula_like_answers_stay_text(tmp_path, profile_path, matrix_path):
    path = fill(matrix_path, tmp_path / "zeta.xlsx", answers={"EG-001": "=1+1"},
                descriptions={"EG-001": "@SUM(A1)", "EG-002": "=1+1"}, as_formula=True)
    ev = evaluate(profile_path, [path])
    (supplier,) = ev.suppliers
    assert "EG-001" in supplier.missing_answers  # a formula is not an answer
    assert supplier.answers["EG-001"] == "=1+1"
    assert supplier.descriptions["EG-002"] == "=1+1" and supplier.descriptions["EG-001"] == "@SUM(A1)"
    result = run("evaluate", profile_path, path, "-o", tmp_path / "r")
    report = docx.Document(tmp_path / "r" / "utvarderingsrapport.docx")
    cells = [cell.text for table in report.tables[1:] for row in table.rows for cell in row.cells]
    assert "=1+1" in cells and "@SUM(A1)" in cells, result.output


def test_english_report(tmp_path, profile_path, matrix_path):
    path = fill(matrix_path, tmp_path / "eta.xlsx")
    result = run("evaluate", profile_path, path, "--lang", "en")
    assert result.exit_code == 0 and "eta: Passes" in result.output and "40 of 40" in result.output


@pytest.mark.parametrize("weights, message", [
    ({"EG-001": 30, "EG-002": 10, "price": 50}, "evaluation: the weights sum to 90, not 100"),
    ({"EG-001": 30, "price": 60, "XX-999": 10}, "evaluation.XX-999: not a requirement of this specification"),
    ({"EG-001": 30, "price": 60, "KV-001": 10}, "evaluation.KV-001: KV-001 is a mandatory (ska) requirement"),
    ({"EG-001": -10, "price": 110}, "evaluation.EG-001: weight -10 is negative"),
])
def test_bad_weights_are_an_input_error(tmp_path, matrix_path, weights, message):
    bad = write_profile(tmp_path / "bad.yaml", evaluation=weights)
    answers = fill(matrix_path, tmp_path / "a.xlsx")
    result = run("evaluate", bad, answers)
    assert result.exit_code == 2
    assert message in result.stderr and "bad.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_weights_error_names_the_profile_line(tmp_path, matrix_path):
    bad = write_profile(tmp_path / "bad.yaml", evaluation={"EG-001": 30, "EG-002": 10, "price": 50})
    with pytest.raises(InputError) as err:
        evaluate(bad, [fill(matrix_path, tmp_path / "a.xlsx")])
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if text.startswith("evaluation:"))
    # the evaluation block: its key, or (as for every mapping in procura's errors) its first entry
    assert err.value.where in (f"{bad}:{line}", f"{bad}:{line + 1}") and "sum to 100" in err.value.hint


def _not_matrix_files(tmp_path):
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"\x00\x01 this is not a spreadsheet")
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes((tmp_path / "out" / "kravmatris.xlsx").read_bytes()[:2000])
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Namn", "Pris"])
    wb.save(other)
    word = tmp_path / "word.xlsx"
    with zipfile.ZipFile(word, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return {garbage: "not a readable .xlsx answer matrix", truncated: "not a readable .xlsx answer matrix",
            other: "no sheet has the answer-matrix columns", word: "not a readable .xlsx answer matrix",
            tmp_path / "missing.xlsx": "file not found"}


def test_corrupt_and_foreign_files_are_input_errors(tmp_path, profile_path, matrix_path):
    for path, message in _not_matrix_files(tmp_path).items():
        result = run("evaluate", profile_path, path)
        assert result.exit_code == 2, path
        assert f"procura: error: {path}: {message}" in result.stderr
        assert "Traceback" not in result.output


def test_matrix_of_another_procurement_is_an_input_error(tmp_path, profile_path, matrix_path):
    path = fill(matrix_path, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(path)
    for row in wb.worksheets[1].iter_rows(min_row=2):
        row[0].value = "ZZ-" + row[0].value
    wb.save(path)
    result = run("evaluate", profile_path, path)
    assert result.exit_code == 2 and "no requirement ID of this specification is in the matrix" in result.stderr


def test_answers_are_required(profile_path):
    result = run("evaluate", profile_path)
    assert result.exit_code == 2 and "Missing argument 'ANSWERS...'" in result.output
