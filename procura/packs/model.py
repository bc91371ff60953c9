"""pack.yaml: what a requirement pack is, who publishes it, and what it changes. No I/O here."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from procura.models import Level, Obligation, Text
from procura.models.numbers import Finite
from procura.models.requirement import LEVEL_ORDER
from procura.models.text import Strict
from procura.packs.semver import VERSION_PATTERN, Range, Version

FORMAT_VERSION = 1
# the pack name is the namespace of its requirement IDs (norrbacke-larm:IS-001), so it follows ID_PATTERN's prefix
NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{1,63}$"
# an SPDX licence identifier or expression: "CC-BY-4.0", "EUPL-1.2 OR MIT", "GPL-3.0-or-later WITH X"
SPDX_PATTERN = r"^\(?[A-Za-z0-9][A-Za-z0-9.+-]*\)?(?: (?:AND|OR|WITH) \(?[A-Za-z0-9][A-Za-z0-9.+-]*\)?)*$"
LIBRARY_ID = r"^[A-Z][A-Z0-9]*-[A-Z0-9][A-Z0-9-]*$"


class BothLanguages(Strict):
    """A text that must exist in Swedish and in English (a pack's title and description)."""

    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en


class Publisher(Strict):
    organisation: str = Field(min_length=1, description="the municipality or body that publishes the pack")
    url: HttpUrl | None = None
    contact: str | None = None


class Dependency(Strict):
    name: str = Field(pattern=NAME_PATTERN)
    version: str = Field(default="*", description="version range: *, 1.2.0, ^1.2, ~1.2, >=1.0,<2")

    @field_validator("version")
    @classmethod
    def _range(cls, value: str) -> str:
        Range.parse(value)
        return value

    @property
    def range(self) -> Range:
        return Range.parse(self.version)


class Override(Strict):
    """A change a pack makes to a requirement of the shipped library. The checker compares it with
    the library requirement: a stricter override is possible overreach and must say why."""

    id: str = Field(pattern=LIBRARY_ID, description="ID of the library requirement, e.g. IN-001")
    why: Text = Field(description="why the pack changes the library requirement")
    obligation: Obligation | None = None
    min_level: Level | None = Field(default=None, description="drop the levels below this one")
    max_level: Level | None = Field(default=None, description="drop the levels above this one")
    parameters: dict[str, dict[Level, Finite]] = Field(default_factory=dict, description="new parameter defaults per level")
    text: dict[Level, Text] = Field(default_factory=dict, description="new requirement text per level")

    @model_validator(mode="after")
    def _something(self) -> Override:
        if not (self.obligation or self.min_level or self.max_level or self.parameters or self.text):
            raise ValueError("an override changes at least one of obligation, min_level, max_level, parameters, text")
        if self.min_level and self.max_level and LEVEL_ORDER.index(self.min_level) > LEVEL_ORDER.index(self.max_level):
            raise ValueError("min_level is above max_level")
        return self


class PackMeta(Strict):
    """The contents of pack.yaml."""

    procura: Literal[1] = Field(default=FORMAT_VERSION, description="pack format version")
    name: str = Field(pattern=NAME_PATTERN, description="lowercase name; also the namespace of the pack's requirement IDs")
    version: str = Field(pattern=VERSION_PATTERN, description="semantic version: MAJOR.MINOR.PATCH")
    publisher: Publisher
    title: BothLanguages
    description: BothLanguages
    licence: str = Field(pattern=SPDX_PATTERN, description="SPDX licence identifier, e.g. CC-BY-4.0")
    products: list[str] = Field(default_factory=list, description="product areas of the library the pack is for")
    dependencies: list[Dependency] = Field(default_factory=list)
    overrides: list[Override] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> PackMeta:
        for what, names in (("dependencies", [d.name for d in self.dependencies]),
                            ("overrides", [o.id for o in self.overrides])):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"{what}: {', '.join(dupes)} listed twice")
        if self.name in {d.name for d in self.dependencies}:
            raise ValueError("a pack cannot depend on itself")
        return self

    @property
    def semver(self) -> Version:
        return Version.parse(self.version)

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"


def namespace_of(req_id: str) -> str | None:
    return req_id.split(":", 1)[0] if ":" in req_id else None


def pack_schema() -> dict:
    """JSON Schema of pack.yaml (printed by ``procura schema pack``)."""
    schema = PackMeta.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://procura.example/schema/pack-1.json"
    schema["title"] = "procura requirement pack (pack.yaml)"
    return schema

