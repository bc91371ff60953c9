"""An exported valid pack imports again, however long its texts: the hidden JSON is split over
cells of at most 32,767 characters (Excel's limit; openpyxl cuts longer text silently)."""

from __future__ import annotations

import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from procura.packs.exchange import CELL_LIMIT, FORMULA_START, PART, split_cell


@given(st.text(st.sampled_from("ab-=+@'{}\"\\ "), max_size=400), st.integers(min_value=2, max_value=50))
@settings(max_examples=200, deadline=None)
def test_split_cell_joins_back_exactly(text, size):
    parts = split_cell(text, size)
    assert "".join(parts) == text
    assert all(len(p) <= size for p in parts)
    assert all(parts[1:]) and (len(parts) == 1 or all(parts))


def test_split_cell_avoids_formula_starts_when_it_can():
    text = ("x" * 99 + "-") * 1000
    parts = split_cell(text, 1000)
    assert "".join(parts) == text and not any(p.startswith(FORMULA_START) for p in parts)
    assert split_cell("-" * 5000, 1000)[1].startswith("-")  # no safe place near: split anyway, still exact


def long_pack(tmp_path, text_length: int, why_length: int):
    from procura.packs.pack import scaffold

    root = scaffold("long-pack", tmp_path / "src")
    req = root / "support" / "SF-001.yaml"
    data = yaml.safe_load(req.read_text(encoding="utf-8"))
    data["levels"]["bas"]["text"]["sv"] += " Leverantören ska = -dokumentera " + "ärendet " * (text_length // 8)
    req.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "IN-001.yaml").write_text(yaml.safe_dump(
        {"id": "IN-001", "why": {"sv": "Skäl " * (why_length // 5), "en": "Why"}, "obligation": "bor"},
        allow_unicode=True), encoding="utf-8")
    return root


def test_a_pack_with_texts_longer_than_a_cell_round_trips(run, tmp_path):
    root = long_pack(tmp_path, text_length=80_000, why_length=70_000)
    xlsx, back = tmp_path / "p.xlsx", tmp_path / "back"
    assert run("pack", "export", root, "--format", "xlsx", "-o", xlsx).exit_code == 0
    book = load_workbook(str(xlsx))
    for sheet in book.worksheets:
        assert all(len(c.value) <= CELL_LIMIT for row in sheet.iter_rows() for c in row if isinstance(c.value, str))
    from openpyxl.utils import get_column_letter

    header = [c.value for c in book["requirements"][1]]
    first = header.index("procura_json")
    parts = header[first:]
    assert len(parts) >= 3 and parts == ["procura_json"] + [f"procura_json_{n}" for n in range(2, len(parts) + 1)]
    assert all(book["requirements"].column_dimensions[get_column_letter(first + 1 + n)].hidden for n in range(len(parts)))
    assert len([c for c in book["pack"][3] if c.value]) > 2  # overrides over several cells

    result = run("pack", "import", xlsx, "-o", back)
    assert result.exit_code == 0, result.output
    assert run("pack", "validate", back).exit_code in (0, 1)
    for path in (tmp_path / "a.json", tmp_path / "b.json"):
        source = root if path.name == "a.json" else back
        assert run("pack", "export", source, "--format", "json", "-o", path).exit_code == 0
    assert json.loads((tmp_path / "a.json").read_text()) == json.loads((tmp_path / "b.json").read_text())


def test_a_visible_cell_longer_than_a_cell_is_cut_visibly(run, tmp_path):
    root = long_pack(tmp_path, text_length=40_000, why_length=10)
    req = root / "support" / "SF-001.yaml"
    data = yaml.safe_load(req.read_text(encoding="utf-8"))
    data["levels"]["bas"]["text"]["sv"] = "-" + data["levels"]["bas"]["text"]["sv"]  # neutralised: "'-..."
    req.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    xlsx = tmp_path / "p.xlsx"
    assert run("pack", "export", root, "--format", "xlsx", "-o", xlsx).exit_code == 0
    sheet = load_workbook(str(xlsx))["requirements"]
    column = [c.value for c in sheet[1]].index("text_bas_sv")
    cell = sheet.cell(row=2, column=column + 1).value
    assert len(cell) == CELL_LIMIT and cell.endswith("…") and cell.startswith("'-")


def test_parts_are_below_the_limit_with_room():
    assert PART < CELL_LIMIT
