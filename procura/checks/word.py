"""Blocks out of a Word document, in reading order: headings with their section number, paragraphs,
list items and table rows, each with its place (paragraph number, or table, row and cell).

Section numbers come from the heading text ("5.4 Krav på konsulten") or, for headings Word numbers
itself, from counting the headings of each level, so "Kravspecifikation" under an automatic
"5." becomes section 5 and the "5.1 Uppdraget" under it keeps its own number.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

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


def load(path: Path, data: bytes):
    """The python-docx document; a .dotx/.docm is read as the .docx it holds (its main part's content
    type renamed in memory, the file untouched; macros are never run)."""
    import docx  # python-docx

    from procura.checks.extract import _open_zip

    archive = _open_zip(path, data, "Word")
    if MAIN_PART not in archive:
        raise InputError("not a Word document (no word/document.xml inside)", path, "open it in Word and save it as .docx")
    for name in archive.names:  # a corrupt part is named, and nothing unpacks past the limits
        archive.read(name)
    data = _as_docx(archive, data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds for a broken file
        raise InputError(f"cannot read the Word document ({type(exc).__name__})", path,
                         "open it in Word and save it again") from None


def _as_docx(archive, data: bytes) -> bytes:
    types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive else b""
    if not any(t.encode() in types for t in OTHER_CONTENT_TYPES):
        return data
    for other in OTHER_CONTENT_TYPES:
        types = types.replace(other.encode(), DOCX_CONTENT_TYPE.encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.names.values():
            out.writestr(info, types if info.filename == "[Content_Types].xml" else archive.read(info.filename))
    return buffer.getvalue()


def blocks(path: Path, document) -> Iterator[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    names, levels, numbered_styles = _styles(document.styles.element)
    counters: list[int] = []
    paragraph_no = table_no = 0
    file = str(path)
    for child in _body(document.element.body):
        if child.tag == W + "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if not text:
                continue
            paragraph_no += 1
            location = Location(file=file, paragraph=paragraph_no)
            style_id = child.style or ""
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
        elif child.tag == W + "tbl":
            table_no += 1
            yield from _table(file, Table(child, document), table_no)


def _table(file: str, table, number: int) -> Iterator[Block]:
    """Each row of a Word table as a block, each cell once.

    Read from the XML rather than python-docx's ``row.cells``, which repeats a cell once per grid
    column it spans (a hostile ``gridSpan="100000000"`` is a hundred million cells); a cell that
    continues a vertical merge is the cell above it and is not read again.
    """
    from docx.table import _Cell

    from procura.checks.extract import MAX_CELLS_PER_ROW

    rows = table._tbl.tr_lst
    for row_no, tr in enumerate(rows, start=1):
        tcs = tr.tc_lst
        if len(tcs) > MAX_CELLS_PER_ROW:
            raise InputError(f"a table row has {len(tcs)} cells, more than the limit of {MAX_CELLS_PER_ROW}", file,
                             "the file is damaged or not a requirement table; open it in Word and save it again")
        cells: list[str] = []
        locations: list[Location] = []
        for cell_no, tc in enumerate(tcs, start=1):
            if tc.vMerge == "continue":
                continue
            cells.append(_cell_text(_Cell(tc, table)))
            locations.append(Location(file=file, table=number, row=row_no, cell=cell_no))
        if not any(cells):
            continue
        header = row_no == 1 and len(rows) > 1 and all(len(c) < 80 for c in cells)
        yield Block("row", " ".join(cells), locations[0], cells=cells, cell_locations=locations, header=header)


def _cell_text(cell) -> str:
    """A cell's paragraphs as one text; a short label before the text is kept as "label: text"."""
    parts = [line.strip() for p in cell.paragraphs for line in p.text.splitlines() if line.strip()]
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
