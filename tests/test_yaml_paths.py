"""parse_yaml's quick path for documents without aliases gives exactly what PyYAML's full constructor gives:
the same value (types included) or the same error, for every YAML file procura ships and for odd documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procura.errors import ProcuraError
from procura.yamlio import MAX_YAML_NODES, _parse_graph, dump_yaml, parse_yaml

ROOT = Path(__file__).resolve().parent.parent

ODD = [
    "a: 1\nb: [1, 2.5, .inf, -.nan, 0x1f, 0o7, 1_000, 1:30, +12]\nc: ~\nd: yes\ne: 2024-01-02\nf: 2024-01-02 10:00:00Z\n",
    "? [a, b]\n: c\n",  # an unhashable key
    "? {a: 1}\n: c\n",
    "<<: {a: 1}\nb: 2\n",  # a merge key without an alias
    "a: {<<: [{x: 1}, {y: 2}], z: 3}\n",
    "=: 1\n",  # a value key
    "a: =\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!omap [b: 1]\n",
    "a: !foo x\n",  # an unknown tag
    "a: !!python/object:os.system x\n",
    "a: b: c\n",  # a syntax error
    "a: 'open\n",
    "- a\n- {b: c}\n---\n- d\n",  # two documents
    "",
    "# only a comment\n",
    "a: 2024-13-45\n",  # a timestamp the constructor refuses
    "{a, b, c}\n",
    "a: &x 1\nb: 2\n",  # an anchor without an alias
    "a: !!str 1\nb: !!int '3'\nc: !!float '1'\nd: !!bool 'yes'\ne: !!null ''\n",
    "a: !!int x\n",
    "[" * 150 + "]" * 150,  # deeper than the quick path goes
    "a:\n  b:\n    c: [1, {d: e}]\n",
    "a: 1\na: 2\nb: 3\n",  # a duplicate key: the last wins, in the first one's place
    "1: x\n1.5: y\ntrue: z\nnull: w\n2024-01-01: v\n",
    "'*': x\n",
    "\ufeffa: 1\n",
    "a: |\n  line\n  line\nb: >\n  folded\n  text\n",
    "[" + ", ".join(["1"] * (MAX_YAML_NODES + 5)) + "]",  # more values than the limit, without an alias
    "[" + ", ".join(["1"] * (MAX_YAML_NODES - 1)) + "]",  # exactly the limit
]


def outcome(parse, text: str):
    try:
        return "value", repr(parse(text, "doc.yaml"))
    except ProcuraError as exc:
        return "error", str(exc)
    except Exception as exc:  # noqa: BLE001 - what escapes must escape alike
        return "exception", type(exc).__name__, str(exc)


def shipped_yaml() -> list[Path]:
    folders = [ROOT / "requirement_library", ROOT / "templates", ROOT / "examples"]
    return sorted(p for folder in folders for p in folder.rglob("*.y*ml"))


def test_the_shipped_yaml_files_are_many():
    assert len(shipped_yaml()) > 150


@pytest.mark.parametrize("path", shipped_yaml(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_yaml_file_reads_the_same_both_ways(path):
    text = path.read_text(encoding="utf-8-sig")
    assert outcome(parse_yaml, text) == outcome(_parse_graph, text)


@pytest.mark.parametrize("text", ODD)
def test_odd_documents_read_the_same_both_ways(text):
    assert outcome(parse_yaml, text) == outcome(_parse_graph, text)


def test_the_value_limit_holds_without_aliases():
    assert outcome(parse_yaml, ODD[-2])[0] == "error" and "expands to more than" in outcome(parse_yaml, ODD[-2])[1]
    assert outcome(parse_yaml, ODD[-1])[0] == "value"


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                    st.sampled_from(["yes", "No", "~", "1:20", "0x1F", "2024-02-30", "<<", "=", "1_000", ".NaN", "*a"]))
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5)
                         | st.dictionaries(st.one_of(st.text(max_size=8), st.integers(), st.booleans()), inner, max_size=5),
                         max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_dumped_documents_read_the_same_both_ways(data):
    text = dump_yaml(data)
    assert outcome(parse_yaml, text) == outcome(_parse_graph, text)
