"""The right-sized library requirement that covers the same need as a finding's text."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from procura.checks.findings import Suggestion
from procura.library import Library
from procura.models import Requirement

# rules whose better wording usually lives in one library category
RULE_CATEGORIES = {"OVR-001": "kvalificering", "OVR-002": "kvalificering", "OVR-007": "kvalificering",
                   "OVR-008": "kvalificering", "OVR-009": "kvalificering"}
CUTOFF = 55.0


def _text(req: Requirement) -> str:
    spec = req.levels[req.lowest_level]
    return " ".join(filter(None, [req.title.sv, req.title.en, spec.text.sv, spec.text.en]))


@dataclass
class Suggester:
    library: Library | None
    _choices: dict[str, str] = field(default_factory=dict)
    _found: dict[tuple[str, str | None, str | None], Suggestion | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.library is not None:
            self._choices = {req.id: utils.default_process(_text(req)) for req in self.library}

    def suggest(self, text: str | None, rule: str, exclude: str | None = None) -> Suggestion | None:
        if not text or not self._choices:
            return None
        category = RULE_CATEGORIES.get(rule)
        key = (text, category, exclude)  # several findings on one text ask the same question
        if key not in self._found:
            self._found[key] = self._suggest(text, category, exclude)
        return self._found[key]

    def _suggest(self, text: str, category: str | None, exclude: str | None) -> Suggestion | None:
        for restrict in ([category] if category else []) + [None]:
            choices = {i: t for i, t in self._choices.items() if i != exclude and
                       (restrict is None or self.library.requirements[i].requirement.category == restrict)}
            best = process.extractOne(utils.default_process(text), choices, scorer=fuzz.token_set_ratio,
                                      processor=None, score_cutoff=CUTOFF)
            if best:
                req = self.library.requirements[best[2]].requirement
                return Suggestion(req.id, req.title, best[1])
        return None

    def find(self, keywords: tuple[str, ...]) -> Suggestion | None:
        """The first library requirement whose text or tags name one of ``keywords``."""
        if self.library is None:
            return None
        for req in self.library:
            haystack = (_text(req) + " " + " ".join(req.tags) + " " + req.id).lower()
            if any(k in haystack for k in keywords):
                return Suggestion(req.id, req.title, 100.0)
        return None
