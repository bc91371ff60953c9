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
    "Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Cover Subtitle", "Cover Detail", "Requirement Text",
    "Requirement Meta", "Requirement Field", "Field Label", "Header Text", "Footer Text", "Appendix Item",
    "List Bullet", "List Number", "Table Grid", "toc 1", "toc 2",
)
# a template without procura's own styles falls back to Word's built-in ones (then to Normal)
FALLBACK = {
    "Heading 3": "Heading 2", "Cover Subtitle": "Subtitle", "Cover Detail": "Normal", "Requirement Text": "Normal",
    "Requirement Meta": "Normal", "Requirement Field": "Normal", "Field Label": "Strong", "Header Text": "Header",
    "Footer Text": "Footer", "Appendix Item": "Normal", "List Number": "List Bullet", "List Bullet": "Normal",
    "toc 1": "Normal", "toc 2": "Normal", "Table Grid": "Normal Table", "Title": "Normal", "Subtitle": "Normal",
    "Header": "Normal", "Footer": "Normal", "Heading 2": "Heading 1", "Heading 1": "Normal",
}
CHARACTER_STYLES = ("Field Label", "Strong")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LANG_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def clean(text: Any) -> str:
    """Text safe for WordprocessingML: control characters are invalid XML and are dropped."""
    return _INVALID_XML.sub("", str(text))


MAX_TEMPLATE_BYTES = 50_000_000


def open_template(template: Path | None, warnings: list[str] | None = None) -> Document:
    """The template with its body emptied (page set-up, styles, header and footer kept).

    A style procura uses that the template lacks is mapped to a built-in one, with a warning in
    ``warnings`` naming what was replaced.
    """
    import io

    from procura.files import open_zip, read_bytes

    path = template or reference_docx()
    data = read_bytes(path, MAX_TEMPLATE_BYTES, "Word template")  # a regular file only: a named pipe never blocks
    with open_zip(data, path, "Word", label="readable Word template") as archive:
        for name in archive.names:  # a corrupt part is named, and nothing unpacks past the limits
            archive.read(name)
    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a readable Word template ({type(exc).__name__})", path,
                         "pass a .docx saved by Word or LibreOffice, based on templates/reference.docx") from None
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a corrupt file, never a traceback
        raise InputError(f"not a readable Word template ({type(exc).__name__})", path,
                         "pass a .docx saved by Word or LibreOffice") from None
    names = {s.name for s in doc.styles}
    if "Normal" not in names:
        raise InputError("template has no Normal style", path, "start from procura's templates/reference.docx")
    mapping: dict[str, str | None] = {}
    for style in STYLES:
        target: str | None = style
        while target is not None and target not in names:
            target = FALLBACK.get(target, "Normal" if target not in CHARACTER_STYLES else None)
        mapping[style] = target
    replaced = [f"{s} → {mapping[s] or '(bold)'}" for s in STYLES if mapping[s] != s]
    if replaced and warnings is not None:
        warnings.append(f"{path}: template lacks procura's styles; using built-in ones instead: {', '.join(replaced)}")
    doc._procura_style_map = mapping
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


def _table_of_contents(doc, entries: list[tuple[int, str]], pages: dict[str, int] | None = None) -> None:
    """A TOC field over headings of levels 1-2 whose cached result already lists the entries, with
    their page numbers when ``pages`` gives them (measured by LibreOffice, see procura.render.toc).

    Word is not asked to refresh fields on open (it would ask every supplier); a reader who edits
    the document updates the table with F9 / Uppdatera fält.
    """
    width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    for n, (level, text) in enumerate(entries):
        p = para(doc, style=f"toc {level}")
        ppr = p._p.find(qn("w:pPr"))
        tabs = OxmlElement("w:tabs")
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "right")
        tab.set(qn("w:leader"), "dot")
        tab.set(qn("w:pos"), str(int(width / 635)))  # EMU -> twentieths of a point
        tabs.append(tab)
        ppr.append(tabs)
        if n == 0:
            _field_begin(p, 'TOC \\o "1-2" \\h \\z \\u')
        run(doc, p, text)
        page = (pages or {}).get(text)
        if page is not None:
            r = OxmlElement("w:r")
            r.append(OxmlElement("w:tab"))
            p._p.append(r)
            run(doc, p, str(page))
        if n == len(entries) - 1:
            _fld_char(p.add_run(), "end")


def _fld_char(run, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    run._r.append(el)


def _field_begin(paragraph, instruction: str) -> None:
    _fld_char(paragraph.add_run(), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    _fld_char(paragraph.add_run(), "separate")


def style_id(doc, name: str) -> str:
    """A style's id, looked up once per document: python-docx resolves a style name by scanning
    every style for each paragraph, which made a 70-requirement document take seconds."""
    ids = getattr(doc, "_procura_style_ids", None)
    if ids is None:
        ids = {s.name: s.style_id for s in doc.styles}
        doc._procura_style_ids = ids
    mapped = getattr(doc, "_procura_style_map", {}).get(name, name)
    return ids.get(mapped) if mapped is not None else None


SECT_PR, W_P, W_PPR, W_PSTYLE, W_VAL, W_KEEP_NEXT = qn("w:sectPr"), qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:keepNext")
W_R, W_RPR, W_RSTYLE, W_T, XML_SPACE = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:t"), qn("xml:space")
W_B, W_I = qn("w:b"), qn("w:i")


def para(doc, text: str = "", style: str = "Normal", keep_next: bool = False) -> Paragraph:
    """A paragraph in ``style`` with ``text`` cleaned of characters Word cannot store.

    Built as WordprocessingML directly (w:p/w:pPr/w:pStyle + w:r/w:t) and placed before the body's
    final w:sectPr: python-docx's generic element insertion made this the build's hot spot.
    """
    body = doc.element.body
    # made by the body's parser (and SubElement): python-docx's element classes, without OxmlElement's
    # per-call namespace map
    p = body.makeelement(W_P)
    ppr = SubElement(p, W_PPR)
    SubElement(ppr, W_PSTYLE).set(W_VAL, style_id(doc, style) or style_id(doc, "Normal"))
    if keep_next:
        SubElement(ppr, W_KEEP_NEXT)
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


def run(doc, paragraph: Paragraph, text: str, style: str | None = None, bold: bool = False, italic: bool = False):
    """A run of ``text`` (optionally in a character style) at the end of ``paragraph``."""
    r = SubElement(paragraph._p, W_R)
    sid = style_id(doc, style) if style is not None else None
    if style is not None or bold or italic:
        rpr = SubElement(r, W_RPR)
        if sid is not None:
            SubElement(rpr, W_RSTYLE).set(W_VAL, sid)
        if bold or (style is not None and sid is None):
            SubElement(rpr, W_B)
        if italic:
            SubElement(rpr, W_I)
    t = SubElement(r, W_T)
    t.set(XML_SPACE, "preserve")
    t.text = clean(text)
    return r


def labelled(doc, label: str, text: str, style: str = "Requirement Field", keep_next: bool = False) -> None:
    """A paragraph "Label: text" with the label in bold (character style Field Label)."""
    p = para(doc, style=style, keep_next=keep_next)
    run(doc, p, f"{label}: ", "Field Label")
    run(doc, p, text)


class Paragraphs:
    """Many plain paragraphs at the end of the body, written as WordprocessingML text and parsed in one go.

    The same w:p/w:pPr/w:pStyle + w:r/w:rPr/w:t elements :func:`para` and :func:`run` make, for the long
    runs of requirement blocks and memo lines: creating python-docx's element objects one by one cost
    ~40 µs a paragraph (a 2,000-requirement pack: a third of the build). Use as a context manager; the
    paragraphs go in, before the body's section properties, when the block ends.
    """

    def __init__(self, doc):
        self.doc = doc
        self.parts: list[str] = []

    def __enter__(self) -> Paragraphs:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None and self.parts:
            from docx.oxml.parser import oxml_parser
            from lxml import etree

            xml = f'<w:body xmlns:w="{_W_NS}">{"".join(self.parts)}</w:body>'
            wrapper = etree.fromstring(xml, oxml_parser)
            body = self.doc.element.body
            last = next(body.iterchildren(reversed=True), None)
            sect = last if last is not None and last.tag == SECT_PR else body.find(SECT_PR)
            for p in list(wrapper):
                if sect is not None:
                    sect.addprevious(p)
                else:
                    body.append(p)
        self.parts = []

    def para(self, text: str = "", style: str = "Normal", keep_next: bool = False,
             runs: tuple[tuple[str, str | None], ...] = ()) -> None:
        """A paragraph in ``style``: ``text`` as one run, then each (text, character style) of ``runs``."""
        sid = style_id(self.doc, style) or style_id(self.doc, "Normal")
        out = self.parts
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{_attr(sid)}"/>{"<w:keepNext/>" if keep_next else ""}</w:pPr>')
        if text:
            self._run(text, None)
        for run_text, run_style in runs:
            self._run(run_text, run_style)
        out.append("</w:p>")

    def labelled(self, label: str, text: str, style: str = "Requirement Field", keep_next: bool = False) -> None:
        """As :func:`labelled`."""
        self.para(style=style, keep_next=keep_next, runs=((f"{label}: ", "Field Label"), (text, None)))

    def _run(self, text: str, style: str | None) -> None:
        props = ""
        if style is not None:  # as run(): the character style, or bold where the template lacks it
            sid = style_id(self.doc, style)
            props = f'<w:rPr><w:rStyle w:val="{_attr(sid)}"/></w:rPr>' if sid is not None else "<w:rPr><w:b/></w:rPr>"
        self.parts.append(f'<w:r>{props}<w:t xml:space="preserve">{_text(clean(text))}</w:t></w:r>')


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _text(value: str) -> str:
    """Escaped for element text; a carriage return as a reference, which a parser would read as a line feed."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")


def _has_content(part) -> bool:
    """A header or footer the template filled in itself: text, a picture or a field."""
    element = part._element
    return bool("".join(t.text or "" for t in element.iter(qn("w:t"))).strip()) or \
        any(True for _ in element.iter(qn("w:drawing"))) or any(True for _ in element.iter(qn("w:pict")))


def header_footer(doc, header_text: str, page_word: str, of_word: str) -> None:
    """The running header (title and reference) and the footer "Page n of m" — unless the template
    brings its own header or footer (a municipality's logo line), which is kept as it is."""
    section = doc.sections[0]
    if section.header.is_linked_to_previous or not _has_content(section.header):
        header = section.header.paragraphs[0] if section.header.paragraphs else section.header.add_paragraph()
        header.style = doc.styles[doc._procura_style_map.get("Header Text") or "Normal"]
        header.text = clean(header_text)
    if section.footer.is_linked_to_previous or not _has_content(section.footer):
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        footer.style = doc.styles[doc._procura_style_map.get("Footer Text") or "Normal"]
        footer.add_run(f"{page_word} ")
        field(footer, "PAGE", "1")
        footer.add_run(f" {of_word} ")
        field(footer, "NUMPAGES", "1")


def set_language(doc, lang: str) -> None:
    """The document's language on the default run properties, every style and the settings, so
    spell-checking and screen readers use Swedish (sv-SE) or British English (en-GB)."""
    tag = LANG_TAGS[lang]
    styles = doc.styles.element
    targets = [styles.find(qn("w:docDefaults"))]
    targets = [el for el in targets if el is not None]
    for default in targets:
        rpr_default = default.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            default.insert(0, rpr_default)
        _set_lang(rpr_default, tag, wrap=True)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character"):
            _set_lang(style, tag, wrap=False)
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.append(theme)
    theme.set(qn("w:val"), tag)


def _set_lang(parent, tag: str, wrap: bool) -> None:
    rpr = parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        parent.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


def set_properties(doc, title: str, author: str, subject: str, generator: str, lang: str, date: str) -> None:
    """Core properties: title, author = the organisation, created/modified = the build's date."""
    import datetime as dt

    props = doc.core_properties
    props.title = clean(title)
    props.author = clean(author)
    props.last_modified_by = clean(author)
    props.subject = clean(subject)
    props.comments = generator
    props.language = LANG_TAGS[lang]
    props.revision = 1
    when = dt.datetime.combine(dt.date.fromisoformat(date), dt.time(12, 0))
    props.created = when
    props.modified = when
    printed = props._element.find(qn("cp:lastPrinted"))
    if printed is not None:
        props._element.remove(printed)


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)




def markdown_blocks(doc, markdown: str, base_level: int = 2) -> None:
    """The officer's Markdown as Word paragraphs in the template's styles: the file's highest heading
    ("#" or "##", whichever it uses) becomes Heading ``base_level``, below the chapter's Heading 1."""
    from procura.render.sections import parse, plain

    blocks = parse(markdown)
    top = min((b["level"] for b in blocks if b["kind"] == "heading"), default=1)
    for block in blocks:
        kind = block["kind"]
        if kind == "heading":
            level = min(base_level + block["level"] - top, 3)
            para(doc, plain(block["runs"]), f"Heading {level}", keep_next=True)
        elif kind == "table":
            rows = block["rows"]
            if not rows:
                continue
            table = doc.add_table(rows=0, cols=max(len(r) for r in rows))
            mapped = doc._procura_style_map.get("Table Grid")
            if mapped:
                table.style = doc.styles[mapped]
            for r, cells in enumerate(rows):
                out = table.add_row().cells
                for c, runs in enumerate(cells):
                    out[c].text = ""
                    target = out[c].paragraphs[0]
                    for text, bold, italic in runs:
                        run(doc, target, text, bold=bold or r == 0, italic=italic)
            _move_before_sectpr(doc, table._tbl)
        else:
            style = {"bullet": "List Bullet", "number": "List Number"}.get(kind, "Normal")
            p = para(doc, style=style)
            for text, bold, italic in block["runs"]:
                run(doc, p, text, bold=bold, italic=italic)


def _move_before_sectpr(doc, element) -> None:
    body = doc.element.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:
        sect.addprevious(element)


def facts_table(doc, facts: list[dict]) -> None:
    table = doc.add_table(rows=0, cols=2)
    mapped = doc._procura_style_map.get("Table Grid")
    if mapped:
        table.style = doc.styles[mapped]
    for fact in facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = clean(fact["label"]), clean(fact["value"])
    _move_before_sectpr(doc, table._tbl)


def requirement_block(out: Paragraphs, r: dict, t: dict, model: dict) -> None:
    """One requirement: heading, meta line and text kept together on a page, then its fields."""
    out.para(f"{r['id']} {r['title']}", "Heading 3", keep_next=True)
    out.para(r["meta"], "Requirement Meta", keep_next=True)
    out.para(r["text"], "Requirement Text", keep_next=True)
    if model["show_motive"]:
        out.labelled(t["motive"], r["motive"])
    out.labelled(t["verification"], f"{r['verification']} {r['verification_when']}")
    if r["scoring"]:
        out.labelled(t["scoring"], r["scoring"])
    if model["show_sources"] and r["sources"]:
        out.labelled(t["sources"], "; ".join(f"{s['citation']} ({s['url']})" for s in r["sources"]))
    if r["origin"] not in ("library", "own"):
        out.labelled(t["origin"], r["origin"])


def _grid(doc, heads: list[str], rows: list[list[str]], widths_cm: tuple[float, ...] | None = None) -> None:
    """A table with a bold header row; ``widths_cm`` keeps a long text column (the scoring) readable."""
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(heads))
    mapped = doc._procura_style_map.get("Table Grid")
    if mapped:
        table.style = doc.styles[mapped]
    for cell, head in zip(table.rows[0].cells, heads, strict=True):
        cell.text = clean(head)
        for p in cell.paragraphs:
            for r in p.runs:
                r.bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = clean(value)
    if widths_cm:
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)  # the grid LibreOffice and Word lay out by
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
    for i, row in enumerate(table.rows):  # no row split over two pages; the header row repeats on each page
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))
        if i == 0:
            props.append(OxmlElement("w:tblHeader"))
    _move_before_sectpr(doc, table._tbl)


def award_section(doc, award: dict, t: dict) -> None:
    """"Utvärdering och tilldelning": the evaluation ground, every criterion with its weight or
    deduction, its scale and scoring, and the price form (LOU 16 kap. 6 §: the weighting is stated)."""
    para(doc, t["award_heading"], "Heading 1", keep_next=True)
    para(doc, t["award_intro"])
    para(doc, award["ground"])
    if award["criteria"] or award["price_points"]:
        para(doc, t["award_criteria_heading"], "Heading 2", keep_next=True)
        value_head = t["award_value_price_deduction" if award["model"] == "price_deduction" else "award_value_price_quality"]
        rows = []
        if award["price_weight"]:
            rows.append([t["award_price"], t["award_weight_value"].format(weight=award["price_weight"]), "–",
                         award["price_points"]])
        rows += [[f"{c['id']} {c['title']}", c["value"], c["scale_text"], c["scoring"]] for c in award["criteria"]]
        _grid(doc, [t["award_criterion"], value_head, t["award_scale"], t["award_scoring"]], rows, (5.0, 2.2, 2.4, 6.4))
        if award["method"]:
            para(doc, "")
            para(doc, award["method"])
    para(doc, t["award_price_form_heading"], "Heading 2", keep_next=True)
    if award["price_form"]:
        para(doc, t["award_price_form_intro"], keep_next=True)
        _grid(doc, [t["award_line"], t["award_item"], t["award_unit"], t["award_quantity"], t["award_periods"], t["award_option"]],
              [[x["id"], x["item"], x["unit"], x["quantity"], x["periods"], t["award_option"] if x["option"] else "–"]
               for x in award["price_form"]], (1.4, 5.4, 3.0, 1.9, 2.3, 2.0))
        para(doc, "")
        para(doc, award["comparison"])
    else:  # no price form: one total price, and no sentence about a form's sum
        para(doc, t["award_no_price_form"])


def _cover(model: dict[str, Any], title: str, running_header: str, template: Path | None,
           warnings: list[str] | None = None):
    """A document on the template with its language, properties, running header and cover page
    (title, the procurement's title, organisation, reference, date, version): the specification's
    and the memo's shared start."""
    t = model["t"]
    doc = open_template(template, warnings)
    set_language(doc, model["lang"])
    set_properties(doc, f"{title}: {model['title']}", model["organisation"], model["reference"],
                   model["generator"], model["lang"], model["date"])
    header_footer(doc, running_header, t["page"], t["of"])
    para(doc, title, "Title")
    para(doc, model["title"], "Cover Subtitle")
    for key in ("organisation", "reference", "date", "version"):
        labelled(doc, t[key], model[key], style="Cover Detail")
    return doc


def supplier_toc_entries(model: dict[str, Any]) -> list[tuple[int, str]]:
    """Headings of levels 1-2 in document order: what the table of contents lists."""
    t = model["t"]
    entries = [(1, t["intro_heading"])]
    entries += [(1, s["heading"]) for s in model["sections"]]
    entries.append((1, t["how_heading"]))
    if model.get("award"):
        entries.append((1, t["award_heading"]))
    entries += [(1, cat["name"]) for cat in model["categories"]]
    if model["contract_terms"]:
        entries.append((1, t["contract_terms_heading"]))
    return entries


def write_docx(model: dict[str, Any], path: Path, template: Path | None = None,
               pages: dict[str, int] | None = None, warnings: list[str] | None = None) -> None:
    """The supplier specification: what suppliers read and answer, nothing of procura's reasoning."""
    t = model["t"]
    doc = _cover(model, t["title_prefix"], f"{model['title']} · {t['reference']} {model['reference']}", template, warnings)
    if model["draft"]:
        p = para(doc, style="Requirement Text")
        run(doc, p, t["draft_banner"], bold=True)
    page_break(doc)

    para(doc, t["toc"], "Heading 1")
    _table_of_contents(doc, supplier_toc_entries(model), pages)
    page_break(doc)

    para(doc, t["intro_heading"], "Heading 1", keep_next=True)
    para(doc, model["intro"])
    facts_table(doc, model["facts"])
    for section in model["sections"]:
        para(doc, section["heading"], "Heading 1", keep_next=True)
        markdown_blocks(doc, section["markdown"])
    para(doc, t["how_heading"], "Heading 1", keep_next=True)
    for key in ("how_ska", "how_bor", "how_evidence", "how_contract_terms", "how_equivalent", "how_levels"):
        para(doc, t[key], "List Bullet")
    if model.get("award"):
        award_section(doc, model["award"], t)

    for cat in model["categories"]:
        para(doc, cat["name"], "Heading 1", keep_next=True)
        if cat["description"]:
            para(doc, cat["description"], keep_next=True)
        with Paragraphs(doc) as out:
            for r in cat["requirements"]:
                requirement_block(out, r, t, model)
    if model["contract_terms"]:
        para(doc, t["contract_terms_heading"], "Heading 1", keep_next=True)
        para(doc, t["contract_terms_intro"], keep_next=True)
        with Paragraphs(doc) as out:
            for r in model["contract_terms"]:
                requirement_block(out, r, t, model)
    doc.save(str(path))


def write_memo(model: dict[str, Any], path: Path, template: Path | None = None) -> None:
    """The internal decision memo for the file (diariet): why each requirement and level, every
    justification, what was left out and why. Not sent to suppliers."""
    t = model["t"]
    doc = _cover(model, t["memo_title"], f"{t['memo_title']} · {model['title']} · {t['reference']} {model['reference']}",
                 template)
    para(doc, t["memo_intro"])
    facts_table(doc, model["facts"])
    counts = model["counts"]
    para(doc, t["memo_counts"].format(requirements=counts["requirements"], ska=counts["ska"], bor=counts["bor"],
                                      contract_terms=counts["contract_terms"], excluded=len(model["excluded"])))
    if model["missing"]:
        para(doc, t["memo_missing"], "Heading 1", keep_next=True)
        for m in model["missing"]:
            para(doc, f"{m['requirement']}: {m['field']}", "List Bullet")
    para(doc, t["appendix_heading"], "Heading 1", keep_next=True)
    para(doc, t["appendix_intro"])
    with Paragraphs(doc) as out:
        for r in model["all_items"]:
            out.labelled(f"{r['id']} {r['title']} ({r['level_name']})", " ".join(r["reasons"]), "Appendix Item")
            if r["sources"]:
                out.labelled(t["sources"], "; ".join(f"{s['citation']} ({s['url']})" for s in r["sources"]), "Appendix Item")
    para(doc, t["appendix_justifications"], "Heading 1", keep_next=True)
    if not model["justified"]:
        para(doc, t["no_justifications"])
    with Paragraphs(doc) as out:
        for r in model["justified"]:
            out.labelled(r["id"], " ".join(r["stricter"]) + (f" — {r['justification']}" if r["justification"] else "")
                         + (f" ({t['accepted_rules']}: {', '.join(r['accepted'])})" if r["accepted"] else ""), "Appendix Item")
    if model["excluded"]:
        para(doc, t["appendix_excluded"], "Heading 1", keep_next=True)
        with Paragraphs(doc) as out:
            for e in model["excluded"]:
                out.labelled(f"{e['id']} {e['title']}", " ".join(e["reasons"]), "Appendix Item")
    doc.save(str(path))
