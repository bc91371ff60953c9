"""scaffold -> validate -> build (twice, identical) -> install from folder, archive and git -> list -> remove."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from procura.errors import EXIT_INPUT


def test_scaffold_validate_build_twice_identical(run, tmp_path: Path):
    result = run("pack", "new", "norrbacke-larm", "--dir", tmp_path)
    assert result.exit_code == 0, result.output
    assert "created" in result.output
    pack = tmp_path / "norrbacke-larm"
    result = run("pack", "validate", pack)
    assert result.exit_code == 0, result.output
    assert "norrbacke-larm 0.1.0: valid — 1 requirements" in result.output
    first = run("pack", "build", pack, "-o", tmp_path / "a")
    second = run("pack", "build", pack, "-o", tmp_path / "b")
    assert first.exit_code == second.exit_code == 0
    a, b = tmp_path / "a" / "norrbacke-larm-0.1.0.zip", tmp_path / "b" / "norrbacke-larm-0.1.0.zip"
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert "manifest.json" in names and "support/SF-001.yaml" in names
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in archive.infolist()} == {0o100644}
        manifest = json.loads(archive.read("manifest.json"))
        assert set(manifest["files"]) == set(names) - {"manifest.json"}


def test_new_refuses_an_existing_folder_and_a_bad_name(run, tmp_path: Path):
    assert run("pack", "new", "x-pack", "--dir", tmp_path).exit_code == 0
    result = run("pack", "new", "x-pack", "--dir", tmp_path)
    assert result.exit_code == EXIT_INPUT
    assert "already exists" in result.output
    result = run("pack", "new", "Bad_Name", "--dir", tmp_path)
    assert result.exit_code == EXIT_INPUT
    assert "is not a pack name" in result.output


def test_validate_names_file_and_field(run, make_pack):
    pack = make_pack()
    req = pack / "support" / "SF-001.yaml"
    req.write_text(req.read_text(encoding="utf-8").replace("obligation: ska", "obligation: maybe"), encoding="utf-8")
    result = run("pack", "validate", pack)
    assert result.exit_code == EXIT_INPUT
    assert "SF-001.yaml:" in result.output and "obligation" in result.output


def test_validate_refuses_an_id_outside_the_namespace(run, make_pack):
    pack = make_pack()
    req = pack / "support" / "SF-001.yaml"
    req.write_text(req.read_text(encoding="utf-8").replace("id: norrbacke-larm:SF-001", "id: SF-001"), encoding="utf-8")
    result = run("pack", "validate", pack)
    assert result.exit_code == EXIT_INPUT
    assert "is not in the pack's namespace" in result.output


def test_install_from_folder_and_archive_then_list_and_remove(run, make_pack, packs_dir: Path, tmp_path: Path):
    v1 = make_pack(version="1.0.0")
    v2 = make_pack(version="1.1.0")
    result = run("pack", "install", v1)
    assert result.exit_code == 0, result.output
    assert "installed norrbacke-larm 1.0.0 from Norrbäcke kommun" in result.output
    assert run("pack", "build", v2, "-o", tmp_path / "dist").exit_code == 0
    result = run("pack", "install", tmp_path / "dist" / "norrbacke-larm-1.1.0.zip")
    assert result.exit_code == 0, result.output
    assert (packs_dir / "norrbacke-larm" / "1.1.0" / "support" / "SF-001.yaml").is_file()
    result = run("pack", "list", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [(r["name"], r["version"], r["publisher"], r["requirements"]) for r in rows] == [
        ("norrbacke-larm", "1.0.0", "Norrbäcke kommun", 1), ("norrbacke-larm", "1.1.0", "Norrbäcke kommun", 1)]
    assert "norrbacke-larm" in run("pack", "list").output
    result = run("pack", "remove", "norrbacke-larm", "--version", "1.0.0")
    assert result.exit_code == 0 and "removed norrbacke-larm 1.0.0" in result.output
    assert [r["version"] for r in json.loads(run("pack", "list", "--format", "json").output)] == ["1.1.0"]
    result = run("pack", "remove", "nothing-here")
    assert result.exit_code == EXIT_INPUT and "is not installed" in result.output


def test_install_is_idempotent_and_refuses_changed_contents(run, make_pack, tmp_path: Path):
    pack = make_pack()
    assert run("pack", "install", pack).exit_code == 0
    assert run("pack", "install", pack).exit_code == 0
    readme = pack / "README.md"
    readme.write_text("changed\n", encoding="utf-8")
    result = run("pack", "install", pack)
    assert result.exit_code == EXIT_INPUT
    assert "already installed with different contents" in result.output
    assert run("pack", "install", pack, "--force").exit_code == 0


def test_packs_dir_option(run, make_pack, tmp_path: Path):
    target = tmp_path / "elsewhere"
    assert run("pack", "install", make_pack(), "--packs-dir", target).exit_code == 0
    assert (target / "norrbacke-larm" / "1.0.0" / "pack.yaml").is_file()
    assert json.loads(run("pack", "list", "--format", "json").output) == []


def _git(*args, cwd=None):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def bare_repo(make_pack, tmp_path: Path) -> Path:
    """A local bare repository holding the pack, tagged v1.0.0."""
    pack = make_pack()
    _git("init", "-q", str(pack))
    _git("add", "-A", cwd=pack)
    _git("commit", "-qm", "pack", cwd=pack)
    _git("tag", "v1.0.0", cwd=pack)
    bare = tmp_path / "repo.git"
    _git("clone", "-q", "--bare", str(pack), str(bare))
    return bare


def test_install_from_git(run, bare_repo: Path, packs_dir: Path):
    result = run("pack", "install", f"git+file://{bare_repo}@v1.0.0")
    assert result.exit_code == 0, result.output
    assert "installed norrbacke-larm 1.0.0" in result.output
    installed = packs_dir / "norrbacke-larm" / "1.0.0"
    assert not (installed / ".git").exists()
    assert (installed / "support" / "SF-001.yaml").is_file()
    assert not [p for p in packs_dir.iterdir() if p.name.startswith(".")]  # no staging left


def test_install_from_git_without_ref_and_bad_ref(run, bare_repo: Path):
    assert run("pack", "install", f"git+file://{bare_repo}").exit_code == 0
    result = run("pack", "install", f"git+file://{bare_repo}@no-such-tag")
    assert result.exit_code == EXIT_INPUT
    assert "git failed" in result.output


def test_git_source_parsing():
    from procura.errors import InputError
    from procura.packs.store import parse_git_source

    assert parse_git_source("git+https://example.org/a/pack.git@v1.2.0") == ("https://example.org/a/pack.git", "v1.2.0")
    assert parse_git_source("git+ssh://git@example.org/pack.git") == ("ssh://git@example.org/pack.git", None)
    assert parse_git_source("git+git@example.org:org/pack.git@main") == ("git@example.org:org/pack.git", "main")
    assert parse_git_source("git+file:///tmp/x.git") == ("file:///tmp/x.git", None)
    for bad in ("git+ext::sh -c touch% /tmp/pwned", "git+-uhelp", "git+https://example.org/p.git@-x"):
        with pytest.raises(InputError):
            parse_git_source(bad)


def test_schema_pack(run):
    result = run("schema", "pack")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert {"name", "version", "publisher", "title", "description", "licence"} <= set(schema["required"])
    assert "dependencies" in schema["properties"]


def test_every_pack_command_has_help(run):
    for command in ("new", "validate", "build", "install", "list", "remove", "diff", "export", "import"):
        result = run("pack", command, "--help")
        assert result.exit_code == 0 and len(result.output) > 80, command


def test_validate_runs_the_checks_on_pack_requirements(run, make_pack):
    pack = make_pack()
    path = next((pack / "support").glob("*.yaml"))
    text = path.read_text(encoding="utf-8").replace(
        "Leverantören ska besvara ärenden till supporten", "Leverantören ska i möjligaste mån besvara ärenden till supporten")
    path.write_text(text, encoding="utf-8")
    result = run("pack", "validate", pack, "--fail-on", "warning")
    assert result.exit_code == 1
    assert "VAG-002" in result.output and "i möjligaste mån" in result.output
    assert run("pack", "validate", pack).exit_code == 0  # a warning does not fail at the default --fail-on error


def test_a_clean_scaffold_has_no_check_findings(run, make_pack):
    result = run("pack", "validate", make_pack())
    assert result.exit_code == 0 and "0 check findings" in result.output


def test_check_flags_a_stricter_override_in_a_pack_folder(run, make_pack):
    pack = make_pack()
    (pack / "overrides").mkdir()
    (pack / "overrides" / "IN-001.yaml").write_text(
        "id: IN-001\nwhy: {sv: Larmkedjan är livskritisk., en: The alarm chain is life-critical.}\n"
        "parameters: {availability_pct: {bas: 99.9}}\n", encoding="utf-8")
    result = run("check", pack, "--format", "json", "--lang", "en")
    findings = __import__("json").loads(result.output)["findings"]
    stricter = [f for f in findings if f["rule"] == "OVR-011"]
    assert stricter and stricter[0]["location"]["requirement"] == "IN-001"
    assert "makes IN-001 stricter" in stricter[0]["message"] and "The alarm chain is life-critical." in stricter[0]["message"]
