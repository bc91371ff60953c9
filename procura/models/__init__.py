"""Pydantic models of procura's data. No I/O here."""

from procura.models.catalog import Category, ProductArea
from procura.models.condition import Condition, FactTest
from procura.models.profile import Choice, OwnRequirement, Profile
from procura.models.requirement import (
    LEVEL_ORDER,
    Level,
    LevelSpec,
    Obligation,
    Parameter,
    Requirement,
    Role,
    Source,
    Stage,
    Verification,
)
from procura.models.text import LANGS, Lang, Text

__all__ = [
    "LANGS", "LEVEL_ORDER", "Category", "Choice", "Condition", "FactTest", "Lang", "Level", "LevelSpec",
    "Obligation", "OwnRequirement", "Parameter", "ProductArea", "Profile", "Requirement", "Role", "Source",
    "Stage", "Text", "Verification",
]
