"""What changed in a specification since the last build: requirements added or removed, and the
level, obligation, parameters or text of those that stayed. Reads the build's JSON output
(``kravspecifikation.json``), so it needs nothing but the two builds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from procura.i18n import t
from procura.models import Lang

MAX_JSON_BYTES = 20_000_000


@dataclass(frozen=True)
class Change:
    kind: str  # added | removed | level | obligation | parameters | text
    id: str
    title: str
    old: str | None = None
    new: str | None = None

    def describe(self, lang: Lang) -> str:
        return t(f"web.changes.{self.kind}", lang, id=self.id, title=self.title, old=self.old, new=self.new)


def read_build(path: Path) -> dict[str, Any] | None:
    """A build's JSON output, or None when there is none (or it cannot be read: then all is new)."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("requirements"), list) else None


def changes_between(old: dict[str, Any] | None, new: dict[str, Any]) -> list[Change]:
    """Changes from build ``old`` to build ``new``, in the order of the new document."""
    if old is None:
        return []
    before = {r["id"]: r for r in old.get("requirements", []) if isinstance(r, dict) and "id" in r}
    after = {r["id"]: r for r in new.get("requirements", [])}
    found: list[Change] = []
    for req_id, req in after.items():
        title = str(req.get("title", ""))
        prev = before.get(req_id)
        if prev is None:
            found.append(Change("added", req_id, title))
            continue
        for kind in ("level", "obligation"):
            if prev.get(kind) != req.get(kind):
                found.append(Change(kind, req_id, title, str(prev.get(kind)), str(req.get(kind))))
        if prev.get("parameters") != req.get("parameters"):
            found.append(Change("parameters", req_id, title, _params(prev.get("parameters")), _params(req.get("parameters"))))
        elif prev.get("text") != req.get("text") and prev.get("level") == req.get("level"):
            found.append(Change("text", req_id, title))
    found += [Change("removed", req_id, str(req.get("title", ""))) for req_id, req in before.items() if req_id not in after]
    return found


def _params(values: Any) -> str:
    """ "Availability 99,5 %" from the JSON's [{"label", "text"}, ...]."""
    if not isinstance(values, list):
        return ""
    return ", ".join(f"{p.get('label', p.get('name'))} {p.get('text', p.get('value'))}" for p in values if isinstance(p, dict))
