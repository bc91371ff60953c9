"""The requirement: one reusable, right-sized demand with its levels, motive, verification and sources."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from procura.models.condition import Condition
from procura.models.numbers import Finite
from procura.models.text import LANGS, Strict, Text

ID_PATTERN = r"^(?:[a-z0-9][a-z0-9-]*:)?[A-Z][A-Z0-9]*-[A-Z0-9][A-Z0-9-]*$"
PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")
# {{profile.NAME}}: a fact only the municipality knows, filled from the profile (docs/library.md "Profile facts")
PROFILE_PLACEHOLDER = re.compile(r"\{\{\s*profile\.([a-z][a-z0-9_]*)\s*\}\}")
PROFILE_TEXT_FACTS = (
    "volumes", "care_record_system", "trainees", "languages", "price_index", "base_month", "turnover_amount",
    "estimated_value", "data_location", "dpa_annex", "risk_assessment_annex",
)

# The unit vocabulary: a key, written as a word in each language by the catalogue (unit.<key>.one/other).
UNITS = ("", "percent", "seconds", "minutes", "hours", "calendar_days", "working_days", "weeks", "months", "years",
         "sek", "msek", "kbit_per_s", "metres", "count")
# the symbols packs written before unit keys used, read as their keys; "d" (dagar) is read as calendar days,
# as Swedish contract text reads "dagar" that does not say arbetsdagar
LEGACY_UNITS = {"%": "percent", "s": "seconds", "min": "minutes", "h": "hours", "d": "calendar_days", "MSEK": "msek",
                "kbit/s": "kbit_per_s", "m": "metres"}


class Level(StrEnum):
    """Upphandlingsmyndigheten's ambition levels, in rising order."""

    bas = "bas"
    avancerad = "avancerad"
    spjutspets = "spjutspets"

    @property
    def rank(self) -> int:
        return LEVEL_ORDER.index(self)


LEVEL_ORDER = [Level.bas, Level.avancerad, Level.spjutspets]


class Role(StrEnum):
    kvalificeringskrav = "kvalificeringskrav"
    teknisk_specifikation = "teknisk_specifikation"
    tilldelningskriterium = "tilldelningskriterium"
    sarskilt_kontraktsvillkor = "sarskilt_kontraktsvillkor"


class Obligation(StrEnum):
    ska = "ska"  # mandatory: a tender that fails it must be rejected
    bor = "bor"  # desirable: evaluated, never a reason to reject

    @property
    def rank(self) -> int:
        return 1 if self is Obligation.ska else 0


class Stage(StrEnum):
    anbud = "anbud"  # at tender
    leverans = "leverans"  # at delivery
    avtalstid = "avtalstid"  # during the contract


class Source(Strict):
    """A legal or standard source: citation as written in Swedish practice, and where it is stated."""

    citation: str
    url: HttpUrl
    note: Text | None = None
    # for a standard: whether its text can be read without paying (true), only bought (false),
    # or not known (null). Laws, guidance and cases leave it out.
    free: bool | None = None


class Verification(Strict):
    method: Text
    stages: list[Stage] = Field(min_length=1)


class LevelSpec(Strict):
    """The requirement's text at one ambition level and when the profile needs that level.

    ``when`` absent on ``bas`` means always; absent on a higher level means only by the
    officer's explicit choice.
    """

    text: Text
    when: Condition | None = None
    verification: Text | None = Field(default=None, description="this level's evidence, when it differs from the requirement's")


class Parameter(Strict):
    """A number in the text (``{{name}}``) with a default per level and proportionate bounds.

    ``stricter`` says which direction is the stricter one; ``proportionate`` is the far end beyond
    which a value is disproportionate for an ordinary municipal procurement.
    """

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    unit: str = Field(default="", description="a key from the unit vocabulary (UNITS): written as a word in each language")
    defaults: dict[Level, Finite] = Field(min_length=1, description="a default for every level whose text uses it")
    stricter: Literal["higher", "lower"]
    proportionate: Finite | None = None
    note: Text | None = None

    @field_validator("unit")
    @classmethod
    def _unit_is_a_key(cls, unit: str) -> str:
        unit = LEGACY_UNITS.get(unit, unit)
        if unit not in UNITS:
            raise ValueError(f"unit {unit!r} is not a unit key; use one of {', '.join(u for u in UNITS if u)} "
                             "(symbols such as d, h, min or % are not written in contract text)")
        return unit

    def is_stricter(self, value: float, than: float) -> bool:
        return value > than if self.stricter == "higher" else value < than

    def beyond_bounds(self, value: float) -> bool:
        return self.proportionate is not None and self.is_stricter(value, self.proportionate)


class Requirement(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    category: str
    role: Role
    obligation: Obligation
    products: list[str] = Field(default_factory=list)
    applies_when: Condition | None = None
    levels: dict[Level, LevelSpec] = Field(min_length=1)
    motive: Text
    verification: Verification
    sources: list[Source] = Field(default_factory=list)
    parameters: list[Parameter] = Field(default_factory=list)
    overreach: Text | None = None
    scoring: Text | None = None
    tags: list[str] = Field(default_factory=list)

    @field_validator("levels")
    @classmethod
    def _levels_in_order(cls, levels: dict[Level, LevelSpec]) -> dict[Level, LevelSpec]:
        return {level: levels[level] for level in LEVEL_ORDER if level in levels}

    @model_validator(mode="after")
    def _parameters_resolve(self) -> Requirement:
        names = {p.name for p in self.parameters}
        if len(names) != len(self.parameters):
            raise ValueError("parameter names must be unique")
        for level, spec in self.levels.items():
            for lang in LANGS:
                text = getattr(spec.text, lang) or ""
                if "{{" not in text:  # neither kind of placeholder: most texts (and the regular expressions cost more)
                    continue
                for used in PLACEHOLDER.findall(text):
                    if used not in names:
                        raise ValueError(f"levels.{level.value}.text.{lang} uses {{{{{used}}}}} but no parameter has that name")
                    param = next(p for p in self.parameters if p.name == used)
                    if level not in param.defaults:
                        raise ValueError(f"parameter {used} has no default for level {level.value}, whose text uses it")
                for used in PROFILE_PLACEHOLDER.findall(text):
                    if used not in PROFILE_TEXT_FACTS:
                        raise ValueError(f"levels.{level.value}.text.{lang} uses {{{{profile.{used}}}}}, which is not a "
                                         f"profile fact; use one of {', '.join(PROFILE_TEXT_FACTS)}")
        return self

    @property
    def lowest_level(self) -> Level:
        return next(iter(self.levels))

    def profile_facts(self, level: Level) -> list[str]:
        """The profile facts ({{profile.NAME}}) the text of ``level`` needs, in order of first use."""
        spec = self.levels[level]
        found = [m for lang in LANGS for m in PROFILE_PLACEHOLDER.findall(getattr(spec.text, lang) or "")]
        return list(dict.fromkeys(found))

    def languages(self) -> list[str]:
        """Languages in which every human text of this requirement is complete."""
        texts: list[Text] = [self.title, self.motive, self.verification.method]
        texts += [spec.text for spec in self.levels.values()]
        texts += [spec.verification for spec in self.levels.values() if spec.verification is not None]
        texts += [p.label for p in self.parameters]
        texts += [t for t in (self.overreach, self.scoring) if t is not None]
        return [lang for lang in LANGS if all(getattr(t, lang) for t in texts)]  # what Text.languages() tests
