"""Pack archives: deterministic zips with a SHA-256 manifest, and reading hostile ones safely.

``build_archive`` writes the same bytes for the same pack: sorted entries, a fixed timestamp,
fixed permissions, no extra fields. ``read_archive`` refuses, before anything is written,
entries with ``..`` or absolute paths, links, more files or bytes than the limits (checked on
the declared sizes and again while reading), and files that do not match the manifest.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from procura.errors import InputError
from procura.packs.model import FORMAT_VERSION

MANIFEST_FILE = "manifest.json"
MAX_FILES = 5100  # a pack may hold as many requirement files as a library (5000) plus pack.yaml and its notes
MAX_FILE_BYTES = 1_000_000  # the YAML limit of procura.yamlio
MAX_TOTAL_BYTES = 50_000_000
MAX_NAME_BYTES = 255  # one file or folder name (NAME_MAX on Linux, macOS and Windows)
MAX_PATH_BYTES = 1024  # a whole entry name
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    files: dict[str, str]  # POSIX path -> SHA-256

    def to_bytes(self) -> bytes:
        data = {"procura": FORMAT_VERSION, "name": self.name, "version": self.version, "files": dict(sorted(self.files.items()))}
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")

    @property
    def digest(self) -> str:
        """The pack's checksum: SHA-256 of its manifest, the same for the folder and the archive."""
        return hashlib.sha256(self.to_bytes()).hexdigest()

    @classmethod
    def from_bytes(cls, raw: bytes, where: str) -> Manifest:
        try:
            data = json.loads(raw.decode("utf-8"))
            files = data["files"]
            if not (isinstance(files, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())):
                raise ValueError
            return cls(str(data["name"]), str(data["version"]), files)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise InputError("manifest.json is not a procura pack manifest", where, "rebuild the archive with `procura pack build`") from None


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_for(files: dict[str, bytes], name: str, version: str) -> Manifest:
    return Manifest(name, version, {rel: sha256_bytes(data) for rel, data in files.items()})


def build_archive(files: dict[str, bytes], manifest: Manifest, target: Path) -> None:
    """Write ``files`` (POSIX path -> bytes) and the manifest to ``target`` — identical bytes every time."""
    entries = list(files.items()) + [(MANIFEST_FILE, manifest.to_bytes())]
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for rel, data in sorted(entries):
            info = zipfile.ZipInfo(rel, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the permissions below mean the same everywhere
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data, compresslevel=9)
    tmp.replace(target)


def safe_name(name: str, where: str) -> PurePosixPath:
    """An archive entry name as a relative path that stays inside the folder it is written to.

    Refused: absolute paths, ``..``, empty parts, backslashes, NUL, over-long names, and dotfiles
    or dot-folders (``.git/``, ``.github``, ``.procura``): ``procura pack build`` never archives
    them, so an archive that holds one was not built by procura, and a planted ``.git/config``
    would run code on the next ``git status`` in the packs folder.
    """
    path = PurePosixPath(name)
    parts = name.split("/")
    if (not name or "\\" in name or "\x00" in name or name.startswith("/") or path.is_absolute()
            or (len(name) > 1 and name[1] == ":") or any(part in ("..", "") for part in parts)):
        raise InputError(f"unsafe entry {name!r} (absolute path or ..)", where, "this archive is refused; ask the publisher for a clean one")
    if any(part.startswith(".") for part in parts):
        raise InputError(f"entry {name[:80]!r} is a hidden file or folder (.git, dotfiles), which a pack never holds", where,
                         "this archive is refused; build it with `procura pack build`, which leaves them out")
    if len(name.encode("utf-8")) > MAX_PATH_BYTES or any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
        raise InputError(f"entry {name[:60]!r}… has a name longer than a file system allows "
                         f"({MAX_NAME_BYTES} bytes a name, {MAX_PATH_BYTES} a path)", where, "this archive is refused")
    return path


def read_archive(path: Path) -> tuple[Manifest, dict[str, bytes]]:
    """The verified files of a pack archive, read into memory; nothing is written."""
    where = str(path)
    from procura.files import read_bytes

    data = read_bytes(path, MAX_TOTAL_BYTES + 10_000_000, "pack archive")  # regular files only; a pipe never blocks
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(f"not a readable zip archive ({exc})", where) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_FILES:
            raise InputError(f"{len(infos)} entries, more than the limit of {MAX_FILES}", where, "this archive is refused")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL_BYTES:
            raise InputError(f"{declared} bytes unpacked, more than the limit of {MAX_TOTAL_BYTES}", where, "this archive is refused")
        files: dict[str, bytes] = {}
        total = 0
        for info in infos:
            if info.is_dir():
                safe_name(info.filename.rstrip("/"), where)
                continue
            safe_name(info.filename, where)
            mode = info.external_attr >> 16
            if stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # links, devices, fifos; 0: no unix type given
                raise InputError(f"entry {info.filename!r} is a link or special file", where, "this archive is refused")
            if info.filename in files:
                raise InputError(f"entry {info.filename!r} appears twice", where, "this archive is refused")
            if info.file_size > MAX_FILE_BYTES:
                raise InputError(f"entry {info.filename!r} is {info.file_size} bytes, more than the limit of {MAX_FILE_BYTES}", where)
            try:
                with archive.open(info) as fh:
                    data = fh.read(MAX_FILE_BYTES + 1)  # never trust the declared size alone
            except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, NotImplementedError, EOFError, ValueError) as exc:
                raise InputError(f"entry {info.filename!r} is damaged and cannot be read ({str(exc)[:100]})", where,
                                 "this archive is refused; download it again or ask the publisher") from None
            if len(data) > MAX_FILE_BYTES or len(data) != info.file_size:
                raise InputError(f"entry {info.filename!r} unpacks to more bytes than it declares", where, "this archive is refused")
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise InputError(f"more than {MAX_TOTAL_BYTES} bytes unpacked", where, "this archive is refused")
            files[info.filename] = data
    folders = {str(parent) for name in files for parent in PurePosixPath(name).parents if str(parent) != "."}
    both = sorted(folders & set(files))
    if both:
        raise InputError(f"entry {both[0]!r} is both a file and a folder", where, "this archive is refused")
    if MANIFEST_FILE not in files:
        raise InputError("no manifest.json", where, "build the archive with `procura pack build`")
    manifest = Manifest.from_bytes(files.pop(MANIFEST_FILE), where)
    verify(manifest, files, where)
    return manifest, files


def verify(manifest: Manifest, files: dict[str, bytes], where: str) -> None:
    missing = sorted(set(manifest.files) - set(files))
    extra = sorted(set(files) - set(manifest.files))
    if missing or extra:
        detail = "; ".join(x for x in (f"missing {', '.join(missing)}" if missing else "",
                                       f"not in the manifest {', '.join(extra)}" if extra else "") if x)
        raise InputError(f"files do not match the checksum manifest ({detail})", where, "the archive was changed after it was built; refused")
    for name in sorted(files):
        safe_name(name, where)
        if sha256_bytes(files[name]) != manifest.files[name]:
            raise InputError(f"{name}: checksum does not match the manifest", where, "the archive was changed after it was built; refused")


def write_files(files: dict[str, bytes], target: Path) -> None:
    """Write verified archive files under ``target`` (which must be a fresh folder)."""
    root = target.resolve()
    for name, data in sorted(files.items()):
        dest = (target / safe_name(name, str(target))).resolve()
        if root not in dest.parents:
            raise InputError(f"unsafe entry {name!r}", str(target))
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(dest, "xb") as fh:  # never through an existing file or link
                fh.write(data)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            raise InputError(f"entry {name!r} collides with another entry (a file and a folder of one name)", str(target),
                             "this archive is refused") from None
