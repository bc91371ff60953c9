"""Read a requirement library folder into validated models.

Layout::

    requirement_library/
      categories.yaml          # list of categories (slug, ID prefix, names)
      products.yaml            # list of product areas
      <category>/<ID>.yaml     # one requirement per file

Every file is validated; all errors are collected and reported together with file:line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from procura.errors import ErrorCollector, InputError, raise_all
from procura.files import decode_utf8, read_bytes
from procura.library import cache
from procura.models import Category, ProductArea, Requirement
from procura.yamlio import MAX_YAML_BYTES, parse_yaml, read_text, validate, validation_errors

MAX_REQUIREMENT_FILES = 5000


@dataclass(frozen=True)
class LoadedRequirement:
    requirement: Requirement
    path: Path
    origin: str = "library"  # "library", or the pack that supplied it as shown in the document
    pack: str | None = None  # name of the pack that supplied or changed the requirement
    version: str | None = None  # its exact version
    publisher: str | None = None  # its publishing organisation
    overrides: tuple = ()  # for a library requirement a pack changed: procura.packs.overrides.Change items


@dataclass
class Library:
    root: Path
    categories: dict[str, Category]
    products: dict[str, ProductArea]
    requirements: dict[str, LoadedRequirement] = field(default_factory=dict)

    def get(self, req_id: str) -> Requirement:
        try:
            return self.requirements[req_id].requirement
        except KeyError:
            raise InputError(f"unknown requirement ID {req_id}", hint="see `procura library list`") from None

    def __iter__(self):
        return (loaded.requirement for loaded in self.requirements.values())

    def __len__(self) -> int:
        return len(self.requirements)


def shipped_library_path() -> Path:
    return Path(str(files("procura.requirement_library")))


def _load_list(path: Path, model: type) -> list:
    text = read_text(path)
    data = parse_yaml(text, path)
    if not isinstance(data, list):
        raise InputError("expected a list", path)
    try:
        return TypeAdapter(list[model]).validate_python(data)
    except ValidationError as exc:
        errors = validation_errors(exc, text, path)
        raise_all(errors)


def load_library(root: Path | None = None) -> Library:
    """Load and cross-check a library folder (default: the one shipped with procura)."""
    root = root or shipped_library_path()
    if not root.is_dir():
        raise InputError("library folder not found", root)
    categories = {c.slug: c for c in _load_list(root / "categories.yaml", Category)}
    products = {p.slug: p for p in _load_list(root / "products.yaml", ProductArea)}
    library = Library(root, categories, products)
    paths = requirement_paths(root)
    key = cache.digest(root, paths)
    entries = cache.read(key)
    if entries is not None:
        library.requirements = {req.id: LoadedRequirement(req, root / rel) for rel, req in entries}
        return library
    add_requirements(library, root)
    cache.write(key, [(str(loaded.path.relative_to(root)), loaded.requirement) for loaded in library.requirements.values()])
    return library


def requirement_paths(root: Path, skip: frozenset[str] = frozenset()) -> list[Path]:
    """Every ``root/<folder>/<name>.yaml`` that is a file, as ``sorted(root.glob("*/*.yaml"))`` with the
    folders in ``skip`` left out, from one listing per folder (no stat for an entry whose type it gives)."""
    found: list[tuple[str, str]] = []
    for folder in _entries(root):
        if folder.name in skip or not _is(folder.is_dir):
            continue
        found += [(folder.name, entry.name) for entry in _entries(Path(folder.path))
                  if entry.name.endswith(".yaml") and _is(entry.is_file)]
    paths = [root / folder / name for folder, name in sorted(found)]
    if len(paths) > MAX_REQUIREMENT_FILES:
        raise InputError(f"{len(paths)} requirement files, more than the limit of {MAX_REQUIREMENT_FILES}", root)
    return paths


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:  # as glob: a folder that cannot be listed has no matches
        return []


def _is(test) -> bool:
    """A DirEntry type test (it follows symbolic links, as Path.is_file and glob do); False when it cannot tell."""
    try:
        return test()
    except OSError:
        return False


def add_requirements(library: Library, root: Path, skip: frozenset[str] = frozenset(), cached: bool = False,
                     contents: Mapping[str, bytes] | None = None, **provenance) -> None:
    """Load every ``root/<category>/<ID>.yaml`` (except folders in ``skip``) into ``library``.

    ``provenance`` (origin, pack, version, publisher) is recorded on each loaded requirement. With ``cached``
    (a pack) each file is read once: its bytes give the cache key of the validated requirements and, when they
    are not in the cache, are what is parsed; placement is checked against ``library`` every time.
    ``contents``: the files' bytes already read (and verified), by POSIX path relative to ``root``; those
    files are not read again.
    """
    errors = ErrorCollector()
    paths = requirement_paths(root, skip)
    # by relative name: building and hashing a Path per requirement cost more than validating it
    names = [relative_name(path) for path in paths]
    sources: list[bytes | InputError] | None = None
    key = None
    if cached:
        sources = [_bytes_of(path, name, contents) for path, name in zip(paths, names, strict=True)]
        if not any(isinstance(source, InputError) for source in sources):
            key = cache.digest_files(zip(names, sources, strict=True))  # type: ignore[arg-type]
    entries = cache.read(key, "pack") if key else None
    validated = dict(entries) if entries is not None and len(entries) == len(paths) else {}
    for i, path in enumerate(paths):
        req = validated.get(names[i])
        if req is not None:
            req = errors.attempt(_placed, req, path, library)
        elif sources is not None:
            req = errors.attempt(_load_placed_source, sources[i], path, library)
        else:
            req = errors.attempt(load_placed_requirement, path, library)
        if req is None:
            continue
        if req.id in library.requirements:
            errors.add(InputError(f"duplicate requirement ID {req.id} (also in {library.requirements[req.id].path})", path, "give each requirement its own ID"))
            continue
        library.requirements[req.id] = LoadedRequirement(req, path, **provenance)
    errors.raise_if_any()
    if key and not validated:
        here = set(paths)
        cache.write(key, [(relative_name(loaded.path), loaded.requirement)
                          for loaded in library.requirements.values() if loaded.path in here], "pack")


def _bytes_of(path: Path, name: str, contents: Mapping[str, bytes] | None) -> bytes | InputError:
    """A requirement file's bytes (from ``contents`` where it has them), or the error reading it gave."""
    if contents is not None and name in contents:
        return contents[name]
    try:
        return read_bytes(path, MAX_YAML_BYTES)
    except InputError as exc:
        return exc


def _load_placed_source(source: bytes | InputError, path: Path, library: Library) -> Requirement:
    """:func:`load_placed_requirement` from bytes already read (or the error reading them gave)."""
    if isinstance(source, InputError):
        raise source
    text = decode_utf8(source, path)
    req = validate(parse_yaml(text, path), Requirement, text, path)
    check_placement(req, path, library)
    return req


def relative_name(path: Path) -> str:
    """A requirement file's name as the cache keeps it: ``<category>/<ID>.yaml`` (a POSIX path)."""
    return f"{path.parent.name}/{path.name}"


def _placed(req: Requirement, path: Path, library: Library) -> Requirement:
    check_placement(req, path, library)
    return req


def load_placed_requirement(path: Path, library: Library) -> Requirement:
    req = load_requirement(path)
    check_placement(req, path, library)
    return req


def load_requirement(path: Path) -> Requirement:
    text = read_text(path)
    return validate(parse_yaml(text, path), Requirement, text, path)


def check_placement(req: Requirement, path: Path, library: Library) -> None:
    """The file name, folder, category and products of a requirement must agree with the library."""
    if path.stem != req.id.split(":")[-1]:
        raise InputError(f"id {req.id} does not match the file name", path, f"rename the file to {req.id.split(':')[-1]}.yaml")
    if req.category not in library.categories:
        raise InputError(f"category: unknown category {req.category!r}", path, f"use one of {', '.join(library.categories)}")
    if path.parent.name != req.category:
        raise InputError(f"category {req.category} but the file is in folder {path.parent.name}/", path, f"move it to {req.category}/")
    unknown = [p for p in req.products if p not in library.products]
    if unknown:
        raise InputError(f"products: unknown product area {', '.join(unknown)}", path, f"use one of {', '.join(library.products)}")
