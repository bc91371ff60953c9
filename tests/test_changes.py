"""What changed since the last build, read from two builds' JSON."""

from __future__ import annotations

import shutil

from helpers import REPO

from procura.build import BuildOptions, build
from procura.changes import changes_between, read_build
from procura.library import load_library
from procura.profile_edit import update_choice


def test_a_second_build_lists_the_excluded_requirement_and_the_raised_parameter(tmp_path):
    profile = tmp_path / "larm.yaml"
    shutil.copy(REPO / "examples" / "trygghetslarm.yaml", profile)
    out = tmp_path / "out"
    build(profile, BuildOptions(out_dir=out))
    first = read_build(out / "kravspecifikation.json")
    assert changes_between(None, first) == []
    assert changes_between(first, first) == []
    library = load_library()
    update_choice(profile, "IO-103", {"include": False}, library)
    build(profile, BuildOptions(out_dir=out))
    second = read_build(out / "kravspecifikation.json")
    changes = changes_between(first, second)
    assert [(c.kind, c.id) for c in changes] == [("removed", "IO-103")]
    assert "IO-103" in changes[0].describe("sv") and "IO-103" in changes[0].describe("en")
    back = changes_between(second, first)
    assert [(c.kind, c.id) for c in back] == [("added", "IO-103")]


def test_changed_level_and_parameters_are_named():
    old = {"requirements": [{"id": "A-1", "title": "T", "level": "bas", "obligation": "ska", "text": "x",
                             "parameters": [{"label": "Tid", "text": "4 timmar"}]}]}
    new = {"requirements": [{"id": "A-1", "title": "T", "level": "avancerad", "obligation": "bor", "text": "y",
                             "parameters": [{"label": "Tid", "text": "2 timmar"}]}]}
    kinds = {c.kind: c for c in changes_between(old, new)}
    assert set(kinds) == {"level", "obligation", "parameters"}
    assert kinds["parameters"].old == "Tid 4 timmar" and kinds["parameters"].new == "Tid 2 timmar"


def test_an_unreadable_previous_build_counts_as_none(tmp_path):
    path = tmp_path / "kravspecifikation.json"
    path.write_text("{not json", encoding="utf-8")
    assert read_build(path) is None
    assert read_build(tmp_path / "missing.json") is None
