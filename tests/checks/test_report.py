"""The Word review report: built on procura's reference template, fixed column widths wide enough for
the rule and severity, statements read per file, and suggestions that fit the finding."""

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Cm

from procura.checks.report import REPORT_COLUMNS
from procura.cli import cli

STATEMENTS = ("Leverantören ska ha lägst riskklass 3 enligt UC.\n"
              "Leverantören ska logga all åtkomst till personuppgifter på ett bra sätt.\n"
              "Konsulten ska ha minst 10 referenser från svenska kommuner de senaste 2 åren.\n")


@pytest.fixture
def report(tmp_path):
    spec = tmp_path / "krav.txt"
    spec.write_text(STATEMENTS, encoding="utf-8")
    out = tmp_path / "granskning.docx"
    result = CliRunner().invoke(cli, ["check", str(spec), "--report", str(out)])
    assert result.exit_code == 1, result.output
    return docx.Document(str(out))


def test_report_uses_the_reference_template(report):
    names = {s.name for s in report.styles}
    assert {"Requirement Text", "Cover Detail", "Header Text"} <= names  # styles only the reference template has
    assert report.paragraphs[0].style.name == "Title"
    assert report.sections[0].header.paragraphs[0].text == "Granskningsrapport"
    assert "3 krav lästa" in "\n".join(p.text for p in report.paragraphs)


def test_columns_have_fixed_widths_that_fit_the_page(report):
    section = report.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    assert sum(Cm(width) for _, width in REPORT_COLUMNS) <= usable
    for table in report.tables:
        assert table._tbl.tblPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLayout") is not None
        for row in table.rows:
            assert [round(c.width / 360000, 1) for c in row.cells] == [w for _, w in REPORT_COLUMNS]


def test_suggestions_fit_the_finding(report):
    cells = [c.text for t in report.tables for r in t.rows for c in r.cells]
    text = "\n".join(cells)
    assert "Förslag: KV-001" in text  # the credit rating: the library's economic standing requirement
    assert "Förslag: DS-011" in text  # logging of access to personal data
    assert "Förslag: KV-003" in text  # references


@pytest.mark.slow
def test_report_pages_render_without_words_broken(tmp_path, report):
    from helpers import to_pdf_text

    path = tmp_path / "r.docx"
    report.save(str(path))
    text = to_pdf_text(path, tmp_path)
    for word in ("Upphandlingsmyndigheten", "OVR-002", "varning", "Källa"):
        assert word in text  # whole on one line, not split across two
