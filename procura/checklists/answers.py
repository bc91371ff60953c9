"""Reading a returned answer matrix, as saved by Excel, LibreOffice or openpyxl.

Cells are read as they are stored: a formula-like answer comes back as its text (``=1+1``),
never as an evaluated value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from procura.errors import InputError
from procura.models import Lang
from procura.render.xlsx import COLUMNS, FINGERPRINT_COLUMN, headers

YES = {"ja", "yes"}
NO = {"nej", "no"}


@dataclass
class AnswerRow:
    row: int
    id: str
    text: str
    type: str
    answer: str  # as written, stripped
    description: str
    fingerprint: str

    @property
    def met(self) -> bool | None:
        """True for Ja/Yes, False for Nej/No, None for a missing or unreadable answer."""
        value = self.answer.casefold()
        return True if value in YES else False if value in NO else None


@dataclass
class AnswerMatrix:
    path: Path
    lang: Lang
    sheet: str
    rows: list[AnswerRow]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_lang(values: list[str]) -> Lang | None:
    for lang in ("sv", "en"):
        if [v.casefold() for v in values[:len(COLUMNS)]] == [h.casefold() for h in headers(lang)]:
            return lang
    return None


def read_matrix(path: Path) -> AnswerMatrix:
    from procura.spreadsheets import read_xlsx

    sheets = read_xlsx(path, formulas=True, kind="answer matrix", label="readable .xlsx answer matrix")
    for sheet in sheets:
        if not sheet.rows:
            continue
        number, first = sheet.rows[0]
        lang = _header_lang([_text(v) for v in first])
        if lang is None:
            continue
        answers = []
        for n, values in sheet.rows[1:]:
            cells = [_text(v) for v in values] + [""] * len(COLUMNS)
            if not any(cells[:len(COLUMNS)]):
                continue
            answers.append(AnswerRow(row=n, id=cells[0], text=cells[1], type=cells[2], answer=cells[4],
                                     description=cells[5], fingerprint=cells[FINGERPRINT_COLUMN - 1]))
        return AnswerMatrix(path, lang, sheet.name, answers)
    raise InputError(f"no sheet has the answer-matrix columns ({', '.join(headers('sv')[:6])})", path,
                     "pass the answer matrix written by `procura build`, with its header row unchanged")
