"""Scoring, ranking and weight sensitivity under an award model — pure functions of the offers.

An :class:`Offer` is what a supplier's returned matrix says once read: its total price from the
price form, and the points each quality criterion earns (0 up to the criterion's maximum).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from procura.award.model import PRICE, AwardModel

EPS = 1e-9


@dataclass(frozen=True)
class Offer:
    name: str
    price: float | None  # the price form's total; None when the supplier gave none
    points: Mapping[str, float] = field(default_factory=dict)  # criterion ID -> points given
    rejected: bool = False


@dataclass
class Scored:
    name: str
    rank: int | None  # None: rejected, or no price to compare
    total: float | None  # price_quality: points out of 100
    comparison_price: float | None  # price_deduction / lowest_price: the price compared; else the offered price
    points: dict[str, float]  # price_quality: weighted points per criterion (and price); else the deduction per criterion
    reason: str | None = None  # "rejected" or "no_price" when not ranked

    def as_json(self) -> dict[str, Any]:
        return {"rank": self.rank, "total": _round(self.total), "comparison_price": _round(self.comparison_price),
                "points": {k: _round(v) for k, v in self.points.items()}}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def share(points: Mapping[str, float], scales: Mapping[str, float], key: str) -> float:
    """The share of a criterion's maximum an offer earns (0–1); points beyond the maximum count as the maximum."""
    top = scales.get(key, 1.0) or 1.0
    return max(0.0, min(1.0, points.get(key, 0.0) / top))


def _rank(values: list[tuple[str, float]], higher_is_better: bool) -> dict[str, int]:
    """Competition ranking ("1, 1, 3"): equal values share a rank."""
    ordered = sorted(values, key=lambda nv: (-nv[1] if higher_is_better else nv[1], nv[0]))
    ranks: dict[str, int] = {}
    for n, (name, value) in enumerate(ordered, 1):
        previous = ordered[n - 2] if n > 1 else None
        ranks[name] = ranks[previous[0]] if previous and abs(previous[1] - value) <= EPS * max(1, abs(value)) else n
    return ranks


def score(model: AwardModel, offers: Sequence[Offer], scales: Mapping[str, float]) -> list[Scored]:
    """Every offer scored and ranked (rank 1 is the winner); rejected and unpriced offers get no rank."""
    out: list[Scored] = []
    rankable: list[Offer] = []
    for offer in offers:
        reason = "rejected" if offer.rejected else "no_price" if model.prices and offer.price is None else None
        if reason:
            out.append(Scored(offer.name, None, None, offer.price, {}, reason))
        else:
            rankable.append(offer)
    if model.model == "price_quality":
        lowest = min((o.price for o in rankable if o.price), default=None)
        scored = []
        for offer in rankable:
            points = {key: weight * share(offer.points, scales, key)
                      for key, weight in model.weights().items() if key != PRICE}
            if model.price:
                points = {PRICE: model.price * (lowest / offer.price if offer.price and lowest else 0.0), **points}
            scored.append(Scored(offer.name, None, sum(points.values()), offer.price, points))
        ranks = _rank([(s.name, s.total or 0.0) for s in scored], higher_is_better=True)
    else:
        scored = []
        for offer in rankable:
            price = offer.price or 0.0
            deductions = {key: (c.deduction_sek or 0.0) * share(offer.points, scales, key)
                          + price * (c.deduction_pct or 0.0) / 100 * share(offer.points, scales, key)
                          for key, c in model.criteria.items()}
            scored.append(Scored(offer.name, None, None, price - sum(deductions.values()), deductions))
        ranks = _rank([(s.name, s.comparison_price or 0.0) for s in scored], higher_is_better=False)
    for s in scored:
        s.rank = ranks[s.name]
    return sorted(scored, key=lambda s: (s.rank, s.name)) + out


@dataclass(frozen=True)
class Sensitivity:
    criterion: str
    value: float  # the weight (price_quality) or the deduction (price_deduction) as stated
    change: float | None  # the smallest change of value at which the winner changes; None: no change within range
    new_winner: str | None

    def as_json(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "value": self.value, "change": _round(self.change),
                "new_winner": self.new_winner}


def sensitivity(model: AwardModel, offers: Sequence[Offer], scales: Mapping[str, float]) -> list[Sensitivity]:
    """For each weight (or deduction): how far it must move before the winner changes.

    Price–quality: moving one weight by δ rescales the others in proportion so that the sum stays
    100; every offer's total is then linear in δ, so the crossing with each rival is solved exactly
    and the nearest crossing within the weight's range (0–100) is reported. Price deduction: the
    comparison price is linear in each deduction, solved the same way (the deduction stays ≥ 0).
    """
    ranked = [s for s in score(model, offers, scales) if s.rank is not None]
    if len(ranked) < 2:
        return []
    by_name = {o.name: o for o in offers}
    winner = by_name[ranked[0].name]
    rivals = [by_name[s.name] for s in ranked[1:]]
    out = []
    if model.model == "price_quality":
        weights = model.weights()
        lowest = min(o.price for o in [winner, *rivals] if o.price) if model.price else None

        def x(offer: Offer, key: str) -> float:
            if key == PRICE:
                return lowest / offer.price if lowest and offer.price else 0.0
            return share(offer.points, scales, key)

        for key, w in weights.items():
            rest = 100 - w
            best: tuple[float, str] | None = None
            for rival in rivals:
                if rest <= EPS:
                    continue
                r_w = sum(weights[k] * x(winner, k) for k in weights if k != key)
                r_o = sum(weights[k] * x(rival, k) for k in weights if k != key)
                a = (w * x(winner, key) + r_w) - (w * x(rival, key) + r_o)
                b = (x(winner, key) - x(rival, key)) - (r_w - r_o) / rest
                if abs(b) <= EPS:
                    continue
                delta = -a / b
                # strictly inside the range: a tie reached only at 0 or 100 is not a change of winner
                if -w + EPS < delta < rest - EPS and (best is None or abs(delta) < abs(best[0])):
                    best = (delta, rival.name)
            out.append(Sensitivity(key, w, best[0] if best else None, best[1] if best else None))
    elif model.model == "price_deduction":
        for key, c in model.criteria.items():
            value = c.deduction_sek if c.deduction_sek is not None else c.deduction_pct or 0.0

            def per_unit(offer: Offer, key: str = key, c=c) -> float:  # how much one unit of the deduction lowers the comparison price
                q = share(offer.points, scales, key)
                return q if c.deduction_sek is not None else (offer.price or 0.0) * q / 100

            base = {s.name: s.comparison_price or 0.0 for s in ranked}
            best = None
            for rival in rivals:
                a = base[rival.name] - base[winner.name]
                b = per_unit(winner) - per_unit(rival)  # d(rival - winner)/dδ
                if abs(b) <= EPS:
                    continue
                delta = -a / b
                upper = None if c.deduction_sek is not None else 100 - value
                if delta >= -value - EPS and (upper is None or delta <= upper) and (best is None or abs(delta) < abs(best[0])):
                    best = (delta, rival.name)
            out.append(Sensitivity(key, value, best[0] if best else None, best[1] if best else None))
    return out
