"""The library cache: used when nothing changed, never stale, never in the way."""

import pytest
from helpers import library_copy, requirement

from procura.library import cache, load_library
from procura.library import loader as loader_module


@pytest.fixture
def lib_root(tmp_path):
    root = library_copy(tmp_path)
    requirement(root, "IS-001", "informationssakerhet")
    requirement(root, "DS-001", "dataskydd")
    return root


def test_second_load_comes_from_the_cache(lib_root, monkeypatch):
    first = load_library(lib_root)
    assert list(cache.cache_dir().glob("library-*.json"))
    monkeypatch.setattr(loader_module, "load_placed_requirement", lambda *a: pytest.fail("YAML was parsed again"))
    second = load_library(lib_root)
    assert {k: v.requirement for k, v in second.requirements.items()} == {k: v.requirement for k, v in first.requirements.items()}
    assert second.requirements["IS-001"].path == lib_root / "informationssakerhet" / "IS-001.yaml"


def test_a_changed_file_is_never_served_stale(lib_root):
    load_library(lib_root)
    path = lib_root / "informationssakerhet" / "IS-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Krav IS-001", "Ändrad titel"), encoding="utf-8")
    assert load_library(lib_root).get("IS-001").title.sv == "Ändrad titel"
    path.unlink()
    assert "IS-001" not in load_library(lib_root).requirements


def test_invalid_files_still_fail_after_a_cached_load(lib_root):
    load_library(lib_root)
    (lib_root / "dataskydd" / "DS-001.yaml").write_text("id: DS-001\n", encoding="utf-8")
    with pytest.raises(Exception, match="DS-001.yaml"):
        load_library(lib_root)


def test_a_corrupt_or_unwritable_cache_is_ignored(lib_root, tmp_path, monkeypatch):
    load_library(lib_root)
    for path in cache.cache_dir().glob("library-*.json"):
        path.write_text("{not json")
    assert len(load_library(lib_root)) == 2
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(load_library(lib_root)) == 2
