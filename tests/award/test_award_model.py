"""The award model: scoring, ranking and sensitivity worked out by hand, and the profile forms it accepts."""

import pytest
from pydantic import ValidationError

from procura.award import AwardModel, Offer, hedge, score, sensitivity

SCALES = {"A": 2, "B": 1}
OFFERS = [Offer("X", 100, {"A": 2, "B": 0}), Offer("Y", 80, {"A": 0, "B": 1}), Offer("Z", 90, {"A": 1, "B": 1})]


def quality_model():
    return AwardModel.model_validate({"price": 60, "A": 20, "B": 20})


def test_short_form_is_price_quality_and_weights_must_sum_to_100():
    model = quality_model()
    assert model.model == "price_quality" and model.weights() == {"price": 60, "A": 20, "B": 20}
    assert "sum to 90" in AwardModel.model_validate({"price": 60, "A": 20, "B": 10}).sum_problem()
    assert model.sum_problem() is None
    with pytest.raises(ValidationError):
        AwardModel.model_validate({"price": float("nan"), "A": 100})


def test_price_quality_ranks_by_total_points():
    ranked = score(quality_model(), OFFERS, SCALES)
    assert [(s.name, s.rank) for s in ranked] == [("Z", 1), ("Y", 2), ("X", 3)]
    z = ranked[0]
    assert z.total == pytest.approx(60 * 80 / 90 + 10 + 20)
    assert z.points == pytest.approx({"price": 60 * 80 / 90, "A": 10, "B": 20})


def test_rejected_and_unpriced_offers_are_not_ranked():
    offers = [*OFFERS, Offer("R", 50, {"A": 2, "B": 1}, rejected=True), Offer("N", None, {"A": 2})]
    ranked = score(quality_model(), offers, SCALES)
    assert [(s.name, s.rank, s.reason) for s in ranked[-2:]] == [("R", None, "rejected"), ("N", None, "no_price")]
    # the rejected offer's low price does not set the benchmark for the others
    assert ranked[0].points["price"] == pytest.approx(60 * 80 / 90)


def test_sensitivity_finds_the_weight_change_that_changes_the_winner():
    found = {s.criterion: s for s in sensitivity(quality_model(), OFFERS, SCALES)}
    # price 60 -> 69.23 (the quality weights shrink in proportion) makes Y and Z equal
    assert found["price"].change == pytest.approx(9.2308, abs=1e-3) and found["price"].new_winner == "Y"
    moved = AwardModel.model_validate({"price": 60 + found["price"].change,
                                       "A": 20 * (1 - found["price"].change / 40), "B": 20 * (1 - found["price"].change / 40)})
    totals = {s.name: s.total for s in score(moved, OFFERS, SCALES)}
    assert totals["Y"] == pytest.approx(totals["Z"])
    # lowering A's weight helps Y (which has no A points): the crossing is negative
    assert found["A"].change < 0 and found["A"].new_winner == "Y"


def test_price_deduction_lowers_the_comparison_price():
    model = AwardModel.model_validate({"model": "price_deduction",
                                       "criteria": {"A": {"deduction_sek": 20}, "B": {"deduction_pct": 10}}})
    ranked = score(model, OFFERS, SCALES)
    prices = {s.name: s.comparison_price for s in ranked}
    assert prices == pytest.approx({"X": 100 - 20, "Y": 80 - 8, "Z": 90 - 10 - 9})
    assert [s.name for s in ranked] == ["Z", "Y", "X"]
    found = {s.criterion: s for s in sensitivity(model, OFFERS, SCALES)}
    # Z leads Y by 1 kr; A's deduction gives Z 10 kr per 20: lowering it by 2 kr ties them
    assert found["A"].change == pytest.approx(-2) and found["A"].new_winner == "Y"


def test_deduction_models_need_one_deduction_per_criterion():
    with pytest.raises(ValidationError, match="either deduction_sek or deduction_pct"):
        AwardModel.model_validate({"model": "price_deduction", "criteria": {"A": {"weight": 5}}})
    with pytest.raises(ValidationError, match="no quality criteria"):
        AwardModel.model_validate({"model": "lowest_price", "criteria": {"A": {"deduction_sek": 5}}})


@pytest.mark.parametrize("text", ["Ja, funktionen planeras till kvartal 3.", "Finns i kommande version.",
                                  "Ingår i vår roadmap", "Kan erbjudas mot tillägg", "Levereras vid behov",
                                  "Available in a future release", "Yes, at extra cost"])
def test_hedged_descriptions_are_found(text):
    assert hedge(text)


@pytest.mark.parametrize("text", ["Ja, se bilaga 3 avsnitt 2.", "Funktionen finns i nuvarande version 4.2.", ""])
def test_plain_descriptions_are_not_hedged(text):
    assert hedge(text) is None


@pytest.mark.parametrize(("cell", "expected"), [
    ("2 500 000 kr", 2_500_000), ("99,9 %", 99.9), ("1 234,50", 1234.5), ("1,234.50", 1234.5), ("1.234,5", 1234.5),
    ("2\u00a0500", 2500), (3, 3.0), (12.5, 12.5), ("1,234,567", 1234567), ("15 min", 15), ("45 SEK", 45),
])
def test_numbers_as_suppliers_type_them(cell, expected):
    from procura.award.values import parse_number
    assert parse_number(cell) == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["", None, "=A1*2", "ja", "ca 100", "1-2", float("nan"), float("inf"), True, "1e400"])
def test_what_is_not_one_number(cell):
    from procura.award.values import parse_number
    assert parse_number(cell) is None


def test_a_tie_reached_only_at_the_end_of_the_range_is_no_change_of_winner():
    model = AwardModel.model_validate({"price": 50, "A": 50})
    offers = [Offer("X", 100, {"A": 2}), Offer("Y", 90, {"A": 2})]
    # at A = 100 (price 0) the two tie, but Y never falls behind inside the range
    found = {s.criterion: s for s in sensitivity(model, offers, {"A": 2})}
    assert found["A"].change is None and found["price"].change is None


def test_points_scale_from_the_scoring_text():
    from procura.award.scale import max_points, scales_agree, unbounded
    assert max_points("2 poäng för a; 1 poäng för b; 0 poäng annars.") == 2
    assert max_points("1 point per report type, at most 4 points.") == 4
    assert max_points("Full poäng om x; annars inga poäng.") == 1
    assert max_points("Full points if x; half points if y.") == 2
    assert max_points(None) == 1
    assert not scales_agree("2 poäng för a; 0 poäng annars", "1 point for a; 0 points otherwise")
    assert unbounded("Poäng ges i proportion till drifttiden.") and not unbounded("2 poäng i proportion")
