"""Declarative conditions on a procurement profile — when a requirement or level applies.

A condition is data, never code. In YAML::

    when:
      any:
        - {fact: confidentiality, gte: 3}
        - {fact: life_critical, is: true}

Facts are the names in :data:`FACTS`; ordinal facts (classification levels, personal data)
compare with ``gte``/``lte``; list facts (products, users) with ``contains``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from procura.models.text import Strict

# fact name -> kind. Kept here so conditions are validated when the library loads.
FACTS: dict[str, str] = {
    "confidentiality": "level",  # KLASSA K 0-4
    "integrity": "level",  # KLASSA R 0-4
    "availability": "level",  # KLASSA T 0-4
    "personal_data": "personal_data",  # none < ordinary < sensitive
    "life_critical": "bool",
    "framework": "bool",
    "products": "list",
    "users": "list",
    "estimated_value_sek": "number",
    "contract_years": "number",
    "data_location": "enum",
    # set after the municipality's needs assessment (LOU 17 kap. 2 §); no profile field yet, so false until
    # the profile carries it — the officer includes AV-013 by choice, with the assessment as justification
    "labour_conditions": "bool",
    "stationary_alarms": "bool",  # profile alarms.stationary
    "mobile_alarms": "bool",  # profile alarms.mobile
    "alarm_reception": "bool",  # profile alarms.reception
}

PERSONAL_DATA_ORDER = {"none": 0, "ordinary": 1, "sensitive": 2}


class FactTest(Strict):
    """One test of one profile fact. Exactly one operator is given."""

    fact: Literal[tuple(FACTS)]  # type: ignore[valid-type]
    is_: bool | str | int | None = Field(default=None, alias="is")
    in_: list[str | int] | None = Field(default=None, alias="in")
    gte: int | float | str | None = None
    lte: int | float | str | None = None
    contains: str | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> FactTest:
        ops = [name for name in ("is_", "in_", "gte", "lte", "contains") if getattr(self, name) is not None]
        if len(ops) != 1:
            raise ValueError("give exactly one of is, in, gte, lte, contains")
        kind = FACTS[self.fact]
        op = ops[0]
        if op in ("gte", "lte") and kind not in ("level", "personal_data", "number"):
            raise ValueError(f"{op} compares ordered facts; {self.fact} is not ordered")
        if op == "contains" and kind != "list":
            raise ValueError(f"contains tests list facts; {self.fact} is not a list")
        if kind == "personal_data":
            for value in (self.gte, self.lte, self.is_, *(self.in_ or [])):
                if value is not None and value not in PERSONAL_DATA_ORDER:
                    raise ValueError(f"personal_data is one of {', '.join(PERSONAL_DATA_ORDER)}")
        return self

    @property
    def operator(self) -> str:
        for name in ("is_", "in_", "gte", "lte", "contains"):
            if getattr(self, name) is not None:
                return name.rstrip("_")
        raise AssertionError("validated to have one operator")

    @property
    def operand(self) -> Any:
        return getattr(self, self.operator + ("_" if self.operator in ("is", "in") else ""))

    def evaluate(self, facts: dict[str, Any]) -> bool:
        value = facts.get(self.fact)
        op, operand = self.operator, self.operand
        if FACTS[self.fact] == "personal_data":
            value = PERSONAL_DATA_ORDER.get(value, 0)
            operand = [PERSONAL_DATA_ORDER[v] for v in operand] if op == "in" else PERSONAL_DATA_ORDER[operand]
        if op == "is":
            return value == operand
        if op == "in":
            return value in operand
        if op == "contains":
            return operand in (value or [])
        if value is None:
            return False
        if op == "gte":
            return value >= operand
        return value <= operand


class AllOf(Strict):
    all: list[Condition]

    def evaluate(self, facts: dict[str, Any]) -> bool:
        return all(c.evaluate(facts) for c in self.all)


class AnyOf(Strict):
    any: list[Condition]

    def evaluate(self, facts: dict[str, Any]) -> bool:
        return any(c.evaluate(facts) for c in self.any)


class Not(Strict):
    not_: Condition = Field(alias="not")

    def evaluate(self, facts: dict[str, Any]) -> bool:
        return not self.not_.evaluate(facts)


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("fact", "all", "any", "not"):
            if key in value:
                return f"condition:{key}"
        return None
    return {FactTest: "condition:fact", AllOf: "condition:all", AnyOf: "condition:any", Not: "condition:not"}.get(type(value))


# the tags pydantic puts into an error's location; they are not keys the user wrote
CONDITION_TAGS = frozenset({"condition:fact", "condition:all", "condition:any", "condition:not"})


Condition = Annotated[
    Annotated[FactTest, Tag("condition:fact")] | Annotated[AllOf, Tag("condition:all")] | Annotated[AnyOf, Tag("condition:any")] | Annotated[Not, Tag("condition:not")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message="a condition is a mapping with one of: fact, all, any, not",
    ),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


def matched_tests(condition: Condition, facts: dict[str, Any]) -> list[FactTest]:
    """The fact tests that made ``condition`` true — the 'why' of a right-sizing decision."""
    if isinstance(condition, FactTest):
        return [condition] if condition.evaluate(facts) else []
    if isinstance(condition, AllOf):
        if not condition.evaluate(facts):
            return []
        return [t for c in condition.all for t in matched_tests(c, facts)]
    if isinstance(condition, AnyOf):
        return [t for c in condition.any if c.evaluate(facts) for t in matched_tests(c, facts)]
    return []  # a negation names no fact that "drove" the decision


def facts_used(condition: Condition) -> list[str]:
    """Every fact a condition reads, in order of first use."""
    if isinstance(condition, FactTest):
        return [condition.fact]
    children = (
        condition.all if isinstance(condition, AllOf) else condition.any if isinstance(condition, AnyOf) else [condition.not_]
    )
    seen: list[str] = []
    for child in children:
        for fact in facts_used(child):
            if fact not in seen:
                seen.append(fact)
    return seen
