"""The built documents, read back: Word (python-docx), Markdown and JSON say the same thing."""

import json
import os
import stat

import docx
import pytest
from helpers import SIZED, library_copy, profile, requirement

from procura.build import BuildOptions, build
from procura.errors import InputError, OutputError
from procura.library import load_library


@pytest.fixture
def lib(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IN-001", "infrastruktur", role="sarskilt_kontraktsvillkor",
                sources=[{"citation": "LOU 4 kap. 1 §", "url": "https://example.org/lou"}], **SIZED)
    requirement(root, "TG-001", "tillganglighet", obligation="bor", scoring={"sv": "5 poäng om uppfyllt", "en": "5 points if met"})
    requirement(root, "IO-201", "interoperabilitet", products=["trygghetskamera"])
    return load_library(root)


def docx_text(path):
    doc = docx.Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    headers = [p.text for s in doc.sections for p in s.header.paragraphs]
    return paragraphs, cells, headers, doc


def test_word_document_has_every_part(tmp_path, lib):
    path = profile(tmp_path, title="Trygghetslarm åäö", choices={"IN-001": {"level": "spjutspets", "justification": "Larmkedjan måste vara redundant."}})
    result = build(path, BuildOptions(tmp_path / "out", library=lib))
    paragraphs, cells, headers, doc = docx_text(tmp_path / "out" / "kravspecifikation.docx")
    text = "\n".join(paragraphs)
    assert paragraphs[0] == "Kravspecifikation" and paragraphs[1] == "Trygghetslarm åäö"
    assert "Diarienummer: KS 2026/1" in text and "Datum: 2026-11-01" in text
    assert "Så läser och besvarar du kraven" in text
    assert "IN-001 Krav IN-001" in paragraphs and "Redundant drift, minst 99,95 %." in paragraphs
    assert "Motiv: Spårbarhet." in text
    assert "Källa:" not in text  # sources are an option of the profile (document.sources), off by default
    assert "Poängsättning: 5 poäng om uppfyllt" in text
    # procura's reasoning and the officer's justifications go to the internal memo, never to suppliers
    assert "Larmkedjan måste vara redundant" not in text and "Dimensionering och motiveringar" not in text
    assert "profil:" not in text and "Krav som inte ingår" not in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 3"]
    assert "IN-001 Krav IN-001" in headings and not any(h.startswith("IO-201") for h in headings)
    assert "K2 R2 T2" in cells
    assert headers[0] == "Trygghetslarm åäö · Diarienummer KS 2026/1"
    from docx.oxml.ns import qn

    fields = [el.text.strip() for el in doc.element.iter(qn("w:instrText"))]
    footer_fields = [el.text.strip() for el in doc.sections[0].footer._element.iter(qn("w:instrText"))]
    assert fields == ['TOC \\o "1-2" \\h \\z \\u'] and footer_fields == ["PAGE", "NUMPAGES"]
    assert "updateFields" not in doc.settings.element.xml  # Word does not ask every supplier to update fields
    assert 'w:val="sv-SE"' in doc.styles.element.xml and 'w:val="sv-SE"' in doc.settings.element.xml
    props = doc.core_properties
    assert props.created.date().isoformat() == "2026-11-01" == props.modified.date().isoformat()
    assert props.author == "Testby kommun" and props.language == "sv-SE"
    memo, *_ = docx_text(tmp_path / "out" / "internt-beslutsunderlag.docx")
    memo_text = "\n".join(memo)
    assert "Larmkedjan måste vara redundant." in memo_text and "Dimensionering och motiveringar" in memo_text
    assert "Krav som inte ingår" in memo and "LOU 4 kap. 1 § (https://example.org/lou)" in memo_text
    assert {p.name for p in result.files} == {"kravspecifikation.docx", "kravspecifikation.md", "kravspecifikation.json",
                                             "internt-beslutsunderlag.docx", "internt-beslutsunderlag.md",
                                             "kravmatris.xlsx", "procura.lock.json"}


def test_headings_use_template_styles(tmp_path, lib):
    build(profile(tmp_path), BuildOptions(tmp_path / "out", library=lib))
    _, _, _, doc = docx_text(tmp_path / "out" / "kravspecifikation.docx")
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert styles["Särskilda kontraktsvillkor"] == "Heading 1"  # IN-001 is a contract term in the test library
    assert styles["IN-001 Krav IN-001"] == "Heading 3"  # the contents list headings 1-2 only: short


def test_english_with_lang(tmp_path, lib):
    build(profile(tmp_path), BuildOptions(tmp_path / "out", lang="en", library=lib))
    paragraphs, *_ = docx_text(tmp_path / "out" / "requirement-specification.docx")
    assert paragraphs[0] == "Requirement specification"
    assert "Availability at least 99.5 %." in paragraphs
    assert "How to read and answer the requirements" in paragraphs


def test_markdown_and_json_match_the_document(tmp_path, lib):
    build(profile(tmp_path), BuildOptions(tmp_path / "out", library=lib))
    data = json.loads((tmp_path / "out" / "kravspecifikation.json").read_text(encoding="utf-8"))
    ids = [r["id"] for r in data["requirements"]]
    assert ids == ["TG-001"] and [r["id"] for r in data["contract_terms"]] == ["IN-001"]
    first = data["contract_terms"][0]
    assert {"id", "title", "level", "obligation", "text", "motive", "verification", "sources", "reasons"} <= set(first)
    assert first["level"] == "bas" and first["obligation"] == "ska"
    assert data["counts"] == {"requirements": 1, "ska": 0, "bor": 1, "contract_terms": 1}  # terms are not ska-krav
    md = (tmp_path / "out" / "kravspecifikation.md").read_text(encoding="utf-8")
    assert "### IN-001 Krav IN-001" in md and "Tillgänglighet minst 99,5 %." in md


def test_markdown_escapes_pack_text(tmp_path, lib):
    own = [{"id": "EGEN-1", "title": "<script>x</script> [länk](javascript:x)", "text": "{{ 7*7 }} {% raw %}",
            "category": "support", "motive": "m", "verification": "v"}]
    build(profile(tmp_path, own_requirements=own), BuildOptions(tmp_path / "out", library=lib))
    md = (tmp_path / "out" / "kravspecifikation.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "{{ 7\\*7 }}" in md and "49" not in md  # text is data, never a template


def test_control_characters_do_not_break_the_word_file(tmp_path, lib):
    own = [{"id": "EGEN-1", "title": "Fel\x07tecken", "text": "Text\x0bmed\x1bstyrtecken", "category": "support",
            "motive": "m", "verification": "v"}]
    build(profile(tmp_path, own_requirements=own), BuildOptions(tmp_path / "out", library=lib))
    paragraphs, *_ = docx_text(tmp_path / "out" / "kravspecifikation.docx")
    assert "Textmedstyrtecken" in paragraphs


def test_edited_output_is_not_replaced_without_force(tmp_path, lib):
    path = profile(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out, library=lib))
    build(path, BuildOptions(out, library=lib))  # unchanged outputs are procura's own: replaced
    md = out / "kravspecifikation.md"
    md.write_text("my edits", encoding="utf-8")
    with pytest.raises(OutputError, match="kravspecifikation.md: exists and was not written by procura or has been edited"):
        build(path, BuildOptions(out, library=lib))
    assert md.read_text(encoding="utf-8") == "my edits"
    build(path, BuildOptions(out, force=True, library=lib))
    assert md.read_text(encoding="utf-8") != "my edits"


def test_a_foreign_file_with_the_same_name_is_kept(tmp_path, lib):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kravspecifikation.docx").write_bytes(b"someone else's")
    with pytest.raises(OutputError):
        build(profile(tmp_path), BuildOptions(out, library=lib))
    assert (out / "kravspecifikation.docx").read_bytes() == b"someone else's"
    assert not (out / "kravspecifikation.md").exists()  # nothing half-written


def test_failure_leaves_nothing_half_written(tmp_path, lib):
    bad_template = tmp_path / "bad.docx"
    bad_template.write_bytes(b"not a zip")
    out = tmp_path / "out"
    with pytest.raises(InputError, match="not a readable Word template"):
        build(profile(tmp_path), BuildOptions(out, template=bad_template, library=lib))
    assert [p.name for p in out.iterdir()] == []


def test_template_without_procura_styles_falls_back_with_a_warning_and_keeps_its_header(tmp_path, lib):
    plain = tmp_path / "plain.docx"
    own = docx.Document()
    own.sections[0].header.paragraphs[0].text = "Åby kommun · Socialförvaltningen"
    own.sections[0].footer.paragraphs[0].text = "Åby kommun, 123 45 Åby"
    own.save(str(plain))
    options = BuildOptions(tmp_path / "out", template=plain, library=lib)
    build(profile(tmp_path), options)
    assert any("template lacks procura's styles" in w and "Requirement Text → Normal" in w for w in options.warnings)
    paragraphs, _, headers, doc = docx_text(tmp_path / "out" / "kravspecifikation.docx")
    assert "Tillgänglighet minst 99,5 %." in paragraphs
    assert headers[0] == "Åby kommun · Socialförvaltningen"
    assert doc.sections[0].footer.paragraphs[0].text == "Åby kommun, 123 45 Åby"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_folder(tmp_path, lib):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(stat.S_IRUSR | stat.S_IXUSR)
    with pytest.raises(OutputError, match="cannot write"):
        build(profile(tmp_path), BuildOptions(out, library=lib))


def test_output_path_that_is_a_file(tmp_path, lib):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="cannot write to the output folder"):
        build(profile(tmp_path), BuildOptions(target, library=lib))


def test_accepted_findings_and_their_justification_are_printed(tmp_path, lib):
    choices = {"TG-001": {"accept": ["VAG-001"], "justification": "Ordet används i lagens mening."}}
    build(profile(tmp_path, choices=choices), BuildOptions(tmp_path / "out", library=lib))
    memo = (tmp_path / "out" / "internt-beslutsunderlag.md").read_text(encoding="utf-8")
    assert "Ordet används i lagens mening." in memo and "VAG-001" in memo
