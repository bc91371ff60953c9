"""Safe YAML reading with errors that name file, line and field path.

Uses PyYAML's C loader when it is available (several times faster on a whole library), and
only the safe loaders: YAML from a pack never constructs Python objects. A document without an
alias (no ``*`` in it, as every requirement file) is built by one walk over the composed tree
that also counts its nodes; anything else, and anything that walk does not take, goes through
PyYAML's constructor after the alias-expansion count. Both give the same values and errors
(tests/test_yaml_paths.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from procura.errors import InputError, raise_all
from procura.files import read_text as _read_text
from procura.models.condition import CONDITION_TAGS

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MAX_YAML_BYTES = 1_000_000  # a requirement or profile is a few kB; more is a mistake or an attack
# Aliases (*name) let a few bytes stand for an exponential tree ("billion laughs"): a document may
# hold at most this many nodes once every alias is expanded. The shipped library's largest file
# has a few hundred; PyYAML's own C parser already refuses nesting deeper than 1000 levels.
MAX_YAML_NODES = 200_000

M = TypeVar("M", bound=BaseModel)


def read_text(path: Path, max_bytes: int = MAX_YAML_BYTES) -> str:
    """Read a UTF-8 text file (a BOM is accepted) with a size limit and a clear error."""
    return _read_text(path, max_bytes)


def expanded_size(node: yaml.Node | None, limit: int = MAX_YAML_NODES) -> int:
    """How many nodes ``node`` stands for once aliases are expanded (counting stops past ``limit``).

    Aliases make the composed graph a DAG whose shared parts count once per use; the size of each
    node is computed once (post-order, no recursion), so a bomb is measured in linear time.
    Raises ValueError for an alias that refers to the node it is inside (a cycle).
    """
    if node is None:
        return 0
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        children = _children(current)
        if done:
            on_path.discard(key)
            sizes[key] = min(limit + 1, 1 + sum(sizes[id(c)] for c in children))
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise ValueError("an alias refers to the node it is inside")
        on_path.add(key)
        stack.append((current, True))
        for child in children:
            if id(child) in on_path:
                raise ValueError("an alias refers to the node it is inside")
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class _Unusual(Exception):
    """The document needs PyYAML's full constructor (a tag, key or nesting the plain walk does not take)."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# scalars the safe constructor turns into a value with a plain function (no state, no generator)
_SCALARS = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                      "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"})
_MAX_PLAIN_DEPTH = 100


class _TreeLoader(SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader with the resolver's per-node work done once: the C composer calls ``resolve`` and
    ``descend_resolver``/``ascend_resolver`` for every node, and the safe resolver has no path resolvers
    and no wildcard implicit resolvers, so the tag of a node depends only on its kind and value."""

    _by_first = {key: tuple(resolvers) for key, resolvers in SafeLoader.yaml_implicit_resolvers.items()}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


# the shortcuts above hold only while the safe resolver has neither (PyYAML's, unchanged since 3.x)
_TREE_LOADER = _TreeLoader if not SafeLoader.yaml_path_resolvers and None not in SafeLoader.yaml_implicit_resolvers else SafeLoader


def _plain(loader: Any, node: yaml.Node, depth: int, count: list[int]) -> Any:
    """``node`` as the safe constructor builds it, for a tree without aliases; ``count[0]`` counts the nodes.

    Takes only strings, mappings with scalar keys (no merge ``<<`` or value ``=`` keys), sequences and
    the plain scalars; anything else raises _Unusual and the caller uses PyYAML's constructor."""
    count[0] += 1
    tag = node.tag
    if tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    if depth > _MAX_PLAIN_DEPTH:
        raise _Unusual
    if tag == _MAP and type(node) is yaml.MappingNode:
        mapping = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Unusual
            key_tag = key_node.tag
            if key_tag == _STR:
                key = key_node.value
                count[0] += 1
            elif key_tag in _SCALARS:
                key = _plain(loader, key_node, depth + 1, count)
            else:
                raise _Unusual
            mapping[key] = _plain(loader, value_node, depth + 1, count)
        return mapping
    if tag == _SEQ and type(node) is yaml.SequenceNode:
        return [_plain(loader, child, depth + 1, count) for child in node.value]
    if tag in _SCALARS and type(node) is yaml.ScalarNode:
        return loader.yaml_constructors[tag](loader, node)
    raise _Unusual


def parse_yaml(text: str, where: str | Path) -> Any:
    if "*" not in text:  # no alias (*name) can occur: the nodes form a tree, counted while it is built
        try:
            return _parse_tree(text, where)
        except _Unusual:
            pass
    return _parse_graph(text, where)


def _parse_tree(text: str, where: str | Path) -> Any:
    """parse_yaml for a document without aliases: the same value and the same errors as :func:`_parse_graph`."""
    try:
        loader = _TREE_LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            count = [0]
            data = _plain(loader, node, 0, count)
            if count[0] > MAX_YAML_NODES:
                raise InputError(f"the YAML expands to more than {MAX_YAML_NODES} values (through aliases *name)", where,
                                 "write the values out; aliases that multiply content are refused")
            return data
        finally:
            loader.dispose()
    except InputError:
        raise
    except Exception:  # a syntax error, or a scalar the constructor refuses: raised again, the same, by the full path
        raise _Unusual from None


def _parse_graph(text: str, where: str | Path) -> Any:
    try:
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
            try:
                size = expanded_size(node)
            except ValueError as exc:
                raise InputError(f"invalid YAML: {exc}", where, "write the values out instead of using a recursive alias") from None
            if size > MAX_YAML_NODES:
                raise InputError(f"the YAML expands to more than {MAX_YAML_NODES} values (through aliases *name)", where,
                                 "write the values out; aliases that multiply content are refused")
            return loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
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
