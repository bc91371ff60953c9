"""Word formats besides .docx: templates and macro documents read directly, .doc/.odt/.rtf through
LibreOffice headless (slow tier), and a clear exit-2 message when LibreOffice is missing; Word
locations (section, paragraph, table cell) and form layouts."""

import io
import subprocess
import zipfile

import docx
import pytest
from click.testing import CliRunner

from procura.checks.convert import soffice
from procura.checks.extract import read_statements
from procura.cli import cli

TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def tender(path):
    document = docx.Document()
    document.add_heading("3 Krav på leverantören", level=1)
    document.add_paragraph("Leverantören ska ha ett ledningssystem för informationssäkerhet. Det är bra.")
    document.add_heading("3.1 Ska-krav", level=2)
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Nr", "Krav", "Svar"), ("K1", "Support på svenska vardagar 8–17", "Ja/Nej"),
                                        ("K2", "Larmen loggas med tidpunkt", "Ja/Nej")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("Krav: Leverantören tillhandahåller en kontaktperson. Svar: Ja/Nej")
    document.save(str(path))
    return path


def retyped(source, target, content_type):
    """A copy of a .docx whose main part has another content type, as Word writes a .dotx or .docm."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(buffer, "w") as out:
        for info in archive.infolist():
            data = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(DOCX_TYPE.encode(), content_type.encode())
            out.writestr(info, data)
    target.write_bytes(buffer.getvalue())
    return target


def test_word_locations_sections_and_form_rows(tmp_path):
    statements = read_statements(tender(tmp_path / "krav.docx"))
    assert [(s.text, s.location.requirement, s.location.paragraph, s.location.table, s.location.row, s.obligation)
            for s in statements] == [
        ("Leverantören ska ha ett ledningssystem för informationssäkerhet.", "3", 2, None, None, "ska"),
        ("Support på svenska vardagar 8–17", "K1", None, 1, 2, "ska"),  # a row of a "Krav" column under "Ska-krav"
        ("Larmen loggas med tidpunkt", "K2", None, 1, 3, "ska"),
        ("Leverantören tillhandahåller en kontaktperson.", "3.1", 4, None, None, "ska"),  # "Krav: … Svar: Ja/Nej"
    ]


@pytest.mark.parametrize("suffix, content_type", [(".dotx", TEMPLATE_TYPE), (".docm", MACRO_TYPE)])
def test_template_and_macro_documents_are_read_directly(tmp_path, suffix, content_type):
    path = retyped(tender(tmp_path / "krav.docx"), tmp_path / f"krav{suffix}", content_type)
    assert len(read_statements(path)) == 4
    assert "krav.docx" not in str(read_statements(path)[0].location.file)


def test_doc_without_libreoffice_names_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr("procura.checks.convert.soffice", lambda: None)
    path = tmp_path / "gammal.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "WordDocument".encode("utf-16-le"))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "needs LibreOffice" in result.output and "save it as .docx" in result.output
    assert len(result.output.strip().splitlines()) == 1


needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("suffix", ["odt", "doc", "rtf"])
def test_converted_through_libreoffice(tmp_path, suffix):
    source = tender(tmp_path / "krav.docx")
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", suffix, "--outdir", str(tmp_path / "out"), str(source)],
                   check=True, capture_output=True, timeout=120)
    statements = read_statements(tmp_path / "out" / f"krav.{suffix}")
    assert {s.text for s in statements} >= {"Leverantören ska ha ett ledningssystem för informationssäkerhet.",
                                            "Larmen loggas med tidpunkt"}
    assert all(s.location.file.endswith(f".{suffix}") for s in statements)


def test_corrupt_doc_is_exit_2(tmp_path):
    path = tmp_path / "trasig.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x13\x37" * 300)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "not a valid .doc file" in result.output
