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


class Volumes(Strict):
    """How much of one product area is bought: the sizes a supplier dimensions the service for."""

    individuals: int | None = Field(default=None, ge=0, description="individuals (enskilda) using it")
    devices: int | None = Field(default=None, ge=0, description="connected devices")
    staff_users: int | None = Field(default=None, ge=0, description="staff users")
    concurrent_users: int | None = Field(default=None, ge=0, description="concurrent users at peak")

    @model_validator(mode="after")
    def _one_given(self) -> Volumes:
        if all(v is None for v in (self.individuals, self.devices, self.staff_users, self.concurrent_users)):
            raise ValueError("give at least one of individuals, devices, staff_users, concurrent_users")
        return self


class Systems(Strict):
    """The municipality's existing systems the solution integrates with, by product name."""

    care_record: str | None = Field(default=None, description="care record system (verksamhetssystem för social dokumentation)")


class Alarms(Strict):
    """What a safety-alarm procurement covers."""

    stationary: bool = Field(description="stationary alarms in the home")
    mobile: bool = Field(description="mobile (GPS) alarms")
    reception: bool = Field(description="alarm reception is bought from the supplier")


class Trainees(Strict):
    administrators: int = Field(ge=0)
    super_users: int = Field(ge=0)


class PriceIndex(Strict):
    name: str = Field(min_length=1, description="the index by name and publisher, e.g. Konsumentprisindex (KPI), SCB")
    base_month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")


class Annexes(Strict):
    """Documents the specification points at, as the procurement documents name them."""

    dpa: str | None = Field(default=None, description="the data processing agreement, e.g. 'bilaga 4, Personuppgiftsbiträdesavtal'")
    risk_assessment: str | None = None


SECTION_NAMES = ("background", "scope", "definitions", "delivery")


class Sections(Strict):
    """The officer's own chapters, as Markdown files (paths relative to the profile)."""

    background: str | None = None
    scope: str | None = None
    definitions: str | None = None
    delivery: str | None = None


class DocumentOptions(Strict):
    """What the supplier document shows besides the requirement texts."""

    motive: bool = True
    sources: bool = False


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
    volumes: dict[str, Volumes] = Field(default_factory=dict, description="per product area")
    systems: Systems = Field(default_factory=Systems)
    alarms: Alarms | None = None
    trainees: Trainees | None = None
    languages: list[str] | None = Field(default=None, description="languages besides Swedish, in the document's language")
    price_index: PriceIndex | None = None
    annexes: Annexes = Field(default_factory=Annexes)
    sections: Sections = Field(default_factory=Sections)
    document: DocumentOptions = Field(default_factory=DocumentOptions)
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
            # None: the profile does not say (a condition on it is a missing fact, never silently false)
            "stationary_alarms": self.alarms.stationary if self.alarms else None,
            "mobile_alarms": self.alarms.mobile if self.alarms else None,
            "alarm_reception": self.alarms.reception if self.alarms else None,
        }
