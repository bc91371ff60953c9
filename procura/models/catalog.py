"""Categories and product areas: the library's two axes, defined in requirement_library/*.yaml."""

from __future__ import annotations

from pydantic import Field

from procura.models.text import Strict, Text


class Category(Strict):
    slug: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    prefix: str = Field(pattern=r"^[A-Z]{2,4}$")
    name: Text
    description: Text


class ProductArea(Strict):
    slug: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Text
    description: Text
    id_block: int = Field(ge=1, le=99, description="hundreds block of IDs specific to this area, e.g. 1 -> IS-101, 10 -> IS-1001")
