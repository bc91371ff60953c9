"""Shared helpers for tests (import as `from helpers import ...`; tests/ is on pytest's pythonpath)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def with_choices(text: str, block: str) -> str:
    """An example profile's text with the choices in ``block`` ("choices:\n  ID: …") added to its own.

    The example's choice for an ID the block also sets is replaced; its other choices (for instance
    the bör-krav it leaves out of the evaluation) stay. Fails loudly when the text has no
    ``choices:``, so that a test never silently changes nothing."""
    if block.strip() == "choices: {}":
        return text
    added = block.split("\n", 1)[1].rstrip("\n")
    keys = set(re.findall(r"(?m)^  ([A-Za-z0-9_.-]+):", added))
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("choices:"))
    if lines[start].strip() == "choices: {}":
        return "\n".join([*lines[:start], "choices:", added, *lines[start + 1:]])
    end = start + 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end].strip()):
        end += 1
    kept, skipping = [], False
    for line in lines[start + 1:end]:
        match = re.match(r"  ([A-Za-z0-9_.-]+):", line)
        if match:
            skipping = match.group(1) in keys
        if not skipping:
            kept.append(line)
    return "\n".join([*lines[:start], "choices:", added, *kept, *lines[end:]])


def before_choices(text: str, lines: str) -> str:
    """An example profile's text with top-level ``lines`` inserted before its ``choices:``."""
    assert "\nchoices:" in text, "the example has no choices: line"
    return text.replace("\nchoices:", "\n" + lines.rstrip("\n") + "\nchoices:", 1)


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
    # the facts the safety-alarm texts need (docs/library.md, "Profile facts"): without them a build stops
    "volumes": {"trygghetslarm": {"individuals": 300, "devices": 320, "staff_users": 40, "concurrent_users": 10}},
    "systems": {"care_record": "Lifecare"}, "alarms": {"stationary": True, "mobile": False, "reception": True},
    "languages": ["finska"], "trainees": {"administrators": 2, "super_users": 5},
    "price_index": {"name": "Konsumentprisindex (KPI, 1980=100), SCB", "base_month": "2026-10"},
    "annexes": {"dpa": "bilaga 4, Personuppgiftsbiträdesavtal"},
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
