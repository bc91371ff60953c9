"""The one number type of procura's models: a float that is finite.

YAML reads ``.nan``, ``.inf`` and ``-.inf`` as floats, and JSON readers accept ``NaN`` and
``Infinity``; none of them is a value a requirement, a weight or a contract can have, and every
later step (comparisons, sums, printing "99,5 %") would go wrong with them. Every number that
enters a model is therefore a :data:`Finite`, and pydantic rejects the others with the field's
path ("choices.IN-001.parameters.availability_pct: Input should be a finite number").
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AllowInfNan, TypeAdapter

Finite = Annotated[float, AllowInfNan(False)]

_FINITE = TypeAdapter(Finite)


def finite(value: object) -> float:
    """``value`` as a finite float; ValueError (pydantic's ValidationError) otherwise."""
    return _FINITE.validate_python(value)
