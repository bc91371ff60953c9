"""The award model of a procurement, as the profile states it (``evaluation:``).

Three evaluation grounds are offered, the ones Swedish practice uses:

- ``price_quality`` — "bästa förhållandet mellan pris och kvalitet" with weights: price has a
  weight, each quality criterion (a bör-krav) a weight; the weights sum to 100. LOU 16 kap. 6 §
  requires the weighting to be stated in the procurement documents.
- ``price_deduction`` — the price-deduction model common in Sweden (mervärdesavdrag): each
  criterion met lowers the tender's comparison price (jämförelsepris) by a stated amount in
  kronor or a stated share of the price; the lowest comparison price wins.
- ``lowest_price`` — price alone.

The short form the profile has always accepted, ``evaluation: {price: 60, TG-003: 10, …}``,
is a ``price_quality`` model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

PRICE = "price"
Model = Literal["price_quality", "price_deduction", "lowest_price"]


def _finite(**kwargs: Any) -> Any:
    return Field(allow_inf_nan=False, **kwargs)


class Criterion(BaseModel):
    """One quality criterion: a bör-krav of the specification and what meeting it is worth."""

    model_config = ConfigDict(extra="forbid")

    weight: float | None = _finite(default=None, ge=0, le=100,
                                   description="price_quality: the criterion's weight (all weights sum to 100)")
    deduction_sek: float | None = _finite(default=None, ge=0,
                                          description="price_deduction: kronor deducted from the price at full points")
    deduction_pct: float | None = _finite(default=None, ge=0, lt=100,
                                          description="price_deduction: per cent of the price deducted at full points")

    @model_validator(mode="before")
    @classmethod
    def _number_is_weight(cls, value: Any) -> Any:
        return {"weight": value} if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class PriceLine(BaseModel):
    """One line of the price form (prisbilaga): what is priced, how many, for how many periods."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$", description="a short line ID, e.g. P1")
    item: dict[Literal["sv", "en"], str] | str = Field(description="what is priced, in the document's languages")
    unit: dict[Literal["sv", "en"], Annotated[str, Field(max_length=40)]] | Annotated[str, Field(max_length=40)] = Field(
        default="", description="price per …, e.g. 'larm och månad' or {sv: larm och månad, en: alarm and month}")
    quantity: float = _finite(gt=0, le=1e9, description="how many units")
    periods: float = _finite(default=1, gt=0, le=1e4, description="how many periods (e.g. months) each unit is paid for")
    option: bool = Field(default=False, description="an option (an extension or an extra); counted in the comparison price")

    def label(self, lang: str) -> str:
        return _in(self.item, lang)

    def unit_label(self, lang: str) -> str:
        return _in(self.unit, lang)


def _in(text: dict[str, str] | str, lang: str) -> str:
    """A price-form text in ``lang``, else in the language it is given in."""
    if isinstance(text, str):
        return text
    return text.get(lang) or next(iter(text.values()), "")


class AwardModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: Model = "price_quality"
    price: float | None = _finite(default=None, ge=0, le=100, description="price_quality: the weight of price")
    criteria: dict[str, Criterion] = Field(default_factory=dict, description="per bör-krav ID")
    price_form: list[PriceLine] = Field(default_factory=list, description="the lines of the price form")

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        """``{price: 60, TG-003: 10}`` (the profile's original form) is a price–quality model."""
        if isinstance(value, dict) and "model" not in value and "criteria" not in value and value and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
            weights = dict(value)
            price = weights.pop(PRICE, None)
            return {"model": "price_quality", "price": price, "criteria": weights}
        return value

    @model_validator(mode="after")
    def _consistent(self) -> AwardModel:
        if self.model == "price_quality":
            if any(c.weight is None for c in self.criteria.values()):
                missing = ", ".join(k for k, c in self.criteria.items() if c.weight is None)
                raise ValueError(f"criteria {missing}: a price_quality model gives every criterion a weight")
        elif self.model == "price_deduction":
            bad = [k for k, c in self.criteria.items() if (c.deduction_sek is None) == (c.deduction_pct is None)]
            if bad:
                raise ValueError(f"criteria {', '.join(bad)}: a price_deduction model gives each criterion "
                                 "either deduction_sek or deduction_pct")
            pct = sum(c.deduction_pct or 0 for c in self.criteria.values())
            if pct >= 100:
                raise ValueError(f"the deductions sum to {pct:g} % of the price — keep them well below 100")
        elif self.criteria:
            raise ValueError("a lowest_price model has no quality criteria — remove them or choose price_quality")
        return self

    def total(self) -> float:
        """price_quality: the sum of the weights (price and criteria), which must be 100."""
        return (self.price or 0) + sum(c.weight or 0 for c in self.criteria.values())

    def sum_problem(self) -> str | None:
        """Why the weights cannot be used as they stand (they do not sum to 100), or None.

        Kept out of validation so that ``procura check`` can report it as a finding on a
        profile that otherwise loads."""
        if self.model == "price_quality" and not abs(self.total() - 100) <= 1e-6:  # a NaN sum never passes
            return f"the weights sum to {self.total():g}, not 100 (price and criteria together)"
        return None

    def value(self, key: str) -> float:
        """A criterion's weight or deduction as stated (price: its weight)."""
        if key == PRICE:
            return self.price or 0.0
        c = self.criteria[key]
        return (c.weight if self.model == "price_quality" else
                c.deduction_sek if c.deduction_sek is not None else c.deduction_pct) or 0.0

    @property
    def prices(self) -> bool:
        """Whether price is evaluated at all (a price_quality model may weigh quality only)."""
        return self.model != "price_quality" or bool(self.price)

    def weights(self) -> dict[str, float]:
        """price_quality: every weight by key ('price' and criterion IDs)."""
        out = {PRICE: self.price or 0.0} if self.model == "price_quality" else {}
        out.update({k: c.weight or 0.0 for k, c in self.criteria.items()})
        return out
