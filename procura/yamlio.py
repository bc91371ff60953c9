"""Safe YAML reading with errors that name file, line and field path.

Uses PyYAML's C loader when it is available (several times faster on a whole library), and
only the safe loaders: YAML from a pack never constructs Python objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from procura.errors import InputError, raise_all
from procura.files import read_bytes
from procura.models.condition import CONDITION_TAGS

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_YAML_BYTES = 1_000_000  # a requirement or profile is a few kB; more is a mistake or an attack

M = TypeVar("M", bound=BaseModel)


def read_text(path: Path, max_bytes: int = MAX_YAML_BYTES) -> str:
    """Read a UTF-8 text file (a BOM is accepted) with a size limit and a clear error."""
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path, "save the file as UTF-8") from None


def parse_yaml(text: str, where: str | Path) -> Any:
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader/CSafeLoader only
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", f"{where}{line}", "fix the syntax (indentation, colons, quotes)") from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", where) from None


def line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """1-based line of the node at ``loc`` in the YAML ``text`` (or of its nearest parent)."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if pair is None:
                return line
            line = pair[0].start_mark.line + 1  # the key's line: where the user wrote the field
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


_HINTS = {
    "missing": "add it",
    "extra_forbidden": "remove it or check the spelling",
    "literal_error": "use one of the allowed values",
    "enum": "use one of the allowed values",
}


def validation_errors(exc: ValidationError, text: str, where: str | Path, prefix: tuple = ()) -> list[InputError]:
    errors = []
    for err in exc.errors():
        loc = prefix + tuple(part for part in err["loc"] if not _is_union_tag(part))
        path = ".".join(str(p) for p in loc) or "(top level)"
        line = line_of(text, loc)
        place = f"{where}:{line}" if line else str(where)
        msg = err["msg"]
        if err["type"] == "missing":
            msg = "field required"
        elif err["type"] == "extra_forbidden":
            msg = "unknown field"
        errors.append(InputError(f"{path}: {msg}", place, _HINTS.get(err["type"])))
    return errors


def _is_union_tag(part: Any) -> bool:
        return isinstance(part, str) and part in CONDITION_TAGS


def load_model(path: Path, model: type[M], max_bytes: int = MAX_YAML_BYTES) -> M:
    """Read ``path`` as YAML and validate it as ``model``; every error names file:line and field."""
    text = read_text(path, max_bytes)
    data = parse_yaml(text, path)
    return validate(data, model, text, path)


def validate(data: Any, model: type[M], text: str, where: str | Path) -> M:
    if not isinstance(data, dict):
        raise InputError("expected a mapping of fields at the top level", where, f"see the {model.__name__.lower()} format in the README")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = validation_errors(exc, text, where)
        raise_all(errors)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=100)
