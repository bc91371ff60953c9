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
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from procura.errors import InputError
from procura.render.paths import reference_docx

STYLES = (
    "Normal", "Title", "Heading 1", "Heading 2", "Cover Subtitle", "Cover Detail", "Requirement Text",
    "Requirement Meta", "Requirement Field", "Field Label", "Header Text", "Footer Text", "Appendix Item",
    "List Bullet", "Table Grid", "toc 1", "toc 2",
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
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, cached result, end."""
    _field_begin(paragraph, instruction)
    paragraph.add_run(placeholder)
    _fld_char(paragraph.add_run(), "end")


def _toc_entries(model: dict[str, Any]) -> list[tuple[int, str]]:
    t = model["t"]
    entries = [(1, t["intro_heading"]), (1, t["how_heading"])]
    for cat in model["categories"]:
        entries.append((1, cat["name"]))
        entries += [(2, f"{r['id']} {r['title']}") for r in cat["requirements"]]
    return entries + [(1, t["appendix_heading"])]


def _table_of_contents(doc, entries: list[tuple[int, str]]) -> None:
    """A TOC field whose cached result already lists the headings (without page numbers).

    Word refreshes the field on open (updateFields); LibreOffice and viewers that do not refresh
    still show the entries instead of an empty placeholder.
    """
    first = para(doc, style=f"toc {entries[0][0]}")
    _field_begin(first, 'TOC \\o "1-2" \\h \\z \\u')
    run(doc, first, entries[0][1])
    last = first
    for level, text in entries[1:]:
        last = para(doc, text, f"toc {level}")
    _fld_char(last.add_run(), "end")


def _fld_char(run, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        el.set(qn("w:dirty"), "true")
    run._r.append(el)


def _field_begin(paragraph, instruction: str) -> None:
    _fld_char(paragraph.add_run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _fld_char(paragraph.add_run(), "separate")


def update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = OxmlElement("w:updateFields")
        settings.append(el)
    el.set(qn("w:val"), "true")


def style_id(doc, name: str) -> str:
    """A style's id, looked up once per document: python-docx resolves a style name by scanning
    every style for each paragraph, which made a 70-requirement document take seconds."""
    ids = getattr(doc, "_procura_style_ids", None)
    if ids is None:
        ids = {s.name: s.style_id for s in doc.styles}
        doc._procura_style_ids = ids
    return ids[name]


SECT_PR, W_PPR, W_PSTYLE, W_VAL = qn("w:sectPr"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
W_R, W_RPR, W_RSTYLE, W_T, XML_SPACE = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:t"), qn("xml:space")


def para(doc, text: str = "", style: str = "Normal") -> Paragraph:
    """A paragraph in ``style`` with ``text`` cleaned of characters Word cannot store.

    Built as WordprocessingML directly (w:p/w:pPr/w:pStyle + w:r/w:t) and placed before the body's
    final w:sectPr: python-docx's generic element insertion made this the build's hot spot.
    """
    p = OxmlElement("w:p")
    # children made with SubElement keep python-docx's element classes and skip OxmlElement's per-call namespace map
    SubElement(SubElement(p, W_PPR), W_PSTYLE).set(W_VAL, style_id(doc, style))
    body = doc.element.body
    # the section properties end the body: look at the last child (len() and find() walk every paragraph)
    last = next(body.iterchildren(reversed=True), None)
    sect = last if last is not None and last.tag == SECT_PR else body.find(SECT_PR)
    if sect is not None:
        sect.addprevious(p)
    else:
        body.append(p)
    paragraph = Paragraph(p, doc._body)
    if text:
        run(doc, paragraph, text)
    return paragraph


def run(doc, paragraph: Paragraph, text: str, style: str | None = None):
    """A run of ``text`` (optionally in a character style) at the end of ``paragraph``."""
    r = SubElement(paragraph._p, W_R)
    if style is not None:
        SubElement(SubElement(r, W_RPR), W_RSTYLE).set(W_VAL, style_id(doc, style))
    t = SubElement(r, W_T)
    t.set(XML_SPACE, "preserve")
    t.text = clean(text)
    return r


def labelled(doc, label: str, text: str, style: str = "Requirement Field") -> None:
    """A paragraph "Label: text" with the label in bold (character style Field Label)."""
    p = para(doc, style=style)
    run(doc, p, f"{label}: ", "Field Label")
    run(doc, p, text)


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


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


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
    para(doc, t["title_prefix"], "Title")
    para(doc, model["title"], "Cover Subtitle")
    for label, key in (("organisation", "organisation"), ("reference", "reference"), ("date", "date"), ("version", "version")):
        labelled(doc, t[label], model[key], style="Cover Detail")
    page_break(doc)

    # table of contents, refreshed by Word/LibreOffice on open
    para(doc, t["toc"], "Heading 1")
    _table_of_contents(doc, _toc_entries(model))
    update_fields_on_open(doc)
    page_break(doc)

    para(doc, t["intro_heading"], "Heading 1")
    para(doc, model["intro"])
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for fact in model["facts"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = clean(fact["label"]), clean(fact["value"])
    para(doc, t["how_heading"], "Heading 1")
    for key in ("how_ska", "how_bor", "how_evidence", "how_equivalent", "how_levels"):
        para(doc, t[key], "List Bullet")

    for cat in model["categories"]:
        para(doc, cat["name"], "Heading 1")
        if cat["description"]:
            para(doc, cat["description"])
        for r in cat["requirements"]:
            para(doc, f"{r['id']} {r['title']}", "Heading 2")
            para(doc, f"{r['obligation_name']} · {r['role_name']} · {r['level_name']}", "Requirement Meta")
            para(doc, r["text"], "Requirement Text")
            labelled(doc, t["motive"], r["motive"])
            labelled(doc, t["verification"], f"{r['verification']} {r['verification_when']}")
            if r["scoring"]:
                labelled(doc, t["scoring"], r["scoring"])
            if r["sources"]:
                labelled(doc, t["sources"], "; ".join(f"{s['citation']} ({s['url']})" for s in r["sources"]))
            if r["justification"]:
                labelled(doc, t["justification"], r["justification"])
            if r["accepted"]:
                labelled(doc, t["accepted_rules"], ", ".join(r["accepted"]))
            if r["origin"] not in ("library", "own"):
                labelled(doc, t["origin"], r["origin"])

    page_break(doc)
    para(doc, t["appendix_heading"], "Heading 1")
    para(doc, t["appendix_intro"])
    for r in model["requirements"]:
        p = para(doc, style="Appendix Item")
        run(doc, p, f"{r['id']} ({r['level_name']}): ", "Field Label")
        run(doc, p, " ".join(r["reasons"]))
    para(doc, t["appendix_justifications"], "Heading 2")
    if not model["justified"]:
        para(doc, t["no_justifications"])
    for r in model["justified"]:
        p = para(doc, style="Appendix Item")
        run(doc, p, f"{r['id']}: ", "Field Label")
        run(doc, p, " ".join(r["stricter"]) + (f" — {r['justification']}" if r["justification"] else ""))
    if model["excluded"]:
        para(doc, t["appendix_excluded"], "Heading 2")
        for e in model["excluded"]:
            p = para(doc, style="Appendix Item")
            run(doc, p, f"{e['id']} {e['title']}: ", "Field Label")
            run(doc, p, " ".join(e["reasons"]))
    doc.save(str(path))
