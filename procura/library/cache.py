"""A cache of validated libraries, so each command does not parse and validate ~190 YAML files.

The key is a SHA-256 of procura's version and every file of the library (path and bytes), so a
changed, added or removed file can never be served stale. The cache is JSON validated again by
pydantic on load — never pickle — and lives in ``$XDG_CACHE_HOME/procura`` (``~/.cache/procura``).
Any problem with it (unwritable, corrupt, removed) silently falls back to loading the YAML.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from procura import __version__
from procura.models import Requirement

MAX_FILES = 50  # cached libraries kept; older ones are removed

_ENTRIES = TypeAdapter(list[tuple[str, Requirement]])


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "procura"


def digest(root: Path, paths: list[Path]) -> str:
    h = hashlib.sha256(__version__.encode())
    for path in [root / "categories.yaml", root / "products.yaml", *paths]:
        h.update(str(path.relative_to(root)).encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def read(key: str) -> list[tuple[str, Requirement]] | None:
    try:
        return _ENTRIES.validate_json((cache_dir() / f"library-{key}.json").read_bytes())
    except (OSError, ValueError, ValidationError):
        return None


def write(key: str, entries: list[tuple[str, Requirement]]) -> None:
    folder = cache_dir()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".library-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_ENTRIES.dump_json(entries, by_alias=True, exclude_none=True))
        os.replace(tmp, folder / f"library-{key}.json")
        old = sorted(folder.glob("library-*.json"), key=lambda p: p.stat().st_mtime)[:-MAX_FILES]
        for path in old:
            path.unlink(missing_ok=True)
    except OSError:  # a cache is an optimisation; never fail a command over it (a full disk: no half file either)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
