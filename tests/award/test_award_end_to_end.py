"""The award model end to end: printed in the specification, checked, answered in typed matrix cells
with a price form, and ranked by `procura evaluate` — also after LibreOffice has saved the matrices."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from procura.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "checklists"))
from checklist_helpers import soffice_convert  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "trygghetslarm.yaml"
# The expectations come from the example's award model, so that the officer can re-weigh it
PROFILE = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["evaluation"]
PRICE = PROFILE["price"]
WEIGHTS = PROFILE["criteria"]
FORM = PROFILE["price_form"]  # three lines, the last an option; each price's quantity is quantity × periods
QUANTITIES = [line["quantity"] * line["periods"] for line in FORM]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    result = run("build", EXAMPLE, "-o", out, "--no-page-numbers")
    assert result.exit_code == 0, result.output
    return out


def test_the_specification_prints_the_award_model(built):
    doc = docx.Document(built / "kravspecifikation.docx")
    texts = [p.text for p in doc.paragraphs]
    start = max(i for i, t in enumerate(texts) if t == "Utvärdering och tilldelning")  # the heading, not the contents entry
    assert texts.index("Kriterier och viktning") > start and "16 kap. 6 § LOU" in texts[start + 1]
    assert any(t.startswith(f"Utvärderingsgrund: bästa förhållandet mellan pris och kvalitet. Pris väger {PRICE} ")
               for t in texts)
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables]
    criteria = next(t for t in tables if t[0] == ["Kriterium", "Vikt", "Skala", "Poängsättning"])
    assert criteria[1][:2] == ["Pris", f"{PRICE} av 100"]
    rows = {r[0].split()[0]: r for r in criteria[2:]}
    assert set(rows) == set(WEIGHTS)
    scales = built_scales(built)
    for key, weight in WEIGHTS.items():  # every criterion with its weight and the scale its scoring text gives
        scale = "Ja = 1 poäng, Nej = 0 poäng" if scales[key] == 1 else f"0–{scales[key]} poäng"
        assert rows[key][1:3] == [f"{weight} av 100", scale], key
    assert scales["IS-016"] == 1 and scales["TG-003"] == 2  # both kinds of scale are printed
    prices = next(t for t in tables if t[0][:4] == ["Rad", "Vad som prissätts", "Enhet", "Antal"])
    assert [r[0] for r in prices[1:]] == [line["id"] for line in FORM]
    assert [r[5] == "Option" for r in prices[1:]] == [bool(line.get("option")) for line in FORM]
    assert "Utvärdering och tilldelning" in (built / "kravspecifikation.md").read_text(encoding="utf-8")


def test_english_section(tmp_path):
    result = run("build", EXAMPLE, "-o", tmp_path, "--lang", "en", "--no-page-numbers")
    assert result.exit_code == 0
    texts = [p.text for p in docx.Document(tmp_path / "requirement-specification.docx").paragraphs] if (
        tmp_path / "requirement-specification.docx").exists() else [
        p.text for f in tmp_path.glob("*.docx") for p in docx.Document(f).paragraphs]
    assert "Evaluation and award" in texts and "Price form and comparison price" in texts


def test_matrix_has_typed_answers_and_a_price_form(built):
    wb = openpyxl.load_workbook(built / "kravmatris.xlsx")
    assert wb.sheetnames == ["Instruktioner", "Krav", "Prisbilaga"]
    ws = wb["Krav"]
    head = [c.value for c in ws[1]]
    assert head[7:9] == ["Svarsformat", "Erbjudet värde"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert rows["TG-003"][7].value.startswith("Poäng 0–2")
    assert rows["IS-016"][7].value.startswith("Ja eller Nej")
    bounded = next(r for r in rows.values() if "minst" in (r[7].value or "") or "högst" in (r[7].value or ""))
    decimals = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    assert any(f"I{bounded[0].row}" in {str(x) for x in dv.sqref.ranges} for dv in decimals)
    assert not bounded[8].protection.locked
    prices = wb["Prisbilaga"]
    assert [c.value for c in prices[1]][:7] == ["Rad", "Vad som prissätts", "Enhet", "Antal", "Perioder", "Option",
                                                "À-pris (kr, exkl. moms)"]
    assert [prices.cell(row=r, column=4).value for r in (2, 3, 4)] == [line["quantity"] for line in FORM]
    assert not prices["G2"].protection.locked and prices["B2"].protection.locked


def test_check_reports_the_award_model(tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["evaluation"]["criteria"] = {"TG-003": 10, "IO-102": 5, "IS-001": 10, "XX-404": 5}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("check", bad, "--format", "json")
    findings = json.loads(result.stdout)
    findings = findings["findings"] if isinstance(findings, dict) else findings
    rules = {f["rule"] for f in findings}
    assert {"CON-004", "AWD-001", "AWD-003", "CON-006"} <= rules
    awd3 = next(f for f in findings if f["rule"] == "AWD-003")
    assert "IS-001" in json.dumps(awd3, ensure_ascii=False) and "16 kap. 6 §" in json.dumps(awd3, ensure_ascii=False)
    del data["evaluation"]
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("check", bad, "--format", "json")
    assert any(f["rule"] == "AWD-002" and f["severity"] == "warning" for f in json.loads(result.stdout)["findings"])


# -- three suppliers ----------------------------------------------------------------------------------

PRICES = {  # unit prices P1-P3 as a supplier types them
    "Alfa AB": (250, "1 500 kr", "250,00"),
    "Beta AB": (200, 1000, 200),
    "Gamma AB": ("225", "1200", 225.0),
}


def built_scales(built: Path) -> dict[str, int]:
    """Each requirement's points scale as the build states it (1: Ja/Nej)."""
    data = json.loads((built / "kravspecifikation.json").read_text(encoding="utf-8"))
    return {r["id"]: r["scale"] for r in data["requirements"]}


def grades(name: str, scales: dict[str, int]) -> dict[str, str]:
    """What each supplier answers per criterion: Alfa the best everywhere; Beta nothing on the heaviest
    criterion and half elsewhere; Gamma the best on the two heaviest and half elsewhere. A Ja/Nej
    criterion: Alfa and Gamma Ja, Beta Nej."""
    heaviest = sorted(WEIGHTS, key=lambda k: -WEIGHTS[k])[:2]
    out = {}
    for key in WEIGHTS:
        top = scales[key]
        if top == 1:
            out[key] = "Nej" if name == "Beta AB" else "Ja"
        elif name == "Alfa AB" or (name == "Gamma AB" and key in heaviest):
            out[key] = str(top)
        else:
            out[key] = "0" if (name == "Beta AB" and key == heaviest[0]) else str(top // 2)
    return out


def expected_totals(scales: dict[str, int]) -> dict[str, float]:
    def price(p):
        return sum(float(str(v).replace(" kr", "").replace(" ", "").replace(",", ".")) * q
                   for v, q in zip(p, QUANTITIES, strict=True))
    prices = {name: price(p) for name, p in PRICES.items()}
    lowest = min(prices.values())
    out = {}
    for name in PRICES:
        given = grades(name, scales)
        quality = sum(w * ((1 if given[k] == "Ja" else 0) if scales[k] == 1 else int(given[k]) / scales[k])
                      for k, w in WEIGHTS.items())
        out[name] = PRICE * lowest / prices[name] + quality
    return out


def fill_supplier(matrix: Path, dest: Path, name: str) -> Path:
    given, prices = grades(name, built_scales(matrix.parent)), PRICES[name]
    wb = openpyxl.load_workbook(matrix)
    ws = wb["Krav"]
    for row in ws.iter_rows(min_row=2):
        req_id, fmt = row[0].value, row[7].value or ""
        top = re.match(r"Poäng 0–(\d+)", fmt)
        row[4].value = given.get(req_id) or (top.group(1) if top else "Ja")
        row[5].value = f"Se anbudet, avsnitt {req_id}."
        if "minst" in fmt or "högst" in fmt:
            row[8].value = None  # values are optional; the bound is checked when one is given
    if name == "Gamma AB":
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "IS-016")
        row[5].value = "Ja, en SBOM planeras till kvartal 3."
    ps = wb["Prisbilaga"]
    for r, value in zip((2, 3, 4), prices, strict=True):
        ps.cell(row=r, column=7).value = value
    wb.save(dest)
    return dest


def check_ranking(data: dict, scales: dict[str, int]) -> None:
    totals = expected_totals(scales)
    order = sorted(totals, key=totals.get, reverse=True)
    by_name = {Path(s["file"]).stem: s for s in data["suppliers"]}
    assert [n for n in order] == sorted(by_name, key=lambda n: by_name[n]["rank"])
    for name, total in totals.items():
        assert by_name[name]["total"] == pytest.approx(total, abs=1e-3)
    assert by_name["Beta AB"]["comparison_price"] == pytest.approx(sum(map(float, [200 * QUANTITIES[0], 1000 * QUANTITIES[1],
                                                                                  200 * QUANTITIES[2]])))
    assert by_name["Gamma AB"]["hedged"] == ["IS-016"] and by_name["Gamma AB"]["rejected"] is False
    # full points give a criterion its whole weight; the lowest price gets the whole price weight
    assert by_name["Alfa AB"]["points"]["TG-003"] == pytest.approx(WEIGHTS["TG-003"])
    assert by_name["Beta AB"]["points"]["price"] == pytest.approx(PRICE)
    assert len({round(t, 6) for t in totals.values()}) == 3  # three distinct totals: the ranking means something
    # the sensitivity of price: moving it by the reported change makes winner and new winner equal
    sens = data["sensitivity"]["price"]
    assert sens["new_winner"] in by_name and sens["new_value"] == pytest.approx(PRICE + sens["change"], abs=1e-3)


@pytest.fixture
def three(built, tmp_path):
    return [fill_supplier(built / "kravmatris.xlsx", tmp_path / f"{name}.xlsx", name) for name in PRICES]


def test_three_suppliers_are_ranked(built, three, tmp_path):
    result = run("evaluate", EXAMPLE, *three, "--format", "json")
    assert result.exit_code == 0, result.output
    check_ranking(json.loads(result.stdout), built_scales(built))
    text = run("evaluate", EXAMPLE, *three, "-o", tmp_path / "rapport")
    assert text.exit_code == 0
    assert "1. Alfa AB: Går vidare" in text.output and "IS-016: ”planeras”" in text.output
    assert "Känslighet" in text.output
    report = docx.Document(tmp_path / "rapport" / "utvarderingsrapport.docx")
    heads = [[c.text for c in t.rows[0].cells] for t in report.tables]
    assert ["Kriterium", "Angiven", "Ändring som byter vinnare", "Ny vinnare"] in heads


@pytest.mark.slow
def test_three_suppliers_saved_by_libreoffice_are_ranked(built, three, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    saved = [soffice_convert(path, "xlsx", tmp_path / "saved", tmp_path / "lo-profile") for path in three]
    assert all(p.parent.name == "saved" for p in saved)
    result = run("evaluate", EXAMPLE, *saved, "--format", "json")
    assert result.exit_code == 0, result.output
    check_ranking(json.loads(result.stdout), built_scales(built))


def test_a_formula_typed_as_a_price_is_named_not_used(built, tmp_path):
    path = fill_supplier(built / "kravmatris.xlsx", tmp_path / "Alfa AB.xlsx", "Alfa AB")
    wb = openpyxl.load_workbook(path)
    wb["Prisbilaga"]["G3"] = "=1000*2"
    wb.save(path)
    data = json.loads(run("evaluate", EXAMPLE, path, "--format", "json").stdout)
    (supplier,) = data["suppliers"]
    assert supplier["comparison_price"] is None and supplier["rank"] is None
    (cell,) = supplier["unreadable"]
    assert (cell["sheet"], cell["row"], cell["column"], cell["value"]) == ("Prisbilaga", 3, "G", "=1000*2")
    assert "formel" in cell["hint"]


def test_rows_reordered_and_values_with_units_are_read(built, tmp_path):
    path = fill_supplier(built / "kravmatris.xlsx", tmp_path / "Beta AB.xlsx", "Beta AB")
    wb = openpyxl.load_workbook(path)
    ws = wb["Krav"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    rows.reverse()
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            ws.cell(row=r, column=c).value = value
    bounded = next(r for r in ws.iter_rows(min_row=2) if "minst" in (r[7].value or ""))
    bounded[8].value = "0,5 %"  # below any 'at least' bound in the library
    wb.save(path)
    data = json.loads(run("evaluate", EXAMPLE, path, "--format", "json").stdout)
    (supplier,) = data["suppliers"]
    assert supplier["tampered"] == [] and supplier["missing_answers"] == []
    assert supplier["out_of_bounds"] == [bounded[0].value]
    assert supplier["comparison_price"] == pytest.approx(200 * QUANTITIES[0] + 1000 * QUANTITIES[1] + 200 * QUANTITIES[2])


def test_a_merged_row_is_named(built, tmp_path):
    path = fill_supplier(built / "kravmatris.xlsx", tmp_path / "Alfa AB.xlsx", "Alfa AB")
    wb = openpyxl.load_workbook(path)
    ws = wb["Krav"]
    ws.protection.sheet = False
    ws.merge_cells("A2:A3")
    wb.save(path)
    data = json.loads(run("evaluate", EXAMPLE, path, "--format", "json").stdout)
    (supplier,) = data["suppliers"]
    assert any(u["row"] == 3 and u["column"] == "A" for u in supplier["unreadable"])


def test_price_deduction_ranks_by_comparison_price(built, tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["evaluation"] = {"model": "price_deduction", "price_form": data["evaluation"]["price_form"],
                          "criteria": {"TG-003": {"deduction_sek": 2_000_000}, "IS-016": {"deduction_pct": 10}}}
    profile = tmp_path / "avdrag.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    three = [fill_supplier(built / "kravmatris.xlsx", tmp_path / f"{name}.xlsx", name) for name in PRICES]
    result = run("evaluate", profile, *three, "--format", "json")
    assert result.exit_code == 0, result.output
    got = {Path(s["file"]).stem: s for s in json.loads(result.stdout)["suppliers"]}
    # Alfa: 16 650 000 − 2 000 000 (TG-003 2/2) − 10 % (IS-016 Ja); Beta: no deduction; Gamma: −2 000 000 − 10 %
    assert got["Alfa AB"]["comparison_price"] == pytest.approx(16_650_000 * 0.9 - 2_000_000)
    assert got["Beta AB"]["comparison_price"] == pytest.approx(13_260_000)
    assert got["Gamma AB"]["comparison_price"] == pytest.approx(14_940_000 * 0.9 - 2_000_000)
    assert [n for n in sorted(got, key=lambda n: got[n]["rank"])] == ["Gamma AB", "Alfa AB", "Beta AB"]  # 11 446 000 < 12 985 000 < 13 260 000
    doc = run("build", profile, "-o", tmp_path / "out", "--no-page-numbers")
    assert doc.exit_code == 0
    md = (tmp_path / "out" / "kravspecifikation.md").read_text(encoding="utf-8")
    assert "mervärdesavdrag" in md and "2\u00a0000\u00a0000 kr" in md and "10 procent av anbudspriset" in md
