"""Human-readable text of conditions and facts, in Swedish and English."""

from __future__ import annotations

from typing import Any

from procura.i18n import number, t
from procura.models.condition import AllOf, AnyOf, Condition, FactTest, matched_tests
from procura.models.text import Lang


def value_text(value: Any, lang: Lang) -> str:
    if isinstance(value, bool):
        return t(f"value.{str(value).lower()}", lang)
    if isinstance(value, (int, float)):
        return number(value, lang)
    if isinstance(value, list):
        return ", ".join(value_text(v, lang) for v in value)
    key = f"value.{value}"
    from procura.i18n import catalogue

    return catalogue(lang).get(key, str(value))


def describe(condition: Condition, lang: Lang, facts: dict[str, Any] | None = None) -> str:
    """E.g. 'tillgänglighet (T) ≥ 3 (profil: 4) eller livskritisk = ja (profil: ja)'."""
    if isinstance(condition, FactTest):
        text = f"{t(f'fact.{condition.fact}', lang)} {t(f'op.{condition.operator}', lang)} {value_text(condition.operand, lang)}"
        if facts is not None:
            text += f" ({t('reason.profile_value', lang, value=value_text(facts.get(condition.fact), lang))})"
        return text
    if isinstance(condition, (AllOf, AnyOf)):
        parts = condition.all if isinstance(condition, AllOf) else condition.any
        joiner = f" {t('op.all' if isinstance(condition, AllOf) else 'op.any', lang)} "
        texts = [describe(c, lang, facts) for c in parts]
        return joiner.join(f"({x})" if len(parts) > 1 and not isinstance(c, FactTest) else x for c, x in zip(parts, texts, strict=True))
    return f"{t('op.not', lang)} ({describe(condition.not_, lang, facts)})"


def describe_true(condition: Condition, lang: Lang, facts: dict[str, Any]) -> str:
    """Only the tests that made ``condition`` true, joined with "och"/"and": a reason never quotes a
    condition that is false ("K ≥ 3 (profil: 2)"). A negation is described as written."""
    tests = matched_tests(condition, facts)
    if not tests:
        return describe(condition, lang, facts)
    unique = list({id(x): x for x in tests}.values())
    return f" {t('op.all', lang)} ".join(describe(x, lang, facts) for x in unique)
