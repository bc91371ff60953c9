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
    line: int | None = None  # 1-based line (.txt/.md, of the page in a PDF) or row (.xlsx/.csv)
    requirement: str | None = None  # the requirement's ID where the source has one (a section number in a tender)
    text: str | None = None
    page: int | None = None  # 1-based page of a PDF
    paragraph: int | None = None  # 1-based paragraph of a Word document, counted from the top
    table: int | None = None  # 1-based table of a Word document, with its row and cell
    row: int | None = None
    cell: int | None = None

    def label(self, lang: str | None = None, short: bool = False) -> str:
        """``file:line``, or the page and line of a PDF, or the paragraph or table cell of a Word document;
        ``short`` names the file without its folder."""
        from pathlib import Path

        place = (Path(self.file).name if short else self.file) if self.file else ""
        from procura.i18n import t

        words = {key: t(f"check.place.{key}", lang or "en") for key in ("page", "line", "paragraph", "table", "row", "cell")}
        parts = []
        if self.page is not None:
            parts.append(f"{words['page']} {self.page}")
        if self.table is not None:
            parts.append(f"{words['table']} {self.table}")
            parts += [f"{words[k]} {v}" for k, v in (("row", self.row), ("cell", self.cell)) if v is not None]
        elif self.paragraph is not None:
            parts.append(f"{words['paragraph']} {self.paragraph}")
        if parts:
            if self.line is not None:
                parts.append(f"{words['line']} {self.line}")
            return f"{place} ({', '.join(parts)})" if place else ", ".join(parts)
        if self.line is not None:
            place = f"{place}:{self.line}"
        return place

    def to_json(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in ("file", "line", "requirement", "text", "page", "paragraph", "table",
                                                    "row", "cell")}



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
            "location": self.location.to_json(),
            "suggestion": self.suggestion.to_json(lang) if self.suggestion else None,
        }
