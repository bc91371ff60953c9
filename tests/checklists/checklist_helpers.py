"""Helpers for the checklist tests: profiles, filling a matrix as a supplier would, LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from procura.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "trygghetslarm.yaml"


def profile_data(**changes) -> dict:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["own_requirements"] = [
        {"id": "EG-001", "title": "Utbildning", "text": "Leverantören bör utbilda personalen på plats.", "category": "support",
         "obligation": "bor", "motive": "Personalen behöver kunna larmet.", "verification": "Utbildningsplan i anbudet."},
        {"id": "EG-002", "title": "Formel", "text": "=HYPERLINK(\"http://example.invalid\",\"klicka\")", "category": "support",
         "obligation": "bor", "motive": "Testar att text förblir text.", "verification": "@SUM(A1)"},
    ]
    data["evaluation"] = {"EG-001": 30, "EG-002": 10, "price": 60}
    data.update(changes)
    return data


def write_profile(path: Path, **changes) -> Path:
    path.write_text(yaml.safe_dump(profile_data(**changes), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path








def fill(matrix: Path, dest: Path, answers: dict[str, str | None] | None = None, default: str | None = "Ja",
         descriptions: dict[str, str] | None = None, edits: dict[str, str] | None = None, as_formula: bool = False) -> Path:
    """Fill the matrix as a supplier would: an answer per row, a description, maybe an edited text."""
    wb = openpyxl.load_workbook(matrix)
    ws = wb.worksheets[1]
    for row in ws.iter_rows(min_row=2):
        req_id = row[0].value
        answer = (answers or {}).get(req_id, default)
        row[4].value = answer
        text = (descriptions or {}).get(req_id, f"Se bilaga 1, avsnitt {req_id}.")
        row[5].value = text
        if not as_formula:
            row[5].data_type = "s"  # typed into a text-formatted cell
        if edits and req_id in edits:
            row[1].value = edits[req_id]
    wb.save(dest)
    return dest


def ska_ids(spec) -> list[str]:
    """The mandatory requirements answered row by row (contract terms are confirmed once, on KONTRAKTSVILLKOR)."""
    return [i.id for i in spec.items if i.obligation.value == "ska" and not i.is_contract_term]


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def soffice_convert(source: Path, fmt: str, out_dir: Path, profile_dir: Path) -> Path:
    """Convert with LibreOffice headless, in a private user profile (parallel runs do not collide)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation={profile_dir.as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out_dir), str(source)], check=True, capture_output=True, timeout=180)
    target = out_dir / (source.stem + "." + fmt.split(":")[0])
    assert target.exists(), f"LibreOffice wrote no {target.name}"
    return target
