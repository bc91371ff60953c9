"""The typed result of every check: a finding with its rule, place and source."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from procura.models import Lang, Text


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"  # a hint; never counts as a finding of the rule

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Location:
    file: str | None = None
    line: int | None = None  # 1-based line (.txt/.md) or row (.xlsx/.csv)
    requirement: str | None = None  # the requirement's ID where the source has one
    text: str | None = None

    def label(self) -> str:
        place = self.file or ""
        if self.line is not None:
            place = f"{place}:{self.line}"
        return place


@dataclass(frozen=True)
class Suggestion:
    """The library requirement that covers the same need, right-sized."""

    id: str
    title: Text
    score: float

    def to_json(self, lang: Lang) -> dict[str, Any]:
        return {"id": self.id, "title": self.title.get(lang), "score": round(self.score, 1)}


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    message: Text
    citation: str
    url: str | None
    location: Location = field(default_factory=Location)
    suggestion: Suggestion | None = None
    accepted: str | None = None  # the profile's written justification when the finding is accepted

    def with_(self, **changes: Any) -> Finding:
        return replace(self, **changes)

    def to_json(self, lang: Lang) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message.get(lang),
            "citation": {"source": self.citation, "url": self.url},
            "location": {
                "file": self.location.file,
                "line": self.location.line,
                "requirement": self.location.requirement,
                "text": self.location.text,
            },
            "suggestion": self.suggestion.to_json(lang) if self.suggestion else None,
        }
