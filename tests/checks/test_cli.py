"""procura check / explain: exit codes and messages."""

import docx
import pytest
from click.testing import CliRunner

from procura.checks import RULES
from procura.cli import cli


@pytest.fixture
def txt(tmp_path):
    def write(*lines):
        path = tmp_path / "krav.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)
    return write


def test_clean_document_exits_0(txt):
    result = CliRunner().invoke(cli, ["check", txt("Leverantören ska leverera inom 10 dagar."), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "No findings." in result.output


def test_error_exits_1_and_groups_by_line(txt):
    result = CliRunner().invoke(cli, ["check", txt("Leverantören ska ha ett kontor i Umeå kommun.")])
    assert result.exit_code == 1
    assert "krav.txt:1" in result.output and "OVR-006" in result.output and "fel" in result.output
    assert "\x1b[" not in result.output  # NO_COLOR / not a terminal: no escape codes


def test_warning_exits_0_unless_fail_on_warning(txt):
    path = txt("Lösningen ska vara användarvänlig.")
    assert CliRunner().invoke(cli, ["check", path]).exit_code == 0
    result = CliRunner().invoke(cli, ["check", path, "--fail-on", "warning", "--lang", "en"])
    assert result.exit_code == 1 and "VAG-001" in result.output and "warning" in result.output


def test_estimated_value_enables_turnover_cap(txt):
    path = txt("Leverantören ska ha en årsomsättning om minst 20 miljoner kronor.")
    assert CliRunner().invoke(cli, ["check", path]).exit_code == 0
    result = CliRunner().invoke(cli, ["check", path, "--estimated-value", "5000000", "--lang", "en"])
    assert result.exit_code == 1 and "OVR-001" in result.output and "twice the estimated value" in result.output


def test_report_docx(tmp_path, txt):
    out = tmp_path / "rapport.docx"
    result = CliRunner().invoke(cli, ["check", txt("Lösningen ska vara användarvänlig."), "--report", str(out)])
    assert result.exit_code == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "Granskningsrapport" in text and "VAG-001" in cells


@pytest.mark.parametrize("rule", sorted(RULES))
def test_explain_every_rule(rule):
    result = CliRunner().invoke(cli, ["explain", rule.lower(), "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.startswith(rule) and RULES[rule].citation in result.output


def test_explain_unknown_rule_exits_2():
    result = CliRunner().invoke(cli, ["explain", "XYZ-9"])
    assert result.exit_code == 2 and "unknown rule 'XYZ-9'" in result.output


def test_check_needs_a_target():
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2 and "Missing argument" in result.output


def test_help_texts():
    for command in ("check", "explain"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
