"""The one reader of spreadsheets someone else wrote: .xlsx workbooks and .csv files.

Used by ``procura check`` (requirement statements in a table), ``procura pack import`` and
``procura evaluate`` (a supplier's answer matrix), so all three have the same limits and errors.

.xlsx: the sheet XML is parsed as a stream (lxml iterparse, no DTD, no entities, no network) and
only the cells that hold a value are kept. The size a sheet *declares* (``<dimension
ref="A1:XFD1048576"/>``) and empty cells and rows are ignored, so a 9 kB file that claims a million
rows costs nothing. Transitional and Strict OOXML (ISO 29500) are both read, with relative or
absolute part names. A workbook without worksheets, a corrupt part (bad deflate stream, broken
XML) or more rows, columns or cells than the limits is an :class:`~procura.errors.InputError`.

.csv: the delimiter is the one of ``; , TAB |`` that occurs most often in the header line (outside
quotes); no csv.Sniffer, whose regular expressions backtrack for minutes on a few kB of quotes.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procura.errors import InputError
from procura.files import GuardedZip, open_zip, read_bytes

MAX_XLSX_BYTES = 50_000_000
MAX_ROWS = 100_000  # rows that hold at least one value, per sheet
MAX_COLUMNS = 500  # a value further right than column SF is refused (empty cells there are ignored)
MAX_CELLS = 2_000_000  # cells that hold a value, in the whole workbook
MAX_SHEETS = 200
MAX_PART_BYTES = 10_000_000  # workbook.xml, relationship parts
CSV_DELIMITERS = (";", ",", "\t", "|")

_CELL_REF = re.compile(r"^([A-Za-z]{1,3})(\d+)$")
_SECURE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False, "remove_comments": True}


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (1-based row number, values from column A)

    def values(self) -> list[list[Any]]:
        """The rows that hold values, without their numbers."""
        return [cells for _, cells in self.rows]


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Workbook:
    def __init__(self, archive: GuardedZip, where: Path | str, formulas: bool, label: str | None = None):
        self.archive, self.where, self.formulas, self.label = archive, where, formulas, label
        self.cells = 0

    def error(self, what: str, hint: str | None = "open it in Excel and save it again") -> InputError:
        return InputError(what, self.where, hint)

    # -- small parts --------------------------------------------------------------------------
    def _xml(self, name: str):
        from lxml import etree

        parser = etree.XMLParser(**_SECURE)
        try:
            return etree.fromstring(self.archive.read(name, MAX_PART_BYTES), parser)
        except etree.XMLSyntaxError as exc:
            raise self.error(f"part {name} of the Excel file is not valid XML ({str(exc)[:100]})") from None

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (type, part name) of ``part``."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.archive:
            return {}
        found = {}
        for rel in self._xml(rels):
            if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id") or ""] = (rel.get("Type") or "", name)
        return found

    def sheets(self) -> Iterator[Sheet]:
        book_part = next((name for kind, name in self._relations("").values() if kind.endswith("/officeDocument")), "xl/workbook.xml")
        if book_part not in self.archive:
            raise self.error(f"not {'a ' + self.label if self.label else 'an Excel workbook'} (it has no workbook part)",
                             "save it as .xlsx from Excel or LibreOffice")
        relations = self._relations(book_part)
        strings = next((name for kind, name in relations.values() if kind.endswith("/sharedStrings")), None)
        shared = self._shared_strings(strings) if strings and strings in self.archive else []
        listed = []
        for element in self._xml(book_part).iter():
            if _local(element.tag) == "sheet":
                rid = next((v for k, v in element.attrib.items() if _local(k) == "id" and "relationships" in k), None)
                listed.append((element.get("name") or "", relations.get(rid or "")))
        worksheets = [(name, rel[1]) for name, rel in listed if rel and rel[0].endswith("/worksheet") and rel[1] in self.archive]
        if not worksheets:
            raise self.error("the workbook has no worksheets (only charts, or parts this reader cannot find)",
                             "save it as an Excel workbook (.xlsx) with the requirements on a worksheet")
        if len(worksheets) > MAX_SHEETS:
            raise self.error(f"{len(worksheets)} worksheets, more than the limit of {MAX_SHEETS}", None)
        for name, part in worksheets:
            yield self._sheet(name, part, shared)

    def _shared_strings(self, part: str) -> list[str]:
        strings: list[str] = []
        for element in self._stream(part, "si"):
            strings.append(_text_of(element))
            if len(strings) > MAX_CELLS:
                raise self.error(f"more than {MAX_CELLS} shared strings", None)
        return strings

    # -- sheets -------------------------------------------------------------------------------
    def _stream(self, part: str, tag: str) -> Iterator[Any]:
        """Every ``tag`` element of ``part`` as it is parsed; each is freed after the caller is done."""
        from lxml import etree

        stream = self.archive.open(part)
        try:
            for _, element in etree.iterparse(stream, events=("end",), **_SECURE):
                if _local(element.tag) != tag:
                    continue
                yield element
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            raise self.error(f"part {part} of the Excel file is damaged (not valid XML: {str(exc)[:100]})") from None
        finally:
            stream.close()

    def _sheet(self, name: str, part: str, shared: list[str]) -> Sheet:
        sheet = Sheet(name)
        number = 0
        for row in self._stream(part, "row"):
            number = _int(row.get("r"), number + 1)
            cells: dict[int, Any] = {}
            column = 0
            for cell in row:
                if _local(cell.tag) != "c":
                    continue
                column = self._column(cell.get("r"), column + 1)
                value = self._value(cell, shared, name)
                if value is None or value == "":
                    continue
                if column > MAX_COLUMNS or number > 1_048_576:
                    raise self.error(f"sheet {name!r}: a value in cell {column_letter(column)}{number}, beyond column "
                                     f"{column_letter(MAX_COLUMNS)} (the limit of {MAX_COLUMNS} columns)",
                                     "move the requirements into the first columns")
                cells[column] = value
            if not cells:
                continue
            self.cells += len(cells)
            if self.cells > MAX_CELLS:
                raise self.error(f"more than {MAX_CELLS} cells with values", "split the workbook")
            if len(sheet.rows) >= MAX_ROWS:
                raise self.error(f"sheet {name!r} has more than {MAX_ROWS} rows with values", "split the sheet")
            width = max(cells)
            sheet.rows.append((number, [cells.get(i) for i in range(1, width + 1)]))
        return sheet

    def _column(self, ref: str | None, default: int) -> int:
        if not ref:
            return default
        match = _CELL_REF.match(ref)
        return _column_index(match.group(1)) if match else default

    def _value(self, cell: Any, shared: list[str], sheet: str) -> Any:
        kind = cell.get("t") or "n"
        parts = {_local(child.tag): child for child in cell}
        if self.formulas and "f" in parts:
            return "=" + (parts["f"].text or "")
        if kind == "inlineStr":
            return _text_of(parts["is"]) if "is" in parts else None
        raw = parts["v"].text if "v" in parts else None
        if raw is None:
            return None
        if kind == "s":
            index = _int(raw, -1)
            if not 0 <= index < len(shared):
                raise self.error(f"sheet {sheet!r}, cell {cell.get('r') or '?'}: refers to shared string {raw}, which does not exist")
            return shared[index]
        if kind == "b":
            return raw.strip() == "1"
        if kind in ("str", "e", "d"):
            return raw
        return _number(raw)


def _text_of(element: Any) -> str:
    """The text of a string item (<si>, <is>): its <t> runs, without phonetic guides (<rPh>)."""
    texts = []
    for node in element.iter():
        if _local(node.tag) == "t" and _local(node.getparent().tag) != "rPh" and node.text:
            texts.append(node.text)
    return "".join(texts)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _number(raw: str) -> Any:
    text = raw.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return raw
    return value if value == value and abs(value) != float("inf") else raw


def read_xlsx(path: Path, data: bytes | None = None, formulas: bool = False, kind: str = "Excel workbook",
              label: str | None = None) -> list[Sheet]:
    """Every worksheet of the workbook at ``path`` (or in ``data``), with its rows that hold values.

    ``formulas``: a cell with a formula reads as its formula text (``=1+1``), never as its value;
    otherwise as the value Excel last calculated and saved.
    """
    if data is None:
        data = read_bytes(path, MAX_XLSX_BYTES, kind)
    with open_zip(data, path, "Excel", label=label) as archive:
        book = _Workbook(archive, path, formulas, label)
        return list(book.sheets())


# -- CSV --------------------------------------------------------------------------------------
def csv_delimiter(text: str) -> str:
    """The delimiter of ``text``: the candidate that occurs most often outside quotes in its first
    non-empty line (a comma when none does). Linear in the line's length."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(CSV_DELIMITERS, 0)
    quoted = False
    for ch in header[:100_000]:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, text: str) -> list[list[str]]:
    """The rows of the CSV ``text`` (from ``path``); a malformed row is an error naming its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise InputError(f"more than {MAX_ROWS} rows", path, "split the file")
    except csv.Error as exc:
        detail = str(exc)
        if "field larger than field limit" in detail:
            detail = f"a field is longer than {csv.field_size_limit()} characters (an unclosed quote?)"
        raise InputError(f"not valid CSV: {detail}", f"{path}:{reader.line_num}",
                         "check the quotes on that line, or save it again as CSV from the spreadsheet") from None
    return rows
