"""The points scale of a bör-krav, read from its scoring text ("2 poäng … 1 poäng … 0 poäng").

A bör-krav without a scoring text is answered Ja/Nej and scores 1 or 0. A scoring text that
names whole points ("2 poäng", "1 point", "två poäng") has the highest of them as its maximum;
one that only says "full points … otherwise none" is a yes/no scale (1/0); "half points" or
"further points" gives a scale of 0, 1 and 2. A text that gives points "in proportion" or "per
language" without naming a maximum is read as 0–2 and reported by ``procura check`` on the library
(:func:`unbounded`), so that its authors state the scale. The Swedish and English texts must give the same maximum —
``procura check`` on a library reports when they do not.
"""

from __future__ import annotations

import re

WORDS = {"en": 1, "ett": 1, "one": 1, "två": 2, "two": 2, "tre": 3, "three": 3, "fyra": 4, "four": 4, "fem": 5,
         "five": 5}
POINTS = re.compile(r"\b(\d{1,2}|" + "|".join(WORDS) + r")\s+(?:poäng|points?)\b", re.IGNORECASE)
HALF = re.compile(r"\b(?:halv|halva|half|ytterligare|further|additional|lägre|lower)\s+(?:poäng|points?)", re.IGNORECASE)
# "in proportion to", "per language": a scale the text does not bound — the library should state it
UNBOUNDED = re.compile(r"\b(?:i\s+proportion|in\s+proportion|per\s+angivet|per\s+stated)\b", re.IGNORECASE)


def max_points(scoring: str | None) -> int:
    """The highest points a scoring text gives (1 when it names none: a yes/no criterion)."""
    if not scoring:
        return 1
    found = [int(m) if m.isdigit() else WORDS[m.casefold()] for m in POINTS.findall(scoring)]
    if found:
        return max(found) or 1
    return 2 if HALF.search(scoring) or UNBOUNDED.search(scoring) else 1


def unbounded(scoring: str | None) -> bool:
    """A scoring text that gives points without naming their maximum ("in proportion to …")."""
    return bool(scoring) and not POINTS.search(scoring) and bool(UNBOUNDED.search(scoring))


def scales_agree(sv: str | None, en: str | None) -> bool:
    """Whether the Swedish and English scoring texts give the same maximum."""
    return sv is None or en is None or max_points(sv) == max_points(en)
