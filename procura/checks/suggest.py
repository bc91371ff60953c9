"""The right-sized library requirement that covers the same need as a finding's text.

The same ranking as `procura library search` (:mod:`procura.library.ranking`), with the
statement's text as the query: a suggestion must share the statement's rarer words, not only its
common ones ("leverantören", "lösningen"), or none is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from procura.checks.findings import Suggestion
from procura.library import Library
from procura.library.ranking import Index, requirement_index

# rules whose better wording usually lives in one library category
RULE_CATEGORIES = {"OVR-001": "kvalificering", "OVR-002": "kvalificering", "OVR-007": "kvalificering",
                   "OVR-008": "kvalificering", "OVR-009": "kvalificering"}
MIN_SCORE = 20.0  # on the ranking's 0–100 scale
MIN_COVERAGE = 0.3  # share of the statement's word weight the suggestion must hold


@dataclass
class Suggester:
    library: Library | None
    _index: Index | None = None
    _cache: dict[tuple[str, str | None, str | None], Suggestion | None] = field(default_factory=dict)
    _candidates: dict[tuple[str | None, str | None], frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.library is not None:
            self._index = requirement_index(self.library)

    def suggest(self, text: str | None, rule: str, exclude: str | None = None) -> Suggestion | None:
        if not text or self._index is None or self.library is None:
            return None
        category = RULE_CATEGORIES.get(rule)
        key = (text, category, exclude)
        if key in self._cache:
            return self._cache[key]
        found = None
        for restrict in ([category] if category else []) + [None]:
            keys = self._keys(restrict, exclude)
            hits = self._index.rank(text, 1, keys=keys, min_coverage=MIN_COVERAGE, unknown_words_count=True,
                                     strong_match=True)
            if hits and hits[0][1] >= MIN_SCORE:
                req = self.library.requirements[hits[0][0]].requirement
                found = Suggestion(req.id, req.title, hits[0][1])
                break
        self._cache[key] = found
        return found

    def _keys(self, category: str | None, exclude: str | None) -> frozenset[str]:
        found = self._candidates.get((category, exclude))
        if found is None:
            found = self._candidates[(category, exclude)] = frozenset(
                r.id for r in self.library or () if r.id != exclude and (category is None or r.category == category))
        return found

    def digest(self) -> str:
        """What the suggestions depend on, as a cache key: every requirement of the library as it is."""
        import hashlib

        h = hashlib.sha256()
        for req in sorted(self.library or (), key=lambda r: r.id):
            h.update(req.model_dump_json().encode())
        return h.hexdigest()

    def find(self, keywords: tuple[str, ...]) -> Suggestion | None:
        """The first library requirement whose text or tags name one of ``keywords``."""
        if self.library is None:
            return None
        for req in self.library:
            spec = req.levels[req.lowest_level]
            haystack = " ".join(filter(None, [req.title.sv, req.title.en, spec.text.sv, spec.text.en, *req.tags, req.id])).lower()
            if any(k in haystack for k in keywords):
                return Suggestion(req.id, req.title, 100.0)
        return None
