"""The Word reader reads the XML itself (lxml, no python-docx object model) and gives exactly the blocks the
python-docx reader gave: on every real tender, on the national benchmark's documents, on the shared hostile
files, and on documents made here with every kind of run content, wrapper, table and package oddity; a file
python-docx refused is refused, with a one-line error."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from procura.checks import word
from procura.checks.extract import MAX_CELLS_PER_ROW, MAX_OFFICE_BYTES, read_statements
from procura.checks.findings import Location
from procura.checks.layout import MARKER, Block
from procura.errors import InputError
from procura.files import read_bytes

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real-documents"
ROBUSTNESS = ROOT.parent / "shared" / "robustness"
WORD_SUFFIXES = (".docx", ".dotx", ".docm")
REAL_WORD = sorted(p for p in REAL.glob("*") if p.suffix.lower() in WORD_SUFFIXES) if REAL.is_dir() else []
HOSTILE_WORD = sorted(p for p in ROBUSTNESS.rglob("*") if p.suffix.lower() in WORD_SUFFIXES) if ROBUSTNESS.is_dir() else []
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REFUSED = "refused"


# -- the reader as it was: python-docx's Document, Paragraph.text and _Cell.text ---------------------------------
def python_docx_blocks(path: Path, data: bytes) -> list[Block] | str:
    """The blocks the python-docx reader gave (the code as it was before the lxml reader), or REFUSED where it
    raised (an InputError, or python-docx failing on the document in any other way)."""
    try:
        return list(_old_blocks(path, _old_load(path, data)))
    except Exception:
        return REFUSED


def _old_load(path: Path, data: bytes):
    from procura.checks.extract import _open_zip

    archive = _open_zip(path, data, "Word")
    if word.MAIN_PART not in archive:
        raise InputError("not a Word document", path)
    for name in archive.names:
        archive.read(name)
    types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive else b""
    if any(t.encode() in types for t in word.OTHER_CONTENT_TYPES):  # a .dotx/.docm read as the .docx it holds
        for other in word.OTHER_CONTENT_TYPES:
            types = types.replace(other.encode(), DOCX_TYPE.encode())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.names.values():
                out.writestr(info, types if info.filename == "[Content_Types].xml" else archive.read(info.filename))
        data = buffer.getvalue()
    return docx.Document(io.BytesIO(data))


def _old_blocks(path: Path, document):
    names, levels, numbered_styles = word._styles(document.styles.element)
    counters: list[int] = []
    paragraph_no = table_no = 0
    file = str(path)
    for child in word._body(document.element.body):
        if child.tag == word.W + "p":
            text = Paragraph(child, document).text.strip()
            if not text:
                continue
            paragraph_no += 1
            location = Location(file=file, paragraph=paragraph_no)
            style_id = child.style or ""
            name = names.get(style_id, "")
            level = word._heading_level(name, child, levels.get(style_id))
            numbered = word._numbered(child, style_id in numbered_styles)
            if level is not None:
                number, title = word._section(text, level, numbered, counters)
                yield Block("heading", title, location, number=number, level=level)
            elif numbered or name.startswith(word.LIST_STYLES) or word.TYPED_ITEM.match(text):
                yield Block("item", "• " + MARKER.sub("", text, count=1), location, starts=[(0, location)])
            else:
                yield Block("para", text, location, starts=[(0, location)])
        elif child.tag == word.W + "tbl":
            table_no += 1
            table = Table(child, document)
            rows = table._tbl.tr_lst
            for row_no, tr in enumerate(rows, start=1):
                tcs = tr.tc_lst
                if len(tcs) > MAX_CELLS_PER_ROW:
                    raise InputError("too many cells", file)
                cells, locations = [], []
                for cell_no, tc in enumerate(tcs, start=1):
                    if tc.vMerge == "continue":
                        continue
                    cells.append(_old_cell_text(_Cell(tc, table)))
                    locations.append(Location(file=file, table=table_no, row=row_no, cell=cell_no))
                if not any(cells):
                    continue
                header = row_no == 1 and len(rows) > 1 and all(len(c) < 80 for c in cells)
                yield Block("row", " ".join(cells), locations[0], cells=cells, cell_locations=locations, header=header)


def _old_cell_text(cell) -> str:
    parts = [line.strip() for p in cell.paragraphs for line in p.text.splitlines() if line.strip()]
    if len(parts) > 1 and len(parts[0]) < 40 and not re.search(r"[.:;!?]$", parts[0]) and parts[1][:1].isupper():
        return parts[0] + ": " + " ".join(parts[1:])
    return " ".join(parts)


def lxml_blocks(path: Path, data: bytes) -> list[Block] | str:
    """The new reader's blocks, or REFUSED for an InputError (any other exception fails the test)."""
    try:
        return list(word.blocks(path, word.load(path, data)))
    except InputError as exc:
        assert "\n" not in str(exc)
        return REFUSED


def assert_same(path: Path, data: bytes) -> list[Block] | str:
    new, old = lxml_blocks(path, data), python_docx_blocks(path, data)
    if new != old and isinstance(new, list) and isinstance(old, list):
        first = next((i for i, (a, b) in enumerate(zip(new, old, strict=False)) if a != b), min(len(new), len(old)))
        pytest.fail(f"{path.name}: block {first} differs (of {len(new)} new, {len(old)} old):\n"
                    f"new {new[first] if first < len(new) else None}\nold {old[first] if first < len(old) else None}")
    assert new == old, f"{path.name}: new reader {'refused' if new == REFUSED else 'read'} it, python-docx " \
                       f"{'refused' if old == REFUSED else 'read'} it"
    return new


# -- documents that exist: real tenders, the national benchmark, the shared hostile files --------------------------
@pytest.mark.skipif(not REAL_WORD, reason=f"no real Word documents in {REAL}")
@pytest.mark.parametrize("path", REAL_WORD, ids=[p.name for p in REAL_WORD])
def test_every_real_word_document_gives_the_same_blocks(path):
    blocks = assert_same(path, read_bytes(path, MAX_OFFICE_BYTES))
    assert isinstance(blocks, list) and len(blocks) >= 5


def national_documents(folder: Path, statements: int) -> list[Path]:
    spec = importlib.util.spec_from_file_location("national", ROOT / "benchmarks" / "national.py")
    national = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("national", national)  # its dataclasses look their module up
    spec.loader.exec_module(national)
    return national.write_docx(folder, national.corpus(statements))


def test_the_national_benchmark_documents_give_the_same_blocks(tmp_path):
    paths = national_documents(tmp_path, 600)
    assert len(paths) == 3
    for path in paths:
        blocks = assert_same(path, path.read_bytes())
        assert len(blocks) == 201  # the title, 100 paragraphs and a table of 100 rows


@pytest.mark.skipif(not HOSTILE_WORD, reason=f"no hostile Word documents in {ROBUSTNESS}")
@pytest.mark.parametrize("path", HOSTILE_WORD, ids=[p.name for p in HOSTILE_WORD])
def test_the_shared_hostile_word_documents_give_the_same_blocks(path):
    assert_same(path, read_bytes(path, MAX_OFFICE_BYTES))


# -- documents made here -----------------------------------------------------------------------------------------
def template() -> bytes:
    """python-docx's own blank document: styles (Heading 1 ..., Title, List Paragraph), numbering, settings."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def repacked(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """The package with some parts replaced (None: left out) or added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            if info.filename not in replace:
                out.writestr(info, archive.read(info.filename))
        for name, content in replace.items():
            if content is not None:
                out.writestr(name, content)
    return buffer.getvalue()


def with_body(body: str, doctype: str = "") -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}<w:document {NS}><w:body>{body}</w:body></w:document>'
    return repacked(template(), {"word/document.xml": xml.encode()})


def p(content: str, style: str = "", ppr: str = "") -> str:
    style = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f"<w:p><w:pPr>{style}{ppr}</w:pPr>{content}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


REQ = "Leverantören ska ha en kontaktperson"
RUNS = p("<w:r><w:t>Leverantören</w:t><w:tab/><w:t>ska</w:t><w:ptab w:relativeTo=\"margin\" w:alignment=\"right\" "
         "w:leader=\"none\"/><w:t>ha</w:t><w:br/><w:t>en</w:t><w:br w:type=\"page\"/><w:t>kontakt</w:t>"
         "<w:br w:type=\"column\"/><w:br w:type=\"textWrapping\"/><w:cr/><w:t>person</w:t><w:noBreakHyphen/>"
         "<w:softHyphen/><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:t/><w:t xml:space=\"preserve\">  dygnet  runt </w:t>"
         "<w:lastRenderedPageBreak/><w:t> </w:t><w:t>slut</w:t></w:r>")
WRAPPERS = p(r("Leverantören ska ") + f'<w:ins w:id="1" w:author="A">{r("INFOGAT ")}</w:ins>'
             f'<w:del w:id="2" w:author="A"><w:r><w:delText>STRUKET </w:delText></w:r></w:del>'
             f'<w:hyperlink r:id="rId99">{r("länk ")}<w:r><w:t>och</w:t><w:tab/></w:r></w:hyperlink>'
             f'<w:hyperlink w:anchor="x"><w:hyperlink>{r("INRE ")}</w:hyperlink>{r("ankare ")}</w:hyperlink>'
             f'<w:fldSimple w:instr="PAGE">{r("FÄLT ")}</w:fldSimple>'
             '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("resultat ") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
             f'<w:smartTag w:uri="u" w:element="place">{r("SMART ")}</w:smartTag>'
             f'<w:sdt><w:sdtPr/><w:sdtContent>{r("KONTROLL ")}</w:sdtContent></w:sdt>'
             f'<w:customXml w:element="x">{r("EGEN ")}</w:customXml>'
             '<w:bookmarkStart w:id="0" w:name="b"/><w:proofErr w:type="spellStart"/><w:commentRangeStart w:id="0"/>'
             + r("kontaktperson.") + '<w:bookmarkEnd w:id="0"/><!-- en kommentar --><?pi data?>')
TABLE = ("<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
         "<w:tr>" + tc(p(r("Nr"))) + tc(p(r("Krav"))) + tc(p(r("Svar"))) + "</w:tr>"
         "<w:tr>" + tc(p(r("K1"))) + tc(p(r("Rubrik")) + p(r(REQ)) + p("") + p("<w:r><w:t>rad två</w:t><w:br/><w:t>rad tre</w:t></w:r>")) +
         tc(p(r("Ja/Nej")), '<w:vMerge w:val="restart"/>') + "</w:tr>"
         "<w:tr>" + tc(p(r("K2"))) + tc(p(r("Yttre")) + "<w:tbl><w:tr>" + tc(p(r("NÄSTLAD TABELL"))) + "</w:tr></w:tbl>"
                                         + p(r("efter"))) + tc(p(r("FORTSÄTTER")), "<w:vMerge/>") + "</w:tr>"
         "<w:tr>" + tc(p(r("K3"))) + tc(p(r(REQ)), '<w:gridSpan w:val="100000000"/>') +
         tc(p(r("AVSLUTAR")), '<w:vMerge w:val="continue"/>') + "</w:tr>"
         "<w:tr>" + tc(p(r("K4"))) + f"<w:sdt><w:sdtContent>{tc(p(r('CELL I KONTROLL')))}</w:sdtContent></w:sdt>"
         + tc(f"<w:sdt><w:sdtContent>{p(r('STYCKE I KONTROLL'))}</w:sdtContent></w:sdt>" + p(r("synligt"))) + "</w:tr>"
         f"<w:sdt><w:sdtContent><w:tr>{tc(p(r('RAD I KONTROLL')))}</w:tr></w:sdtContent></w:sdt>"
         "<w:tr>" + tc(p("")) + tc(p(r(" "))) + "</w:tr>"
         "<w:tr>" + tc(p(r("K5"))) + tc(p(r(REQ + " " + "lång " * 30))) + "</w:tr>"
         "</w:tbl>")
HEADINGS = (p(r("Kravspecifikation"), "Title") + p(r("Krav på leverantören"), "Heading1")
            + p(r("5.4 Krav på konsulten"), "Heading2") + p(r("K12 Loggning"), "Heading2")
            + p(r("Egen nivå"), ppr='<w:outlineLvl w:val="2"/>') + p(r("Ingen nivå"), ppr='<w:outlineLvl w:val="9"/>')
            + p(r("Numrerad rubrik"), "Heading1", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
            + p(r("Numrerad underrubrik"), "Heading2", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>')
            + p(r(REQ), "ListParagraph") + p(r(REQ), ppr='<w:numPr><w:numId w:val="1"/></w:numPr>')
            + p(r(REQ), ppr='<w:numPr><w:numId w:val="0"/></w:numPr>') + p(r("1. Offererad konsult ska ha erfarenhet"))
            + p(r(REQ), "NoSuchStyle") + p(r("Sammanfattning"), "Heading 3"))
BLOCK_WRAPPERS = (f"<w:sdt><w:sdtPr/><w:sdtContent>{p(r('I en innehållskontroll ska det stå'))}"
                  f"<w:sdt><w:sdtContent>{TABLE}</w:sdtContent></w:sdt></w:sdtContent></w:sdt>"
                  f"<w:sdt><w:sdtPr/></w:sdt><w:customXml w:element='c'>{p(r('I customXml ska det stå'))}</w:customXml>"
                  f"<!-- kommentar -->{p(r('Efter kommentaren ska det stå'))}<w:bookmarkStart w:id='3' w:name='x'/>")
SECTION = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'

BODIES = {
    "run content": RUNS + SECTION,
    "tracked changes, fields, hyperlinks, smart tags, content controls": WRAPPERS,
    "tables: merged cells, spans, nested tables, controls": TABLE + p(r(REQ)) + TABLE,
    "headings, numbering, lists": HEADINGS,
    "block-level content controls": BLOCK_WRAPPERS + SECTION,
    "everything": HEADINGS + RUNS + TABLE + WRAPPERS + BLOCK_WRAPPERS + SECTION,
    "empty body": "",
    "only a section": SECTION,
}


@pytest.mark.parametrize("name", BODIES)
def test_made_documents_give_the_same_blocks(tmp_path, name):
    path = tmp_path / "made.docx"
    blocks = assert_same(path, with_body(BODIES[name]))
    assert blocks != REFUSED


def test_the_text_is_python_docx_paragraph_and_cell_text(tmp_path):
    """What the comparison above rests on, stated for one paragraph and one table: the text of the runs directly
    in a paragraph and its hyperlinks, tabs and breaks as characters, nothing of insertions, deletions, fields,
    smart tags or inline content controls; a cell's own paragraphs, not a nested table's."""
    path = tmp_path / "made.docx"
    path.write_bytes(with_body(RUNS + WRAPPERS + TABLE))
    blocks = list(word.blocks(path, word.load(path, path.read_bytes())))
    assert blocks[0].text == "Leverantören\tska\tha\nenkontakt\n\nperson-  dygnet  runt  slut"
    assert blocks[1].text == "Leverantören ska länk och\tankare resultat kontaktperson."
    rows = [b for b in blocks if b.kind == "row"]
    assert rows[1].cells == ["K1", f"Rubrik: {REQ} rad två rad tre", "Ja/Nej"]
    assert rows[2].cells == ["K2", "Yttre efter"]  # the continued merge is not read again
    assert rows[3].cells == ["K3", REQ]
    assert rows[4].cells == ["K4", "synligt"]
    assert not any("KONTROLL" in b.text or "NÄSTLAD" in b.text or "INFOGAT" in b.text for b in blocks)


def test_entities_are_neither_expanded_nor_fetched(tmp_path):
    """A document type's entities are parsed as python-docx parsed them: an internal one is not expanded, an
    external one not fetched, and a billion-laughs bomb never expanded."""
    doctype = '<!DOCTYPE w:document [<!ENTITY e "INTERN"><!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    path = tmp_path / "entities.docx"
    blocks = assert_same(path, with_body(p(r("Leverantören ska &e;&ext; ha en kontaktperson")) + p(r(REQ)), doctype))
    assert isinstance(blocks, list) and blocks[0].text == "Leverantören ska"
    assert not any("INTERN" in b.text or "root:" in b.text for b in blocks)
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<!DOCTYPE w:document [<!ENTITY l0 "ha">{laughs}]>'
    blocks = assert_same(path, with_body(p(r("Leverantören ska &l9; skratta")) + p(r(REQ)), bomb))
    assert blocks == REFUSED or not any("haha" in b.text for b in blocks)  # refused by libxml2 2.11 and later


def _types(data: bytes, old: str, new: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert old in types
    return repacked(data, {"[Content_Types].xml": types.replace(old, new).encode()})


def _rels(data: bytes, name: str, old: str, new: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        rels = archive.read(name).decode()
    assert old in rels, rels
    return repacked(data, {name: rels.replace(old, new).encode()})


DOC_RELS = "word/_rels/document.xml.rels"
STYLES_REL = 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
PACKAGES = {
    # read
    "a template (.dotx)": (lambda d: _types(d, DOCX_TYPE, word.OTHER_CONTENT_TYPES[1]), "read"),
    "a macro document (.docm)": (lambda d: _types(d, DOCX_TYPE, word.OTHER_CONTENT_TYPES[0]), "read"),
    "no styles part: python-docx's default styles": (lambda d: _rels(d, DOC_RELS, STYLES_REL, 'Type="x:none"'), "read"),
    "a damaged part python-docx does not parse": (lambda d: repacked(d, {"word/webSettings.xml": b"<w:webSettings"}), "read"),
    "an external relationship": (lambda d: _rels(d, DOC_RELS, "</Relationships>", '<Relationship Id="rId99" Type="http:'
                                                 '//schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                                 'hyperlink" Target="https://example.org/" TargetMode="External"/>'
                                                 "</Relationships>"), "read"),
    # refused
    "damaged settings": (lambda d: repacked(d, {"word/settings.xml": b"<w:settings"}), REFUSED),
    "damaged numbering": (lambda d: repacked(d, {"word/numbering.xml": b"<?xml version='1.0'?><a><b></a>"}), REFUSED),
    "damaged styles": (lambda d: repacked(d, {"word/styles.xml": b"<w:styles"}), REFUSED),
    "damaged core properties": (lambda d: repacked(d, {"docProps/core.xml": b"\xff\xfe"}), REFUSED),
    "a part it names is missing": (lambda d: repacked(d, {"word/fontTable.xml": None}), REFUSED),
    "no package relationships": (lambda d: repacked(d, {"_rels/.rels": None}), REFUSED),
    "no content types": (lambda d: repacked(d, {"[Content_Types].xml": None}), REFUSED),
    "the main part is not a Word document": (lambda d: _types(d, DOCX_TYPE, "application/xml"), REFUSED),
    "two style tables": (lambda d: _rels(d, DOC_RELS, "</Relationships>", f'<Relationship Id="rId98" {STYLES_REL} '
                                         'Target="stylesWithEffects.xml"/></Relationships>'), REFUSED),
    "no body": (lambda d: repacked(d, {"word/document.xml": f"<w:document {NS}/>".encode()}), REFUSED),
    "another root element": (lambda d: repacked(d, {"word/document.xml": f"<w:body {NS}/>".encode()}), REFUSED),
}


@pytest.mark.parametrize("name", PACKAGES)
def test_odd_packages_are_read_or_refused_as_python_docx_did(tmp_path, name):
    change, expected = PACKAGES[name]
    path = tmp_path / "odd.docx"
    data = change(with_body(HEADINGS + TABLE))
    blocks = assert_same(path, data)
    assert (blocks == REFUSED) == (expected == REFUSED)


def test_a_refused_package_is_a_one_line_error_naming_the_file(tmp_path):
    path = tmp_path / "trasig.docx"
    path.write_bytes(repacked(with_body(p(r(REQ))), {"word/settings.xml": b"<w:settings"}))
    with pytest.raises(InputError, match=r"cannot read the Word document \(XMLSyntaxError\)") as error:
        read_statements(path)
    assert "trasig.docx" in str(error.value) and "\n" not in str(error.value)


def test_a_style_reference_without_a_value_is_read_as_no_style(tmp_path):
    """The one place the readers differ on purpose: python-docx failed on a w:pStyle without w:val (an internal
    error for the whole document); the paragraph is now read as one without a style."""
    path = tmp_path / "stil.docx"
    data = with_body(p(r(REQ), ppr="<w:pStyle/>") + p(r("Rubrik"), "Heading1"))
    assert python_docx_blocks(path, data) == REFUSED
    blocks = lxml_blocks(path, data)
    assert [(b.kind, b.text) for b in blocks] == [("para", REQ), ("heading", "Rubrik")]


def test_only_the_first_paragraph_properties_give_the_style(tmp_path):
    path = tmp_path / "dubbel.docx"
    blocks = assert_same(path, with_body(p(r("Rubrik"), ppr='</w:pPr><w:pPr><w:pStyle w:val="Heading1"/>')))
    assert [b.kind for b in blocks] == ["para"]


def test_documents_procura_builds_give_the_same_blocks(tmp_path):
    """procura's own specification and memo: fields, a table of contents, numbered headings, the price form."""
    from helpers import EXAMPLES

    from procura.build import BuildOptions, build

    build(EXAMPLES / "sensorer.yaml", BuildOptions(tmp_path / "out"))
    paths = sorted((tmp_path / "out").glob("*.docx"))
    assert len(paths) >= 2
    for path in paths:
        blocks = assert_same(path, path.read_bytes())
        assert len(blocks) > 100
