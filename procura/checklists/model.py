"""A checklist as plain, language-resolved data: sections of entries with fields, sources and a
check box. The Word and Markdown writers read only this."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from procura.checklists.sources import SourceRef

KINDS = ("process", "evaluation", "acceptance", "followup")


@dataclass
class Field:
    label: str
    value: str


@dataclass
class Entry:
    id: str
    title: str
    text: str = ""
    meta: str = ""
    fields: list[Field] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    check: str = ""


@dataclass
class Section:
    heading: str
    entries: list[Entry]
    intro: str = ""


@dataclass
class Checklist:
    kind: str
    lang: str
    title: str
    subtitle: str
    organisation: str
    reference: str
    date: str
    generator: str
    intro: str
    facts: list[Field]
    sections: list[Section]
    labels: dict[str, str]

    def ids(self) -> list[str]:
        return [e.id for s in self.sections for e in s.entries]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
