"""Writing outputs safely — the one way procura writes a user's files.

Three shapes, one set of rules (all or nothing; never over a file the user may have edited
unless ``--force``; never over one of the command's own inputs; an OSError such as a full disk
becomes one line naming the file):

* :class:`OutputDir` — the several outputs of a build, checklist or evaluation in one folder.
  Files are rendered into a staging folder inside the output folder and moved into place only
  when every one succeeded. A manifest (``.procura-manifest.json``) records the SHA-256 of each
  file procura wrote; an existing file is replaced only if it still has that checksum, unless
  the user passes ``--force``. A lock file (``.procura-lock``) keeps a second build out of the
  folder while one runs; a journal (``.procura-journal.json``) written before the first rename
  lets the next run complete a commit that a crash interrupted; staging folders that crashed
  builds left behind are removed.
* :func:`write_file` — one file (a check report, a pack export, a pack archive): written to a
  temporary file beside the target and moved into place; an existing file is refused unless
  ``force`` (or it already holds exactly these bytes).
* :func:`new_folder` — a folder that must not exist yet (pack import, pack new): built in a
  temporary folder beside it and renamed into place on success, so a failure leaves nothing.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from procura.errors import OutputError

MANIFEST = ".procura-manifest.json"
LOCK = ".procura-lock"
JOURNAL = ".procura-journal.json"
STAGING_PREFIX = ".procura-"  # staging folders (and, from older versions, mkdtemp folders) start so


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or type(exc).__name__


def cannot_write(where: Path, exc: OSError, hint: str | None = None, what: str = "cannot write") -> OutputError:
    """The one-line error for an OSError while writing; nothing half-written stays behind it."""
    if exc.errno == errno.ENOSPC:
        hint = f"free some space, or {hint}" if hint else "free some space and run the command again; nothing was written"
    return OutputError(f"{where}: {what} ({_reason(exc)}) — {hint or 'check the permissions of the folder'}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _readable(path: Path | str) -> None:
    """A temporary file gets the permissions a newly created file would have (mkstemp makes it 0600)."""
    os.chmod(path, 0o666 & ~_umask())


_FOLDER = {"hint": "choose another folder with -o", "what": "cannot write to the output folder"}


def _fsync(path: Path) -> None:
    """Flush a file (or, on POSIX, a folder's entries) to disk, so a power cut keeps what a rename promised."""
    if path.is_dir() and os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_durably(path: Path, data: bytes, tmp_dir: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=STAGING_PREFIX, suffix=".tmp", dir=tmp_dir)
    try:
        _readable(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- inputs are never outputs -------------------------------------------------------------------
def _same_or_inside(target: Path, source: Path) -> bool:
    """``target`` is the file ``source``, or lies inside the folder ``source``."""
    try:
        if target.exists() and source.exists() and os.path.samefile(target, source):
            return True
        t, s = target.resolve(), source.resolve()
    except OSError:
        return False
    return t == s or (source.is_dir() and s in t.parents)


def refuse_inputs(targets: Iterable[Path], inputs: Iterable[Path | None]) -> None:
    """An OutputError if any of ``targets`` is one of the command's inputs (or inside an input folder)."""
    sources = [Path(p) for p in inputs if p is not None]
    for target in targets:
        for source in sources:
            if _same_or_inside(target, source):
                raise OutputError(f"{target}: is {'inside ' if source.is_dir() else ''}{source}, one of this command's "
                                  "inputs — write the output somewhere else")


# -- one file -----------------------------------------------------------------------------------
def preflight(target: Path, force: bool = False, inputs: Iterable[Path | None] = (), hint: str = "choose another file",
              keep_identical: bool = False) -> None:
    """Refuse, before any work is done, a target :func:`write_file` would refuse."""
    refuse_inputs([target], inputs)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder — give a file name")
    if target.exists() and not target.is_file():
        raise OutputError(f"{target}: exists and is not a regular file — {hint}")
    if target.exists() and not force and not keep_identical:
        raise OutputError(f"{target}: exists — {hint}, or pass --force to replace it")


def write_file(target: Path, writer: Callable[[Path], None], force: bool = False,
               inputs: Iterable[Path | None] = (), hint: str = "choose another file", keep_identical: bool = False) -> Path:
    """Write one file through ``writer(temporary_path)``, then move it to ``target``.

    Refuses a target that is an input or a folder, and an existing file unless ``force``; with
    ``keep_identical`` an existing file that already holds exactly the new bytes is accepted (and
    left as it is). Nothing is left half-written.
    """
    preflight(target, force, inputs, hint, keep_identical)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=STAGING_PREFIX, suffix=target.suffix, dir=parent)
        os.close(fd)
        _readable(tmp_name)
    except OSError as exc:
        raise cannot_write(target, exc, hint) from None
    tmp = Path(tmp_name)
    try:
        writer(tmp)
        _fsync(tmp)
        if target.exists() and not force:
            if target.is_file() and _same_bytes(tmp, target):
                return target  # the same bytes are already there: nothing to replace
            raise OutputError(f"{target}: exists — {hint}, or pass --force to replace it")
        os.replace(tmp, target)
        _fsync(parent)
    except OSError as exc:
        raise cannot_write(target, exc, hint) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return target


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and sha256(a) == sha256(b)
    except OSError:
        return False


# -- one new folder -----------------------------------------------------------------------------
@contextlib.contextmanager
def new_folder(target: Path, hint: str = "choose another with --out") -> Iterator[Path]:
    """A temporary folder beside ``target`` to fill; renamed to ``target`` when the block succeeds.

    ``target`` must not exist, or be an empty folder. On any error the temporary folder is removed.
    """
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target}: exists and is not a folder — {hint}")
    if target.is_dir() and any(target.iterdir()):
        raise OutputError(f"{target}: folder exists and is not empty — {hint}")
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{target.name[:40]}-", dir=parent))
    except OSError as exc:
        raise cannot_write(target, exc, hint) from None
    try:
        try:
            yield staging
        except OSError as exc:
            raise cannot_write(target, exc, hint) from None
        try:
            if target.is_dir():
                target.rmdir()  # empty, checked above; rename cannot replace a folder everywhere
            os.rename(staging, target)
        except OSError as exc:
            if target.exists():
                raise OutputError(f"{target}: appeared while procura was writing it — {hint}") from None
            raise cannot_write(target, exc, hint) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# -- the lock of an output folder ---------------------------------------------------------------
class FolderLock:
    """An exclusive lock on an output folder, held while a build writes into it.

    The operating system holds the lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows), so
    it ends with the process: a lock file a killed build left behind is simply taken over. The
    file holds the pid of the build that has it, for the message the next build gives.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / LOCK
        self._fd: int | None = None

    def acquire(self) -> FolderLock:
        for _ in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                held = not _try_lock(fd)
            except BaseException:
                os.close(fd)
                raise
            if held:
                holder = _read_pid(fd)
                os.close(fd)
                raise OutputError(f"{self.folder}: another build is running in {self.folder} (pid {holder}) — wait for it "
                                  f"to finish; if no procura is running, remove {self.path}")
            try:  # a build that just finished may have removed the file we locked: lock the new one
                current = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                current = False
            if current:
                self._fd = fd
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, f"{os.getpid()}\n".encode())
                return self
            os.close(fd)
        raise OutputError(f"{self.folder}: could not lock the output folder — try again")

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if os.name == "nt":  # an open file cannot be removed there; unlock, close, then remove
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(fd)


_LOCK_OFFSET = 1 << 20  # Windows locks a byte range; lock one past the pid, so the pid stays readable


def _try_lock(fd: int) -> bool:
    """True when this process now holds the lock on ``fd``; False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        return True  # a file system without locks (some network shares): go on unlocked, as before
    return True


def _read_pid(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 64).decode("ascii", "replace").strip()
    except OSError:
        text = ""
    return text if text.isdigit() else "unknown"


# -- a folder of outputs ------------------------------------------------------------------------
class OutputDir:
    def __init__(self, path: Path, force: bool = False, inputs: Iterable[Path | None] = ()):
        self.path = path
        self.force = force
        self.inputs = [Path(p) for p in inputs if p is not None]
        self._staging: Path | None = None
        self._names: list[str] = []
        self._lock = FolderLock(path)
        self._keep_staging = False  # a commit failed half-way: its journal and staging let the next run complete it
        self.recovered: list[str] = []  # files of an interrupted commit that this run completed

    def __enter__(self) -> OutputDir:
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(f"{self.path}: cannot write to the output folder (it is a file) — choose another folder with -o")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except OSError as exc:
            raise cannot_write(self.path, exc, **_FOLDER) from None
        try:
            self.recovered = recover(self.path)
            remove_stale_staging(self.path)
            self._staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.path))
        except OSError as exc:
            self._lock.release()
            raise cannot_write(self.path, exc, **_FOLDER) from None
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self._staging is not None and not self._keep_staging:
                shutil.rmtree(self._staging, ignore_errors=True)
        finally:
            self._lock.release()
        if isinstance(exc, OSError):  # a writer failed (disk full, ...): one line, nothing half-written
            raise cannot_write(self.path, exc) from None

    def _manifest(self) -> dict[str, str]:
        return read_manifest(self.path)

    def check(self, names: list[str]) -> None:
        """Refuse early if any of ``names`` is an input, or exists and is not procura's unchanged output."""
        refuse_inputs([self.path / name for name in names], self.inputs)
        if self.force:
            return
        manifest = self._manifest()
        for name in names:
            target = self.path / name
            if target.exists() and manifest.get(name) != sha256(target):
                raise OutputError(
                    f"{target}: exists and was not written by procura or has been edited since — "
                    "move it away, choose another folder with -o, or pass --force to replace it")

    def stage(self, name: str) -> Path:
        assert self._staging is not None, "use OutputDir as a context manager"
        self._names.append(name)
        return self._staging / name

    def commit(self) -> list[Path]:
        """Move every staged file into place and record its checksum, through a journal."""
        assert self._staging is not None, "use OutputDir as a context manager"
        self.check(self._names)
        try:
            files = {}
            for name in self._names:
                staged = self._staging / name
                _fsync(staged)
                files[name] = sha256(staged)
            journal = {"procura": 1, "staging": self._staging.name, "files": files}
            _write_durably(self.path / JOURNAL, json.dumps(journal, indent=2).encode("utf-8"), self._staging)
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
        try:
            _fsync(self.path)
            _apply_journal(self.path, journal)
        except OSError as exc:
            self._keep_staging = True
            raise cannot_write(self.path, exc, "the next build into this folder completes the outputs it began "
                                               "to move into place") from None
        return [self.path / name for name in self._names]


def read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}


def _plain_name(name: object) -> bool:
    return isinstance(name, str) and bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\x00")


def _apply_journal(folder: Path, journal: dict) -> list[str]:
    """Complete a commit: move what is still staged into place, record the checksums, drop the journal.

    Run once right after the journal is written, and again by :func:`recover` after a crash —
    every step can be repeated, so a crash at any point is completed by the next run."""
    staging = folder / journal["staging"]
    files: dict[str, str] = journal["files"]
    for name in files:
        staged = staging / name
        if staged.is_file():
            os.replace(staged, folder / name)
    manifest = read_manifest(folder)
    done = []
    for name, digest in files.items():
        target = folder / name
        if target.is_file() and sha256(target) == digest:
            manifest[name] = digest
            done.append(name)
    _write_durably(folder / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8"), folder)
    (folder / JOURNAL).unlink()
    _fsync(folder)
    return done


def recover(folder: Path) -> list[str]:
    """Complete the commit a crashed build left in ``folder`` (call with the folder locked)."""
    path = folder / JOURNAL
    if not path.is_file():
        return []
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
        valid = (isinstance(journal, dict) and _plain_name(journal.get("staging"))
                 and str(journal["staging"]).startswith(STAGING_PREFIX) and isinstance(journal.get("files"), dict)
                 and all(_plain_name(n) and isinstance(d, str) for n, d in journal["files"].items()))
    except (OSError, ValueError):
        valid = False
    if not valid:  # not a journal procura wrote: nothing can be completed from it
        path.unlink()
        return []
    return _apply_journal(folder, journal)


def remove_stale_staging(folder: Path) -> None:
    """Remove the staging folders of builds that were killed (call with the folder locked)."""
    for entry in folder.iterdir():
        if not entry.name.startswith(STAGING_PREFIX) or entry.is_symlink():
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.endswith(".tmp") and entry.is_file():  # a manifest or journal being written
            entry.unlink()
