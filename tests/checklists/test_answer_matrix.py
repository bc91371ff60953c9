"""The supplier answer matrix: columns, drop-down, protection, fingerprint, text-only cells."""

from __future__ import annotations

import hashlib

import openpyxl
from checklist_helpers import run

from procura.build import BuildOptions, build
from procura.checklists.kinds import ordered
from procura.render.xlsx import fingerprint

SV = ["Krav-ID", "Krav", "Typ", "Verifiering", "Svar", "Beskrivning / hänvisning"]
EN = ["Requirement ID", "Requirement", "Type", "Verification", "Answer", "Description / reference"]


def test_matrix_has_the_issue_columns_and_one_row_per_requirement(matrix_path, spec):
    wb = openpyxl.load_workbook(matrix_path)
    assert wb.sheetnames == ["Instruktioner", "Krav"]  # the profile's short-form award model has no price form
    ws = wb["Krav"]
    assert [c.value for c in ws[1]][:6] == SV
    ids = [row[0].value for row in ws.iter_rows(min_row=2)]
    # one row per requirement, and the special contract terms confirmed once on a row of their own
    assert ids == [i.id for i in ordered(spec) if not i.is_contract_term] + ["KONTRAKTSVILLKOR"]
    types = {row[0].value: row[2].value for row in ws.iter_rows(min_row=2)}
    assert types["EG-001"] == "Bör" and all(types[i.id] == "Ska" for i in spec.items
                                                     if i.obligation.value == "ska" and not i.is_contract_term)
    assert types["KONTRAKTSVILLKOR"] == "Ska"
    assert "Ja eller Nej" in " ".join(str(c.value) for row in wb["Instruktioner"].iter_rows() for c in row if c.value)


def test_english_headers(tmp_path, profile_path):
    result = build(profile_path, BuildOptions(out_dir=tmp_path / "en", lang="en"))
    path = next(p for p in result.files if p.suffix == ".xlsx")
    assert path.name == "answer-matrix.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Requirements"]
    assert [c.value for c in wb["Requirements"][1]][:6] == EN
    assert wb["Requirements"].data_validations.dataValidation[0].formula1 == '"Yes,No"'


def test_drop_down_frozen_header_protection_and_widths(matrix_path, spec):
    ws = openpyxl.load_workbook(matrix_path)["Krav"]
    last = len([i for i in spec.items if not i.is_contract_term]) + 2  # + header row, + the contract-terms row
    lists = {dv.formula1: {str(r) for r in dv.sqref.ranges} for dv in ws.data_validations.dataValidation if dv.type == "list"}
    types = {row[0].value: (row[0].row, row[2].value) for row in ws.iter_rows(min_row=2)}
    # every answer cell has one list: Ja/Nej for ska-krav and ungraded bör-krav, the points scale for graded ones
    assert sorted(c for cells in lists.values() for c in cells) == sorted(f"E{r}" for r in range(2, last + 1))
    assert all(f"E{row}" in lists['"Ja,Nej"'] for row, kind in types.values() if kind == "Ska")
    graded = next(i for i in spec.items if i.obligation.value == "bor" and i.scoring("sv") and "2 poäng" in i.scoring("sv"))
    assert f"E{types[graded.id][0]}" in lists['"0,1,2"']
    assert ws.freeze_panes == "A2"
    assert ws.protection.sheet is True
    for row in ws.iter_rows(min_row=2):
        assert all(cell.protection.locked for cell in (row[0], row[1], row[2], row[3], row[6]))
        assert not row[4].protection.locked and not row[5].protection.locked
    assert ws.column_dimensions["B"].width >= 56 and ws.column_dimensions["D"].width >= 32
    assert ws["B2"].alignment.wrap_text
    # printable: A4 landscape, fit to one page wide, header row repeated, type of at least 9 pt after scaling
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    visible = sum(ws.column_dimensions[c].width for c in "ABCDEFHI")
    scale = min(1.0, 150 / visible)  # ~150 character widths fit across landscape A4 at 100 %
    assert ws["B2"].font.sz * scale >= 9


def test_hidden_fingerprint_is_sha256_of_id_and_text(matrix_path):
    ws = openpyxl.load_workbook(matrix_path)["Krav"]
    assert ws.column_dimensions["G"].hidden
    for row in ws.iter_rows(min_row=2):
        expected = hashlib.sha256(f"{row[0].value}\n{row[1].value}".encode()).hexdigest()
        assert row[6].value == expected == fingerprint(row[0].value, row[1].value)


def test_every_cell_is_text_and_formula_like_texts_stay_text(matrix_path):
    wb = openpyxl.load_workbook(matrix_path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
    ws = wb["Krav"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "EG-002")
    assert row[1].value.startswith("=HYPERLINK(") and row[1].quotePrefix
    assert row[3].value.startswith("@SUM(A1)") and row[3].quotePrefix
    # the prefix is those cells' own: the rows share one prepared cell style, which must not carry it
    assert not row[0].quotePrefix and not row[2].quotePrefix
    plain = [c for r in ws.iter_rows(min_row=2) for c in r[:4] if c.value and not c.value.startswith(("=", "@", "+", "-"))]
    assert plain and not any(c.quotePrefix for c in plain)


def test_build_writes_the_matrix_with_the_other_outputs(tmp_path, profile_path):
    result = run("build", profile_path, "-o", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert "kravmatris.xlsx" in result.output
    assert (tmp_path / "o" / "kravmatris.xlsx").exists()


def test_rows_are_tall_enough_for_the_wrapped_requirement_text(matrix_path):
    ws = openpyxl.load_workbook(matrix_path).worksheets[1]
    width = ws.column_dimensions["B"].width
    for row in range(2, ws.max_row + 1):
        text = ws.cell(row=row, column=2).value or ""
        lines_needed = -(-len(text) // int(width * 1.1))
        assert ws.row_dimensions[row].height >= 15 * lines_needed, f"row {row} clips its text"
