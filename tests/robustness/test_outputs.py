"""Every write goes through procura.render.output: never over an input, never over an existing
file without --force, nothing half-written, and a full disk is one line."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest
from helpers import EXAMPLES, profile, write

from procura.errors import EXIT_INPUT

EXAMPLE = EXAMPLES / "trygghetslarm.yaml"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Temporary files and folders procura may create while writing; none may stay."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".procura-*") if p.name != ".procura-manifest.json")


def a_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Leverantören ska svara inom 8 timmar.")
    document.save(str(path))
    return path


# -- check --report ---------------------------------------------------------------------------
@pytest.mark.parametrize("same", ["same path", "other spelling"])
def test_check_report_onto_the_checked_document_is_refused(run, tmp_path, same):
    mine = a_docx(tmp_path / "mine.docx")
    before = digest(mine)
    report = mine if same == "same path" else tmp_path / "sub" / ".." / "mine.docx"
    (tmp_path / "sub").mkdir()
    for extra in ([], ["--force"]):
        result = run("check", mine, "--report", report, *extra)
        assert result.exit_code == EXIT_INPUT, result.output
        assert "one of this command's inputs" in result.output
        assert digest(mine) == before


def test_check_report_inside_a_checked_folder_is_refused(run, tmp_path):
    from procura.packs.pack import scaffold

    root = scaffold("x-pack", tmp_path)
    result = run("check", root, "--report", root / "report.docx")
    assert result.exit_code == EXIT_INPUT and "inside" in result.output and "one of this command's inputs" in result.output
    assert not (root / "report.docx").exists()


def test_check_report_refuses_an_existing_file_without_force(run, tmp_path):
    doc = write(tmp_path / "d.txt", "Leverantören ska svara inom 8 timmar.\n")
    report = write(tmp_path / "report.docx", "precious")
    result = run("check", doc, "--report", report)
    assert result.exit_code == EXIT_INPUT and f"{report}: exists" in result.output and "--force" in result.output
    assert report.read_text() == "precious"
    result = run("check", doc, "--report", report, "--force")
    assert result.exit_code in (0, 1), result.output
    import docx

    assert any(str(doc) in p.text for p in docx.Document(str(report)).paragraphs)  # the report names its target
    assert leftovers(tmp_path) == []


# -- pack export / build / import / new -------------------------------------------------------
@pytest.fixture
def pack_root(tmp_path):
    from procura.packs.pack import scaffold

    return scaffold("x-pack", tmp_path / "src")


@pytest.mark.parametrize("fmt", ["json", "xlsx", "reqif"])
def test_pack_export_refuses_an_existing_file_without_force(run, tmp_path, pack_root, fmt):
    target = write(tmp_path / f"mine.{fmt}", "precious")
    result = run("pack", "export", pack_root, "--format", fmt, "-o", target)
    assert result.exit_code == EXIT_INPUT and f"{target}: exists" in result.output and "--force" in result.output
    assert target.read_text() == "precious"
    result = run("pack", "export", pack_root, "--format", fmt, "-o", target, "--force")
    assert result.exit_code == 0, result.output
    assert "precious" not in target.read_text(errors="replace")
    assert leftovers(tmp_path) == []


def test_pack_export_into_the_pack_is_refused(run, pack_root):
    result = run("pack", "export", pack_root, "--format", "json", "-o", pack_root / "export.json")
    assert result.exit_code == EXIT_INPUT and "one of this command's inputs" in result.output


def test_pack_build_keeps_identical_bytes_and_refuses_other_contents(run, tmp_path, pack_root):
    dist = tmp_path / "dist"
    assert run("pack", "build", pack_root, "-o", dist).exit_code == 0
    archive = dist / "x-pack-0.1.0.zip"
    first = digest(archive)
    assert run("pack", "build", pack_root, "-o", dist).exit_code == 0  # same pack, same bytes: fine
    readme = pack_root / "README.md"
    readme.write_text(readme.read_text() + "\nChanged without a new version.\n")
    result = run("pack", "build", pack_root, "-o", dist)
    assert result.exit_code == EXIT_INPUT and f"{archive}: exists" in result.output and "bump the version" in result.output
    assert digest(archive) == first
    assert run("pack", "build", pack_root, "-o", dist, "--force").exit_code == 0
    assert digest(archive) != first and leftovers(dist) == []


def test_pack_import_onto_an_existing_file(run, tmp_path, pack_root):
    exported = tmp_path / "p.json"
    assert run("pack", "export", pack_root, "--format", "json", "-o", exported).exit_code == 0
    precious = write(tmp_path / "afile", "precious")
    result = run("pack", "import", exported, "-o", precious)
    assert result.exit_code == EXIT_INPUT and "exists and is not a folder" in result.output
    assert precious.read_text() == "precious"


def test_a_failed_import_leaves_nothing_behind(run, tmp_path):
    csv = write(tmp_path / "in.csv", "id,category,text\nK-1,okänd,Leverantören ska.\n")
    out = tmp_path / "imported"
    result = run("pack", "import", csv, "-o", out, "--name", "imp")
    assert result.exit_code == EXIT_INPUT
    assert f"{csv}: imp:K-1: category: unknown category" in result.output  # refused before anything is written
    assert not out.exists() and leftovers(tmp_path) == []


def test_import_into_an_unwritable_place_is_one_line(run, tmp_path, pack_root, monkeypatch):
    exported = tmp_path / "p.json"
    assert run("pack", "export", pack_root, "--format", "json", "-o", exported).exit_code == 0
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = run("pack", "import", exported, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_INPUT and "cannot write (Permission denied)" in result.output
    assert len(result.output.strip().splitlines()) == 1


# -- a full disk --------------------------------------------------------------------------------
def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("command, patch", [
    (["build", "{p}", "-o", "{out}"], "procura.render.docx.write_docx"),
    (["build", "{p}", "-o", "{out}"], "procura.render.xlsx.write_matrix"),
    (["checklist", "{p}", "-o", "{out}"], "procura.checklists.write.write_markdown"),
])
def test_disk_full_while_writing_outputs(run, tmp_path, monkeypatch, command, patch):
    p = profile(tmp_path)
    out = tmp_path / "out"
    assert run(*[a.format(p=p, out=out) for a in command]).exit_code == 0
    before = {f.name: digest(f) for f in out.iterdir() if f.is_file()}
    monkeypatch.setattr(patch, no_space)
    result = run(*[a.format(p=p, out=out) for a in command], "--force")
    assert result.exit_code == EXIT_INPUT, result.output
    assert result.output.strip() == f"procura: error: {out}: cannot write (no space left on the device) — free some " \
                                    "space and run the command again; nothing was written"
    assert {f.name: digest(f) for f in out.iterdir() if f.is_file()} == before  # the previous outputs, untouched
    assert leftovers(out) == []


@pytest.mark.parametrize("fmt, patch", [("json", "procura.packs.exchange.export_json"),
                                        ("xlsx", "procura.packs.exchange.export_xlsx")])
def test_disk_full_during_export(run, tmp_path, pack_root, monkeypatch, fmt, patch):
    monkeypatch.setattr(patch, no_space)
    target = tmp_path / f"x.{fmt}"
    result = run("pack", "export", pack_root, "--format", fmt, "-o", target)
    assert result.exit_code == EXIT_INPUT and "no space left on the device" in result.output
    assert not target.exists() and leftovers(tmp_path) == []


def test_disk_full_when_moving_into_place_is_completed_by_the_next_build(run, tmp_path, monkeypatch):
    import os

    from procura.render import output

    p = profile(tmp_path)
    out = tmp_path / "out"
    calls = []
    real = os.replace

    def fail_second_file(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the journal, one output, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", fail_second_file)
    result = run("build", p, "-o", out)
    assert result.exit_code == EXIT_INPUT and "no space left on the device" in result.output
    assert (out / output.JOURNAL).exists()
    monkeypatch.setattr(output.os, "replace", real)
    result = run("build", p, "-o", out)
    assert result.exit_code == 0, result.output
    manifest = output.read_manifest(out)
    assert sorted(manifest) == sorted(f.name for f in out.iterdir() if not f.name.startswith("."))
    assert all(manifest[name] == digest(out / name) for name in manifest)
    assert leftovers(out) == []


def test_a_tiny_real_disk(run, tmp_path):
    """On a 64 kB tmpfs (when this machine lets the test mount one) the build fails cleanly."""
    import shutil
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    if not shutil.which("mount") or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                                                   capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        result = run("build", EXAMPLE, "-o", mount / "out")
        assert result.exit_code == EXIT_INPUT and "no space left on the device" in result.output
        assert leftovers(mount) == [] and list((mount / "out").iterdir()) == []
    finally:
        # lazily: python-docx keeps the handle of a file whose save failed until it is collected
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_init_refuses_an_existing_profile_and_writes_a_readable_one(run, tmp_path):
    target = write(tmp_path / "p.yaml", "precious")
    result = run("init", target, "--no-interactive")
    assert result.exit_code == EXIT_INPUT and "exists" in result.output and target.read_text() == "precious"
    fresh = tmp_path / "fresh.yaml"
    assert run("init", fresh, "--no-interactive").exit_code == 0
    assert fresh.stat().st_mode & 0o044 == 0o044 or fresh.stat().st_mode & 0o077 == 0  # the umask decides, not mkstemp


def test_a_locked_build_may_rewrite_its_own_lock_but_never_the_profile(run, tmp_path):
    p = profile(tmp_path)
    out = tmp_path / "out"
    assert run("build", p, "-o", out).exit_code == 0
    result = run("build", p, "-o", out, "--locked", out / "procura.lock.json")
    assert result.exit_code == 0, result.output
    own = tmp_path / "kravspecifikation.md"
    own.write_text(p.read_text(encoding="utf-8"), encoding="utf-8")  # a profile named like an output
    before = digest(own)
    result = run("build", own, "-o", tmp_path, "--force")
    assert result.exit_code == EXIT_INPUT and "one of this command's inputs" in result.output
    assert digest(own) == before
