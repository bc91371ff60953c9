"""The officer's folder: every path a request names is resolved inside it, or refused.

A request gives names, never paths: a profile's stem, an output's file name, an upload's id.
Each is checked against a strict pattern, joined to the workspace, resolved (following
symlinks) and must still lie inside the workspace.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from procura.errors import InputError

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
STATE = ".procura-web"  # uploads and review reports, inside the workspace
KEEP_SECONDS = 3600  # a review report or a pack upload waiting to be installed is kept this long


class OutsideWorkspace(InputError):
    pass


class Workspace:
    def __init__(self, root: Path):
        self.root = root.resolve()

    def inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            raise OutsideWorkspace("not inside the workspace", path.name)
        return resolved

    def profiles(self) -> list[Path]:
        found = []
        for path in sorted(self.root.glob("*.yaml")):
            try:
                if NAME.match(path.stem) and self.inside(path).is_file():
                    found.append(path)
            except InputError:
                continue
        return found

    def profile(self, name: str) -> Path:
        if not NAME.match(name):
            raise OutsideWorkspace("not a procurement name", name)
        path = self.inside(self.root / f"{name}.yaml")
        if not path.is_file():
            raise InputError("no such procurement", name, "start a new one")
        return path

    def new_profile(self, name: str) -> Path:
        if not NAME.match(name):
            raise OutsideWorkspace("not a procurement name", name)
        return self.inside(self.root / f"{name}.yaml")

    def out_dir(self, name: str) -> Path:
        if not NAME.match(name):
            raise OutsideWorkspace("not a procurement name", name)
        return self.inside(self.root / "out" / name)

    def output(self, name: str, filename: str) -> Path:
        if not FILE.match(filename) or ".." in filename:
            raise OutsideWorkspace("not a file name", filename)
        folder = self.out_dir(name)
        path = (folder / filename).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            raise OutsideWorkspace("no such file", filename)
        return path

    def _new(self, kind: str) -> tuple[str, Path]:
        item_id = secrets.token_urlsafe(18)
        folder = self.inside(self.root / STATE / kind / item_id)
        folder.mkdir(parents=True)
        return item_id, folder

    def _named(self, kind: str, item_id: str) -> Path:
        if not UPLOAD_ID.match(item_id):
            raise OutsideWorkspace("not an upload", item_id)
        folder = self.inside(self.root / STATE / kind / item_id)
        if not folder.is_dir():
            raise InputError("no such upload (it may have been removed)", item_id, "upload the document again")
        return folder

    def new_upload(self) -> tuple[str, Path]:
        """A folder for an upload that must outlive its request (a pack archive previewed, then installed)."""
        return self._new("uploads")

    def upload(self, upload_id: str) -> Path:
        return self._named("uploads", upload_id)

    def remove_upload(self, upload_id: str) -> None:
        shutil.rmtree(self.upload(upload_id), ignore_errors=True)

    def new_report(self) -> tuple[str, Path]:
        """A folder for a review report, kept for KEEP_SECONDS so the officer can download it."""
        return self._new("reports")

    def report(self, report_id: str) -> Path:
        return self._named("reports", report_id)

    @contextlib.contextmanager
    def scratch(self) -> Iterator[Path]:
        """A folder for one request's files (a document to check), removed when the request is done,
        whatever happened."""
        _, folder = self._new("tmp")
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def sweep(self, keep_seconds: float = KEEP_SECONDS) -> None:
        """Remove uploads, reports and scratch folders older than ``keep_seconds`` (a request that
        was killed leaves its scratch folder; an upload never installed stays otherwise)."""
        now = time.time()
        for kind in ("uploads", "reports", "tmp"):
            parent = self.root / STATE / kind
            if not parent.is_dir() or parent.is_symlink():
                continue
            for folder in parent.iterdir():
                try:
                    if folder.is_dir() and not folder.is_symlink() and now - folder.stat().st_mtime > keep_seconds:
                        shutil.rmtree(folder, ignore_errors=True)
                except OSError:
                    continue


def safe_upload_name(filename: str, suffixes: tuple[str, ...]) -> str:
    """A file name to store an upload under: the base name of what the browser sent, reduced to
    safe characters, with one of the accepted suffixes."""
    base = re.split(r"[\\/]", filename or "")[-1]
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in suffixes:
        raise InputError(f"cannot check files of type {suffix or '(none)'}", base or "(no name)",
                         f"upload one of {', '.join(suffixes)}")
    clean = re.sub(r"[^A-Za-z0-9_-]+", "_", stem).strip("_")[:80] or "dokument"
    return clean + suffix
