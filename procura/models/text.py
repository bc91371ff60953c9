"""Bilingual text: every human text procura holds exists in Swedish and, ideally, English."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")


class Strict(BaseModel):
    """Base of every model read from a file: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """A text in Swedish and English. At least one language must be given."""

    sv: str | None = None
    en: str | None = None

    @model_validator(mode="after")
    def _one_language(self) -> Text:
        if not (self.sv or self.en):
            raise ValueError("give the text in Swedish (sv) and English (en)")
        return self

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, falling back to the other language rather than nothing."""
        value = self.sv if lang == "sv" else self.en
        return value or self.en or self.sv or ""

    def languages(self) -> set[str]:
        return {lang for lang in LANGS if getattr(self, lang)}
