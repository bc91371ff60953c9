"""Checks on a document someone else wrote: text rules per statement, then rules across statements."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from procura.checks import lexicon as lx
from procura.checks.duplicates import near_duplicates
from procura.checks.extract import read_statements
from procura.checks.findings import Finding, Location
from procura.checks.rules import RULES
from procura.checks.statements import Context, Statement, analyse
from procura.checks.suggest import Suggester
from procura.library import Library

# Too many ska-krav (HFD 2016 ref. 37: wishes belong in bör-krav). Neither the law nor the guidance gives a number,
# so procura does not use an absolute count (a large, well-sized specification is not wrong for being large); it
# warns when nearly every requirement is mandatory, a share that shows wishes were not separated from needs.
# A heuristic, proportional to the document's size, and documented in docs/checks.md.
MANDATORY_SHARE = 0.9  # at least this share of the requirements is ska-krav ...
MANDATORY_MIN = 20  # ... in a specification of at least this many requirements (a short list may all be needs)
REFERENCE_TO_ID = re.compile(r"\b(?:krav(?:et)?|requirement|punkt|avsnitt|se|see)\s+([A-ZÅÄÖ]{1,6}[-_.]?\d+(?:[.-]\d+)*)\b")


@dataclass(frozen=True)
class CheckOptions:
    estimated_value_sek: float | None = None
    framework: bool = False
    library: Library | None = None  # for suggestions

    @property
    def context(self) -> Context:
        return Context(self.estimated_value_sek, self.framework)


# the per-statement rules with their suggestions, many statements at a time (procura.checks.memo.Analyser.many)
Analyse = Callable[[Sequence[Statement]], list[list[Finding]]]


def check_document(path: Path, options: CheckOptions | None = None, analyse_many: Analyse | None = None) -> list[Finding]:
    return review_document(path, options, analyse_many)[0]


def review_document(path: Path, options: CheckOptions | None = None,
                    analyse_many: Analyse | None = None) -> tuple[list[Finding], int]:
    """The findings on a document and the number of requirement statements read from it. ``analyse_many``
    replaces the per-statement rules (the batch path passes one that remembers findings of statements it has
    seen); the findings are the same."""
    options = options or CheckOptions()
    statements = read_statements(Path(path))
    if analyse_many is not None:
        found = analyse_many(statements)
        return [f for fs in found for f in fs] + list(across(statements, str(path))), len(statements)
    return list(check_statements(statements, options, Suggester(options.library), file=str(path))), len(statements)


def check_statements(statements: Sequence[Statement], options: CheckOptions, suggester: Suggester,
                     file: str | None = None) -> Iterator[Finding]:
    context = options.context
    # A statement's findings and suggestions depend on its text alone (its place is only copied into
    # them), so a text that recurs — boilerplate repeated in every section — is analysed once.
    seen: dict[tuple[str, str | None], list[Finding]] = {}
    for statement in statements:
        key = (statement.text, statement.obligation)
        found = seen.get(key)
        if found is None:
            found = seen[key] = [finding.with_(suggestion=suggester.suggest(statement.text, finding.rule))
                                 for finding in analyse(statement, context)]
            yield from found
            continue
        for finding in found:
            yield finding.with_(location=statement.location)
    yield from across(statements, file)


def across(statements: Sequence[Statement], file: str | None) -> Iterator[Finding]:
    """Rules that compare statements: duplicates, ska and bör, contradictions, unknown IDs, too many ska."""
    def name(st: Statement) -> str:
        return st.location.requirement or (f"{Path(st.location.file).name}:{st.location.line}" if st.location.line else f"\"{st.text[:50]}…\"")

    # each statement is reported once per rule, against the first statement it repeats or contradicts:
    # a text that occurs k times gives k - 1 findings, not the k·(k-1)/2 of every pair
    reported: set[tuple[int, str]] = set()
    for i, j, score in near_duplicates([s.text for s in statements]):
        first, second = statements[i], statements[j]
        rule = "CON-003" if {first.obligation, second.obligation} == {"ska", "bor"} else "CON-001"
        if (j, rule) in reported:
            continue
        reported.add((j, rule))
        if rule == "CON-003":
            yield RULES["CON-003"].finding(second.location, other=name(first))
        else:
            yield RULES["CON-001"].finding(second.location, other=name(first), score=round(score))
    signals = [_signals(s.text) for s in statements]
    # data location: inside Sweden in one place, inside the EU/EEA in another
    sweden = next((s for s, sig in zip(statements, signals, strict=True) if sig.sweden), None)
    eu = next((s for s, sig in zip(statements, signals, strict=True) if sig.eu), None)
    if sweden and eu:
        yield RULES["CON-002"].finding(eu.location, detail_sv=f"Data ska finnas inom EU/EES här men inom Sverige i {name(sweden)}.",
                                       detail_en=f"Data is to stay within the EU/EEA here but within Sweden in {name(sweden)}.")
    availability: dict[str, Statement] = {}
    for st, sig in zip(statements, signals, strict=True):
        for value in sig.availability:
            availability.setdefault(value, st)
    if len(availability) > 1:
        (v1, s1), (v2, s2) = list(availability.items())[:2]
        yield RULES["CON-002"].finding(s2.location, detail_sv=f"Tillgänglighet {v2} % här men {v1} % i {name(s1)}.",
                                       detail_en=f"Availability {v2} % here but {v1} % in {name(s1)}.")
    ids = {s.location.requirement for s in statements if s.location.requirement}
    if ids:
        for st, sig in zip(statements, signals, strict=True):
            for ref in sig.references:
                if ref not in ids and ref != st.location.requirement:
                    yield RULES["CON-006"].finding(st.location, match=ref)
    mandatory = sum(1 for s in statements if s.obligation == "ska")
    if len(statements) >= MANDATORY_MIN and mandatory >= MANDATORY_SHARE * len(statements):
        yield RULES["OVR-010"].finding(
            Location(file=file),
            detail_sv=f"{mandatory} av {len(statements)} krav ({mandatory / len(statements):.0%}) är ska-krav; varje missat "
                      "ska-krav tvingar fram ett förkastat anbud. Gör önskemål till bör-krav.",
            detail_en=f"{mandatory} of {len(statements)} requirements ({mandatory / len(statements):.0%}) are mandatory; every "
                      "missed one forces a rejected tender. Make wishes desirable requirements.")


class Signals(NamedTuple):
    """What the rules across statements read from one statement's text."""

    sweden: bool  # data to stay inside Sweden
    eu: bool  # data to stay inside the EU/EEA (and not Sweden)
    availability: tuple[str, ...]  # availability percentages, "99.5"
    references: tuple[str, ...]  # IDs the text refers to ("se krav K12"), standards left out


@lru_cache(maxsize=1 << 16)
def _signals(text: str) -> Signals:
    """Remembered by text: the same statement recurs in many documents of a national check."""
    data = bool(lx.DATA_WORD.search(text))
    in_sweden = bool(lx.DATA_SWEDEN.search(text))
    return Signals(
        sweden=in_sweden and data,
        eu=bool(lx.DATA_EU.search(text)) and data and not in_sweden,
        availability=tuple(m.group(1).replace(",", ".") for m in lx.AVAILABILITY_PCT.finditer(text)),
        references=tuple(m.group(1) for m in REFERENCE_TO_ID.finditer(text) if not lx.STANDARD.search(m.group(0))),
    )
