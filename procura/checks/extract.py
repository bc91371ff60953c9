"""Requirement statements out of documents someone else wrote: .docx, .xlsx, .csv, .txt, .md.

Every reader checks size and kind first, so a corrupt, encrypted, binary, empty or huge file is
an :class:`~procura.errors.InputError` (exit 2), never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from procura.checks import lexicon as lx
from procura.checks.findings import Location
from procura.checks.statements import Statement
from procura.errors import InputError
from procura.files import OLE_MAGIC, GuardedZip, decode_text, open_zip, read_bytes
from procura.spreadsheets import read_csv, read_xlsx

MAX_TEXT_BYTES = 10_000_000
MAX_OFFICE_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 300_000_000  # a zip bomb unpacks to far more than its size
MAX_STATEMENTS = 100_000
MAX_STATEMENT_CHARS = 5_000
MAX_CELLS_PER_ROW = 1_000  # Word allows 63 columns; a row of more cells is damaged or hostile
DOCUMENT_SUFFIXES = (".docx", ".xlsx", ".csv", ".txt", ".md", ".pdf", ".dotx", ".docm", ".doc", ".odt", ".rtf")
CONVERTED_SUFFIXES = (".doc", ".odt", ".rtf")  # read through LibreOffice, as .docx

ID_AT_START = re.compile(r"^\s*(?:(?P<id>[A-ZÅÄÖ]{1,6}[-_.]?\d+(?:[.-]\d+)*[a-z]?)|(?P<num>\d+(?:\.\d+)+\.?|\d+[.)]))\s+(?P<rest>.+)$", re.S)
ID_CELL = re.compile(r"^\s*(?:[A-ZÅÄÖ]{1,6}[-_.]?\d+(?:[.-]\d+)*[a-z]?|\d+(?:\.\d+)*\.?)\s*$")
TEXT_HEADERS = ("kravtext", "krav", "requirement", "text", "beskrivning", "description", "kravbeskrivning", "statement")
# "Motiv: ...", "Verification: ..." — labelled paragraphs that explain a requirement, not demands of their own
EXPLANATION_LABEL = re.compile(
    r"^\s*(?:motiv|motive|motivering|bakgrund|syfte|background|purpose|rationale|verifiering|verification|källa|källor|"
    r"source|sources|poängsättning|scoring|kommentar|comment|anmärkning|not|note|ursprung|origin|upphandlarens motivering|"
    r"the officer's justification|accepterade granskningsanmärkningar|accepted review findings)\s*:", re.I)
# "Ska · Teknisk specifikation · Basnivå" — a modal used as a label, not as a verb
MODAL_AS_LABEL = re.compile(r"^\s*(?:ska|skall|bör|måste|shall|should|must)\s*[·:|/–-]", re.I)
LIST_MARKER = re.compile(r"^(?:[-*+]\s+|\d+[.)]\s+)")  # a Markdown bullet or number before a statement
ID_HEADERS = ("id", "nr", "nummer", "kravnummer", "kravnr", "kravid", "krav-id", "ref", "referens", "number", "no", "no.")


def read_statements(path: Path) -> list[Statement]:
    """The requirement statements in a document, with their place and ID."""
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise InputError(f"cannot check files of type {suffix or '(none)'}", path,
                         f"give a profile (.yaml), a library folder or a document ({', '.join(DOCUMENT_SUFFIXES)})")
    if suffix == ".pdf":
        return _limited(path, _pdf(path))
    if suffix in CONVERTED_SUFFIXES:
        return _limited(path, _converted(path))
    data = _read_bytes(path, MAX_OFFICE_BYTES if suffix in (".docx", ".xlsx", ".dotx", ".docm") else MAX_TEXT_BYTES)
    if suffix in (".docx", ".dotx", ".docm"):
        statements = _word(path, data)
    elif suffix == ".xlsx":
        statements = _xlsx(path, data)
    elif suffix == ".csv":
        statements = _csv(path, _decode(path, data))
    else:
        statements = _lines(path, _decode(path, data), markdown=suffix == ".md")
    return _limited(path, statements)


def _limited(path: Path, statements: list[Statement]) -> list[Statement]:
    if len(statements) > MAX_STATEMENTS:
        raise InputError(f"{len(statements)} statements, more than the limit of {MAX_STATEMENTS}", path, "split the document")
    return statements


def _word(path: Path, data: bytes) -> list[Statement]:
    """A Word document's statements with section numbers, paragraph numbers and table cells."""
    from procura.checks import word
    from procura.checks.layout import statements

    return statements(word.blocks(path, word.load(path, data)))


def _converted(path: Path) -> list[Statement]:
    """A .doc/.odt/.rtf read as the .docx LibreOffice makes of it (in a temporary folder)."""
    from procura.checks import word
    from procura.checks.convert import to_docx
    from procura.checks.layout import statements

    data = _read_bytes(path, MAX_OFFICE_BYTES)
    suffix = path.suffix.lower()
    # a quick look at the format first: LibreOffice would import any bytes as plain text
    looks_right = {".doc": data.startswith(OLE_MAGIC) and "WordDocument".encode("utf-16-le") in data,
                   ".odt": data.startswith(b"PK") and b"opendocument.text" in data[:200],
                   ".rtf": data.lstrip()[:5] == b"{\\rtf"}[suffix]
    if not looks_right:
        raise InputError(f"not a valid {suffix} file (corrupt, or another format with a {suffix} name)", path,
                         "open it in Word or LibreOffice and save it as .docx")
    data = to_docx(path)
    return statements(word.blocks(path, word.load(path, data)))


def _pdf(path: Path) -> list[Statement]:
    from procura.checks import pdf

    data = _read_bytes(path, pdf.MAX_PDF_BYTES)
    if not data.lstrip()[:1024].find(b"%PDF-") >= 0:
        raise InputError("not a PDF (no %PDF header)", path, "check that it is the right file")
    return pdf.read_statements(path, data)


def _read_bytes(path: Path, limit: int) -> bytes:
    data = read_bytes(path, limit, "document")
    if not data.strip():
        raise InputError("the file is empty", path, "check that it is the right file")
    return data


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("binary data, not text", path, "save the document as UTF-8 text or give the original .docx/.xlsx")
    return decode_text(path, data)


def _open_zip(path: Path, data: bytes, kind: str) -> GuardedZip:
    return open_zip(data, path, kind, MAX_UNPACKED_BYTES)


def _split_id(text: str) -> tuple[str | None, str]:
    match = ID_AT_START.match(text)
    if match and match.group("rest").strip():
        return (match.group("id") or match.group("num").rstrip(".)")), match.group("rest").strip()
    return None, text


def _is_requirement(text: str) -> bool:
    if EXPLANATION_LABEL.match(text) or MODAL_AS_LABEL.match(text):
        return False
    return bool(lx.MODAL.search(text)) and len(text) >= 12


def _statement(path: Path, text: str, line: int | None, req_id: str | None) -> Statement:
    text = " ".join(text.split())[:MAX_STATEMENT_CHARS]
    return Statement.of(text, Location(file=str(path), line=line, requirement=req_id, text=text))


def _columns(header: list[str], rows: list[list[str]]) -> tuple[int, int | None]:
    names = [h.strip().lower() for h in header]
    text_col = next((i for name in TEXT_HEADERS for i, h in enumerate(names) if h == name), None)
    if text_col is None:
        widths = [sum(len(r[i]) for r in rows if i < len(r)) for i in range(len(header))]
        text_col = max(range(len(header)), key=lambda i: widths[i]) if widths else 0
    id_col = next((i for name in ID_HEADERS for i, h in enumerate(names) if h == name and i != text_col), None)
    return text_col, id_col


def _table(path: Path, rows: list[list[str]], first_row: int = 1, numbers: list[int] | None = None) -> list[Statement]:
    """Statements from the rows of a table; ``numbers`` are the rows' own numbers (a sheet's row numbers)."""
    numbered = [(n, r) for n, r in zip(numbers or range(first_row, first_row + len(rows)), rows, strict=False)
                if any(c.strip() for c in r)]
    rows = [r for _, r in numbered]
    if not rows:
        raise InputError("no rows with text", path, "put one requirement per row")
    header, body = rows[0], rows[1:]
    has_header = not any(_is_requirement(c) for c in header)
    if not has_header:
        header, body = [""] * len(header), rows
    text_col, id_col = _columns(header, body)
    statements = []
    for (line, _), row in zip(numbered[1:] if has_header else numbered, body, strict=True):
        text = row[text_col].strip() if text_col < len(row) else ""
        if not text:
            continue
        req_id = row[id_col].strip() if id_col is not None and id_col < len(row) and row[id_col].strip() else None
        statements.append(_statement(path, text, line, req_id))
    return statements


def _csv(path: Path, text: str) -> list[Statement]:
    return _table(path, read_csv(path, text))


def _xlsx(path: Path, data: bytes) -> list[Statement]:
    statements: list[Statement] = []
    sheets = read_xlsx(path, data)
    for sheet in sheets:
        rows = [["" if v is None else str(v) for v in row] for _, row in sheet.rows]
        if rows:
            statements += _table(path, rows, numbers=[n for n, _ in sheet.rows])
    if not any(sheet.rows for sheet in sheets):
        raise InputError("no sheet holds any text", path, "check that it is the right file")
    return statements


def _lines(path: Path, text: str, markdown: bool) -> list[Statement]:
    statements = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or (markdown and (line.startswith("#") or set(line) <= set("-|:= "))):
            continue
        if markdown:
            line = LIST_MARKER.sub("", line).replace("**", "").replace("__", "")
        req_id, body = _split_id(line)
        statements.append(_statement(path, body, number, req_id))
    return statements
