"""What changed between two versions of a pack: requirements added, removed and changed, the
changed fields, and a word diff of changed texts."""

from __future__ import annotations

import difflib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procura.library import Library
from procura.packs.archive import read_archive, write_files
from procura.packs.pack import Pack, load_pack

_TOKENS = re.compile(r"\s+|[^\s]+")


def open_pack(source: Path, base: Library | None = None) -> Pack:
    """A pack from a folder or a verified archive (unpacked into a temporary folder)."""
    if source.is_file() and source.suffix.lower() == ".zip":
        _, files = read_archive(source)
        with tempfile.TemporaryDirectory(prefix="procura-pack-") as tmp:
            write_files(files, Path(tmp))
            return load_pack(Path(tmp), base)
    return load_pack(source, base)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """``{"levels": {"bas": {"text": {"sv": "…"}}}}`` -> ``{"levels.bas.text.sv": "…"}``.
    Lists of named things (parameters) are keyed by name, other lists of mappings by position."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out = {}
        for i, item in enumerate(value):
            key = item.get("name", item.get("id", i))
            out.update(flatten(item, f"{prefix}.{key}"))
        return out
    return {prefix: value}


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """Word-level operations turning ``old`` into ``new``: equal, delete and insert runs."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    ops: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": "".join(a[i1:i2])})
            continue
        if i2 > i1:
            ops.append({"op": "delete", "text": "".join(a[i1:i2])})
        if j2 > j1:
            ops.append({"op": "insert", "text": "".join(b[j1:j2])})
    return ops


def word_diff_text(ops: list[dict[str, str]]) -> str:
    """The operations as git's word diff writes them: ``[-old-]{+new+}``."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[op["op"]].format(op["text"]) for op in ops)


@dataclass
class Changed:
    id: str
    title: str
    fields: list[str]
    texts: list[dict] = field(default_factory=list)  # {"field", "old", "new", "diff", "ops"}

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "fields": self.fields, "texts": self.texts}


@dataclass
class PackDiff:
    old: str
    new: str
    meta: list[str]
    added: list[str]
    removed: list[str]
    changed: list[Changed]
    overrides: dict[str, list]

    def to_json(self) -> dict:
        return {"old": self.old, "new": self.new, "meta": self.meta, "added": self.added, "removed": self.removed,
                "changed": [c.to_json() for c in self.changed], "overrides": self.overrides}

    @property
    def empty(self) -> bool:
        return not (self.meta or self.added or self.removed or self.changed or any(self.overrides.values()))


def compare(a: dict[str, Any], b: dict[str, Any]) -> tuple[list[str], list[dict]]:
    fa, fb = flatten(a), flatten(b)
    fields = sorted(k for k in set(fa) | set(fb) if fa.get(k) != fb.get(k))
    texts = []
    for key in fields:
        old, new = fa.get(key), fb.get(key)
        if isinstance(old, str) and isinstance(new, str):
            ops = word_diff(old, new)
            texts.append({"field": key, "old": old, "new": new, "diff": word_diff_text(ops), "ops": ops})
    return fields, texts


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    meta_fields, _ = compare(old.meta.model_dump(mode="json", exclude={"overrides"}),
                             new.meta.model_dump(mode="json", exclude={"overrides"}))
    a, b = old.requirements, new.requirements
    changed = []
    for rid in sorted(set(a) & set(b)):
        fields, texts = compare(a[rid].model_dump(mode="json", by_alias=True), b[rid].model_dump(mode="json", by_alias=True))
        if fields:
            changed.append(Changed(rid, b[rid].title.sv or b[rid].title.en or "", fields, texts))
    oa, ob = old.overrides, new.overrides
    ochanged = []
    for oid in sorted(set(oa) & set(ob)):
        fields, texts = compare(oa[oid].model_dump(mode="json"), ob[oid].model_dump(mode="json"))
        if fields:
            ochanged.append({"id": oid, "fields": fields, "texts": texts})
    return PackDiff(old.meta.label, new.meta.label, meta_fields, sorted(set(b) - set(a)), sorted(set(a) - set(b)), changed,
                    {"added": sorted(set(ob) - set(oa)), "removed": sorted(set(oa) - set(ob)), "changed": ochanged})


def format_text(diff: PackDiff) -> str:
    lines = [f"{diff.old} -> {diff.new}"]
    if diff.empty:
        return lines[0] + "\nno changes\n"
    if diff.meta:
        lines.append(f"pack.yaml: {', '.join(diff.meta)}")
    lines += [f"added: {rid}" for rid in diff.added]
    lines += [f"removed: {rid}" for rid in diff.removed]
    for c in diff.changed:
        lines.append(f"changed: {c.id} {c.title}")
        lines.append(f"  fields: {', '.join(c.fields)}")
        lines += [f"  {t['field']}: {t['diff']}" for t in c.texts]
    lines += [f"override added: {oid}" for oid in diff.overrides["added"]]
    lines += [f"override removed: {oid}" for oid in diff.overrides["removed"]]
    for c in diff.overrides["changed"]:
        lines.append(f"override changed: {c['id']}")
        lines.append(f"  fields: {', '.join(c['fields'])}")
        lines += [f"  {t['field']}: {t['diff']}" for t in c["texts"]]
    return "\n".join(lines) + "\n"
