"""Changing one choice in a profile the officer owns, keeping every other line and comment.

The profile file stays the source of truth, so the CLI and the web app can be used on the same
procurement. An edit touches only the lines of one entry under ``choices:``; the new entry is one
line of flow YAML. Before anything is written, the new text must load as a profile and
right-size without error (a stricter choice without a justification is refused, as ``build``
refuses it); then it replaces the file atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from procura.errors import InputError, OutputError
from procura.library import Library
from procura.models import Profile, Text
from procura.sizing.resolve import LoadedProfile, Specification, load_profile, resolve
from procura.yamlio import SafeLoader, parse_yaml, validate

CHOICE_KEYS = ("include", "level", "obligation", "parameters", "justification", "accept")


class JustificationNeeded(InputError):
    """A choice stricter than the profile justifies, without a justification (as ``build`` refuses it).
    ``stricter`` says, in both languages, what makes it stricter."""

    def __init__(self, req_id: str, stricter: list[Text], where: str):
        self.req_id, self.stricter = req_id, stricter
        super().__init__(f"choices.{req_id}: stricter than the profile justifies ({stricter[0].en.rstrip('.')}) but no "
                         "justification", where, "add `justification:` saying why this procurement needs it, or remove the choice")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise InputError(f"{value!r} is not a finite number", hint="give a number such as 99,5")
        return repr(int(value)) if float(value).is_integer() else repr(float(value))
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML scalar


def flow_choice(choice: dict[str, Any]) -> str:
    """A choice as one line of flow YAML: ``{level: avancerad, justification: "…"}``."""
    parts = []
    for key in CHOICE_KEYS:
        if key not in choice:
            continue
        value = choice[key]
        if key == "parameters":
            inner = ", ".join(f"{name}: {_scalar(v)}" for name, v in value.items())
            parts.append(f"parameters: {{{inner}}}")
        elif key == "accept":
            parts.append("accept: [" + ", ".join(_scalar(v) for v in value) + "]")
        else:
            parts.append(f"{key}: {_scalar(value)}")
    return "{" + ", ".join(parts) + "}"


def _last_line(node: yaml.Node, lines: list[str]) -> int:
    """0-based index of the last line a node's text occupies (comment lines after it are not its own)."""
    end = node.end_mark
    last = end.line
    if last >= len(lines) or (last > node.start_mark.line and not lines[last][:end.column].strip()):
        last -= 1
    while last > node.start_mark.line and (not lines[last].strip() or lines[last].lstrip().startswith("#")):
        last -= 1
    return last


def set_choice(text: str, req_id: str, choice: dict[str, Any] | None) -> str:
    """The profile ``text`` with the entry of ``req_id`` under ``choices:`` replaced by ``choice``
    (removed when ``choice`` is empty or None). Every other line is kept as written."""
    root = yaml.compose(text, Loader=SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise InputError("the profile is not a YAML mapping", hint="start from `procura init`")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    entry = f"{req_id}: {flow_choice(choice)}\n" if choice else None
    pair = next(((k, v) for k, v in root.value if k.value == "choices"), None)
    if pair is None:
        return "".join(lines) + (f"choices:\n  {entry}" if entry else "")
    key, value = pair
    block = isinstance(value, yaml.MappingNode) and not value.flow_style and value.value
    if not block:
        # `choices: {}`, `choices:` or a flow mapping: rewrite the value as a block, keeping any comment after it
        current = parse_yaml(text, "profile").get("choices") or {}
        current = {k: v for k, v in current.items() if k != req_id}
        entries = [f"  {k}: {flow_choice(v or {})}\n" for k, v in current.items()]
        if entry:
            entries.append("  " + entry)
        line = lines[key.start_mark.line]
        start, end = value.start_mark, value.end_mark
        if value.tag == "tag:yaml.org,2002:null" and start.index == end.index:
            head, tail = line.rstrip("\n"), "\n"
        else:
            head = line[:start.column].rstrip() if start.line == key.start_mark.line else line.rstrip("\n")
            tail = line[end.column:] if end.line == key.start_mark.line else "\n"
        if not entries:
            lines[key.start_mark.line] = f"{head} {{}}{tail.rstrip()}".rstrip() + "\n"
            return "".join(lines)
        comment = tail.strip()
        lines[key.start_mark.line] = f"{head}{'  ' + comment if comment else ''}\n"
        for offset, new in enumerate(entries, start=1):
            lines.insert(key.start_mark.line + offset, new)
        return "".join(lines)
    indent = " " * value.value[0][0].start_mark.column
    for k, v in value.value:
        if k.value != req_id:
            continue
        first, last = k.start_mark.line, _last_line(v, lines)
        if not entry and len(value.value) == 1:
            del lines[first:last + 1]
            lines[key.start_mark.line] = lines[key.start_mark.line].rstrip("\n").rstrip() + " {}\n"
            return "".join(lines)
        lines[first:last + 1] = [indent + entry] if entry else []
        return "".join(lines)
    if entry:
        lines.insert(_last_line(value.value[-1][1], lines) + 1, indent + entry)
    return "".join(lines)


def load_text(text: str, path: Path) -> LoadedProfile:
    """A profile from text that is not (yet) the file's content, with the same located errors."""
    return LoadedProfile(validate(parse_yaml(text, path), Profile, text, path), path, text)


def write_text_atomically(path: Path, text: str) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".procura-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror}) — check the folder is writable") from None


@contextlib.contextmanager
def _locked(path: Path):
    """One writer at a time per profile (two officers, or two server workers, editing the same file)."""
    lock = path.with_name(f".{path.name}.lock")
    try:
        fh = lock.open("a")
    except OSError:
        yield  # a read-only folder: the write below reports the problem
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def update_choice(path: Path, req_id: str, changes: dict[str, Any], library: Library) -> Specification:
    """Change the officer's choice for ``req_id``: each key of ``changes`` (one of CHOICE_KEYS)
    is set, or removed when its value is None. The profile must still right-size (a stricter
    choice needs a justification); only then is the file replaced. Returns the new specification."""
    with _locked(path):
        return _update_choice(path, req_id, changes, library)


def _update_choice(path: Path, req_id: str, changes: dict[str, Any], library: Library) -> Specification:
    unknown = sorted(set(changes) - set(CHOICE_KEYS))
    if unknown:
        raise InputError(f"choices.{req_id}: unknown field {', '.join(unknown)}", path, f"use {', '.join(CHOICE_KEYS)}")
    if req_id not in library.requirements:
        raise InputError(f"choices.{req_id}: unknown requirement ID", path, "check the ID with `procura library search`")
    loaded = load_profile(path)
    current = loaded.profile.choices.get(req_id)
    choice = current.model_dump(mode="json", exclude_defaults=True) if current else {}
    for name, value in changes.items():
        if value is None or value == {} or value == "":
            choice.pop(name, None)
        else:
            choice[name] = value
    new_text = set_choice(loaded.text, req_id, choice)
    if choice and not choice.get("justification"):
        trial = load_text(set_choice(loaded.text, req_id, {**choice, "justification": "?"}), path)
        item = next((i for i in resolve(trial, library).items if i.id == req_id), None)
        if item is not None and item.stricter:
            raise JustificationNeeded(req_id, item.stricter, loaded.where("choices", req_id))
    spec = resolve(load_text(new_text, path), library)  # refuses before anything is written
    write_text_atomically(path, new_text)
    return spec


def block_entry(key: str, value: Any) -> str:
    """A top-level entry as block YAML, its innermost mappings and lists in flow style."""
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, default_flow_style=None, width=4096)


def set_entry(text: str, key: str, value: Any) -> str:
    """The profile ``text`` with the top-level entry ``key`` replaced by ``value`` (removed when None).
    A new entry goes after the entry before it in the profile's field order (volumes after hosting,
    evaluation last); every other line is kept as written, comments included."""
    root = yaml.compose(text, Loader=SafeLoader)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise InputError("the profile is not a block YAML mapping", hint="start from `procura init`")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    new = block_entry(key, value).splitlines(keepends=True) if value is not None else []
    pair = next(((k, v) for k, v in root.value if k.value == key), None)
    if pair is not None:
        k, v = pair
        lines[k.start_mark.line:_last_line(v, lines) + 1] = new
        return "".join(lines)
    if not new:
        return "".join(lines)
    order = list(Profile.model_fields)
    earlier = [(k, v) for k, v in root.value if k.value in order and order.index(k.value) < order.index(key)]
    if not earlier:
        return "".join(lines) + "".join(new)
    _, v = max(earlier, key=lambda kv: kv[0].start_mark.line)
    at = _last_line(v, lines) + 1
    lines[at:at] = new
    return "".join(lines)


def update_entries(path: Path, entries: dict[str, Any], library: Library) -> Specification:
    """Set top-level profile entries (the facts, the award model): each key of ``entries`` is
    replaced, or removed when its value is None. The new text must load and right-size before it
    replaces the file. Returns the new specification."""
    with _locked(path):
        loaded = load_profile(path)
        text = loaded.text
        for key, value in entries.items():
            text = set_entry(text, key, value)
        spec = resolve(load_text(text, path), library)  # refuses before anything is written
        if text != loaded.text:
            write_text_atomically(path, text)
        return spec
