"""Writing outputs safely: all or nothing, and never over a file the user may have edited.

Files are rendered into a staging folder inside the output folder and moved into place only
when every one succeeded. A manifest (``.procura-manifest.json``) records the SHA-256 of each
file procura wrote; an existing file is replaced only if it still has that checksum, unless
the user passes ``--force``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from procura.errors import OutputError

MANIFEST = ".procura-manifest.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


class OutputDir:
    def __init__(self, path: Path, force: bool = False):
        self.path = path
        self.force = force
        self._staging: Path | None = None
        self._names: list[str] = []

    def __enter__(self) -> OutputDir:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._staging = Path(tempfile.mkdtemp(prefix=".procura-", dir=self.path))
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write to the output folder ({exc.strerror}) — choose another folder with -o") from None
        return self

    def __exit__(self, *exc_info) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)

    def _manifest(self) -> dict[str, str]:
        try:
            return json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def check(self, names: list[str]) -> None:
        """Refuse early if any of ``names`` exists and is not procura's unchanged output."""
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
        """Move every staged file into place and record its checksum."""
        self.check(self._names)
        manifest = self._manifest()
        written = []
        try:
            for name in self._names:
                staged = self._staging / name
                manifest[name] = sha256(staged)
                os.replace(staged, self.path / name)
                written.append(self.path / name)
            tmp = self._staging / MANIFEST
            tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.path / MANIFEST)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write output ({exc.strerror}) — check the folder's permissions and free space") from None
        return written
