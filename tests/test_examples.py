"""Every shipped example builds, and its Word file opens in LibreOffice with every requirement in it."""

import json

import pytest
from helpers import example_profiles, to_pdf_text

from procura.build import BuildOptions, build

EXAMPLES = example_profiles()


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_builds(tmp_path, example):
    result = build(example, BuildOptions(tmp_path / "out"))
    assert len(result.spec.items) >= 3
    assert all(path.stat().st_size > 0 for path in result.files)


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_opens_in_libreoffice_with_every_requirement(tmp_path, example):
    out = tmp_path / "out"
    result = build(example, BuildOptions(out))
    data = json.loads((out / "kravspecifikation.json").read_text(encoding="utf-8"))
    text = to_pdf_text(out / "kravspecifikation.docx", tmp_path)
    missing = [r["id"] for r in data["requirements"] if r["id"] not in text]
    assert not missing, f"not in the PDF: {missing}"
    assert result.spec.profile.organisation in text
    assert "Sida 1 av" in text  # the footer's PAGE/NUMPAGES fields were computed


@pytest.mark.slow
def test_english_document_opens_in_libreoffice(tmp_path):
    build(EXAMPLES[0], BuildOptions(tmp_path / "out", lang="en"))
    text = to_pdf_text(tmp_path / "out" / "requirement-specification.docx", tmp_path)
    assert "Requirement specification" in text and "Page 1 of" in text
