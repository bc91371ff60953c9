"""Every real tender in ../shared/real-documents is read without error, with a plausible number of
statements; for documents read by hand, known requirement sentences are found whole, with their page
or table cell and their section number. Skipped where the folder is absent."""

from pathlib import Path

import pytest

from procura.checks.convert import soffice
from procura.checks.extract import read_statements

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "real-documents"
DOCUMENTS = sorted(p for p in REAL.glob("*") if p.suffix.lower() in (".pdf", ".docx", ".doc")) if REAL.is_dir() else []

pytestmark = pytest.mark.skipif(not DOCUMENTS, reason=f"no real tender documents in {REAL}")


def read(name: str):
    return read_statements(REAL / name)


@pytest.mark.parametrize("path", [
    pytest.param(p, id=p.name, marks=[pytest.mark.slow] if p.suffix.lower() == ".doc" else [])
    for p in DOCUMENTS])
def test_every_real_document_is_read(path):
    if path.suffix.lower() == ".doc" and soffice() is None:
        pytest.skip("LibreOffice is not installed")
    statements = read_statements(path)
    assert len(statements) >= 5, f"{path.name}: {len(statements)} statements"
    assert all(s.text.strip() and len(s.text) < 5000 for s in statements)
    # no running header, footer or answer box is taken for a requirement
    assert not any(s.text.startswith(("Sida ", "Page ", "Ja/Nej", "Fritext")) for s in statements)
    located = [s for s in statements if s.location.page or s.location.paragraph or s.location.table]
    assert len(located) == len(statements)


def find(statements, text):
    found = [s for s in statements if s.text == text]
    assert found, f"not found whole: {text!r}; near: {[s.text for s in statements if text[:25] in s.text]}"
    return found[0]


# (document, sentence as a reader quotes it, page, section, obligation)
PDF_SENTENCES = [
    # TendSign/Mercell export; the sentence begins at the foot of page 1 and ends on page 2
    ("1-AllDocuments.pdf", "För tillgång till systemet TendSign krävs en inloggning.", 1, "1.4", "ska"),
    ("1-AllDocuments.pdf", "Anbudet ska vara bindande till och med 2023-04-20.", 2, "1.6", "ska"),
    # a numbered item of the table "Erbjuden konsult ska uppfylla nedan ställda krav:" in a Word export
    ("2022120009_Avropsforfraga_projektledare_for_SDK_Digg.pdf",
     "Ha god erfarenhet av att leda projekt enligt projektmodeller såsom PPS-modellen", 5, "4.1", "ska"),
    # a bullet under "Offererad konsult ska ha minst ha:" in section 2.1.2.1
    ("1-AllDocuments__34_.pdf", "arbetat tre (3) år med designverktyget Figma.", 7, "2.1.2.1", "ska"),
    # a plain paragraph under "Obligatoriska krav (ska):" in a ServiceNow report
    ("6479_Projektledare_programledare_implementering_nytt_tandvardssystem.pdf",
     "Minst 12 års erfarenhet av att leda stora och komplexa förändringsprojekt varav minst 8 år inom region, kommun "
     "eller statlig verksamhet", 2, None, "ska"),
    # a bullet under "Meriterande:"
    ("1-AllDocuments.pdf", "Erfarenhet från energibranschen i stort", 6, "2.4", "bor"),
]


@pytest.mark.parametrize("name, text, page, section, obligation", PDF_SENTENCES)
def test_known_pdf_sentences(name, text, page, section, obligation):
    statement = find(read(name), text)
    assert (statement.location.page, statement.location.requirement, statement.obligation) == (page, section, obligation)
    assert statement.location.line and statement.location.line > 1


# (document, text, table, row, section, obligation)
WORD_CELLS = [
    # the header row opens the sentence each row ends
    ("Avropsforfragan_-_Drifttekniker_IT_infrastruktur_refnr_22-323.docx",
     "Erbjuden konsult ska ha god och aktuell kompetens inom Lagring", 14, 3, "5.4", "ska"),
    # a row under the lead-in row "Minst en (1) av de föreslagna konsulterna ska ha:"
    ("Avropsforfragan_Resursuppdrag_FKU.docx",
     "Minst fem (5) års dokumenterad arbetslivserfarenhet av att hantera geodata och GIS.", 15, 2, "5.4", "ska"),
    ("Avropsforfragan_IAM_fornyad_konkurrensutsattning.docx",
     "Systemutvecklare nivå 4: Arbetat med utveckling i MIM", 15, 4, "5.4", "ska"),
]


@pytest.mark.parametrize("name, text, table, row, section, obligation", WORD_CELLS)
def test_known_word_table_cells(name, text, table, row, section, obligation):
    statement = find(read(name), text)
    location = statement.location
    assert (location.table, location.row, location.cell, location.requirement, statement.obligation) == (
        table, row, 1, section, obligation)


def test_word_paragraph_under_an_automatically_numbered_heading():
    # "Form, innehåll och språk" is numbered by Word (4.1), not in its text
    statement = find(read("Avropsforfragan_Resursuppdrag_FKU.docx"), "Anbudet ska vara skrivet på svenska.")
    assert statement.location.requirement == "4.1" and statement.location.paragraph


@pytest.mark.slow
def test_doc_through_libreoffice():
    if soffice() is None:
        pytest.skip("LibreOffice is not installed")
    statements = read("Avropsforfragan_IT-konsulttjanster_Tekniker.doc")
    statement = find(statements, "Offererad konsult ska ha erfarenhet av Active Directory Federation Service (ADFS).")
    assert statement.location.requirement == "5.2" and statement.location.file.endswith(".doc")
