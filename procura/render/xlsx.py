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
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation

from procura.i18n import t
from procura.models import Lang
from procura.render.docx import clean

COLUMNS = ("col_id", "col_text", "col_type", "col_verification", "col_answer", "col_description", "col_fingerprint",
           "col_format", "col_value")
BASE_COLUMNS = 7  # a matrix written before the answer-format and offered-value columns is still read
WIDTHS = (13, 56, 7, 32, 8, 30, 20, 20, 10)
ANSWER_COLUMNS = (5, 6, 9)  # 1-based: Svar, Beskrivning / hänvisning, Erbjudet värde
FINGERPRINT_COLUMN = 7
FORMAT_COLUMN = 8
VALUE_COLUMN = 9
PRICE_COLUMNS = ("price_col_id", "price_col_item", "price_col_unit", "price_col_quantity", "price_col_periods",
                 "price_col_option", "price_col_unit_price", "price_col_sum")
PRICE_WIDTHS = (8, 50, 18, 10, 10, 8, 18, 18)
UNIT_PRICE_COLUMN = 7
# a spreadsheet treats a value starting with one of these as a formula (OWASP: CSV/formula injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_CELL = 32767  # Excel's limit on the characters in one cell
CONTRACT_TERMS_ID = "KONTRAKTSVILLKOR"  # the one row on which the special contract terms are accepted as a whole


def contract_terms_text(ids: list[str], lang: Lang) -> str:
    return t("matrix.contract_terms_text", lang, ids=", ".join(ids))


def headers(lang: Lang) -> list[str]:
    return [t(f"matrix.{key}", lang) for key in COLUMNS]


def price_headers(lang: Lang) -> list[str]:
    return [t(f"matrix.{key}", lang) for key in PRICE_COLUMNS]


def stated_parameter(req: dict[str, Any]) -> dict[str, Any] | None:
    """The parameter a supplier states an offered value for: a requirement's first one (each has a
    ``stricter`` direction, so the requirement's value is the bound: at least it, or at most it)."""
    return req["parameters"][0] if req.get("parameters") else None


def answer_kind(req: dict[str, Any]) -> str:
    """"points" for a graded bör-krav (its scale above 1), "yes_no" otherwise."""
    return "points" if req["obligation"] == "bor" and req.get("scale", 1) > 1 else "yes_no"


def answer_format(req: dict[str, Any], lang: Lang) -> str:
    """The hint that tells the supplier what to write in the answer columns."""
    param = stated_parameter(req)
    if answer_kind(req) == "points":
        text = t("matrix.format_points", lang, max=req["scale"])
    elif param is not None:
        text = t(f"matrix.format_value_{param['stricter']}", lang, value=param["text"])
    else:
        text = t("matrix.format_yes_no", lang)
    return text


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
    body = Font(size=11)  # at fit-to-width on A4 landscape (eight visible columns) this prints at 9 pt or more

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
         for n, key in enumerate(("answer", "ska", "bor", "format", "describe", "no_edit")
                                 + (("prices",) if model.get("award") and model["award"]["price_form"] else ()), 1)]
    for r, (a, b) in enumerate(rows, 1):
        for c, value in enumerate((a, b), 1):
            cell = info.cell(row=r, column=c)
            set_text(cell, value)
            cell.alignment = top
    for r, (_, b) in enumerate(rows, 1):
        if len(b) > 80:  # a wrapped instruction would otherwise overlap the next one
            info.row_dimensions[r].height = row_height(("", b), (30, 90))
    info["A1"].font = Font(bold=True, size=14)
    info.page_setup.fitToWidth = 1
    info.page_setup.fitToHeight = 0
    info.sheet_properties.pageSetUpPr.fitToPage = True
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
             f"{req['verification']} {req['verification_when']}", req) for req in model["requirements"]]
    if model.get("contract_terms"):
        text = contract_terms_text([c["id"] for c in model["contract_terms"]], lang)
        rows.append((CONTRACT_TERMS_ID, text, t("matrix.type_ska", lang), t("matrix.contract_terms_verification", lang),
                     {"obligation": "ska", "parameters": []}))
    yes_no, graded, bounded = [], {}, {}
    # a cell's style is an index array into the workbook's style lists; openpyxl hashes every Font,
    # Alignment and Protection assigned, so the two styles of these rows are made once and copied
    styles: dict[bool, StyleArray] = {}
    for r, (req_id, req_text, kind, verification, req) in enumerate(rows, 2):
        values = (req_id, req_text, kind, verification, "", "", fingerprint(req_id, req_text), answer_format(req, lang), "")
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=c)
            answer = c in ANSWER_COLUMNS
            if answer in styles:
                cell._style = copy(styles[answer])
            else:
                cell.alignment = top
                cell.font = body
                if answer:
                    cell.protection = unlocked
                    cell.number_format = "@"
                styles[answer] = copy(cell._style)
            set_text(cell, value)  # after the style: a formula-like text sets the cell's own quote prefix
        if answer_kind(req) == "points":
            graded.setdefault(req["scale"], []).append(f"E{r}")
        else:
            yes_no.append(f"E{r}")
        param = stated_parameter(req)
        if param is not None:
            value_cell = ws.cell(row=r, column=VALUE_COLUMN)
            value_cell.value = None
            value_cell.number_format = "General"  # a number, so that the bound can be validated
            bounded.setdefault((param["stricter"], float(param["value"])), []).append(f"I{r}")
        else:
            ws.cell(row=r, column=VALUE_COLUMN).protection = Protection(locked=True)
        visible = values[:FINGERPRINT_COLUMN - 1] + values[FINGERPRINT_COLUMN:]  # the hidden column takes no room
        ws.row_dimensions[r].height = row_height(visible, WIDTHS[:FINGERPRINT_COLUMN - 1] + WIDTHS[FINGERPRINT_COLUMN:], 15.5)
    answer_head = headers(lang)[4]
    if yes_no:
        yes, no = t("matrix.answer_yes", lang), t("matrix.answer_no", lang)
        dv = DataValidation(type="list", formula1=f'"{yes},{no}"', allow_blank=True, showDropDown=False,
                            showErrorMessage=True, errorTitle=answer_head, error=t("matrix.answer_error", lang),
                            showInputMessage=True, promptTitle=answer_head, prompt=t("matrix.answer_prompt", lang))
        dv.sqref = MultiCellRange(" ".join(yes_no))  # at once: DataValidation.add compares each cell with all before it
        ws.add_data_validation(dv)
    for top_points, cells in graded.items():
        dv = DataValidation(type="list", formula1='"' + ",".join(str(n) for n in range(top_points + 1)) + '"',
                            allow_blank=True, showErrorMessage=True, errorTitle=answer_head,
                            error=t("matrix.points_error", lang, max=top_points))
        dv.sqref = MultiCellRange(" ".join(cells))
        ws.add_data_validation(dv)
    for (direction, bound), cells in bounded.items():
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual" if direction == "higher" else "lessThanOrEqual",
                            formula1=f"{bound:g}", allow_blank=True, showErrorMessage=True, errorStyle="warning",
                            errorTitle=headers(lang)[VALUE_COLUMN - 1], error=t("matrix.value_error", lang))
        dv.sqref = MultiCellRange(" ".join(cells))
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
    award = model.get("award")
    if award and award["price_form"]:
        price_sheet(wb, award["price_form"], lang)
    wb.save(str(path))


def price_sheet(wb, lines: list[dict[str, Any]], lang: Lang) -> None:
    """The price form (prisbilaga): one line per priced item; the supplier types unit prices only.

    The sum column is a display formula for the supplier's convenience; procura never reads it —
    ``procura evaluate`` computes the comparison price from the unit prices and the profile's
    quantities and periods."""
    ws = wb.create_sheet(t("matrix.sheet_prices", lang))
    bold, top = Font(bold=True, size=10), Alignment(wrap_text=True, vertical="top")
    fill = PatternFill("solid", fgColor="DCE6F1")
    for c, (head, width) in enumerate(zip(price_headers(lang), PRICE_WIDTHS, strict=True), 1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, head)
        cell.font, cell.fill, cell.alignment = bold, fill, top
        ws.column_dimensions[get_column_letter(c)].width = width
    last = len(lines) + 1
    for r, line in enumerate(lines, 2):
        for c, value in enumerate((line["id"], line["item"], line["unit"]), 1):
            set_text(ws.cell(row=r, column=c), value)
        ws.cell(row=r, column=4, value=line["quantity_value"])
        ws.cell(row=r, column=5, value=line["periods_value"])
        set_text(ws.cell(row=r, column=6), t("matrix.price_option_yes", lang) if line["option"] else "")
        price = ws.cell(row=r, column=UNIT_PRICE_COLUMN)
        price.protection = Protection(locked=False)
        price.number_format = "#,##0.00"
        ws.cell(row=r, column=8, value=f"=D{r}*E{r}*G{r}").number_format = "#,##0.00"
        for c in range(1, 9):
            ws.cell(row=r, column=c).alignment = top
    set_text(ws.cell(row=last + 1, column=2), t("matrix.price_total", lang))
    ws.cell(row=last + 1, column=2).font = bold
    ws.cell(row=last + 1, column=8, value=f"=SUM(H2:H{last})").number_format = "#,##0.00"
    set_text(ws.cell(row=last + 3, column=2), t("matrix.price_instruction", lang))
    ws.cell(row=last + 3, column=2).alignment = top
    ws.row_dimensions[last + 3].height = 60
    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                        showErrorMessage=True, errorTitle=price_headers(lang)[UNIT_PRICE_COLUMN - 1],
                        error=t("matrix.price_error", lang))
    dv.add(f"G2:G{last}")
    ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&P / &N"
    ws.protection.sheet = True
