"""The procurement profile: what the officer describes once, and the choices they make."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from procura.models.requirement import ID_PATTERN, Level, Obligation, Role, Stage
from procura.models.text import Lang, Strict

KlassaLevel = Literal[0, 1, 2, 3, 4]


class Classification(Strict):
    """KLASSA consequence levels 0 (none) to 4 (extremely serious)."""

    confidentiality: KlassaLevel
    integrity: KlassaLevel
    availability: KlassaLevel


class Contract(Strict):
    years: float = Field(gt=0, le=20, description="length including options")
    framework: bool = False


class Hosting(Strict):
    data_location: Literal["any", "eu_eea", "sweden"] = "eu_eea"
    on_premises: bool = False
    note: str | None = None


class Choice(Strict):
    """The officer's choice for one requirement. Anything stricter than the profile justifies
    (a higher level or obligation, a stricter parameter, including what would not apply) needs a
    written ``justification``; it is printed in the document."""

    include: bool | None = None
    level: Level | None = None
    obligation: Obligation | None = None
    parameters: dict[str, float] = Field(default_factory=dict)
    justification: str | None = None
    accept: list[str] = Field(default_factory=list, description="checker rule IDs accepted for this requirement")


class OwnRequirement(Strict):
    """A free-text requirement the officer adds, in the document's language."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    text: str
    category: str
    obligation: Obligation = Obligation.bor
    role: Role = Role.teknisk_specifikation
    motive: str
    verification: str
    stages: list[Stage] = Field(default_factory=lambda: [Stage.anbud])
    justification: str | None = None


class PackRef(Strict):
    name: str
    version: str = "*"


class Profile(Strict):
    procura: Literal[1] = Field(default=1, description="profile format version")
    organisation: str
    title: str
    reference: str = Field(description="diarienummer")
    version: str = "1.0"
    date: dt.date | None = None
    language: Lang = "sv"
    products: list[str] = Field(min_length=1)
    estimated_value_sek: float = Field(gt=0)
    contract: Contract
    classification: Classification
    personal_data: Literal["none", "ordinary", "sensitive"]
    life_critical: bool = False
    users: list[Literal["residents", "staff", "relatives"]] = Field(default_factory=list)
    hosting: Hosting = Field(default_factory=Hosting)
    packs: list[PackRef] = Field(default_factory=list)
    choices: dict[str, Choice] = Field(default_factory=dict)
    own_requirements: list[OwnRequirement] = Field(default_factory=list)
    evaluation: dict[str, float] | None = Field(
        default=None, description="award weights per bör-requirement ID or 'price'; must sum to 100"
    )

    @model_validator(mode="after")
    def _own_ids_unique(self) -> Profile:
        ids = [r.id for r in self.own_requirements]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"own_requirements: duplicate id {', '.join(dupes)}")
        return self

    def facts(self) -> dict[str, Any]:
        """The facts level conditions read (see procura.models.condition.FACTS)."""
        return {
            "confidentiality": self.classification.confidentiality,
            "integrity": self.classification.integrity,
            "availability": self.classification.availability,
            "personal_data": self.personal_data,
            "life_critical": self.life_critical,
            "framework": self.contract.framework,
            "products": list(self.products),
            "users": list(self.users),
            "estimated_value_sek": self.estimated_value_sek,
            "contract_years": self.contract.years,
            "data_location": self.hosting.data_location,
            "labour_conditions": False,
        }
