"""The award model: how tenders that meet every ska-krav are compared, ranked and tested for sensitivity."""

from procura.award.hedge import hedge
from procura.award.model import PRICE, AwardModel, Criterion, PriceLine
from procura.award.score import Offer, Scored, Sensitivity, score, sensitivity

__all__ = ["PRICE", "AwardModel", "Criterion", "Offer", "PriceLine", "Scored", "Sensitivity", "hedge", "score",
           "sensitivity"]
