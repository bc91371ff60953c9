"""A specification written by procura, checked as a Word document from someone else: the checker
reads requirement texts under their ID headings and skips motive, verification and meta lines."""

import json

import docx
import pytest
from helpers import EXAMPLES

from procura.build import BuildOptions, build
from procura.checks.extract import read_statements


def test_built_document_yields_one_statement_per_requirement_with_its_id(tmp_path):
    result = build(EXAMPLES / "trygghetslarm.yaml", BuildOptions(tmp_path / "out", lang="en"))
    statements = read_statements(tmp_path / "out" / "requirement-specification.docx")
    ids = [s.location.requirement for s in statements if s.location.requirement]
    assert len(ids) == len(set(ids))  # one statement per requirement, not its motive and meta lines too
    assert len(ids) >= 0.8 * len(result.spec.items)
    assert not any(s.text.startswith(("Motive:", "Verification:", "Source:", "Shall ·")) for s in statements)


def test_built_document_passes_the_checker(tmp_path, runner, cli):
    build(EXAMPLES / "trygghetslarm.yaml", BuildOptions(tmp_path / "out"))
    result = runner.invoke(cli, ["check", str(tmp_path / "out" / "kravspecifikation.docx"), "--format", "json"])
    summary = json.loads(result.output)["summary"]
    assert result.exit_code == 0 and summary["error"] == 0
    assert summary["by_rule"].get("CON-001", 0) == 0


def test_heading_ids_apply_to_the_paragraphs_under_them(tmp_path):
    doc = docx.Document()
    doc.add_heading("K12 Loggning", level=2)
    doc.add_paragraph("Motiv: Kommunen behöver spårbarhet och ska kunna följa upp.")
    doc.add_paragraph("Leverantören ska logga all åtkomst till personuppgifter.")
    doc.add_heading("Allmänt", level=1)
    doc.add_paragraph("Leverantören ska utse en kontaktperson.")
    path = tmp_path / "spec.docx"
    doc.save(str(path))
    statements = read_statements(path)
    assert [(s.location.requirement, s.text) for s in statements] == [
        ("K12", "Leverantören ska logga all åtkomst till personuppgifter."),
        (None, "Leverantören ska utse en kontaktperson."),
    ]


@pytest.mark.slow
def test_review_report_opens_in_libreoffice(tmp_path, runner, cli):
    from helpers import to_pdf_text

    spec = tmp_path / "krav.txt"
    spec.write_text("Leverantören ska ha lägst riskklass 3 enligt UC.\nLösningen ska vara användarvänlig.\n", encoding="utf-8")
    report = tmp_path / "granskning.docx"
    result = runner.invoke(cli, ["check", str(spec), "--report", str(report)])
    assert result.exit_code == 1 and report.exists()
    text = to_pdf_text(report, tmp_path)
    assert "OVR-002" in text and "VAG-001" in text and "RÅ 2005 ref. 47" in text
