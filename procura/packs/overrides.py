"""A pack's changes to library requirements, and how each change compares with the library.

Each :class:`Change` says whether it makes the requirement stricter, looser, or just different,
so the checker can treat a stricter override as possible overreach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from procura.errors import InputError
from procura.models import Obligation, Requirement
from procura.packs.model import Override

Direction = Literal["stricter", "looser", "changed"]


@dataclass(frozen=True)
class Change:
    id: str
    field: str  # e.g. "obligation", "levels", "parameters.availability_pct.bas", "levels.bas.text"
    direction: Direction
    old: Any
    new: Any


def apply_override(req: Requirement, override: Override, where: str) -> tuple[Requirement, list[Change]]:
    """The library requirement as the pack changes it, and what changed."""
    changes: list[Change] = []
    data = req.model_dump(mode="json", by_alias=True, exclude_none=True)
    if override.obligation is not None and override.obligation != req.obligation:
        direction: Direction = "stricter" if override.obligation is Obligation.ska else "looser"
        changes.append(Change(req.id, "obligation", direction, req.obligation.value, override.obligation.value))
        data["obligation"] = override.obligation.value
    levels = list(req.levels)
    keep = [lv for lv in levels
            if (override.min_level is None or lv.rank >= override.min_level.rank)
            and (override.max_level is None or lv.rank <= override.max_level.rank)]
    for bound in (override.min_level, override.max_level):
        if bound is not None and bound not in req.levels:
            raise InputError(f"overrides.{req.id}: {req.id} has no level {bound.value}", where,
                             f"use one of {', '.join(lv.value for lv in levels)}")
    if keep != levels:
        if override.min_level is not None and keep[0] != levels[0]:
            changes.append(Change(req.id, "levels", "stricter", levels[0].value, keep[0].value))
        if override.max_level is not None and keep[-1] != levels[-1]:
            changes.append(Change(req.id, "levels", "looser", levels[-1].value, keep[-1].value))
        data["levels"] = {lv.value: data["levels"][lv.value] for lv in keep}
        if keep[0] != levels[0]:
            data["levels"][keep[0].value].pop("when", None)  # the lowest level applies unconditionally
    params = {p["name"]: p for p in data.get("parameters", [])}
    for name, defaults in override.parameters.items():
        param = next((p for p in req.parameters if p.name == name), None)
        if param is None:
            raise InputError(f"overrides.{req.id}.parameters.{name}: {req.id} has no parameter {name}", where,
                             f"use one of {', '.join(params) or '(none)'}")
        for level, value in defaults.items():
            if level not in req.levels:
                raise InputError(f"overrides.{req.id}.parameters.{name}.{level.value}: {req.id} has no level {level.value}", where)
            old = param.defaults[level]
            if value != old:
                direction = "stricter" if param.is_stricter(value, old) else "looser"
                changes.append(Change(req.id, f"parameters.{name}.{level.value}", direction, old, value))
                params[name]["defaults"][level.value] = value
    for level, text in override.text.items():
        if level not in req.levels:
            raise InputError(f"overrides.{req.id}.text.{level.value}: {req.id} has no level {level.value}", where)
        new = text.model_dump(exclude_none=True)
        if new != data["levels"].get(level.value, {}).get("text"):
            changes.append(Change(req.id, f"levels.{level.value}.text", "changed", req.levels[level].text.model_dump(exclude_none=True), new))
            if level.value in data["levels"]:
                data["levels"][level.value]["text"] = new
    try:
        changed = Requirement.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"overrides.{req.id}: the changed requirement is invalid: {first['msg']}", where) from None
    return changed, changes


def summary(changes: list[Change]) -> Direction:
    directions = {c.direction for c in changes}
    if directions == {"stricter"} or directions == {"stricter", "changed"}:
        return "stricter"
    if directions == {"looser"} or directions == {"looser", "changed"}:
        return "looser"
    return "changed"

