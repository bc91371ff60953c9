"""A correction notice between two builds: what changed for suppliers, and the message to send.

Compares two build JSONs (``kravspecifikation.json`` / ``requirement-specification.json``):
requirements and contract terms added, removed, tightened (a higher level, bör made ska, a stricter
parameter), loosened (the opposite) and reworded (the text changed otherwise), and drafts the
message Swedish practice calls a *rättelse* (a substantive change) or a *förtydligande* (wording
only), in Swedish and English.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procura.errors import InputError
from procura.files import read_bytes
from procura.i18n import t
from procura.models import LEVEL_ORDER, Lang, Level

MAX_JSON_BYTES = 20 * 1024 * 1024
LANGS: tuple[Lang, ...] = ("sv", "en")


@dataclass
class Change:
    id: str
    title: str
    details: list[dict[str, Any]] = field(default_factory=list)  # {"kind": level|obligation|parameter, ...}


@dataclass
class Correction:
    old: dict[str, Any]
    new: dict[str, Any]
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    tightened: list[Change] = field(default_factory=list)
    loosened: list[Change] = field(default_factory=list)
    reworded: list[Change] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """rattelse when a requirement changed in substance; fortydligande when only wording did; none."""
        if self.added or self.removed or self.tightened or self.loosened:
            return "rattelse"
        return "fortydligande" if self.reworded else "none"

    def as_json(self) -> dict[str, Any]:
        def rows(changes: list[Change]) -> list[dict[str, Any]]:
            return [{"id": c.id, "title": c.title, "changes": c.details} for c in changes]

        return {"kind": self.kind, "old_version": self.old.get("version"), "new_version": self.new.get("version"),
                "added": rows(self.added), "removed": rows(self.removed), "tightened": rows(self.tightened),
                "loosened": rows(self.loosened), "reworded": rows(self.reworded),
                "message": {lang: message(self, lang) for lang in LANGS}}


def read_build(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(read_bytes(path, MAX_JSON_BYTES).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not a build JSON ({type(exc).__name__})", path,
                         "pass the kravspecifikation.json a build wrote") from None
    if not isinstance(data, dict) or not isinstance(data.get("requirements"), list):
        raise InputError("not a build JSON (no requirements list)", path, "pass the kravspecifikation.json a build wrote")
    return data


def _items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in [*data.get("requirements", []), *data.get("contract_terms", [])]
            if isinstance(r, dict) and "id" in r}


def _level_rank(level: str) -> int:
    try:
        return LEVEL_ORDER.index(Level(level))
    except ValueError:
        return 0


def compare(old: dict[str, Any], new: dict[str, Any]) -> Correction:
    result = Correction(old, new)
    before, after = _items(old), _items(new)
    for req_id, r in after.items():
        if req_id not in before:
            result.added.append(Change(req_id, r.get("title", "")))
    for req_id, r in before.items():
        if req_id not in after:
            result.removed.append(Change(req_id, r.get("title", "")))
    for req_id in [i for i in after if i in before]:
        a, b = before[req_id], after[req_id]
        up, down = [], []
        if a.get("level") != b.get("level"):
            detail = {"kind": "level", "from": a.get("level"), "to": b.get("level")}
            (up if _level_rank(b.get("level", "")) > _level_rank(a.get("level", "")) else down).append(detail)
        if a.get("obligation") != b.get("obligation"):
            detail = {"kind": "obligation", "from": a.get("obligation"), "to": b.get("obligation")}
            (up if b.get("obligation") == "ska" else down).append(detail)
        old_params = {p["name"]: p for p in a.get("parameters", [])}
        for p in b.get("parameters", []):
            q = old_params.get(p["name"])
            if q is None or q.get("value") == p.get("value"):
                continue
            detail = {"kind": "parameter", "name": p["name"], "label": p.get("label", p["name"]),
                      "from": q.get("text", q.get("value")), "to": p.get("text", p.get("value"))}
            higher = p["value"] > q["value"]
            stricter = higher if p.get("stricter", "higher") == "higher" else not higher
            (up if stricter else down).append(detail)
        change = Change(req_id, b.get("title", ""), up + down)
        if up:
            result.tightened.append(Change(req_id, change.title, up))
        if down:
            result.loosened.append(Change(req_id, change.title, down))
        if not up and not down and a.get("text") != b.get("text"):
            result.reworded.append(Change(req_id, change.title))
    return result


def _detail_text(detail: dict[str, Any], lang: Lang) -> str:
    kind = detail["kind"]
    if kind == "level":
        return t("correction.detail_level", lang, old=t(f"level.{detail['from']}", lang), new=t(f"level.{detail['to']}", lang))
    if kind == "obligation":
        return t("correction.detail_obligation", lang, old=t(f"obligation.{detail['from']}", lang),
                 new=t(f"obligation.{detail['to']}", lang))
    return t("correction.detail_parameter", lang, label=detail["label"], old=detail["from"], new=detail["to"])


def message(result: Correction, lang: Lang) -> str:
    """The notice to suppliers: what is corrected, requirement by requirement, in ``lang``."""
    new = result.new
    kind = result.kind if result.kind != "none" else "fortydligande"
    lines = [t(f"correction.subject_{kind}", lang, title=new.get("title", ""), reference=new.get("reference", "")), "",
             t(f"correction.intro_{kind}", lang, organisation=new.get("organisation", ""),
               old=result.old.get("version", "?"), new=new.get("version", "?"))]
    if result.kind == "none":
        lines.append(t("correction.nothing", lang))
    for key in ("added", "removed", "tightened", "loosened", "reworded"):
        changes: list[Change] = getattr(result, key)
        if not changes:
            continue
        lines += ["", t(f"correction.heading_{key}", lang)]
        for c in changes:
            details = "; ".join(_detail_text(d, lang) for d in c.details)
            lines.append(f"- {c.id} {c.title}" + (f": {details}" if details else ""))
    lines += ["", t("correction.closing", lang)]
    return "\n".join(lines)


def correction(old_path: Path, new_path: Path) -> Correction:
    return compare(read_build(old_path), read_build(new_path))
