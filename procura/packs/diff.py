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


MAX_DIFF_WORK = 250_000  # SequenceMatcher is quadratic: it compares at most 500 x 500 changed words at once


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """Word-level operations turning ``old`` into ``new``: equal, delete and insert runs.

    The common start and end are taken off first (linear); the changed middle is compared word by
    word when it is small, else sentence by sentence (each changed pair of sentences again word by
    word when small), else it is one deletion and one insertion. So the time stays bounded —
    about linear — whatever the texts' length: 80 kB of text no longer takes minutes.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    ops: list[tuple[str, str]] = []
    if start:
        ops.append(("equal", "".join(a[:start])))
    ops += _middle(a[start:len(a) - end], b[start:len(b) - end])
    if end:
        ops.append(("equal", "".join(a[len(a) - end:])))
    merged: list[dict[str, str]] = []
    for op, text in ops:  # neighbouring runs of one kind become one
        if not text:
            continue
        if merged and merged[-1]["op"] == op:
            merged[-1]["text"] += text
        else:
            merged.append({"op": op, "text": text})
    return merged


def _middle(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    if len(a) * len(b) <= MAX_DIFF_WORK:
        return _matched(a, b)
    sa, sb = _sentences(a), _sentences(b)
    if len(sa) * len(sb) > MAX_DIFF_WORK * 16:  # sentences: up to 2000 x 2000
        return [("delete", "".join(a)), ("insert", "".join(b))]
    ops: list[tuple[str, str]] = []
    budget = MAX_DIFF_WORK * 4  # for all word-level comparisons of changed sentences together
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(sa[i1:i2])))
            continue
        wa = [w for s in sa[i1:i2] for w in _TOKENS.findall(s)]
        wb = [w for s in sb[j1:j2] for w in _TOKENS.findall(s)]
        work = len(wa) * len(wb)
        if work <= min(MAX_DIFF_WORK, budget):
            budget -= work
            ops += _matched(wa, wb)
        else:
            ops += [("delete", "".join(wa)), ("insert", "".join(wb))]
    return ops


def _matched(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", "".join(b[j1:j2])))
    return ops


def _sentences(words: list[str]) -> list[str]:
    """Words joined into sentences (ending at . ! ? ; or a line break), the units of a long diff."""
    out, current = [], []
    for word in words:
        current.append(word)
        if word[-1:] in ".!?;" or "\n" in word:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


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
