"""Installed packs: a per-user folder of ``<name>/<version>/`` pack folders, each with its manifest.

Installing from a folder, a ``.zip`` or ``git+URL[@REF]`` goes through one path: the files are
read and verified in memory, written to a staging folder inside the packs folder, loaded and
validated there, and only then moved into place. Nothing is written outside the packs folder,
and nothing from the pack is executed (git runs with hooks off and no submodules).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from procura.errors import InputError
from procura.files import read_bytes
from procura.library import Library, load_library
from procura.packs.archive import (
    MANIFEST_FILE,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    Manifest,
    manifest_for,
    read_archive,
    verify,
    write_files,
)
from procura.packs.model import NAME_PATTERN, PackMeta
from procura.packs.pack import PACK_FILE, Pack, load_pack, pack_files
from procura.packs.semver import Range, Version
from procura.render.output import cannot_write
from procura.yamlio import load_model

GIT_TIMEOUT = 300


def default_packs_dir() -> Path:
    """``$XDG_DATA_HOME/procura/packs``, else ``~/.local/share/procura/packs``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "procura" / "packs"


@dataclass(frozen=True)
class InstalledPack:
    path: Path
    meta: PackMeta
    manifest: Manifest

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def digest(self) -> str:
        return self.manifest.digest

    @property
    def requirement_count(self) -> int:
        return sum(1 for f in self.manifest.files if f.count("/") == 1 and not f.startswith("overrides/"))


def check_name(name: str) -> str:
    if not re.match(NAME_PATTERN, name):
        raise InputError(f"{name!r} is not a pack name", hint="a pack name is lowercase letters, digits and hyphens, e.g. norrbacke-larm")
    return name


class PackStore:
    def __init__(self, root: Path | None = None):
        self.root = root or default_packs_dir()

    # -- reading ------------------------------------------------------------------------------
    def installed(self) -> list[InstalledPack]:
        found = []
        if not self.root.is_dir():
            return found
        for manifest_path in sorted(self.root.glob(f"*/*/{MANIFEST_FILE}")):
            folder = manifest_path.parent
            manifest = Manifest.from_bytes(read_bytes(manifest_path, MAX_FILE_BYTES, "manifest"), str(manifest_path))
            meta = load_model(folder / PACK_FILE, PackMeta)
            found.append(InstalledPack(folder, meta, manifest))
        return sorted(found, key=lambda p: (p.name, Version.parse(p.version)))

    def versions(self, name: str) -> list[InstalledPack]:
        return [p for p in self.installed() if p.name == name]

    def find(self, name: str, version_range: str = "*") -> InstalledPack:
        check_name(name)
        candidates = self.versions(name)
        wanted = Range.parse(version_range)
        best = wanted.best([Version.parse(p.version) for p in candidates])
        if best is None:
            have = ", ".join(p.version for p in candidates) or "none"
            raise InputError(f"packs: no installed version of {name} matches {version_range} (installed: {have})",
                             self.root, f"install it with `procura pack install SOURCE --packs-dir {self.root}`")
        return next(p for p in candidates if p.version == str(best))

    def verify_installed(self, pack: InstalledPack, base: Library | None = None) -> dict[str, bytes]:
        """Re-check an installed pack against its manifest (it may have been edited since); the
        verified files by POSIX path relative to the pack, for ``load_pack(..., contents=)``."""
        categories = list((base or load_library()).categories)
        # pack_files refuses anything but regular files; read_bytes checks each again as it opens it
        files = {rel: read_bytes(pack.path / rel, MAX_FILE_BYTES, "pack file") for rel in pack_files(pack.path, categories)}
        verify(pack.manifest, files, str(pack.path))
        return files

    # -- changing -----------------------------------------------------------------------------
    def install(self, source: str, force: bool = False, base: Library | None = None) -> InstalledPack:
        base = base or load_library()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".install-", dir=self.root))
        except OSError as exc:
            raise InputError(f"cannot write to the packs folder ({exc.strerror})", self.root, "choose another with --packs-dir") from None
        try:
            manifest, files = self._read_source(source, staging, base)
            unpacked = staging / "pack"
            unpacked.mkdir()
            write_files(files, unpacked)
            pack_files(unpacked, list(base.categories))  # nothing but pack files
            pack = load_pack(unpacked, base)
            if manifest is None:
                manifest = manifest_for(files, pack.name, pack.version)
            elif (manifest.name, manifest.version) != (pack.name, pack.version):
                raise InputError(f"the manifest names {manifest.name} {manifest.version} but pack.yaml says {pack.name} {pack.version}",
                                 source, "rebuild the archive with `procura pack build`")
            (unpacked / MANIFEST_FILE).write_bytes(manifest.to_bytes())
            return self._move_into_place(unpacked, pack, manifest, force)
        except OSError as exc:  # a full disk, a vanished folder: one line, and the staging folder goes
            raise cannot_write(self.root, exc, "check the packs folder's permissions and free space, or choose "
                                               "another with --packs-dir") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _read_source(self, source: str, staging: Path, base: Library) -> tuple[Manifest | None, dict[str, bytes]]:
        if source.startswith("git+"):
            url, ref = parse_git_source(source)
            clone = staging / "clone"
            git_clone(url, ref, clone)
            return None, read_folder(clone, base)
        path = Path(source)
        if path.is_dir():
            return None, read_folder(path, base)
        if path.suffix.lower() == ".zip" and path.is_file():
            return read_archive(path)
        raise InputError("not a pack folder, .zip archive or git+URL", source,
                         "give a folder with pack.yaml, a NAME-VERSION.zip from `procura pack build`, or git+https://…[@REF]")

    def _move_into_place(self, unpacked: Path, pack: Pack, manifest: Manifest, force: bool) -> InstalledPack:
        target = self.root / pack.name / pack.version
        if target.exists():
            existing = (Manifest.from_bytes(read_bytes(target / MANIFEST_FILE, MAX_FILE_BYTES, "manifest"), str(target))
                        if (target / MANIFEST_FILE).is_file() else None)
            if existing is not None and existing.digest == manifest.digest:
                return InstalledPack(target, pack.meta, manifest)
            if not force:
                raise InputError(f"{pack.name} {pack.version} is already installed with different contents", target,
                                 "a published version should never change; bump the version, or pass --force to replace it")
            old = unpacked.with_name("replaced")  # inside the staging folder, which is removed afterwards
            os.replace(target, old)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(unpacked, target)
        return InstalledPack(target, pack.meta, manifest)

    def remove(self, name: str, version: str | None = None) -> list[InstalledPack]:
        check_name(name)
        gone = [p for p in self.versions(name) if version is None or p.version == version]
        if not gone:
            raise InputError(f"{name}{' ' + version if version else ''} is not installed", self.root, "see `procura pack list`")
        for pack in gone:
            shutil.rmtree(pack.path)
        folder = self.root / name
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        return gone


def read_folder(root: Path, base: Library) -> dict[str, bytes]:
    files = pack_files(root, list(base.categories))
    if len(files) > MAX_FILES:
        raise InputError(f"{len(files)} files, more than the limit of {MAX_FILES}", root)
    data: dict[str, bytes] = {}
    total = 0
    for rel in files:
        data[rel] = read_bytes(root / rel, MAX_FILE_BYTES, "pack file")  # regular files only: a pipe is refused, never read
        total += len(data[rel])
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"more than {MAX_TOTAL_BYTES} bytes", root)
    return data


def parse_git_source(source: str) -> tuple[str, str | None]:
    """``git+URL[@REF]`` -> (URL, REF). An ``@`` before the host (``ssh://git@host``) is not a ref."""
    url = source[len("git+"):]
    if "://" in url:
        scheme, rest = url.split("://", 1)
        host, slash, path = rest.partition("/")
        head = f"{scheme}://{host}{slash}"
    elif re.match(r"^[\w.-]+@[\w.-]+:", url):  # scp-like git@host:org/repo.git
        host, _, path = url.partition(":")
        head = host + ":"
    else:
        head, path = "", url
    ref = None
    if "@" in path:
        path, ref = path.rsplit("@", 1)
    url = head + path
    if not url or url.startswith("-") or (ref is not None and (not ref or ref.startswith("-"))):
        raise InputError("not a usable git source", source, "write it as git+URL or git+URL@REF, e.g. git+https://example.org/pack.git@v1.0.0")
    if url.lower().startswith("ext::") or "::" in url.split("/", 1)[0]:
        raise InputError("git remote helpers (ext::, fd::) are not allowed", source, "use an https, ssh or file URL")
    return url, ref


def _git(args: list[str], cwd: Path | None = None) -> None:
    git = shutil.which("git")
    if git is None:
        raise InputError("git is not installed", hint="install git, or install the pack from a folder or .zip")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_LFS_SKIP_SMUDGE="1", GIT_ALLOW_PROTOCOL="file:git:http:https:ssh")
    safe = ["-c", "core.hooksPath=/dev/null", "-c", "protocol.ext.allow=never", "-c", "core.fsmonitor=false",
            "-c", "submodule.recurse=false", "-c", "advice.detachedHead=false"]
    try:
        subprocess.run([git, *safe, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=GIT_TIMEOUT)
    except subprocess.CalledProcessError as exc:
        # git's first "fatal:"/"error:" line says what went wrong; the lines after it are advice
        lines = [ln.strip() for ln in (exc.stderr or "").splitlines() if ln.strip()]
        reason = next((ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[0] if lines else f"exit {exc.returncode}")
        raise InputError(f"git failed: {reason}", hint="check the URL and ref") from None
    except subprocess.TimeoutExpired:
        raise InputError(f"git took more than {GIT_TIMEOUT} s", hint="check the URL and your network") from None


def git_clone(url: str, ref: str | None, dest: Path) -> None:
    """A shallow clone of one ref, with no hooks, no submodules and no code run."""
    if ref and re.fullmatch(r"[0-9a-f]{7,40}", ref):
        dest.mkdir()
        _git(["init", "-q", str(dest)])
        _git(["fetch", "-q", "--depth", "1", "--no-recurse-submodules", "--", url, ref], cwd=dest)
        _git(["checkout", "-q", "--detach", "FETCH_HEAD"], cwd=dest)
        return
    args = ["clone", "-q", "--depth", "1", "--single-branch", "--no-recurse-submodules"]
    if ref:
        args += ["--branch", ref]
    _git([*args, "--", url, str(dest)])
