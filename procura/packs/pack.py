"""A requirement pack on disk: load it, list its files, scaffold a new one.

Layout::

    my-pack/
      pack.yaml                 # PackMeta: name, version, publisher, licence, overrides, ...
      <category>/<ID>.yaml      # requirements in the library's schema, IDs namespaced "my-pack:IS-001"
      overrides/<ID>.yaml       # optional: one Override per file (or list them in pack.yaml)
      README.md, LICENSE, CHANGELOG.md   # optional
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from procura.errors import ErrorCollector, InputError, ProcuraError, ValidationErrors
from procura.library import Library, load_library
from procura.library.loader import add_requirements
from procura.models import Requirement
from procura.packs.archive import MANIFEST_FILE
from procura.packs.model import Override, PackMeta, namespace_of
from procura.packs.overrides import Change, apply_override
from procura.yamlio import dump_yaml, load_model

PACK_FILE = "pack.yaml"
OVERRIDES_DIR = "overrides"
EXTRA_FILES = frozenset({"README.md", "LICENSE", "LICENSE.txt", "CHANGELOG.md"})


@dataclass
class Pack:
    root: Path
    meta: PackMeta
    library: Library  # the pack's own requirements, with the base library's categories and product areas
    overrides: dict[str, Override] = field(default_factory=dict)
    changes: dict[str, list[Change]] = field(default_factory=dict)  # library ID -> what the override changes
    changed: dict[str, Requirement] = field(default_factory=dict)  # library ID -> the requirement as changed

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def version(self) -> str:
        return self.meta.version

    @property
    def requirements(self) -> dict[str, Requirement]:
        return {rid: loaded.requirement for rid, loaded in self.library.requirements.items()}


def origin_text(meta: PackMeta) -> str:
    """How the document credits a pack: publisher, pack and version."""
    return f"{meta.publisher.organisation} · {meta.name} {meta.version}"


def provenance(meta: PackMeta) -> dict:
    return {"origin": origin_text(meta), "pack": meta.name, "version": meta.version, "publisher": meta.publisher.organisation}


def load_pack(root: Path, base: Library | None = None, contents: Mapping[str, bytes] | None = None) -> Pack:
    """Load and cross-check a pack folder against the base library (default: the shipped one).

    ``contents``: the pack's files as already read (and verified against its manifest), by POSIX path
    relative to ``root``; the requirement files are then not read again (their cache key is computed
    from these bytes, and they are what is parsed when the cache does not have them)."""
    if not root.is_dir():
        raise InputError("pack folder not found", root, "give the folder that holds pack.yaml")
    base = base or load_library()
    meta = load_model(root / PACK_FILE, PackMeta)
    errors = ErrorCollector()
    for i, product in enumerate(meta.products):
        if product not in base.products:
            errors.add(InputError(f"products.{i}: unknown product area {product!r}", root / PACK_FILE,
                                     f"use one of {', '.join(base.products)}"))
    library = Library(root, base.categories, base.products)
    errors.attempt(add_requirements, library, root, skip=frozenset({OVERRIDES_DIR}), cached=True, contents=contents,
                   **provenance(meta))
    for rid, loaded in library.requirements.items():
        if namespace_of(rid) != meta.name:
            errors.add(InputError(f"id {rid} is not in the pack's namespace", loaded.path,
                                     f"write it as {meta.name}:{rid.split(':')[-1]} so it never collides with the library or other packs"))
    pack = Pack(root, meta, library)
    declared = [(o, str(root / PACK_FILE)) for o in meta.overrides]
    override_dir = root / OVERRIDES_DIR
    if override_dir.is_dir():
        for path in sorted(override_dir.glob("*.yaml")):
            override = errors.attempt(load_model, path, Override)
            if override is None:
                continue
            if override.id != path.stem:
                errors.add(InputError(f"id {override.id} does not match the file name", path, f"rename the file to {override.id}.yaml"))
                continue
            declared.append((override, str(path)))
    for override, where in declared:
        if override.id in pack.overrides:
            errors.add(InputError(f"override of {override.id} declared twice", where, "keep one"))
            continue
        if override.id not in base.requirements:
            errors.add(InputError(f"overrides: {override.id} is not a requirement of the library", where,
                                     "an override changes a library requirement; add a new one as a pack requirement"))
            continue
        applied = errors.attempt(apply_override, base.get(override.id), override, where)
        if applied is None:
            continue
        pack.changed[override.id], pack.changes[override.id] = applied
        pack.overrides[override.id] = override
    errors.raise_if_any()
    return pack


def pack_files(root: Path, categories: list[str]) -> list[str]:
    """The files that make up the pack in ``root``, as sorted POSIX paths relative to it.

    Refuses symlinks anywhere, anything but regular files (a named pipe, a device or a socket)
    and files that have no place in a pack; skips dotfiles and dot-folders (``.git``: a pack is
    often a git checkout) and the manifest, which is written by procura. Nothing is opened.
    """
    allowed_dirs = set(categories) | {OVERRIDES_DIR}
    found: list[str] = []
    stray: list[str] = []
    # os.walk's order (a folder's own entries, then each sub-folder in turn), from one scandir per folder:
    # the entries' types come with the listing, so nothing is stat'ed unless the file system does not say
    pending: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    while pending:
        here, parts = pending.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError:  # as os.walk: a folder that cannot be listed is passed over
            continue
        folders = [e for e in entries if _is_dir(e)]
        for entry in folders:
            if not entry.name.startswith(".") and entry.is_symlink():
                raise InputError("symbolic links are not allowed in a pack", here / entry.name, "replace the link with the file")
        for entry in entries:
            if _is_dir(entry):
                continue
            name = entry.name
            if entry.is_symlink():
                raise InputError("symbolic links are not allowed in a pack", here / name, "replace the link with the file")
            if name.startswith("."):
                continue
            if not _is_file(entry):
                raise InputError("is not a regular file (a named pipe, device or socket)", here / name, "a pack holds only regular files")
            if not parts and (name in (PACK_FILE, MANIFEST_FILE) or name in EXTRA_FILES):
                if name != MANIFEST_FILE:
                    found.append(name)
            elif len(parts) == 1 and parts[0] in allowed_dirs and name.endswith(".yaml"):
                found.append(f"{parts[0]}/{name}")
            else:
                stray.append("/".join((*parts, name)))
        pending += [(here / e.name, (*parts, e.name)) for e in reversed(folders) if not e.name.startswith(".")]
    if stray:
        raise InputError(f"files that do not belong in a pack: {', '.join(sorted(stray)[:10])}", root,
                         "a pack holds pack.yaml, <category>/<ID>.yaml, overrides/<ID>.yaml, README.md, LICENSE and CHANGELOG.md")
    if PACK_FILE not in found:
        raise InputError("no pack.yaml", root, "create a pack with `procura pack new NAME`")
    return sorted(found)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def create_pack_folder(target: Path, fill: Callable[[Path], object], base: Library | None = None) -> Pack:
    """A new pack folder: ``fill(folder)`` writes it into a staging folder beside ``target``, which
    is loaded (and so validated) there and renamed to ``target`` only if it is a valid pack.

    ``target`` must not exist (or be an empty folder). On any error nothing is left behind, and
    the error names the files as they would have been called in ``target``."""
    from procura.render.output import new_folder

    with new_folder(target) as staging:
        fill(staging)
        try:
            load_pack(staging, base)
        except ProcuraError as exc:
            raise _relocated(exc, staging, target) from None
    return load_pack(target, base)


def _relocated(exc: ProcuraError, staging: Path, target: Path) -> ProcuraError:
    def moved(error: InputError) -> InputError:
        where = error.where.replace(str(staging), str(target)) if error.where else None
        return InputError(error.what.replace(str(staging), str(target)), where, error.hint)

    if isinstance(exc, ValidationErrors):
        return ValidationErrors([moved(e) for e in exc.errors])
    if isinstance(exc, InputError):
        return moved(exc)
    return exc


def scaffold(name: str, parent: Path, organisation: str = "Exempel kommun") -> Path:
    """Write a new, valid pack with one example requirement; returns its folder."""
    meta = PackMeta.model_validate({
        "name": name, "version": "0.1.0",
        "publisher": {"organisation": organisation},
        "title": {"sv": f"Kravpaket {name}", "en": f"Requirement pack {name}"},
        "description": {"sv": "Beskriv vad paketet är till för och när det har använts.",
                        "en": "Describe what the pack is for and where it has been used."},
        "licence": "CC-BY-4.0", "products": [],
    })
    root = parent / name
    if root.exists():
        raise InputError("already exists", root, "choose another name or --dir")
    example = {
        "id": f"{name}:SF-001",
        "title": {"sv": "Svarstid för support", "en": "Support response time"},
        "category": "support",
        "role": "teknisk_specifikation",
        "obligation": "ska",
        "products": [],
        "levels": {"bas": {"text": {
            "sv": "Leverantören ska besvara ärenden till supporten inom {{hours}} timmar under kontorstid.",
            "en": "The supplier shall answer support requests within {{hours}} hours during office hours."}}},
        "parameters": [{"name": "hours", "label": {"sv": "Svarstid", "en": "Response time"}, "unit": "",
                        "defaults": {"bas": 8}, "stricter": "lower"}],
        "motive": {"sv": "Verksamheten behöver veta när den får hjälp.", "en": "The care organisation needs to know when it gets help."},
        "verification": {"method": {"sv": "Leverantören bekräftar kravet i anbudet och redovisar svarstider kvartalsvis.",
                                    "en": "The supplier confirms the requirement in the tender and reports response times quarterly."},
                         "stages": ["anbud", "avtalstid"]},
    }
    Requirement.model_validate(example)

    def fill(folder: Path) -> None:
        (folder / "support").mkdir()
        (folder / PACK_FILE).write_text(dump_yaml(meta.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
        (folder / "support" / "SF-001.yaml").write_text(dump_yaml(example), encoding="utf-8")
        (folder / "README.md").write_text(f"# {name}\n\nSee `procura pack --help` and docs/packs.md.\n", encoding="utf-8")

    create_pack_folder(root, fill)
    return root

