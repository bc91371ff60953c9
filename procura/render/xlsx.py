"""The supplier answer matrix (kravmatris) as .xlsx, and the fingerprint that detects edited texts.

Sheet 1 holds the instructions; sheet 2 one row per requirement: ID, text, type (Ska/Bör),
verification, the answer (a Ja/Nej drop-down), a description / reference, and a hidden
fingerprint (SHA-256 of ID and text). The requirement columns are protected, the two answer
columns are not. Every cell is written as text, so a value that looks like a formula
(``=1+1``, ``@SUM(A1)``) is shown, never evaluated.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from procura.i18n import t
from procura.models import Lang
from procura.render.docx import clean

COLUMNS = ("col_id", "col_text", "col_type", "col_verification", "col_answer", "col_description", "col_fingerprint")
WIDTHS = (13, 60, 7, 38, 8, 36, 20)
ANSWER_COLUMNS = (5, 6)  # 1-based: Svar, Beskrivning / hänvisning
FINGERPRINT_COLUMN = 7
# a spreadsheet treats a value starting with one of these as a formula (OWASP: CSV/formula injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_CELL = 32767  # Excel's limit on the characters in one cell
CONTRACT_TERMS_ID = "KONTRAKTSVILLKOR"  # the one row on which the special contract terms are accepted as a whole


def contract_terms_text(ids: list[str], lang: Lang) -> str:
    return t("matrix.contract_terms_text", lang, ids=", ".join(ids))


def headers(lang: Lang) -> list[str]:
    return [t(f"matrix.{key}", lang) for key in COLUMNS]


def normalise(text: str) -> str:
    """The text as the fingerprint sees it: line ends unified, outer whitespace dropped."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n").strip()


def fingerprint(req_id: str, text: str) -> str:
    return hashlib.sha256(f"{normalise(req_id)}\n{normalise(text)}".encode()).hexdigest()


def set_text(cell, value: Any) -> None:
    """Write ``value`` as a text cell; a formula-like value is quote-prefixed so it stays text when edited."""
    text = clean(value if value is not None else "")[:MAX_CELL]
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def row_height(values, widths, line_points: float = 15.0) -> float:
    """A row height (points) that shows every wrapped line: neither Excel nor LibreOffice is
    guaranteed to fit rows written by openpyxl, and a clipped requirement text is misread."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        chars_per_line = max(1, int(width * 1.1))
        lines = max(lines, sum(math.ceil(max(1, len(part)) / chars_per_line) for part in str(value).split("\n")))
    return lines * line_points


def write_matrix(model: dict[str, Any], path: Path) -> None:
    """Write the answer matrix for a document model (see procura.render.model.document_model)."""
    lang: Lang = model["lang"]
    wb = Workbook()
    top = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True, size=10)
    body = Font(size=10)  # at fit-to-width on A4 landscape this prints at about 9 pt or more

    info = wb.active
    info.title = t("matrix.sheet_instructions", lang)
    info.column_dimensions["A"].width = 30
    info.column_dimensions["B"].width = 90
    rows = [
        (t("matrix.title", lang, title=model["title"]), ""),
        (t("doc.organisation", lang), model["organisation"]),
        (t("doc.reference", lang), model["reference"]),
        (t("doc.version", lang), model["version"]),
        (t("doc.date", lang), model["date"]),
        ("", ""),
    ] + [(f"{n}.", t(f"matrix.instructions.{key}", lang))
         for n, key in enumerate(("answer", "ska", "bor", "describe", "no_edit"), 1)]
    for r, (a, b) in enumerate(rows, 1):
        for c, value in enumerate((a, b), 1):
            cell = info.cell(row=r, column=c)
            set_text(cell, value)
            cell.alignment = top
    info["A1"].font = Font(bold=True, size=14)
    info.protection.sheet = True

    ws = wb.create_sheet(t("matrix.sheet_requirements", lang))
    fill = PatternFill("solid", fgColor="DCE6F1")
    for c, header in enumerate(headers(lang), 1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, header)
        cell.font, cell.fill, cell.alignment = bold, fill, top
    for c, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.column_dimensions[get_column_letter(FINGERPRINT_COLUMN)].hidden = True

    unlocked = Protection(locked=False)
    rows = [(req["id"], req["text"], t(f"matrix.type_{req['obligation']}", lang),
             f"{req['verification']} {req['verification_when']}") for req in model["requirements"]]
    if model.get("contract_terms"):
        text = contract_terms_text([c["id"] for c in model["contract_terms"]], lang)
        rows.append((CONTRACT_TERMS_ID, text, t("matrix.type_ska", lang), t("matrix.contract_terms_verification", lang)))
    requirements = rows
    for r, (req_id, req_text, kind, verification) in enumerate(rows, 2):
        values = (req_id, req_text, kind, verification, "", "", fingerprint(req_id, req_text))
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c)
            set_text(cell, value)
            cell.alignment = top
            cell.font = body
            if c in ANSWER_COLUMNS:
                cell.protection = unlocked
                cell.number_format = "@"
        ws.row_dimensions[r].height = row_height(values[:FINGERPRINT_COLUMN - 1], WIDTHS)  # the hidden column takes no room
    last = len(requirements) + 1
    if requirements:
        yes, no = t("matrix.answer_yes", lang), t("matrix.answer_no", lang)
        dv = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True, showDropDown=False,
                            showErrorMessage=True, errorTitle=headers(lang)[4], error=t("matrix.answer_error", lang),
                            showInputMessage=True, promptTitle=headers(lang)[4], prompt=t("matrix.answer_prompt", lang))
        dv.add(f"E2:E{last}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&P / &N"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.protection.sheet = True
    # protection keeps requirement texts from accidental edits; suppliers may still resize rows and columns
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    wb.save(str(path))
