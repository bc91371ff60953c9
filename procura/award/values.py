"""Numbers as suppliers type them into a spreadsheet: "2 500 000 kr", "99,9 %", "1 234,50", "1,234.50"."""

from __future__ import annotations

import math
import re

UNITS = re.compile(r"(?:kr(?:onor)?|sek|msek|tkr|%|procent|percent|st|h|min|timmar|minuter|dagar|days)\.?$", re.I)
SPACES = re.compile(r"[\s\u00a0\u202f']")


def parse_number(value: object) -> float | None:
    """The number in a cell, or None when it is not one number. Formulas (text starting with =) are not numbers."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip()
    if not text or text.startswith("="):
        return None
    for _ in range(2):  # "99,9 %", "2 500 000 kr."
        text = UNITS.sub("", text).strip()
    text = SPACES.sub("", text)
    if text.count(",") and text.count("."):
        # the later separator is the decimal one: "1.234,5" (sv) or "1,234.5" (en)
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1:  # "1,234,567": thousands
        text = text.replace(",", "")
    elif text.count(".") > 1:  # "1.234.567": thousands
        text = text.replace(".", "")
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None
