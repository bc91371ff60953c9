"""Lines of text out of a PDF, as a reader sees them on the page, through pdfium (pypdfium2).

pdfium gives every character with its box. Characters are grouped into visual lines by their
height on the page, and a line is split into cells where a gap far wider than a space separates
two characters (table columns, a tag in the right margin). Repeated page headers and footers,
page numbers and the e-procurement platforms' symbol legends are dropped here;
:mod:`procura.checks.layout` then joins lines into paragraphs, sentences and list items.

Every failure of a hostile file (encrypted, corrupt, no text layer, too many pages or characters)
is an :class:`~procura.errors.InputError`, exit 2.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from procura.checks import lexicon as lx
from procura.checks.findings import Location
from procura.errors import InputError

MAX_PDF_BYTES = 100_000_000
MAX_PDF_PAGES = 1_000
MAX_PDF_CHARS = 5_000_000  # about 2,000 dense pages: more is a generated file, not a tender
MIN_TEXT_CHARS_PER_PAGE = 20  # fewer visible characters on average: a scan, or pictures of text
HEADER_ZONE = 0.12  # the top and bottom 12 % of a page hold running headers and footers
GAP_EM = 1.6  # a gap wider than this many font sizes separates two cells of a line
SOFT_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen that ends a line
BULLETS = frozenset("•▪◦●○■□►▶➢➤✓✔-–—*·")
PAGE_NUMBER = re.compile(r"^(?:(?:sida|page|sid|s\.|p\.)\s*)?\d{1,4}(?:\s*(?:av|of|/|\()\s*\d{1,4}\)?)?$", re.I)
# the symbol legend TendSign/Mercell prints on the first page: explanations of icons, not requirements
LEGEND_HEAD = re.compile(r"^\s*(?:symbolförklaring|teckenförklaring|symbol legend|legend)\s*:?\s*$", re.I)
LEGEND_LINE = re.compile(
    r"^(?:texten(?:/frågan)? (?:ingår|kommer|innehåller)|frågan (?:är|ställs|besvaras|innehåller)|"
    r"the (?:text|question) (?:is|will|contains))", re.I)
ELLIPSIS_TAG = re.compile(r"^.{1,30}(?:\.\.\.|…)$")  # "Kommersiella ...", a box's section tag cut short


@dataclass
class Cell:
    x0: float
    x1: float
    text: str


@dataclass
class Line:
    """One visual line of a page: its place and the cells a wide gap separates."""

    page: int  # 1-based
    number: int  # 1-based line on the page, counted from the top, headers included
    top: float  # distance from the top of the page, in points
    bottom: float
    size: float  # font size of the first character
    bold: bool
    cells: list[Cell] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.cells[0].x0

    @property
    def x1(self) -> float:
        return self.cells[-1].x1

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


@dataclass
class _Segment:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    chars: list[str]


def read_lines(path: Path, data: bytes) -> list[list[Line]]:
    """The visual lines of every page, without running headers, footers, page numbers and legends."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(path, exc) from None
    try:
        pages = len(document)
        if pages == 0:
            raise InputError("the PDF has no pages", path, "check that it is the right file")
        if pages > MAX_PDF_PAGES:
            raise InputError(f"the PDF has {pages} pages, more than the limit of {MAX_PDF_PAGES}", path,
                             "split it and check the parts that hold the requirements")
        result: list[list[Line]] = []
        heights: list[float] = []
        total = 0
        for index in range(pages):
            lines, count, height = _page_lines(document, index, path)
            heights.append(height)
            total += count
            if total > MAX_PDF_CHARS:
                raise InputError(f"the PDF holds more than {MAX_PDF_CHARS} characters", path,
                                 "split it and check the parts that hold the requirements")
            result.append(lines)
    finally:
        document.close()
    visible = sum(len(c.text.replace(" ", "")) for page in result for line in page for c in line.cells)
    if visible < MIN_TEXT_CHARS_PER_PAGE * len(result):
        raise InputError("no text layer; the PDF is a scan or pictures of text", path,
                         "run OCR or get the original document from the contracting authority")
    return _without_furniture(result, heights)


def _open_error(path: Path, exc: Exception) -> InputError:
    message = str(exc).lower()
    if "password" in message or "security" in message:
        return InputError("the PDF is encrypted with a password", path,
                          "get an unprotected copy, or open it and save it without a password")
    return InputError("not a valid PDF (corrupt, or another format with a .pdf name)", path,
                      "open it in a PDF reader and save or export it again")


def _page_lines(document, index: int, path: Path) -> tuple[list[Line], int, float]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        page = document[index]
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        raise InputError(f"page {index + 1} of the PDF cannot be read (corrupt)", path,
                         "open it in a PDF reader and save or export it again") from None
    try:
        height = page.get_height()
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        if count <= 0:
            return [], 0, height
        if count > MAX_PDF_CHARS:
            raise InputError(f"page {index + 1} holds more than {MAX_PDF_CHARS} characters", path)
        text = textpage.get_text_range()
        if len(text) != count:  # characters outside the BMP: read them one at a time
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count))
        segments = _segments(handle, text, count, height)
    finally:
        textpage.close()
        page.close()
    return _visual_lines(segments, index + 1), count, height


# a word; pdfium's mark for a hyphen at the end of a line ends one, as the rest of the word is on the next line
WORD = re.compile(r"[^\s\x00\ufffe]+\ufffe?|\ufffe")


def _segments(handle, text: str, count: int, height: float) -> list[_Segment]:
    """Runs of words on one line with no wide gap between them, in pdfium's order.

    Only the first and last character of each word is measured: a call into pdfium costs about as much
    as the rest of the work per character, and a gap wide enough to matter lies between words."""
    import pypdfium2.raw as raw

    rect = raw.FS_RECTF()
    pointer = ctypes.byref(rect)
    loose_box = raw.FPDFText_GetLooseCharBox
    segments: list[_Segment] = []
    offset = 0
    for pdf_line in text.split("\r\n"):
        current: _Segment | None = None
        last_right = 0.0
        for match in WORD.finditer(pdf_line):
            first, last = offset + match.start(), offset + match.end() - 1
            if not loose_box(handle, first, pointer):
                continue
            x0, y_top, y_bottom = rect.left, height - rect.top, height - rect.bottom
            if last != first and loose_box(handle, last, pointer):
                x1 = rect.right
            else:
                x1 = max(x0, rect.right)
            if current is not None:
                gap = x0 - last_right
                middle = (y_top + y_bottom) / 2
                same_line = current.top - 0.5 * current.size <= middle <= current.bottom + 0.5 * current.size
                if not same_line or gap > GAP_EM * current.size or gap < -current.size:
                    current = None
            if current is None:
                size = raw.FPDFText_GetFontSize(handle, first) or (y_bottom - y_top) or 10.0
                weight = raw.FPDFText_GetFontWeight(handle, first)
                current = _Segment(y_top, y_bottom, x0, x1, size, weight >= 600, [match.group(0)])
                segments.append(current)
            else:
                current.chars.append(" " + match.group(0))
                current.top, current.bottom = min(current.top, y_top), max(current.bottom, y_bottom)
                current.x1 = max(current.x1, x1)
            last_right = x1
        offset += len(pdf_line) + 2
    return segments


def _visual_lines(segments: list[_Segment], page: int) -> list[Line]:
    """Segments grouped into lines by height, each line's cells from left to right."""
    ordered = sorted(segments, key=lambda s: (s.top + s.bottom, s.x0))
    rows: list[list[_Segment]] = []
    spans: list[tuple[float, float]] = []
    for seg in ordered:
        middle = (seg.top + seg.bottom) / 2
        if rows:
            top, bottom = spans[-1]
            # the same line: the middles of each lie within the other (a small bullet beside its text)
            if top - 0.5 <= middle <= bottom + 0.5 or seg.top - 0.5 <= (top + bottom) / 2 <= seg.bottom + 0.5:
                rows[-1].append(seg)
                spans[-1] = (min(top, seg.top), max(bottom, seg.bottom)) if len(rows[-1]) == 1 else (top, bottom)
                continue
        rows.append([seg])
        spans.append((seg.top, seg.bottom))
    lines: list[Line] = []
    for number, row in enumerate(rows, start=1):
        row.sort(key=lambda s: s.x0)
        cells: list[Cell] = []
        for seg in row:
            text = "".join(seg.chars).strip()
            if not text:
                continue
            # a bullet or an item number alone before its text is part of the same cell
            if cells and (_is_marker(cells[-1].text) and len(cells) == 1 or seg.x0 - cells[-1].x1 < GAP_EM * seg.size):
                cells[-1] = Cell(cells[-1].x0, seg.x1, cells[-1].text + " " + text)
            else:
                cells.append(Cell(seg.x0, seg.x1, text))
        if cells:
            first = row[0]
            lines.append(Line(page, number, min(s.top for s in row), max(s.bottom for s in row), first.size,
                              first.bold, cells))
    return lines


MARKER = re.compile(r"^(?:[•▪◦●○■□►▶➢➤✓✔\-–—*·\uf000-\uf8ff]|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zA-Z][.)]|\(\w{1,3}\))$")


def _is_marker(text: str) -> bool:
    return bool(MARKER.match(text))


def _shape(text: str) -> str:
    """A line with its numbers blanked, so "Sida 3/12" on every page counts as the same line."""
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def _without_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop running headers and footers (lines that recur in the top or bottom zone of most pages), page
    numbers, the symbol legend, and the section tags in the margins of the platforms' question boxes."""
    zone_counts: Counter[str] = Counter()
    for page, height in zip(pages, heights, strict=True):
        seen = {_shape(ln.text) for ln in page if _in_zone(ln, height)}
        zone_counts.update(seen)
    need = max(2, (len(pages) + 1) // 2) if len(pages) > 1 else 10**9
    running = {shape for shape, n in zone_counts.items() if n >= need}
    result: list[list[Line]] = []
    for page, height in zip(pages, heights, strict=True):
        kept: list[Line] = []
        in_legend = False
        for line in page:
            text = line.text.strip()
            # a numbered heading is never running furniture, even when each page begins with one ("2.1 Krav")
            if (_in_zone(line, height) and (_shape(text) in running or PAGE_NUMBER.match(text))
                    and not SECTION_LINE.match(text)):
                continue
            if LEGEND_HEAD.match(text):
                in_legend = True
                continue
            if in_legend:
                if all(LEGEND_LINE.match(c.text) for c in line.cells):
                    continue
                in_legend = False
            line.cells = [c for c in line.cells if not (ELLIPSIS_TAG.match(c.text) and c.x0 > 250)]
            line.cells = [part for c in line.cells for part in _split_placeholder(c)]
            if not line.cells or all(LEGEND_LINE.match(c.text) for c in line.cells):
                continue
            kept.append(line)
        result.append(kept)
    return result


PLACEHOLDER = re.compile(r"\s(?:Klicka eller tryck här för att ange (?:text|ett datum)|Click or tap here to enter (?:text|a date))\.?$",
                         re.I)


def _split_placeholder(cell: Cell) -> list[Cell]:
    """A form's empty answer box ("Klicka eller tryck här för att ange text.") printed right after the text
    of its row: a cell of its own, so the row is seen as a row."""
    match = PLACEHOLDER.search(cell.text)
    if not match:
        return [cell]
    split = cell.x0 + (cell.x1 - cell.x0) * match.start() / max(len(cell.text), 1)
    return [Cell(cell.x0, split, cell.text[:match.start()]), Cell(split + 1, cell.x1, match.group(0).strip())]


def _in_zone(line: Line, height: float) -> bool:
    return line.top <= HEADER_ZONE * height or height - line.bottom <= HEADER_ZONE * height


# -- lines to blocks ---------------------------------------------------------------------------------------

SECTION_LINE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,3}){0,5})\.?\s+(?P<title>[A-ZÅÄÖ\"“(].*)$")
ITEM_START = re.compile(r"^(?:[•▪◦●○■□►▶➢➤✓✔\-–—*·\uf000-\uf8ff]|\(?[a-zA-Z0-9]{1,2}[.)])\s")
SENTENCE_FINAL = re.compile(r"[.!?:;]$")
SUSPENDED = ("och", "eller", "samt", "respektive", "resp.", "till", "and", "or", "to", "som")


def read_statements(path: Path, data: bytes) -> list:
    from procura.checks.layout import statements

    return statements(blocks(path, read_lines(path, data)))


def blocks(path: Path, pages: list[list[Line]]):
    """Headings, paragraphs, list items and table rows; a paragraph or item that runs on to the next page
    is one block."""
    from procura.checks.layout import Block

    body, body_bold = _body_font(pages)
    result: list[Block] = []
    current: Block | None = None
    last: Line | None = None
    for page in pages:
        for line in page:
            location = Location(file=str(path), page=line.page, line=line.number)
            heading = _heading(line, body, body_bold)
            if (heading is not None and heading[0] is None and current is not None and current.kind == "row"
                    and last is not None and line.size < body + 0.9 and _continues_row(line, last, current)):
                heading = None  # a bold header row of a table, wrapped
            if heading is not None:
                number, title = heading
                if (number is None and result and result[-1].kind == "heading" and last is not None
                        and abs(line.size - last.size) < 0.5 and line.top - last.bottom < 0.75 * line.size):
                    result[-1].text = _join(result[-1].text, title)  # a heading on two lines
                    last = line
                    continue
                current = None
                result.append(Block("heading", title, location, number=number))
                last = line
                continue
            if current is not None and last is not None and _continues(current, line, last, body, body_bold):
                if current.kind == "row":
                    _extend_cells(current, line)
                else:
                    text = line.cells[0].text if current.kind == "item" else line.text
                    current.starts.append((len(current.text) + 1, location))
                    current.text = _join(current.text, text)
                last = line
                continue
            if ITEM_START.match(line.text):
                # an item, maybe with narrow cells beside it (points, an answer box): the item's text is its first cell
                current = Block("item", line.cells[0].text, location, starts=[(0, location)])
                current.indent, current.right = line.x0, line.cells[0].x1  # type: ignore[attr-defined]
            elif len(line.cells) > 1:
                cells = [c.text for c in line.cells]
                header = not result or result[-1].kind != "row"
                current = Block("row", line.text, location, cells=cells, cell_locations=[location] * len(cells),
                                starts=[(0, location)], header=header and all(len(c) < 60 for c in cells))
                current.geometry = [(c.x0, c.x1) for c in line.cells]  # type: ignore[attr-defined]
            else:
                current = Block("para", line.text, location, starts=[(0, location)])
                current.indent, current.right = line.x0, line.x1  # type: ignore[attr-defined]
            result.append(current)
            last = line
    return result


def _body_font(pages: list[list[Line]]) -> tuple[float, bool]:
    """The size of the body text, and whether it is bold (then bold marks no heading)."""
    sizes: Counter[float] = Counter()
    bold = chars = 0
    for page in pages:
        for line in page:
            sizes[round(line.size * 2) / 2] += len(line.text)
            chars += len(line.text)
            bold += len(line.text) if line.bold else 0
    return (sizes.most_common(1)[0][0] if sizes else 10.0), bold > 0.5 * chars


def _heading(line: Line, body: float, body_bold: bool = False) -> tuple[str | None, str] | None:
    """A section heading: its number and title ("2.1.2", "Ska-krav på offererad konsult")."""
    if len(line.cells) > 2:
        return None
    text = " ".join(c.text for c in line.cells)
    if len(text) > 120 or text.endswith((",", ";")):
        return None
    larger = line.size >= body + 0.9 or (line.bold and not body_bold)
    match = SECTION_LINE.match(text)
    if match:
        title = match.group("title")
        number = match.group("num")
        if larger or ("." in number and not SENTENCE_FINAL.search(title) and len(title) < 90):
            return number, title
        return None
    if len(line.cells) == 1 and len(text) < 90 and not text.endswith((".", ":")):
        if line.size >= body + 0.9 or (line.bold and not body_bold and not lx.MODAL.search(text)):
            return None, text
    return None


def _continues(block, line: Line, last: Line, body: float, body_bold: bool) -> bool:
    """Whether ``line`` carries on ``block`` (a wrapped line, or a paragraph running on to the next page)."""
    if _heading(line, body, body_bold) is not None and not (block.kind == "row" and line.size < body + 0.9):
        return False
    ended = SENTENCE_FINAL.search(block.text)
    if block.text.endswith(":") and line.page == last.page and block.kind != "row":
        return False  # a lead-in ends where its colon is: what follows are its items
    if line.text.endswith(":") and len(line.text) < 60 and line.text[:1].isupper() and block.kind != "row":
        return False  # a label of its own line ("Utvärderingskrav (bör):") opens a new block
    if ITEM_START.match(line.text):
        # "(1) månad före …" at the left edge of a wrapped line goes on with the sentence
        if ended or not line.text.startswith("(") or abs(line.x0 - last.x0) > 2 or line.page != last.page:
            return False
    if line.page != last.page:
        # the next page goes on with the sentence: the block does not end a sentence, the line starts in lower case
        return block.kind != "row" and not ended and line.text[:1].islower()
    gap = line.top - last.bottom
    if gap > 0.75 * max(line.size, last.size):
        return False
    if block.kind == "row":
        return _continues_row(line, last, block)
    if block.kind == "item":
        if abs(line.x0 - getattr(block, "indent", 0)) <= 2:  # no hanging indent: only a sentence that goes on
            return not ended and line.text[:1].islower()
        return getattr(block, "indent", 0) + 2 < line.x0 < getattr(block, "right", 10**6)
    if len(line.cells) > 1:
        return False
    return abs(line.size - last.size) < 1.5


def _continues_row(line: Line, last: Line, block) -> bool:
    gap = line.top - last.bottom
    if gap > 0.75 * max(line.size, last.size):
        return False
    columns = getattr(block, "geometry", [])
    if len(line.cells) > 1 and columns and abs(line.cells[0].x0 - columns[0][0]) < 3:
        # cells again in the first column and beyond: the next row of the table, unless every column of the
        # row above wraps at once (the line above had several cells too, and each cell goes on in lower case)
        if not (len(last.cells) > 1 and all(not c.text[:1].isupper() for c in line.cells)):
            return False
    return all(any(abs(c.x0 - x0) < 6 or x0 - 2 <= c.x0 < x1 for x0, x1 in columns) for c in line.cells)


def _extend_cells(block, line: Line) -> None:
    columns = block.geometry
    for cell in line.cells:
        index = min(range(len(columns)), key=lambda i: abs(columns[i][0] - cell.x0))
        block.cells[index] = _join(block.cells[index], cell.text)
    block.text = " ".join(block.cells)


def _join(before: str, after: str) -> str:
    """Two lines as one: a word hyphenated across them joined, a compound's hyphen kept ("IT-", "e-post",
    "organisations- och")."""
    before = before.rstrip()
    after = after.lstrip()
    if before.endswith((SOFT_HYPHEN, "-", "\u00ad")):
        stem = before[:-1]
        head = re.search(r"(\w+)$", stem)
        word = head.group(1) if head else ""
        first = after.split(None, 1)[0] if after else ""
        if first.lower() in SUSPENDED:
            return f"{stem}- {after}"
        if not word or len(word) <= 2 or word.isupper() or any(ch.isdigit() for ch in word) or first[:1].isupper():
            return f"{stem}-{after}"
        if stem.endswith(" "):
            return f"{stem}-{after}"  # "avtalsnamn och -" + "nummer"
        return stem + after
    return f"{before} {after}"
