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
from collections.abc import Iterable
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from procura import __version__
from procura.models import Requirement

MAX_FILES = 50  # cached libraries kept; older ones are removed
# cached packs kept: a national check reads hundreds of packs (one per municipality) and must not evict its own
MAX_PACK_FILES = 2000

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


def digest_files(files: Iterable[tuple[str, bytes]]) -> str:
    """The key of a pack's requirement files: procura's version and every file's POSIX path (relative
    to the pack) and bytes, in the order given."""
    h = hashlib.sha256(__version__.encode() + b"\0pack")
    for rel, data in files:
        h.update(rel.encode() + b"\0")
        h.update(data)
    return h.hexdigest()


def read(key: str, kind: str = "library") -> list[tuple[str, Requirement]] | None:
    try:
        return _ENTRIES.validate_json((cache_dir() / f"{kind}-{key}.json").read_bytes())
    except (OSError, ValueError, ValidationError):
        return None


def write(key: str, entries: list[tuple[str, Requirement]], kind: str = "library") -> None:
    folder = cache_dir()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_ENTRIES.dump_json(entries, by_alias=True, exclude_none=True))
        os.replace(tmp, folder / f"{kind}-{key}.json")
        keep = MAX_PACK_FILES if kind == "pack" else MAX_FILES
        cached = list(folder.glob(f"{kind}-*.json"))
        if len(cached) > keep:
            for path in sorted(cached, key=lambda p: p.stat().st_mtime)[:-keep]:
                path.unlink(missing_ok=True)
    except OSError:  # a cache is an optimisation; never fail a command over it (a full disk: no half file either)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
