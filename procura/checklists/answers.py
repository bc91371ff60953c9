"""Reading a returned answer matrix, as saved by Excel, LibreOffice or openpyxl.

Cells are read as they are stored: a formula-like answer comes back as its text (``=1+1``),
never as an evaluated value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from procura.errors import InputError
from procura.files import check_file
from procura.models import Lang
from procura.render.xlsx import COLUMNS, FINGERPRINT_COLUMN, headers

MAX_MATRIX_BYTES = 50_000_000
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
    from openpyxl import load_workbook

    check_file(path, MAX_MATRIX_BYTES, "answer matrix")
    try:
        wb = load_workbook(str(path), read_only=True, data_only=False)
    except Exception as exc:  # zip, XML and openpyxl errors alike: a corrupt or foreign file, never a traceback
        raise InputError(f"not a readable .xlsx answer matrix ({type(exc).__name__})", path,
                         "pass the answer matrix from `procura build` as the supplier returned it, saved as .xlsx") from None
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            first = next(rows, None)
            lang = _header_lang([_text(v) for v in first or ()])
            if lang is None:
                continue
            answers = []
            for n, values in enumerate(rows, 2):
                cells = [_text(v) for v in values] + [""] * len(COLUMNS)
                if not any(cells[:len(COLUMNS)]):
                    continue
                answers.append(AnswerRow(row=n, id=cells[0], text=cells[1], type=cells[2], answer=cells[4],
                                         description=cells[5], fingerprint=cells[FINGERPRINT_COLUMN - 1]))
            return AnswerMatrix(path, lang, ws.title, answers)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"not a readable .xlsx answer matrix ({type(exc).__name__})", path) from None
    finally:
        wb.close()
    raise InputError(f"no sheet has the answer-matrix columns ({', '.join(headers('sv')[:6])})", path,
                     "pass the answer matrix written by `procura build`, with its header row unchanged")
