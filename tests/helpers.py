"""Small builders for fixture libraries and profiles in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.conftest import REPO, write

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
    "parameters": [{"name": "pct", "label": {"sv": "Tillgänglighet", "en": "Availability"}, "unit": "%",
                    "defaults": {"bas": 99.5, "avancerad": 99.9, "spjutspets": 99.95}, "stricter": "higher",
                    "proportionate": 99.95}],
}
