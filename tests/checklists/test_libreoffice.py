"""Slow tier: the answer matrix and every checklist through LibreOffice headless."""

from __future__ import annotations

import json
import shutil
import subprocess

import openpyxl
import pytest
from checklist_helpers import fill, run, ska_ids, soffice_convert

pytestmark = pytest.mark.slow


def test_matrix_saved_by_libreoffice_evaluates_the_same(tmp_path, profile_path, matrix_path, spec):
    ska = ska_ids(spec)[0]
    (tmp_path / "filled").mkdir()
    filled = {
        "alla-ja": fill(matrix_path, tmp_path / "filled" / "alla-ja.xlsx"),
        "nej": fill(matrix_path, tmp_path / "filled" / "nej.xlsx", answers={ska: "Nej"}),
        "andrad": fill(matrix_path, tmp_path / "filled" / "andrad.xlsx", answers={"EG-002": None},
                       edits={"EG-001": "Leverantören bör kanske utbilda."}),
        "formel": fill(matrix_path, tmp_path / "filled" / "formel.xlsx", descriptions={"EG-001": "=1+1", "EG-002": "@SUM(A1)"},
                       as_formula=True),
    }
    saved = {name: soffice_convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo", tmp_path / "lo-profile")
             for name, path in filled.items()}
    result = run("evaluate", profile_path, *saved.values(), "--format", "json")
    assert result.exit_code == 0, result.output
    by_name = {s["file"].rsplit("/", 1)[1]: s for s in json.loads(result.stdout)["suppliers"]}
    base = ("file", "rejected", "unmet_mandatory", "missing_answers", "tampered", "score")
    assert {k: by_name["alla-ja.xlsx"][k] for k in base} == {
        "file": str(saved["alla-ja"]), "rejected": False, "unmet_mandatory": [], "missing_answers": [], "tampered": [],
        "score": 40}
    assert by_name["alla-ja.xlsx"]["unreadable"] == [] and by_name["alla-ja.xlsx"]["hedged"] == []
    assert by_name["nej.xlsx"]["rejected"] is True and by_name["nej.xlsx"]["unmet_mandatory"] == [ska]
    assert by_name["andrad.xlsx"]["tampered"] == ["EG-001"] and by_name["andrad.xlsx"]["missing_answers"] == ["EG-002"]
    assert by_name["formel.xlsx"]["rejected"] is False

    from procura.checklists.answers import read_matrix

    rows = {r.id: r for r in read_matrix(saved["formel"]).rows}
    assert rows["EG-001"].description == "=1+1" and rows["EG-002"].description == "@SUM(A1)"
    # what LibreOffice kept of the matrix: text cells, drop-down, protection, hidden fingerprint
    ws = openpyxl.load_workbook(saved["alla-ja"])["Krav"]
    assert ws.protection.sheet and ws.column_dimensions["G"].hidden
    assert any(dv.formula1 == '"Ja,Nej"' for dv in ws.data_validations.dataValidation)
    texts = {row[0].value: row[1].value for row in ws.iter_rows(min_row=2)}
    assert texts["EG-002"].startswith("=HYPERLINK(")
    assert ws["A2"].data_type == "s" and next(r for r in ws.iter_rows(min_row=2) if r[0].value == "EG-002")[1].data_type == "s"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_checklist_kind_opens_in_libreoffice(tmp_path, profile_path, spec, lang):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    assert run("checklist", profile_path, "-o", tmp_path / "c", "--lang", lang).exit_code == 0
    expected = {"process": "P01", "utvardering": "KV-001", "evaluation": "KV-001", "leveransgodkannande": "A-T1",
                "acceptance": "A-T1", "avtalsuppfoljning": "IN-001", "followup": "IN-001"}
    docs = sorted((tmp_path / "c").glob("*.docx"))
    assert len(docs) == 4
    for path in docs:
        pdf = soffice_convert(path, "pdf", tmp_path / "pdf", tmp_path / "lo-profile")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert expected[path.stem.split("-", 1)[1]] in text, path.name
        assert "☐" in text, path.name


def test_evaluation_report_opens_in_libreoffice(tmp_path, profile_path, matrix_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    answers = fill(matrix_path, tmp_path / "Alfa.xlsx")
    assert run("evaluate", profile_path, answers, "-o", tmp_path / "r").exit_code == 0
    pdf = soffice_convert(tmp_path / "r" / "utvarderingsrapport.docx", "pdf", tmp_path / "pdf", tmp_path / "lo-profile")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Alfa" in text and "EG-001" in text
