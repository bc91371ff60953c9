"""Loading a pack the fast way (one read per file, the quick YAML path, the cache) gives what a
straightforward load gives: the same requirements, the same findings, the same errors in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from procura.checks import check_pack
from procura.errors import ValidationErrors
from procura.library import Library, LoadedRequirement, load_library
from procura.models import Requirement
from procura.packs.pack import PACK_FILE, load_pack
from procura.yamlio import dump_yaml


def write_pack(root: Path, size: int) -> Path:
    """A pack of ``size`` requirements copied from the shipped library (levels, conditions, parameters,
    sources and scoring as the library has them), one in four with its English text left out."""
    library = list(load_library())
    root.mkdir(parents=True)
    (root / PACK_FILE).write_text(dump_yaml({
        "procura": 1, "name": "stor-kommun", "version": "1.0.0", "publisher": {"organisation": "Stor kommun"},
        "title": {"sv": "Stort kravpaket", "en": "Large requirement pack"},
        "description": {"sv": "För test.", "en": "For tests."}, "licence": "CC-BY-4.0", "products": []}), encoding="utf-8")
    for i in range(size):
        base = library[(i * 7) % len(library)]
        data = base.model_dump(mode="json", by_alias=True, exclude_none=True)
        prefix = base.id.split("-")[0]
        data["id"] = f"stor-kommun:{prefix}-{i + 1:04d}"
        if i % 4 == 3:
            for spec in data["levels"].values():
                spec["text"].pop("en", None)
                spec["text"].setdefault("sv", "Leverantören ska leverera.")
        (root / base.category).mkdir(exist_ok=True)
        (root / base.category / f"{prefix}-{i + 1:04d}.yaml").write_text(dump_yaml(data), encoding="utf-8")
    return root


def straightforward(pack_root: Path, pack) -> Library:
    """The pack's requirements read with plain PyYAML and validated one by one, in file order."""
    library = Library(pack_root, pack.library.categories, pack.library.products)
    for path in sorted(pack_root.glob("*/*.yaml")):
        req = Requirement.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        library.requirements[req.id] = LoadedRequirement(req, path, origin="x")
    return library


def findings_json(findings) -> list:
    return [f.to_json("en") for f in findings]


def test_a_pack_loads_and_checks_the_same_fast_cached_and_straightforward(tmp_path):
    root = write_pack(tmp_path / "stor-kommun", 120)
    cold = load_pack(root)
    warm = load_pack(root)  # from the cache this time
    plain = straightforward(root, cold)
    assert len(cold.requirements) == 120
    assert cold.requirements == plain_requirements(plain) == warm.requirements
    assert [str(r.path) for r in cold.library.requirements.values()] == [str(r.path) for r in plain.requirements.values()]
    expected = findings_json(check_pack(cold.__class__(root, cold.meta, plain)))
    assert expected  # the English texts left out give findings at least
    assert findings_json(check_pack(cold)) == expected == findings_json(check_pack(warm))


def plain_requirements(library: Library) -> dict:
    return {rid: loaded.requirement for rid, loaded in library.requirements.items()}


def test_an_installed_pack_is_parsed_from_the_bytes_that_were_verified(make_pack, packs_dir: Path, tmp_path, monkeypatch):
    from procura.packs.store import PackStore

    store = PackStore(packs_dir)
    installed = store.install(str(make_pack()))
    contents = store.verify_installed(installed)
    path = installed.path / "support" / "SF-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Svarstid för support", "Ändrad efteråt"), encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))  # nothing cached: the file is parsed
    pack = load_pack(installed.path, contents=contents)  # edited between the check and the load
    assert pack.requirements["norrbacke-larm:SF-001"].title.sv == "Svarstid för support"
    assert load_pack(installed.path).requirements["norrbacke-larm:SF-001"].title.sv == "Ändrad efteråt"


def test_every_broken_file_is_reported_in_file_order(make_pack):
    root = make_pack()
    good = (root / "support" / "SF-001.yaml").read_text(encoding="utf-8")
    (root / "support" / "SF-002.yaml").write_bytes(good.replace("SF-001", "SF-002").encode("utf-8").replace(
        b"Svarstid", "Svarstid \xe5".encode("latin-1")))
    (root / "support" / "SF-003.yaml").write_text("id: norrbacke-larm:SF-003\ntitle: [unclosed\n", encoding="utf-8")
    (root / "support" / "SF-004.yaml").write_text(good.replace("SF-001", "SF-004").replace("role: teknisk_specifikation",
                                                                                          "role: kanske"), encoding="utf-8")
    (root / "support" / "SF-005.yaml").write_bytes(b"# " + b"x" * 1_000_001 + b"\n")
    (root / "support" / "SF-006.yaml").write_text(good, encoding="utf-8")  # the ID of SF-001 again
    with pytest.raises(ValidationErrors) as raised:
        load_pack(root)
    messages = [str(e) for e in raised.value.errors]
    assert [m.split(":")[0].rsplit("/", 1)[-1] for m in messages] == [
        "SF-002.yaml", "SF-003.yaml", "SF-004.yaml", "SF-005.yaml", "SF-006.yaml"]
    assert "not UTF-8 text" in messages[0]
    assert "invalid YAML" in messages[1] and "SF-003.yaml:3" in messages[1]
    assert "role:" in messages[2] and "SF-004.yaml:6" in messages[2]
    assert "more than the limit of 1000000" in messages[3]
    assert "id norrbacke-larm:SF-001 does not match the file name" in messages[4]


def walked(root: Path, categories: list[str]) -> list[str]:
    """pack_files as it was written first, with os.walk and a stat per entry: the reference."""
    import os
    from pathlib import PurePosixPath

    from procura.errors import InputError
    from procura.packs.archive import MANIFEST_FILE
    from procura.packs.pack import EXTRA_FILES, OVERRIDES_DIR

    allowed_dirs = set(categories) | {OVERRIDES_DIR}
    found: list[str] = []
    stray: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root)
        for name in list(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (here / name).is_symlink():
                raise InputError("symbolic links are not allowed in a pack", here / name, "replace the link with the file")
        for name in filenames:
            path = here / name
            if path.is_symlink():
                raise InputError("symbolic links are not allowed in a pack", path, "replace the link with the file")
            if name.startswith("."):
                continue
            if not path.is_file():
                raise InputError("is not a regular file (a named pipe, device or socket)", path, "a pack holds only regular files")
            rel = PurePosixPath(*rel_dir.parts, name)
            if len(rel.parts) == 1 and (name in (PACK_FILE, MANIFEST_FILE) or name in EXTRA_FILES):
                if name != MANIFEST_FILE:
                    found.append(str(rel))
            elif len(rel.parts) == 2 and rel.parts[0] in allowed_dirs and name.endswith(".yaml"):
                found.append(str(rel))
            else:
                stray.append(str(rel))
    if stray:
        raise InputError(f"files that do not belong in a pack: {', '.join(sorted(stray)[:10])}", root,
                         "a pack holds pack.yaml, <category>/<ID>.yaml, overrides/<ID>.yaml, README.md, LICENSE and CHANGELOG.md")
    if PACK_FILE not in found:
        raise InputError("no pack.yaml", root, "create a pack with `procura pack new NAME`")
    return sorted(found)


def listing(list_files, root: Path, categories: list[str]):
    from procura.errors import InputError

    try:
        return list_files(root, categories)
    except InputError as exc:
        return str(exc)


TREES = {
    "a plain pack": {},
    "dotfiles and a .git folder": {".git/config": "x", ".git/objects/ab": "x", "support/.hidden.yaml": "x", ".DS_Store": "x"},
    "notes and a manifest": {"README.md": "x", "LICENSE": "x", "CHANGELOG.md": "x", "manifest.json": "{}"},
    "overrides": {"overrides/IS-001.yaml": "x"},
    "stray files": {"notes.txt": "x", "support/a.yml": "x", "support/deep/b.yaml": "x", "other/c.yaml": "x", "x" * 3 + "/y/z.md": "x"},
    "a symlinked file": {"@support/link.yaml": "SF-001.yaml"},
    "a symlinked folder": {"@linked": "support"},
    "a hidden symlinked folder": {"@.linked": "support"},
    "a hidden symlinked file": {"@support/.link.yaml": "SF-001.yaml"},
    "a broken symlink": {"@support/gone.yaml": "nowhere.yaml"},
    "a named pipe": {"|support/pipe.yaml": ""},
    "no pack.yaml": {"-pack.yaml": ""},
    "many folders": {f"{c}/X-{i}.yaml": "x" for c in ("support", "dataskydd", "leverans") for i in range(5)},
}


@pytest.mark.parametrize("name", list(TREES))
def test_pack_files_lists_and_refuses_as_the_os_walk_reference(name, make_pack):
    import os

    from procura.packs.pack import pack_files

    root = make_pack()
    for rel, content in TREES[name].items():
        kind, rel = (rel[0], rel[1:]) if rel[0] in "@|-" else ("", rel)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "@":
            path.symlink_to(content)
        elif kind == "|":
            os.mkfifo(path)
        elif kind == "-":
            path.unlink()
        else:
            path.write_text(content, encoding="utf-8")
    categories = list(load_library().categories)
    expected = listing(walked, root, categories)
    assert listing(pack_files, root, categories) == expected
    assert isinstance(expected, list) == (name in ("a plain pack", "dotfiles and a .git folder", "notes and a manifest",
                                                   "overrides", "many folders", "a hidden symlinked folder"))


def test_requirement_paths_are_the_glob_of_files(tmp_path):
    from procura.library.loader import requirement_paths

    root = tmp_path / "lib"
    for rel in ("a/X-1.yaml", "a/X-10.yaml", "a/X-2.yaml", "B/Y.yaml", "a/.hidden.yaml", ".dot/Z.yaml", "a/not.yml",
                "a/Upper.YAML", "top.yaml", "a/deep/W.yaml", "overrides/O.yaml", "a/x.yaml/inner.yaml", "a b/ä.yaml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "linked").symlink_to(root / "a")
    (root / "a" / "link.yaml").symlink_to(root / "a" / "X-1.yaml")
    (root / "a" / "broken.yaml").symlink_to(root / "nowhere.yaml")
    for skip in (frozenset(), frozenset({"overrides"}), frozenset({"a", "linked"})):
        expected = sorted(p for p in root.glob("*/*.yaml") if p.is_file() and p.parent.name not in skip)
        assert requirement_paths(root, skip) == expected
    assert root / "linked" / "X-2.yaml" in requirement_paths(root)
