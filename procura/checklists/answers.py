"""Reading a returned answer matrix, as saved by Excel, LibreOffice or openpyxl.

Cells are read as they are stored: a formula-like answer comes back as its text (``=1+1``),
never as an evaluated value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from procura.award.values import parse_number
from procura.errors import InputError
from procura.i18n import t
from procura.models import Lang
from procura.render.xlsx import BASE_COLUMNS, COLUMNS, PRICE_COLUMNS, UNIT_PRICE_COLUMN, headers, price_headers

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
    value: str = ""  # the offered value, as written

    @property
    def met(self) -> bool | None:
        """True for Ja/Yes, False for Nej/No, None for a missing or unreadable answer."""
        value = self.answer.casefold()
        return True if value in YES else False if value in NO else None


@dataclass
class PriceRow:
    row: int
    id: str
    unit_price: float | None  # None: empty or unreadable (see AnswerMatrix.unreadable)


@dataclass
class Unreadable:
    """A cell procura could not read: where it is, what it holds, what to do."""
    sheet: str
    row: int
    column: str
    value: str
    hint: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.column}{self.row}: {self.value!r} — {self.hint}"

    def as_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "value": self.value, "hint": self.hint}


@dataclass
class AnswerMatrix:
    path: Path
    lang: Lang
    sheet: str
    rows: list[AnswerRow]
    prices: list[PriceRow] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_lang(values: list[str]) -> Lang | None:
    """The language of a requirements sheet's header row (the first seven columns decide; the
    answer-format and offered-value columns are found by name when present)."""
    for lang in ("sv", "en"):
        if [v.casefold() for v in values[:BASE_COLUMNS]] == [h.casefold() for h in headers(lang)[:BASE_COLUMNS]]:
            return lang
    return None


def _price_lang(values: list[str]) -> Lang | None:
    for lang in ("sv", "en"):
        if [v.casefold() for v in values[:UNIT_PRICE_COLUMN]] == [h.casefold() for h in price_headers(lang)[:UNIT_PRICE_COLUMN]]:
            return lang
    return None


def requirement_rows(rows, lang: Lang, header: list[str]) -> list[AnswerRow]:
    """The answer rows of a requirements sheet (rows as (row number, value tuple) pairs, after the header)."""
    names = [h.casefold() for h in headers(lang)]
    position = {key: header.index(names[i]) if names[i] in header else None for i, key in enumerate(COLUMNS)}
    answers = []
    for n, values in rows:
        cells = [_text(v) for v in values]

        def cell(key: str, cells: list[str] = cells) -> str:
            i = position[key]
            return cells[i] if i is not None and i < len(cells) else ""

        if not any(cell(key) for key in COLUMNS):
            continue
        answers.append(AnswerRow(row=n, id=cell("col_id"), text=cell("col_text"), type=cell("col_type"),
                                 answer=cell("col_answer"), description=cell("col_description"),
                                 fingerprint=cell("col_fingerprint"), value=cell("col_value")))
    return answers


def price_rows(rows, sheet: str, lang: Lang) -> tuple[list[PriceRow], list[Unreadable]]:
    """The unit prices of a price-form sheet (rows as (row number, value tuple) pairs). Only the unit-price column is read: the sums are
    computed by procura; a formula or text typed as a unit price is named as unreadable."""
    out, bad = [], []
    column = chr(ord("A") + UNIT_PRICE_COLUMN - 1)
    for n, values in rows:
        cells = list(values) + [None] * len(PRICE_COLUMNS)
        line_id, raw = _text(cells[0]), cells[UNIT_PRICE_COLUMN - 1]
        if not line_id:
            continue
        price = parse_number(raw)
        if raw not in (None, "") and (price is None or price < 0):
            formula = isinstance(raw, str) and raw.strip().startswith("=")
            bad.append(Unreadable(sheet, n, column, _text(raw), t(
                "evaluate.unreadable_formula" if formula else "evaluate.unreadable_price", lang)))
            price = None
        out.append(PriceRow(n, line_id, price))
    return out, bad


def read_matrix(path: Path) -> AnswerMatrix:
    from procura.spreadsheets import read_xlsx

    sheets = read_xlsx(path, formulas=True, kind="answer matrix", label="readable .xlsx answer matrix")
    matrix: AnswerMatrix | None = None
    prices: tuple[list[PriceRow], list[Unreadable]] = ([], [])
    for sheet in sheets:
        if not sheet.rows:
            continue
        first = [_text(v) for v in sheet.rows[0][1]]
        lang = _header_lang(first)
        if lang is not None and matrix is None:
            matrix = AnswerMatrix(path, lang, sheet.name, requirement_rows(sheet.rows[1:], lang, [h.casefold() for h in first]))
            continue
        price_lang = _price_lang(first)
        if price_lang is not None:
            prices = price_rows(sheet.rows[1:], sheet.name, price_lang)
    if matrix is not None:
        matrix.prices, matrix.unreadable = prices
        return matrix
    raise InputError(f"no sheet has the answer-matrix columns ({', '.join(headers('sv')[:6])})", path,
                     "pass the answer matrix written by `procura build`, with its header row unchanged")
