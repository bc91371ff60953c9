"""The officer's folder: every path a request names is resolved inside it, or refused.

A request gives names, never paths: a profile's stem, an output's file name, an upload's id.
Each is checked against a strict pattern, joined to the workspace, resolved (following
symlinks) and must still lie inside the workspace.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from procura.errors import InputError

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
STATE = ".procura-web"  # uploads and review reports, inside the workspace


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

    def new_upload(self) -> tuple[str, Path]:
        upload_id = secrets.token_urlsafe(18)
        folder = self.inside(self.root / STATE / "uploads" / upload_id)
        folder.mkdir(parents=True)
        return upload_id, folder

    def upload(self, upload_id: str) -> Path:
        if not UPLOAD_ID.match(upload_id):
            raise OutsideWorkspace("not an upload", upload_id)
        folder = self.inside(self.root / STATE / "uploads" / upload_id)
        if not folder.is_dir():
            raise InputError("no such upload (it may have been removed)", upload_id, "upload the document again")
        return folder


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
