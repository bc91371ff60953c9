"""Hostile archives and folders are refused with exit 2, and nothing is written outside the packs folder."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from procura.errors import EXIT_INPUT
from procura.packs import archive as archive_mod


def tree(root: Path, skip: Path | None = None) -> set[str]:
    """Every path under ``root`` except the packs folder ``skip``, its contents and the folders
    that hold it, to show nothing else was written."""
    found = set()
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if skip is not None and (here == skip or skip in here.parents):
            continue
        found |= {str(here / n) for n in dirnames + filenames}
    if skip is not None:
        found -= {str(skip)} | {str(p) for p in skip.parents}
    return found


@pytest.fixture
def built(run, make_pack, tmp_path: Path) -> Path:
    pack = make_pack()
    assert run("pack", "build", pack, "-o", tmp_path / "dist").exit_code == 0
    return tmp_path / "dist" / "norrbacke-larm-1.0.0.zip"


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy an archive entry by entry, letting ``change(name, data)`` return new (name, data) pairs."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            for name, data in change(info.filename, src.read(info)):
                dst.writestr(name, data)
    return target


def manifest_with(files: dict[str, bytes]) -> bytes:
    from procura.packs.archive import Manifest, sha256_bytes

    return Manifest("norrbacke-larm", "1.0.0", {n: sha256_bytes(d) for n, d in files.items()}).to_bytes()


def assert_refused(run, source, isolated: Path, packs_dir: Path, message: str) -> None:
    before = tree(isolated, skip=packs_dir)
    result = run("pack", "install", source)
    assert result.exit_code == EXIT_INPUT, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert tree(isolated, skip=packs_dir) == before  # nothing written outside the packs folder
    installed = [p for p in packs_dir.rglob("*")] if packs_dir.exists() else []
    assert installed == []  # and nothing left inside it


def test_tampered_archive_is_refused(run, built: Path, isolated: Path, packs_dir: Path, tmp_path: Path):
    def tamper(name, data):
        yield name, data.replace(b"8", b"80") if name == "support/SF-001.yaml" else data

    bad = rewrite(built, tmp_path / "tampered.zip", tamper)
    assert_refused(run, bad, isolated, packs_dir, "support/SF-001.yaml: checksum does not match the manifest")


def test_unlisted_file_is_refused(run, built: Path, isolated: Path, packs_dir: Path, tmp_path: Path):
    def add(name, data):
        yield name, data
        if name == "pack.yaml":
            yield "support/SF-999.yaml", b"id: x\n"

    assert_refused(run, rewrite(built, tmp_path / "extra.zip", add), isolated, packs_dir, "not in the manifest")


@pytest.mark.parametrize("evil", ["../../evil.yaml", "/tmp/evil.yaml", "support/../../evil.yaml", "C:/evil.yaml",
                                  "support\\..\\..\\evil.yaml"])
def test_path_traversal_archive_is_refused(run, built: Path, isolated: Path, packs_dir: Path, tmp_path: Path, evil: str):
    with zipfile.ZipFile(built) as src:
        files = {i.filename: src.read(i) for i in src.infolist() if i.filename != "manifest.json"}
    files[evil] = b"pwned: true\n"
    bad = tmp_path / "traversal.zip"
    with zipfile.ZipFile(bad, "w") as dst:
        for name, data in files.items():
            dst.writestr(name, data)
        dst.writestr("manifest.json", manifest_with(files))  # a consistent manifest: the path alone must refuse it
    assert_refused(run, bad, isolated, packs_dir, "unsafe entry")
    assert not (tmp_path / "evil.yaml").exists() and not Path("/tmp/evil.yaml").exists()


def test_symlink_entry_is_refused(run, built: Path, isolated: Path, packs_dir: Path, tmp_path: Path):
    bad = tmp_path / "link.zip"
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        link = zipfile.ZipInfo("support/SF-002.yaml")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        dst.writestr(link, "/etc/passwd")
    assert_refused(run, bad, isolated, packs_dir, "is a link or special file")


def test_symlink_in_folder_is_refused(run, make_pack, isolated: Path, packs_dir: Path):
    pack = make_pack()
    os.symlink("/etc/passwd", pack / "support" / "SF-002.yaml")
    assert_refused(run, pack, isolated, packs_dir, "symbolic links are not allowed in a pack")


def test_too_many_files_is_refused(run, built: Path, isolated: Path, packs_dir: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(archive_mod, "MAX_FILES", 3)
    assert_refused(run, built, isolated, packs_dir, "more than the limit of 3")


def test_zip_bomb_declared_size_is_refused(run, isolated: Path, packs_dir: Path, tmp_path: Path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for i in range(60):
            dst.writestr(f"support/SF-{i:03d}.yaml", b"\0" * 1_000_000)  # 60 MB unpacked, ~60 kB packed
    assert bomb.stat().st_size < 1_000_000
    assert_refused(run, bomb, isolated, packs_dir, "bytes unpacked, more than the limit")


def test_zip_bomb_lying_about_its_size_is_refused(run, built: Path, isolated: Path, packs_dir: Path, tmp_path: Path):
    """An entry whose header declares a small size but unpacks to more is caught while reading."""
    data = built.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        info = src.getinfo("README.md")
    # patch the uncompressed size in the central directory and the local header to 1 byte
    real = info.file_size.to_bytes(4, "little")
    patched = data.replace(info.CRC.to_bytes(4, "little") + info.compress_size.to_bytes(4, "little") + real,
                           info.CRC.to_bytes(4, "little") + info.compress_size.to_bytes(4, "little") + (1).to_bytes(4, "little"))
    assert patched != data
    bad = tmp_path / "liar.zip"
    bad.write_bytes(patched)
    before = tree(isolated, skip=packs_dir)
    result = run("pack", "install", bad)
    assert result.exit_code == EXIT_INPUT
    assert "README.md" in result.output
    assert tree(isolated, skip=packs_dir) == before


def test_invalid_yaml_and_schema_are_refused(run, make_pack, isolated: Path, packs_dir: Path):
    pack = make_pack()
    (pack / "support" / "SF-001.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    assert_refused(run, pack, isolated, packs_dir, "invalid YAML")
    pack = make_pack(version="2.0.0")
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    (pack / "pack.yaml").write_text(text + "run: rm -rf /\n", encoding="utf-8")
    assert_refused(run, pack, isolated, packs_dir, "run: unknown field")


def test_yaml_never_builds_python_objects(run, make_pack, isolated: Path, packs_dir: Path):
    pack = make_pack()
    (pack / "pack.yaml").write_text("!!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    assert_refused(run, pack, isolated, packs_dir, "invalid YAML")
    assert not Path("pwned").exists()


def test_stray_file_is_refused(run, make_pack, isolated: Path, packs_dir: Path):
    pack = make_pack()
    (pack / "install.sh").write_text("echo hi\n", encoding="utf-8")
    assert_refused(run, pack, isolated, packs_dir, "files that do not belong in a pack: install.sh")


def test_not_a_zip(run, isolated: Path, packs_dir: Path, tmp_path: Path):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"not a zip")
    assert_refused(run, fake, isolated, packs_dir, "not a readable zip archive")


def test_tampered_installed_pack_is_refused_at_build(make_pack, packs_dir: Path):
    from procura.errors import InputError
    from procura.packs.store import PackStore

    store = PackStore(packs_dir)
    installed = store.install(str(make_pack()))
    (installed.path / "support" / "SF-001.yaml").write_text("edited\n", encoding="utf-8")
    with pytest.raises(InputError, match="checksum does not match"):
        store.verify_installed(installed)
