"""Reading PDF tenders: lines, headers and footers, hyphenation, sections; and hostile PDFs that must be
a one-line error (exit 2), never a traceback or a hang."""

import json

import pytest
from click.testing import CliRunner
from pdf_maker import make_pdf, tender_pages

from procura.checks.extract import read_statements
from procura.cli import cli
from procura.errors import InputError


def test_statements_with_page_line_and_section(tmp_path):
    path = make_pdf(tmp_path / "anbud.pdf", tender_pages(3))
    statements = read_statements(path)
    texts = [s.text for s in statements]
    # the word hyphenated across two lines is whole again, the sentence is one statement
    assert "Leverantören ska ha ett ledningssystem för informationssäkerhet som omfattar tjänsten nummer 2." in texts
    first = statements[0]
    assert (first.location.page, first.location.line, first.location.requirement) == (1, 3, "1.1")
    # the running header and the "Sida n av N" footer are no statements, and appear in none
    assert not any("Sida" in t or "Trygghetslarm" in t for t in texts)
    # the item under "Meriterande:" is a desirable requirement of its section
    merit = next(s for s in statements if s.text.startswith("Erfarenhet av IT-drift i 4"))
    assert merit.obligation == "bor" and merit.location.requirement == "3.1" and merit.location.page == 3


def test_sentence_running_on_to_the_next_page_is_one_statement(tmp_path):
    pages = [[(72, 100, 10, "Leverantören ska leverera larmen inom tio arbetsdagar efter"), (270, 810, 9, "Sida 1 av 2")],
             [(72, 60, 10, "beställning till den adress kommunen anger."), (270, 810, 9, "Sida 2 av 2")]]
    statements = read_statements(make_pdf(tmp_path / "två.pdf", pages))
    assert [(s.text, s.location.page) for s in statements] == [
        ("Leverantören ska leverera larmen inom tio arbetsdagar efter beställning till den adress kommunen anger.", 1)]


def test_form_layout_and_question_box(tmp_path):
    pages = [[(72, 100, 10, "Krav: Leverantören tillhandahåller support på svenska. Svar: Ja/Nej"),
              (80, 140, 10, "Har offererad konsult minst fem års erfarenhet av drift?"),
              (80, 155, 8, "Ja/Nej. Ja krävs"),
              (80, 190, 10, "Uppfylls kravet?"),
              (80, 205, 8, "Ja/Nej. Ja krävs")]]
    statements = read_statements(make_pdf(tmp_path / "form.pdf", pages))
    assert [(s.text, s.obligation) for s in statements] == [
        ("Leverantören tillhandahåller support på svenska.", "ska"),
        ("Har offererad konsult minst fem års erfarenhet av drift?", "ska")]


def test_json_summary_counts_statements(tmp_path):
    path = make_pdf(tmp_path / "anbud.pdf", tender_pages(2))
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    summary = json.loads(result.output)["summary"]
    assert summary["statements"] == {str(path): 4}
    finding = json.loads(result.output)["findings"]
    assert all(f["location"]["page"] for f in finding if f["location"]["line"])


@pytest.mark.parametrize("lang, one, many", [("sv", "1 krav läst", "4 krav lästa"),
                                             ("en", "1 requirement statement read", "4 requirement statements read")])
def test_text_output_counts_statements_in_both_languages(tmp_path, lang, one, many):
    single = make_pdf(tmp_path / "en.pdf", [[(72, 100, 10, "Leverantören ska leverera inom tio dagar.")]])
    several = make_pdf(tmp_path / "flera.pdf", tender_pages(2))
    result = CliRunner().invoke(cli, ["check", str(single), str(several), "--lang", lang])
    assert f"{single}: {one}" in result.output and f"{several}: {many}" in result.output


def hostile(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make, message", [
    (lambda p: make_pdf(p / "skannad.pdf", [[], [], []]), "run OCR or get the original document"),
    (lambda p: hostile(p, "trasig.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\xff" * 10), "not a valid PDF"),
    (lambda p: hostile(p, "avbruten.pdf", make_pdf(p / "hel.pdf", tender_pages(2)).read_bytes()[:300]), "PDF"),
    (lambda p: hostile(p, "tom.pdf", b""), "the file is empty"),
    (lambda p: hostile(p, "bild.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200), "not a PDF"),
])
def test_hostile_pdf_is_one_line_exit_2(tmp_path, make, message):
    path = make(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_encrypted_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    source = make_pdf(tmp_path / "öppen.pdf", tender_pages(1))
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="hemligt", owner_password="hemligt")
    path = tmp_path / "låst.pdf"
    with path.open("wb") as out:
        writer.write(out)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "encrypted with a password" in result.output


def test_page_and_byte_limits(tmp_path, monkeypatch):
    path = make_pdf(tmp_path / "lång.pdf", tender_pages(4))
    monkeypatch.setattr("procura.checks.pdf.MAX_PDF_PAGES", 3)
    with pytest.raises(InputError, match="4 pages, more than the limit of 3"):
        read_statements(path)
    monkeypatch.setattr("procura.checks.pdf.MAX_PDF_BYTES", 100)
    with pytest.raises(InputError, match="more than the limit of 100"):
        read_statements(path)


def test_character_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("procura.checks.pdf.MAX_PDF_CHARS", 200)
    with pytest.raises(InputError, match="more than 200 characters"):
        read_statements(make_pdf(tmp_path / "tät.pdf", tender_pages(3)))
