"""A specification the officer can publish unchanged: no blanks, units as words, a missing fact refused;
and (slow) each example rendered by LibreOffice with page numbers in its contents."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import before_choices, with_choices

from procura.build import BuildOptions, build
from procura.errors import ProcuraError

REPO = Path(__file__).resolve().parents[1]


def example_copy(tmp_path: Path, name: str = "trygghetslarm") -> tuple[Path, str]:
    """A copy of an example profile, with its section files, that a test may change."""
    sections = REPO / "examples" / "trygghetslarm-avsnitt"
    shutil.copytree(sections, tmp_path / sections.name)
    return tmp_path / "p.yaml", (REPO / "examples" / f"{name}.yaml").read_text(encoding="utf-8")
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
BLANKS = re.compile(r"anger i upphandlingsdokumenten|anges i upphandlingsdokumenten|enligt bilaga\b|EU/EES eller Sverige|"
                    r"\{\{|\[ANGE|states in the procurement documents|as annexed|\[INSERT", re.I)
UNIT_SYMBOL = re.compile(r"\d\s?(?:d|h|min|s|m)\b(?![-/])")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_builds_with_no_blank(example, tmp_path):
    build(example, BuildOptions(tmp_path / "out"))
    md = (tmp_path / "out" / "kravspecifikation.md").read_text(encoding="utf-8")
    assert not BLANKS.search(md), BLANKS.search(md).group(0)
    assert not UNIT_SYMBOL.search(md), md[UNIT_SYMBOL.search(md).start() - 40:UNIT_SYMBOL.search(md).end() + 10]
    assert "profil:" not in md and "Dimensionering" not in md  # the reasoning is in the internal memo


def test_a_profile_missing_a_fact_is_refused_and_a_draft_marks_it(tmp_path):
    profile, text = example_copy(tmp_path)
    profile.write_text(re.sub(r"(?m)^trainees:.*\n", "", text), encoding="utf-8")
    with pytest.raises(ProcuraError, match=r"the profile lacks `trainees`, which SF-004 needs"):
        build(profile, BuildOptions(tmp_path / "out"))
    assert not (tmp_path / "out" / "kravspecifikation.docx").exists()
    build(profile, BuildOptions(tmp_path / "draft", draft=True))
    md = (tmp_path / "draft" / "kravspecifikation.md").read_text(encoding="utf-8")
    assert "ANGE: trainees saknas i profilen" in md and "UTKAST" in md


def test_units_are_words_with_singular_and_plural():
    from procura.models.requirement import Parameter
    from procura.sizing.resolve import format_parameter

    days = Parameter(name="x", label={"sv": "x", "en": "x"}, unit="calendar_days", defaults={"bas": 1}, stricter="lower")
    assert format_parameter(days, 1, "sv") == "1 kalenderdag" and format_parameter(days, 3, "sv") == "3 kalenderdagar"
    assert format_parameter(days, 3, "en") == "3 calendar days"
    # a symbol written by packs from before unit keys is read as its key ("dagar" are calendar days)
    assert Parameter(name="x", label={"sv": "x", "en": "x"}, unit="d", defaults={"bas": 1}, stricter="lower").unit == "calendar_days"
    with pytest.raises(ValueError, match="unit 'dygn' is not a unit key"):
        Parameter(name="x", label={"sv": "x", "en": "x"}, unit="dygn", defaults={"bas": 1}, stricter="lower")


def test_reasons_quote_only_true_conditions(tmp_path):
    build(REPO / "examples" / "trygghetskamera.yaml", BuildOptions(tmp_path / "out"))
    memo = (tmp_path / "out" / "internt-beslutsunderlag.md").read_text(encoding="utf-8")
    for match in re.finditer(r"≥ (\d) \(profil: (\d)\)", memo):
        assert int(match.group(2)) >= int(match.group(1)), match.group(0)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_libreoffice_renders_page_numbers_language_and_no_stranded_heading(example, tmp_path, monkeypatch):
    monkeypatch.delenv("PROCURA_SOFFICE")
    build(example, BuildOptions(tmp_path / "out"))
    docx = tmp_path / "out" / "kravspecifikation.docx"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], check=True, capture_output=True, timeout=180)
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "kravspecifikation.pdf"), "-"], check=True,
                           capture_output=True).stdout.decode().split("\f")
    toc = next(p for p in pages if "Innehåll" in p)
    numbered = [line for line in toc.splitlines() if re.search(r"\.{3,}\s*\d+\s*$", line)]
    assert len(numbered) >= 5, toc
    with zipfile.ZipFile(docx) as z:
        assert 'w:val="sv-SE"' in z.read("word/styles.xml").decode()
    heading = re.compile(r"^[A-Z]{2}-\d{3} ")
    for page in pages[2:]:
        body = [line.strip() for line in page.splitlines() if line.strip()]
        if len(body) > 2:
            assert not heading.match(body[-2]), body[-2]  # the last line is the footer "Sida n av m"
    text = "\n".join(pages)
    assert not UNIT_SYMBOL.search(text.replace("kbit/s", ""))
    assert "Dimensionering och motiveringar" not in text and "profil:" not in text


def test_diff_lists_changes_and_drafts_the_correction_in_both_languages(tmp_path):
    from click.testing import CliRunner

    from procura.cli import cli

    profile, text = example_copy(tmp_path)
    profile.write_text(text, encoding="utf-8")
    build(profile, BuildOptions(tmp_path / "v1"))
    changed = with_choices(text.replace('version: "1.0"', 'version: "1.1"'), """choices:
  IS-006: {parameters: {critical_days: 5}, justification: Sårbarheter utnyttjas snabbt.}
  IO-103: {include: false}
  IN-001: {level: bas}""")
    profile.write_text(changed, encoding="utf-8")
    build(profile, BuildOptions(tmp_path / "v2"))
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(tmp_path / "v1/kravspecifikation.json"), str(tmp_path / "v2/kravspecifikation.json"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    assert data["kind"] == "rattelse" and [c["id"] for c in data["removed"]] == ["IO-103"]
    assert [c["id"] for c in data["tightened"]] == ["IS-006"] and [c["id"] for c in data["loosened"]] == ["IN-001"]
    assert "7 kalenderdagar → 5 kalenderdagar" in data["message"]["sv"]
    assert data["message"]["sv"].startswith("Rättelse av upphandlingsdokumenten")
    assert data["message"]["en"].startswith("Correction of the procurement documents")
    same = runner.invoke(cli, ["diff", str(tmp_path / "v2/kravspecifikation.json"), str(tmp_path / "v2/kravspecifikation.json")])
    assert same.exit_code == 0 and "Inga krav har ändrats." in same.output
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    refused = runner.invoke(cli, ["diff", str(bad), str(tmp_path / "v2/kravspecifikation.json")])
    assert refused.exit_code == 2 and "not a build JSON" in refused.output


def test_the_officers_markdown_sections_are_rendered_with_the_template_styles(tmp_path):
    import docx

    build(REPO / "examples" / "trygghetslarm-egna-avsnitt.yaml", BuildOptions(tmp_path / "out"))
    doc = docx.Document(str(tmp_path / "out" / "kravspecifikation.docx"))
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["Bakgrund"] == "Heading 1" and styles["Nuläge"] == "Heading 2"
    assert styles["Omfattning och nuläge"] == "Heading 1" and styles["Leverans och införande"] == "Heading 1"
    assert styles["Pilot i ett hemtjänstområde med cirka 100 larm."] == "List Number"
    bullet = next(p for p in doc.paragraphs if p.text.startswith("Larmanvändare – "))
    assert bullet.style.name == "List Bullet" and bullet.runs[0].bold
    assert any(["Antal larm", "cirka 1 200, varav cirka 60 mobila"] == [c.text for c in row.cells]
               for table in doc.tables for row in table.rows)


def test_a_section_file_that_is_missing_or_html_is_handled(tmp_path):
    profile, text = example_copy(tmp_path, "trygghetslarm-egna-avsnitt")
    profile.write_text(re.sub(r"(?ms)^sections:\n(?:  .*\n)+", "sections: {background: bakgrund.md}\n", text), encoding="utf-8")
    with pytest.raises(ProcuraError, match="sections.background: file not found"):
        build(profile, BuildOptions(tmp_path / "out"))
    (tmp_path / "bakgrund.md").write_text("Text <script>alert(1)</script> **fet**\n", encoding="utf-8")
    build(profile, BuildOptions(tmp_path / "out"))
    import docx

    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out" / "kravspecifikation.docx")).paragraphs]
    assert "Text <script>alert(1)</script> fet" in paragraphs  # raw HTML is shown as text, never interpreted


def test_verification_shows_only_the_chosen_levels_evidence(tmp_path):
    build(REPO / "examples" / "trygghetslarm.yaml", BuildOptions(tmp_path / "out"))
    data = __import__("json").loads((tmp_path / "out" / "kravspecifikation.json").read_text(encoding="utf-8"))
    everything = data["requirements"] + data["contract_terms"]
    assert not [r["id"] for r in everything if re.search(r"\bbas –|avancerad –|basic –|advanced –", r["verification"])]
    is001 = next(r for r in everything if r["id"] == "IS-001")
    assert is001["level"] == "avancerad" and is001["verification"].startswith("Vid anbud: certifikat med omfattning")


def test_languages_are_written_in_the_documents_language(tmp_path):
    build(REPO / "examples" / "trygghetslarm.yaml", BuildOptions(tmp_path / "sv"))
    build(REPO / "examples" / "trygghetslarm.yaml", BuildOptions(tmp_path / "en", lang="en"))
    assert "på finska och arabiska utöver svenska" in (tmp_path / "sv" / "kravspecifikation.md").read_text(encoding="utf-8")
    assert "in Finnish and Arabic besides Swedish" in (tmp_path / "en" / "requirement-specification.md").read_text(encoding="utf-8")


def test_the_library_check_refuses_a_unit_that_is_no_key(tmp_path):
    from click.testing import CliRunner
    from helpers import library_copy, requirement

    from procura.cli import cli

    root = library_copy(tmp_path)
    requirement(root, "IS-900", "informationssakerhet", levels={"bas": {"text": {"sv": "Inom {{n}}.", "en": "Within {{n}}."}}},
                parameters=[{"name": "n", "label": {"sv": "Tid", "en": "Time"}, "unit": "dygn", "defaults": {"bas": 3},
                             "stricter": "lower"}])
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert result.exit_code == 2
    assert "IS-900.yaml" in result.output and "unit 'dygn' is not a unit key" in result.output and "working_days" in result.output


def test_motive_and_sources_in_the_supplier_document_are_a_profile_option(tmp_path):
    profile, text = example_copy(tmp_path)
    profile.write_text(before_choices(text, "document: {motive: false, sources: true}"), encoding="utf-8")
    build(profile, BuildOptions(tmp_path / "out"))
    md = (tmp_path / "out" / "kravspecifikation.md").read_text(encoding="utf-8")
    assert "**Motiv:**" not in md and "**Källa:**" in md
    default = tmp_path / "default"
    build(REPO / "examples" / "trygghetslarm.yaml", BuildOptions(default))
    md = (default / "kravspecifikation.md").read_text(encoding="utf-8")
    assert "**Motiv:**" in md and "**Källa:**" not in md
