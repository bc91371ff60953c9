"""Hedged answers: a "Ja" whose description says the function is not there yet, or costs extra.

A list for the evaluator, never an automatic rejection: the description may explain it away.
"""

from __future__ import annotations

import re

HEDGES = re.compile(
    r"\b(?:planer(?:as|ad|at|ade|ar)|planned|i\s+(?:en\s+)?kommande\s+(?:version|release|uppdatering)\w*|"
    r"(?:in\s+)?(?:a\s+|the\s+)?(?:future|upcoming|next)\s+(?:version|release|update)s?|"
    r"road\s*map\w*|färdplan\w*|under\s+utveckling|under\s+development|being\s+developed|"
    r"(?:kan\s+)?erbjud(?:s|as)\s+mot\s+(?:tillägg|tilläggs\w+|extra\s+kostnad|särskild\s+ersättning)|"
    r"mot\s+(?:tilläggsavgift|tilläggskostnad|extra\s+kostnad|särskild\s+(?:avgift|ersättning))|"
    r"(?:at|for\s+an?)\s+(?:extra|additional)\s+(?:cost|charge|fee)|"
    r"vid\s+behov|on\s+request|upon\s+request|om\s+(?:kunden|kommunen|beställaren)\s+(?:så\s+)?önskar|"
    r"delvis|partly|partially|inte\s+ännu|ännu\s+inte|not\s+yet|på\s+sikt|"
    r"(?:senare|later)\s+(?:i\s+år|this\s+year|under\s+avtalstiden|during\s+the\s+contract))",
    re.IGNORECASE,
)


def hedge(description: str) -> str | None:
    """The hedging phrase in a description, or None."""
    match = HEDGES.search(description or "")
    return match.group(0) if match else None
