"""Shared helpers for tests (import as `from helpers import ...`; tests/ is on pytest's pythonpath)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def example_profiles() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf_text(document: Path, outdir: Path) -> str:
    """Open ``document`` in LibreOffice headless, convert it to PDF and return the PDF's text."""
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice is not installed (CI installs it)")
    profile_dir = outdir / "lo-profile"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(document)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = outdir / (document.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice did not convert {document.name}"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


PROFILE = {
    "procura": 1, "organisation": "Testby kommun", "title": "Trygghetslarm", "reference": "KS 2026/1",
    "language": "sv", "products": ["trygghetslarm"], "estimated_value_sek": 2_000_000,
    "contract": {"years": 4, "framework": False},
    "classification": {"confidentiality": 2, "integrity": 2, "availability": 2},
    "personal_data": "ordinary", "life_critical": False, "users": ["residents", "staff"], "date": "2026-11-01",
}


def profile(tmp: Path, name: str = "profile.yaml", **changes) -> Path:
    data = {**PROFILE, **changes}
    return write(tmp / name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def library_copy(tmp: Path) -> Path:
    """A copy of the categories and product areas of the shipped library, with no requirements."""
    root = tmp / "lib"
    root.mkdir()
    for name in ("categories.yaml", "products.yaml"):
        shutil.copy(REPO / "requirement_library" / name, root / name)
    return root


def requirement(root: Path, req_id: str, category: str, **changes) -> Path:
    data = {
        "id": req_id, "title": {"sv": f"Krav {req_id}", "en": f"Requirement {req_id}"}, "category": category,
        "role": "teknisk_specifikation", "obligation": "ska", "products": [],
        "levels": {"bas": {"text": {"sv": "Leverantören ska logga åtkomst.", "en": "The supplier shall log access."}}},
        "motive": {"sv": "Spårbarhet.", "en": "Traceability."},
        "verification": {"method": {"sv": "Beskrivning i anbudet.", "en": "Description in the tender."}, "stages": ["anbud"]},
    }
    data.update(changes)
    return write(root / category / f"{req_id}.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


SIZED = {
    "levels": {
        "bas": {"text": {"sv": "Tillgänglighet minst {{pct}}.", "en": "Availability at least {{pct}}."}},
        "avancerad": {"text": {"sv": "Tillgänglighet minst {{pct}} dygnet runt.", "en": "Availability at least {{pct}} around the clock."},
                      "when": {"any": [{"fact": "availability", "gte": 3}, {"fact": "life_critical", "is": True}]}},
        "spjutspets": {"text": {"sv": "Redundant drift, minst {{pct}}.", "en": "Redundant operation, at least {{pct}}."},
                       "when": {"fact": "availability", "gte": 4}},
    },
    "parameters": [{"name": "pct", "label": {"sv": "Tillgänglighet", "en": "Availability"}, "unit": "percent",
                    "defaults": {"bas": 99.5, "avancerad": 99.9, "spjutspets": 99.95}, "stricter": "higher",
                    "proportionate": 99.95}],
}
