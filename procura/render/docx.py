"""The Word requirement specification, written with python-docx on a reference template.

Every style used is in STYLES; a template that lacks one is refused with the list of what is
missing (python-docx would otherwise raise KeyError or silently drop the formatting).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from procura.errors import InputError
from procura.render.paths import reference_docx

STYLES = (
    "Normal", "Title", "Heading 1", "Heading 2", "Cover Subtitle", "Cover Detail", "Requirement Text",
    "Requirement Meta", "Requirement Field", "Field Label", "Header Text", "Footer Text", "Appendix Item",
    "List Bullet", "Table Grid",
)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: Any) -> str:
    """Text safe for WordprocessingML: control characters are invalid XML and are dropped."""
    return _INVALID_XML.sub("", str(text))


def open_template(template: Path | None) -> Document:
    path = template or reference_docx()
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a readable Word template ({type(exc).__name__})", path,
                         "pass a .docx saved by Word or LibreOffice, based on templates/reference.docx") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a corrupt file, never a traceback
        raise InputError(f"not a readable Word template ({type(exc).__name__})", path,
                         "pass a .docx saved by Word or LibreOffice") from None
    names = {s.name for s in doc.styles}
    missing = [s for s in STYLES if s not in names]
    if missing:
        raise InputError(f"template lacks the styles {', '.join(missing)}", path,
                         "start from procura's templates/reference.docx and keep its style names")
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC): begin, instruction, separate, cached result, end."""
    def fld(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
        run._r.append(el)

    fld("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld("separate")
    paragraph.add_run(placeholder)
    fld("end")


def update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = OxmlElement("w:updateFields")
        settings.append(el)
    el.set(qn("w:val"), "true")


def labelled(doc, label: str, text: str, style: str = "Requirement Field") -> None:
    p = doc.add_paragraph(style=style)
    p.add_run(f"{label}: ", style="Field Label")
    p.add_run(clean(text))


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def header_footer(doc, header_text: str, page_word: str, of_word: str) -> None:
    """The running header (title and reference) and the footer "Page n of m"."""
    section = doc.sections[0]
    header = section.header.paragraphs[0] if section.header.paragraphs else section.header.add_paragraph()
    header.style = doc.styles["Header Text"]
    header.text = clean(header_text)
    footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
    footer.style = doc.styles["Footer Text"]
    footer.add_run(f"{page_word} ")
    field(footer, "PAGE", "1")
    footer.add_run(f" {of_word} ")
    field(footer, "NUMPAGES", "1")


def write_docx(model: dict[str, Any], path: Path, template: Path | None = None) -> None:
    t = model["t"]
    doc = open_template(template)
    props = doc.core_properties
    props.title = clean(f"{t['title_prefix']}: {model['title']}")
    props.author = clean(model["organisation"])
    props.subject = clean(model["reference"])
    props.comments = model["generator"]
    props.language = model["lang"]

    header_footer(doc, f"{model['title']} · {t['reference']} {model['reference']}", t["page"], t["of"])

    # cover
    doc.add_paragraph(clean(t["title_prefix"]), style="Title")
    doc.add_paragraph(clean(model["title"]), style="Cover Subtitle")
    for label, key in (("organisation", "organisation"), ("reference", "reference"), ("date", "date"), ("version", "version")):
        labelled(doc, t[label], model[key], style="Cover Detail")
    page_break(doc)

    # table of contents, refreshed by Word/LibreOffice on open
    doc.add_paragraph(t["toc"], style="Heading 1")
    field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', t["toc_placeholder"])
    update_fields_on_open(doc)
    page_break(doc)

    doc.add_paragraph(t["intro_heading"], style="Heading 1")
    doc.add_paragraph(clean(model["intro"]))
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for fact in model["facts"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = clean(fact["label"]), clean(fact["value"])
    doc.add_paragraph(t["how_heading"], style="Heading 1")
    for key in ("how_ska", "how_bor", "how_evidence", "how_equivalent", "how_levels"):
        doc.add_paragraph(t[key], style="List Bullet")

    for cat in model["categories"]:
        doc.add_paragraph(clean(cat["name"]), style="Heading 1")
        if cat["description"]:
            doc.add_paragraph(clean(cat["description"]))
        for r in cat["requirements"]:
            doc.add_paragraph(clean(f"{r['id']} {r['title']}"), style="Heading 2")
            doc.add_paragraph(clean(f"{r['obligation_name']} · {r['role_name']} · {r['level_name']}"), style="Requirement Meta")
            doc.add_paragraph(clean(r["text"]), style="Requirement Text")
            labelled(doc, t["motive"], r["motive"])
            labelled(doc, t["verification"], f"{r['verification']} {r['verification_when']}")
            if r["scoring"]:
                labelled(doc, t["scoring"], r["scoring"])
            if r["sources"]:
                labelled(doc, t["sources"], "; ".join(f"{s['citation']} ({s['url']})" for s in r["sources"]))
            if r["justification"]:
                labelled(doc, t["justification"], r["justification"])
            if r["origin"] not in ("library", "own"):
                labelled(doc, t["origin"], r["origin"])

    page_break(doc)
    doc.add_paragraph(t["appendix_heading"], style="Heading 1")
    doc.add_paragraph(t["appendix_intro"])
    for r in model["requirements"]:
        p = doc.add_paragraph(style="Appendix Item")
        p.add_run(f"{r['id']} ({r['level_name']}): ", style="Field Label")
        p.add_run(clean(" ".join(r["reasons"])))
    doc.add_paragraph(t["appendix_justifications"], style="Heading 2")
    if not model["justified"]:
        doc.add_paragraph(t["no_justifications"])
    for r in model["justified"]:
        p = doc.add_paragraph(style="Appendix Item")
        p.add_run(f"{r['id']}: ", style="Field Label")
        p.add_run(clean(" ".join(r["stricter"]) + (f" — {r['justification']}" if r["justification"] else "")))
    if model["excluded"]:
        doc.add_paragraph(t["appendix_excluded"], style="Heading 2")
        for e in model["excluded"]:
            p = doc.add_paragraph(style="Appendix Item")
            p.add_run(clean(f"{e['id']} {e['title']}: "), style="Field Label")
            p.add_run(clean(" ".join(e["reasons"])))
    doc.save(str(path))
