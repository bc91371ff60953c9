"""Extraction from documents, and bad input that must be a clear error (exit 2), never a traceback."""

import io
import json
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from helpers import library_copy, requirement

from procura.checks import CheckOptions, check_document
from procura.checks.extract import read_statements
from procura.cli import cli
from procura.errors import InputError
from procura.library import load_library


def make_docx(path, paragraphs=(), rows=()):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=False):
                cell.text = text
    document.save(str(path))
    return path


def test_docx_paragraphs_and_table_cells_keep_ids(tmp_path):
    path = make_docx(tmp_path / "krav.docx",
                     ["Inledning om upphandlingen.", "K1 Lösningen ska vara användarvänlig."],
                     [("K2", "Leverantören ska ha lägst riskklass 3 enligt UC."), ("Nr", "Beskrivning")])
    statements = read_statements(path)
    assert [(s.location.requirement, s.text) for s in statements] == [
        ("K1", "Lösningen ska vara användarvänlig."), ("K2", "Leverantören ska ha lägst riskklass 3 enligt UC.")]
    rules = {(f.rule, f.location.requirement) for f in check_document(path, CheckOptions())}
    assert {("VAG-001", "K1"), ("OVR-002", "K2")} <= rules


def test_xlsx_text_and_id_columns(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nr", "Kravtext", "Svar"])
    sheet.append(["A.1", "Leverantören ska följa gällande lagstiftning.", ""])
    sheet.append(["A.2", "Leverantören ska leverera inom 10 dagar.", ""])
    workbook.save(tmp_path / "matris.xlsx")
    findings = check_document(tmp_path / "matris.xlsx")
    assert [(f.rule, f.location.requirement, f.location.line) for f in findings] == [("VAG-004", "A.1", 2)]


def test_csv_in_windows_1252_with_semicolons(tmp_path):
    path = tmp_path / "krav.csv"
    path.write_bytes("id;krav\nK1;Lösningen ska vara användarvänlig.\n".encode("cp1252"))
    assert [(f.rule, f.location.requirement) for f in check_document(path)] == [("VAG-001", "K1")]


def test_csv_with_bom(tmp_path):
    path = tmp_path / "krav.csv"
    path.write_bytes("\ufeffkrav,id\nLösningen ska vara användarvänlig.,K9\n".encode("utf-8"))
    assert [(f.rule, f.location.requirement) for f in check_document(path)] == [("VAG-001", "K9")]


def test_txt_lines_are_one_based(tmp_path):
    path = tmp_path / "krav.txt"
    path.write_text("\nLeverantören ska leverera inom 10 dagar.\n\nLösningen ska vara modern.\n", encoding="utf-8")
    assert [(f.rule, f.location.line) for f in check_document(path)] == [("VAG-001", 4)]


def test_near_duplicates_and_ska_bor(tmp_path):
    path = tmp_path / "krav.md"
    path.write_text("# Krav\n- Leverantören ska erbjuda support dygnet runt alla dagar.\n"
                    "- Leverantören bör erbjuda support dygnet runt alla dagar.\n"
                    "- Data ska lagras inom Sverige.\n- Personuppgifter ska behandlas inom EU/EES.\n", encoding="utf-8")
    rules = [f.rule for f in check_document(path)]
    assert "CON-003" in rules and "CON-002" in rules


@pytest.mark.parametrize("name, content, message", [
    ("empty.docx", b"", "the file is empty"),
    ("empty.txt", b"   \n", "the file is empty"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "not a valid Word file"),
    ("protected.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected"),
    ("protected.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected"),
    ("binary.txt", b"\x00\x01\x02\x03binary", "binary data"),
    ("picture.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not a valid Excel file"),
    ("notes.pdf", b"%PDF-1.4", "not a valid PDF"),
    ("notes.pages", b"PK\x03\x04", "cannot check files of type .pages"),
])
def test_bad_input_is_exit_2_with_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_zip_without_word_document(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    path = tmp_path / "fake.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="not a Word document"):
        read_statements(path)


def test_huge_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("procura.checks.extract.MAX_TEXT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("Leverantören ska leverera.\n" * 20, encoding="utf-8")
    with pytest.raises(InputError, match="more than the limit"):
        read_statements(path)


def test_missing_file(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2 and "file not found" in result.output


def test_json_shape(tmp_path):
    path = tmp_path / "krav.txt"
    path.write_text("Leverantören ska ha lägst riskklass 3 enligt UC.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    finding = data["findings"][0]
    assert set(finding) == {"rule", "category", "severity", "message", "citation", "location", "suggestion"}
    assert set(finding["location"]) == {"file", "line", "requirement", "text", "page", "paragraph", "table", "row", "cell"}
    assert finding["rule"] == "OVR-002" and finding["severity"] == "error" and finding["location"]["line"] == 1
    assert finding["message"].startswith("A credit rating")
    assert finding["citation"]["url"] == "https://lagen.nu/dom/ra/2005:47"
    assert finding["suggestion"] is None or set(finding["suggestion"]) == {"id", "title", "score"}
    assert data["summary"]["error"] == 1


def test_suggestion_is_the_right_sized_library_requirement(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "KV-1", "kvalificering", levels={"bas": {"text": {
        "sv": "Leverantören ska ha en stabil ekonomi; kommunen gör en samlad bedömning och en riskklass hos UC är aldrig ensam avgörande.",
        "en": "The supplier shall have stable finances; the municipality makes an overall assessment and a UC risk class is never decisive."}}})
    requirement(root, "IS-1", "informationssakerhet")
    path = tmp_path / "krav.txt"
    path.write_text("Leverantören ska ha lägst riskklass 3 enligt UC.\n", encoding="utf-8")
    findings = check_document(path, CheckOptions(library=load_library(root)))
    assert [(f.rule, f.suggestion.id if f.suggestion else None) for f in findings] == [("OVR-002", "KV-1")]


def many_ska(tmp_path, ska, bor):
    lines = [f"Larmet ska klara test nummer {i} av {ska} i protokoll {i * 7}." for i in range(ska)]
    lines += [f"Larmet bör ha tillval nummer {i} av {bor} med kod {i * 13}." for i in range(bor)]
    path = tmp_path / "krav.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [f for f in check_document(path) if f.rule == "OVR-010"]


def test_too_many_ska_krav_is_a_proportion_not_a_count(tmp_path):
    found = many_ska(tmp_path, 20, 0)
    assert len(found) == 1 and found[0].message.en.startswith("20 of 20 requirements (100%) are mandatory")
    assert many_ska(tmp_path, 19, 0) == []  # too short a list to judge
    assert many_ska(tmp_path, 150, 50) == []  # large but with wishes as bör-krav (75 %)
    assert len(many_ska(tmp_path, 180, 20)) == 1  # 90 %
