"""Blocks out of a Word document, in reading order: headings with their section number, paragraphs,
list items and table rows, each with its place (paragraph number, or table, row and cell).

Section numbers come from the heading text ("5.4 Krav på konsulten") or, for headings Word numbers
itself, from counting the headings of each level, so "Kravspecifikation" under an automatic
"5." becomes section 5 and the "5.1 Uppdraget" under it keeps its own number.

The XML is read with lxml directly, giving the text python-docx's ``Paragraph.text`` and ``_Cell.text`` give
(tests/checks/test_word_reader.py compares the two readers): python-docx's object model cost several times
as much per document as the whole of reading the XML.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from lxml import etree

from procura.checks.findings import Location
from procura.checks.layout import MARKER, OWN_ID, Block
from procura.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_LEVEL = re.compile(r"\b(?:heading|rubrik)\s*(\d)\b", re.I)
NUMBER_IN_TEXT = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3}){0,5})\.?(?:\s+|(?=[A-ZÅÄÖ]))(\S.*)$", re.S)
TYPED_ITEM = re.compile(r"^(?:\d{1,2}|[a-z])[.)]\s+\S")  # "1. Offererad konsult ska …" typed as a paragraph
LIST_STYLES = ("list", "liststycke", "punktlista", "numrerad lista")
# Word's document parts, and the content types python-docx accepts for the main one
MAIN_PART = "word/document.xml"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OTHER_CONTENT_TYPES = ("application/vnd.ms-word.document.macroEnabled.main+xml",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                       "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
# the parts python-docx parses as XML when it opens a document (a damaged one is refused, as it refused it)
XML_CONTENT_TYPES = frozenset((DOCX_CONTENT_TYPE, STYLES_CONTENT_TYPE,
                               "application/vnd.openxmlformats-package.core-properties+xml",
                               *(f"application/vnd.openxmlformats-officedocument.wordprocessingml.{part}+xml"
                                 for part in ("comments", "footer", "header", "numbering", "settings"))))
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# the same parser settings as python-docx's (so the same text), and nothing fetched or expanded: no entities
# resolved, no DTD loaded, no network, libxml2's limits on depth and text size kept (no huge_tree)
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, load_dtd=False, no_network=True,
                         huge_tree=False)
# the run content python-docx's Run.text reads, and the text each stands for (a w:br by its type, a w:t its text)
RUN_TEXT = {W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
P, R, T, BR, HYPERLINK, TBL, TR, TC = (W + tag for tag in ("p", "r", "t", "br", "hyperlink", "tbl", "tr", "tc"))


class Styles(NamedTuple):
    """A style table: each style ID's lower-case name, the heading level it gives, and the IDs of numbering styles."""

    names: Mapping[str, str]
    levels: Mapping[str, int | None]
    numbered: frozenset[str]


@dataclass(frozen=True)
class Document:
    """What the reader needs of a Word document: its body (``w:body``, an lxml element) and its style table."""

    body: etree._Element
    styles: Styles


def load(path: Path, data: bytes) -> Document:
    """The document's body and styles, parsed straight from the XML; a .dotx/.docm is read as the .docx it holds
    (macros are never run).

    The package is opened as python-docx opens it, so the same files are read and the same ones refused: the
    main part is the one the package's relationships name, every part they reach must be in the archive with a
    content type, and the XML parts python-docx parses (document, styles, numbering, settings, headers, footers,
    comments, core properties) must be well-formed."""
    from procura.checks.extract import _open_zip

    archive = _open_zip(path, data, "Word")
    if MAIN_PART not in archive:
        raise InputError("not a Word document (no word/document.xml inside)", path, "open it in Word and save it as .docx")
    files = {name: archive.read(name) for name in archive.names}  # a corrupt part is named, nothing unpacks past the limits
    try:
        return _package(files)
    except Exception as exc:  # lxml and a broken package raise many kinds
        raise InputError(f"cannot read the Word document ({type(exc).__name__})", path,
                         "open it in Word and save it again") from None


def _package(files: dict[str, bytes]) -> Document:
    """The main document and its styles, found through the package's relationships (as python-docx finds them)."""
    types = etree.fromstring(files["[Content_Types].xml"], PARSER)
    overrides = {o.get("PartName").lower(): o.get("ContentType") for o in types.findall(CONTENT_TYPES + "Override")}
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.findall(CONTENT_TYPES + "Default")}

    def content_type(part: str) -> str:
        if part.lower() in overrides:
            found = overrides[part.lower()]
        else:
            ext = posixpath.splitext(part)[1]
            found = defaults[(ext[1:] if ext.startswith(".") else ext).lower()]
        return DOCX_CONTENT_TYPE if found in OTHER_CONTENT_TYPES else found

    def relationships(source: str) -> dict[str, tuple[str, str | None]]:
        """A part's relationships: ID -> (type, target part or None for an external target)."""
        folder, name = posixpath.split(source)
        data = files.get(posixpath.join(folder, "_rels", name + ".rels")[1:])
        found: dict[str, tuple[str, str | None]] = {}
        for rel in etree.fromstring(data, PARSER).findall(RELATIONSHIPS + "Relationship") if data is not None else ():
            external = rel.get("TargetMode", "Internal") == "External"
            target = None if external else posixpath.normpath(posixpath.join(folder, rel.get("Target")))
            found[rel.get("Id")] = (rel.get("Type"), target)
        return found

    rels = {"/": relationships("/")}
    kinds: dict[str, str] = {}
    parsed: dict[str, etree._Element | Styles] = {}
    stack = [iter(rels["/"].values())]
    while stack:  # every part the relationships reach, depth first, each once
        rel = next(stack[-1], None)
        if rel is None:
            stack.pop()
            continue
        reltype, part = rel
        if part is None or part in rels:
            continue
        rels[part] = relationships(part)
        blob = files[part[1:]]
        kinds[part] = content_type(part)
        if kinds[part] in XML_CONTENT_TYPES and reltype != REL + "image":  # python-docx keeps an image as bytes
            # a style table is parsed once per distinct styles.xml (a batch's documents mostly share a template)
            parsed[part] = _style_table(blob) if kinds[part] == STYLES_CONTENT_TYPE else etree.fromstring(blob, PARSER)
        stack.append(iter(rels[part].values()))

    main = _related(rels["/"], "officeDocument")
    if main is None or kinds[main] != DOCX_CONTENT_TYPE:
        raise ValueError("the main part is not a Word document")
    root = parsed[main]
    body = root.find(W + "body") if isinstance(root, etree._Element) and root.tag == W + "document" else None
    if body is None:
        raise ValueError("no document body")
    styles = _related(rels[main], "styles", optional=True)
    if styles is None:  # python-docx then uses its default style table
        from importlib.resources import files as resources

        return Document(body, _style_table((resources("docx") / "templates" / "default-styles.xml").read_bytes()))
    table = parsed.get(styles)
    if not isinstance(table, Styles):
        raise ValueError("the styles part is not a style table")
    return Document(body, table)


def _related(rels: dict[str, tuple[str, str | None]], kind: str, optional: bool = False) -> str | None:
    """The one part related by a relationship of this kind."""
    found = [target for reltype, target in rels.values() if reltype == REL + kind]
    if len(found) > 1 or (not found and not optional) or None in found:
        raise ValueError(f"not one {kind} relationship")
    return found[0] if found else None


def blocks(path: Path, document: Document) -> Iterator[Block]:
    names, levels, numbered_styles = document.styles
    counters: list[int] = []
    paragraph_no = table_no = 0
    file = str(path)
    for child in _body(document.body):
        if child.tag == P:
            text = _text(child).strip()
            if not text:
                continue
            paragraph_no += 1
            location = Location(file=file, paragraph=paragraph_no)
            style_id = _style_id(child)
            name = names.get(style_id, "")
            level = _heading_level(name, child, levels.get(style_id))
            numbered = _numbered(child, style_id in numbered_styles)
            if level is not None:
                number, title = _section(text, level, numbered, counters)
                yield Block("heading", title, location, number=number, level=level)
            elif numbered or name.startswith(LIST_STYLES) or TYPED_ITEM.match(text):
                yield Block("item", "• " + MARKER.sub("", text, count=1), location, starts=[(0, location)])
            else:
                yield Block("para", text, location, starts=[(0, location)])
        elif child.tag == TBL:
            table_no += 1
            yield from _table(file, child, table_no)


def _text(p) -> str:
    """A paragraph's text as python-docx's ``Paragraph.text`` gives it: the runs directly in the paragraph and in
    its hyperlinks (not those inside tracked insertions, fields, smart tags or inline content controls), each
    run's text, tabs as "\t", line breaks as "\n" (a page or column break as nothing), non-breaking hyphens
    as "-"."""
    parts: list[str] = []
    for child in p.iterchildren(R, HYPERLINK):
        for run in (child,) if child.tag == R else child.iterchildren(R):
            for item in run.iterchildren(T, BR, *RUN_TEXT):
                tag = item.tag
                if tag == T:
                    parts.append(item.text or "")
                elif tag == BR:
                    if item.get(W + "type", "textWrapping") == "textWrapping":
                        parts.append("\n")
                else:
                    parts.append(RUN_TEXT[tag])
    return "".join(parts)


def _style_id(p) -> str:
    """The paragraph's style ID (python-docx's ``CT_P.style``: the first w:pPr's first w:pStyle); "" for none, and
    for a w:pStyle without a value, where python-docx raised an error."""
    properties = p.find(W + "pPr")
    style = properties.find(W + "pStyle") if properties is not None else None
    return (style.get(W + "val") if style is not None else None) or ""


def _table(file: str, tbl, number: int) -> Iterator[Block]:
    """Each row of a Word table as a block, each cell once.

    Read from the XML rather than python-docx's ``row.cells``, which repeats a cell once per grid
    column it spans (a hostile ``gridSpan="100000000"`` is a hundred million cells); a cell that
    continues a vertical merge is the cell above it and is not read again.
    """
    from procura.checks.extract import MAX_CELLS_PER_ROW

    rows = tbl.findall(TR)
    for row_no, tr in enumerate(rows, start=1):
        tcs = tr.findall(TC)
        if len(tcs) > MAX_CELLS_PER_ROW:
            raise InputError(f"a table row has {len(tcs)} cells, more than the limit of {MAX_CELLS_PER_ROW}", file,
                             "the file is damaged or not a requirement table; open it in Word and save it again")
        cells: list[str] = []
        locations: list[Location] = []
        for cell_no, tc in enumerate(tcs, start=1):
            if _merge(tc) == "continue":
                continue
            cells.append(_cell_text(tc))
            locations.append(Location(file=file, table=number, row=row_no, cell=cell_no))
        if not any(cells):
            continue
        header = row_no == 1 and len(rows) > 1 and all(len(c) < 80 for c in cells)
        yield Block("row", " ".join(cells), locations[0], cells=cells, cell_locations=locations, header=header)


def _merge(tc) -> str | None:
    """The cell's vertical merge: "restart", "continue" (also a w:vMerge without a value) or None."""
    properties = tc.find(W + "tcPr")
    merge = properties.find(W + "vMerge") if properties is not None else None
    return merge.get(W + "val", "continue") if merge is not None else None


def _cell_text(tc) -> str:
    """A cell's paragraphs as one text (those directly in the cell, as python-docx's ``_Cell.text`` reads it: not
    a nested table's); a short label before the text is kept as "label: text"."""
    parts = [line.strip() for p in tc.iterchildren(P) for line in _text(p).splitlines() if line.strip()]
    if len(parts) > 1 and len(parts[0]) < 40 and not re.search(r"[.:;!?]$", parts[0]) and parts[1][:1].isupper():
        return parts[0] + ": " + " ".join(parts[1:])
    return " ".join(parts)


def _body(element) -> Iterator:
    """The paragraphs and tables of the body in order, also those inside content controls (w:sdt)."""
    for child in element.iterchildren():
        if child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _body(content)
        else:
            yield child


def _outline(element) -> int | None:
    outline = element.find(f"{W}pPr/{W}outlineLvl") if element is not None else None
    value = outline.get(W + "val") if outline is not None else None
    return int(value) + 1 if value is not None and value.isdigit() and int(value) < 9 else None


@lru_cache(maxsize=16)
def _style_table(xml: bytes) -> Styles:
    """The style table of a styles.xml, parsed and read once however many documents have the same one."""
    names, levels, numbered = _styles(etree.fromstring(xml, PARSER))
    return Styles(MappingProxyType(names), MappingProxyType(levels), frozenset(numbered))


def _styles(root) -> tuple[dict[str, str], dict[str, int | None], set[str]]:
    """Each style's lower-case name, the heading level it gives and whether it numbers its paragraphs, read once
    from styles.xml (python-docx's style objects look each base style up by an XPath query, per paragraph)."""
    elements = list(root.iterchildren(W + "style"))
    by_id: dict[str | None, object] = {}
    for element in elements:  # a base style is the first style with its ID, as python-docx finds it
        by_id.setdefault(element.get(W + "styleId"), element)

    def base(element):
        based = element.find(W + "basedOn")
        value = based.get(W + "val") if based is not None else None
        return by_id.get(value) if value is not None else None

    def name(element) -> str:
        found = element.find(W + "name")
        return ((found.get(W + "val") if found is not None else None) or "").lower()

    def level(element, depth: int = 0) -> int | None:
        # by its name ("Heading 2", "Mall rubrik 1"), its outline level, or the style it is based on
        if element is None or depth > 10:
            return None
        match = HEADING_LEVEL.search(name(element))
        if match:
            return int(match.group(1))
        outline = _outline(element)
        return outline if outline is not None else level(base(element), depth + 1)

    def numbered(element, depth: int = 0) -> bool:
        if element is None or depth > 10:
            return False
        num = element.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None:
            return num.get(W + "val") not in (None, "0")
        return numbered(base(element), depth + 1)

    names: dict[str, str] = {}
    levels: dict[str, int | None] = {}
    numbering: set[str] = set()
    for element in elements:  # per ID, the last style with it (as a dict of python-docx's styles holds)
        sid = element.get(W + "styleId")
        names[sid] = name(element)
        levels[sid] = level(element)
        numbering.discard(sid)
        if numbered(element):
            numbering.add(sid)
    return names, levels, numbering


def _heading_level(style_name: str, p, style_level: int | None) -> int | None:
    if style_level is not None:
        return style_level
    if style_name in ("title", "rubrik"):
        return 0
    return _outline(p)


def _numbered(p, style_numbered: bool) -> bool:
    num = p.find(f"{W}pPr/{W}numPr/{W}numId")
    if num is not None:
        return num.get(W + "val") not in (None, "0")
    return style_numbered


def _section(text: str, level: int, numbered: bool, counters: list[int]) -> tuple[str | None, str]:
    """The heading's section number and title, keeping the counters of automatic numbering in step."""
    own = OWN_ID.match(text)
    if own and not own.group("id")[0].isdigit():
        return own.group("id"), own.group("rest").strip()  # "K12 Loggning", "IS-001 Systematic …"
    match = NUMBER_IN_TEXT.match(text)
    if match:
        parts = [int(x) for x in match.group(1).split(".")]
        counters[:] = parts
        return match.group(1), match.group(2).strip()
    if numbered and level >= 1:
        del counters[level:]
        while len(counters) < level:
            counters.append(0)
        counters[level - 1] += 1
        return ".".join(str(n) for n in counters), text
    return None, text
