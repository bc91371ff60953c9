"""diff between versions; a profile using a pack builds a document crediting it, with a lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from helpers import EXAMPLES, before_choices

from procura.errors import EXIT_INPUT


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_diff_names_changed_requirement_and_field(run, make_pack, tmp_path: Path):
    old, new = make_pack(version="1.0.0"), make_pack(version="1.1.0")
    edit(new / "support" / "SF-001.yaml", "inom {{hours}} timmar", "inom {{hours}} arbetstimmar")
    edit(new / "support" / "SF-001.yaml", "bas: 8", "bas: 4")
    assert run("pack", "build", old, "-o", tmp_path / "dist").exit_code == 0
    result = run("pack", "diff", tmp_path / "dist" / "norrbacke-larm-1.0.0.zip", new)
    assert result.exit_code == 0, result.output
    assert "changed: norrbacke-larm:SF-001" in result.output
    assert "parameters.hours.defaults.bas" in result.output
    assert "{{hours}} [-timmar-]{+arbetstimmar+} under" in result.output
    data = json.loads(run("pack", "diff", old, new, "--format", "json").output)
    assert data["added"] == [] and data["removed"] == []
    [changed] = data["changed"]
    assert changed["id"] == "norrbacke-larm:SF-001"
    assert changed["fields"] == ["levels.bas.text.sv", "parameters.hours.defaults.bas"]
    assert changed["texts"][0]["diff"].endswith("[-timmar-]{+arbetstimmar+} under kontorstid.")
    assert data["meta"] == ["version"]


def test_diff_added_removed(run, make_pack):
    old, new = make_pack(version="1.0.0"), make_pack(version="2.0.0")
    (new / "support" / "SF-001.yaml").rename(new / "support" / "SF-002.yaml")
    edit(new / "support" / "SF-002.yaml", "SF-001", "SF-002")
    data = json.loads(run("pack", "diff", old, new, "--format", "json").output)
    assert data["added"] == ["norrbacke-larm:SF-002"] and data["removed"] == ["norrbacke-larm:SF-001"]


def profile(tmp_path: Path, packs: str) -> Path:
    example = EXAMPLES / "trygghetslarm.yaml"
    text = before_choices(example.read_text(encoding="utf-8"), f"packs:\n{packs}")
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


OVERRIDE = """id: IN-001
why: {sv: Larmkedjan är livskritisk., en: The alarm chain is life-critical.}
parameters: {availability_pct: {bas: 99.9}}
"""


def test_profile_using_a_pack_builds_a_document_crediting_it(run, make_pack, tmp_path: Path, packs_dir: Path):
    pack = make_pack(version="1.2.0")
    (pack / "overrides").mkdir()
    (pack / "overrides" / "IN-001.yaml").write_text(OVERRIDE, encoding="utf-8")
    assert run("pack", "install", pack).exit_code == 0
    assert run("pack", "install", make_pack(version="2.0.0")).exit_code == 0
    prof = profile(tmp_path, '  - {name: norrbacke-larm, version: "^1.0"}')
    result = run("build", prof, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    lock = json.loads((out / "procura.lock.json").read_text(encoding="utf-8"))
    [entry] = lock["packs"]
    assert (entry["name"], entry["version"], entry["publisher"], entry["requested"]) == (
        "norrbacke-larm", "1.2.0", "Norrbäcke kommun", "^1.0")
    listed = json.loads(run("pack", "list", "--format", "json").output)
    assert entry["sha256"] == next(r["sha256"] for r in listed if r["version"] == "1.2.0")
    text = "\n".join(p.text for p in Document(str(out / "kravspecifikation.docx")).paragraphs)
    assert "norrbacke-larm:SF-001 Svarstid för support" in text
    assert "Kravpaket norrbacke-larm 1.2.0, publicerat av Norrbäcke kommun" in text
    assert "Ändrat av kravpaket norrbacke-larm 1.2.0, publicerat av Norrbäcke kommun" in text  # the override
    assert "99,9 %" in text
    spec = json.loads((out / "kravspecifikation.json").read_text(encoding="utf-8"))
    req = next(r for r in spec["requirements"] if r["id"] == "norrbacke-larm:SF-001")
    assert req["pack"] == {"name": "norrbacke-larm", "version": "1.2.0", "publisher": "Norrbäcke kommun"}


def test_override_is_visible_as_stricter(make_pack):
    from procura.library import load_library
    from procura.models.profile import PackRef
    from procura.packs.store import PackStore
    from procura.packs.use import library_with_packs

    pack = make_pack()
    (pack / "overrides").mkdir()
    (pack / "overrides" / "IN-001.yaml").write_text(OVERRIDE, encoding="utf-8")
    store = PackStore()
    store.install(str(pack))
    library, _ = library_with_packs(load_library(), [PackRef(name="norrbacke-larm", version="1")], store)
    loaded = library.requirements["IN-001"]
    [change] = loaded.overrides
    assert (change.field, change.direction, change.old, change.new) == ("parameters.availability_pct.bas", "stricter", 99.5, 99.9)
    assert loaded.pack == "norrbacke-larm" and loaded.publisher == "Norrbäcke kommun"


def test_missing_pack_version_is_an_input_error(run, make_pack, tmp_path: Path):
    assert run("pack", "install", make_pack(version="1.0.0")).exit_code == 0
    prof = profile(tmp_path, '  - {name: norrbacke-larm, version: ">=2"}')
    result = run("build", prof, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT
    assert "no installed version of norrbacke-larm meets >=2 (installed: 1.0.0)" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("spec,version,ok", [
    ("*", "1.2.3", True), ("^1.2", "1.9.0", True), ("^1.2", "2.0.0", False), ("^0.3", "0.3.9", True),
    ("^0.3", "0.4.0", False), ("~1.2", "1.2.9", True), ("~1.2", "1.3.0", False), (">=1.0,<2", "1.5.0", True),
    (">=1.0,<2", "2.0.0", False), ("1.2.3", "1.2.3", True), ("1.2", "1.2.7", True), ("!=1.2.3", "1.2.3", False),
    ("^1.0", "1.1.0-rc.1", False), (">=1.1.0-rc.1", "1.1.0-rc.2", True),
])
def test_version_ranges(spec: str, version: str, ok: bool):
    from procura.packs.semver import Range, Version

    assert (Version.parse(version) in Range.parse(spec)) is ok


def test_prerelease_sorts_before_release():
    from procura.packs.semver import Version

    assert Version.parse("1.0.0-alpha") < Version.parse("1.0.0-alpha.1") < Version.parse("1.0.0-rc.1") < Version.parse("1.0.0")


def test_locked_build_repeats_the_versions_of_the_lock(run, make_pack, tmp_path: Path):
    assert run("pack", "install", make_pack(version="1.2.0")).exit_code == 0
    prof = profile(tmp_path, '  - {name: norrbacke-larm, version: "^1.0"}')
    assert run("build", prof, "-o", tmp_path / "first").exit_code == 0
    lock = tmp_path / "first" / "procura.lock.json"
    # a newer compatible version appears; an ordinary build takes it, a locked build does not
    assert run("pack", "install", make_pack(version="1.3.0")).exit_code == 0
    assert run("build", prof, "-o", tmp_path / "newer").exit_code == 0
    assert json.loads((tmp_path / "newer" / "procura.lock.json").read_text())["packs"][0]["version"] == "1.3.0"
    result = run("build", prof, "-o", tmp_path / "again", "--locked", lock)
    assert result.exit_code == 0, result.output
    again = json.loads((tmp_path / "again" / "procura.lock.json").read_text())
    assert again["packs"] == json.loads(lock.read_text())["packs"]


def test_locked_build_refuses_changed_pack_contents(run, make_pack, tmp_path: Path):
    assert run("pack", "install", make_pack(version="1.2.0")).exit_code == 0
    prof = profile(tmp_path, '  - {name: norrbacke-larm, version: "^1.0"}')
    assert run("build", prof, "-o", tmp_path / "first").exit_code == 0
    lock = tmp_path / "first" / "procura.lock.json"
    data = json.loads(lock.read_text())
    data["packs"][0]["sha256"] = "0" * 64  # the lock was made from other contents of 1.2.0
    lock.write_text(json.dumps(data))
    result = run("build", prof, "-o", tmp_path / "again", "--locked", lock)
    assert result.exit_code == EXIT_INPUT
    assert "differs from the lock" in result.output and not (tmp_path / "again").exists()


def test_locked_build_with_a_bad_lock_file(run, tmp_path: Path):
    bad = tmp_path / "lock.json"
    bad.write_text("{}")
    result = run("build", profile(tmp_path, "  []"), "--locked", bad)
    assert result.exit_code == EXIT_INPUT and "not a procura lock file" in result.output
