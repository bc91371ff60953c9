"""Using packs in a build: resolve a profile's ``packs:`` against the installed packs, merge them
into the library, and record exactly what was used (the lock)."""

from __future__ import annotations

from dataclasses import dataclass

from procura.errors import InputError
from procura.library import Library, LoadedRequirement
from procura.models.profile import PackRef
from procura.packs.pack import load_pack, origin_text
from procura.packs.semver import Range, Version
from procura.packs.store import InstalledPack, PackStore

MAX_ROUNDS = 50


@dataclass(frozen=True)
class LockEntry:
    name: str
    version: str
    publisher: str
    sha256: str
    requested: str  # the ranges that chose this version

    def to_json(self) -> dict:
        return {"name": self.name, "version": self.version, "publisher": self.publisher, "sha256": self.sha256,
                "requested": self.requested}


def choose(refs: list[PackRef], store: PackStore) -> dict[str, InstalledPack]:
    """The highest installed version of each pack (and its dependencies) that meets every range."""
    ranges: dict[str, list[str]] = {}
    for ref in refs:
        ranges.setdefault(ref.name, []).append(ref.version)
    chosen: dict[str, InstalledPack] = {}
    for _ in range(MAX_ROUNDS):
        changed = False
        for name in sorted(ranges):
            wanted = [Range.parse(r) for r in ranges[name]]
            current = chosen.get(name)
            if current is not None and all(Version.parse(current.version) in r for r in wanted):
                continue
            candidates = [p for p in store.versions(name) if all(Version.parse(p.version) in r for r in wanted)]
            if not candidates:
                have = ", ".join(p.version for p in store.versions(name)) or "none"
                raise InputError(f"packs: no installed version of {name} meets {' and '.join(ranges[name])} (installed: {have})",
                                 store.root, f"install one with `procura pack install SOURCE --packs-dir {store.root}`")
            chosen[name] = max(candidates, key=lambda p: Version.parse(p.version))
            changed = True
            for dep in chosen[name].meta.dependencies:
                if dep.version not in ranges.setdefault(dep.name, []):
                    ranges[dep.name].append(dep.version)
        if not changed:
            return chosen
    raise InputError("packs: the version ranges of the packs and their dependencies do not settle", store.root)


def library_with_packs(base: Library, refs: list[PackRef], store: PackStore) -> tuple[Library, list[LockEntry]]:
    """``base`` plus the requirements and overrides of the packs ``refs`` name, and the lock."""
    if not refs:
        return base, []
    chosen = choose(refs, store)
    merged = Library(base.root, base.categories, base.products, dict(base.requirements))
    overridden_by: dict[str, str] = {}
    lock: list[LockEntry] = []
    requested = {ref.name: ref.version for ref in refs}
    for name in sorted(chosen):
        installed = chosen[name]
        contents = store.verify_installed(installed, base)  # read once: verified, then loaded from the same bytes
        pack = load_pack(installed.path, base, contents)
        merged.requirements.update(pack.library.requirements)
        for lib_id, req in pack.changed.items():
            if lib_id in overridden_by:
                raise InputError(f"packs: {overridden_by[lib_id]} and {name} both override {lib_id}", store.root,
                                 "use one of them, or exclude the requirement with a choice")
            overridden_by[lib_id] = name
            merged.requirements[lib_id] = LoadedRequirement(
                req, base.requirements[lib_id].path, origin=origin_text(pack.meta), pack=pack.name, version=pack.version,
                publisher=pack.meta.publisher.organisation, overrides=tuple(pack.changes[lib_id]))
        lock.append(LockEntry(name, installed.version, installed.meta.publisher.organisation, installed.digest,
                              requested.get(name, "dependency")))
    return merged, lock


def read_lock(path) -> list[LockEntry]:
    """The packs a previous build used, from its ``procura.lock.json``."""
    import json
    from pathlib import Path

    from procura.files import read_bytes

    path = Path(path)
    try:
        data = json.loads(read_bytes(path, 1_000_000, "lock file").decode("utf-8"))
        entries = [LockEntry(e["name"], e["version"], e["publisher"], e["sha256"], e.get("requested", ""))
                   for e in data["packs"]]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise InputError("not a procura lock file (expected {\"packs\": [{\"name\", \"version\", \"publisher\", \"sha256\"}]})",
                         path, "pass the procura.lock.json that a build wrote") from None
    for i, entry in enumerate(entries):
        for key in ("name", "version", "publisher", "sha256"):
            if not isinstance(getattr(entry, key), str):
                raise InputError(f"packs.{i}.{key}: not a text", path, "pass the procura.lock.json that a build wrote")
        try:
            Version.parse(entry.version)
        except ValueError as exc:
            raise InputError(f"packs.{i}.version: {exc}", path,
                             "pass the procura.lock.json that a build wrote, or build once without --locked") from None
    return entries


def locked_library(base: Library, refs: list[PackRef], store: PackStore, lock: list[LockEntry],
                   lock_path) -> tuple[Library, list[LockEntry]]:
    """Like library_with_packs, but with exactly the versions and contents a lock recorded."""
    named = {ref.name for ref in refs}
    locked = {entry.name: entry for entry in lock}
    missing = sorted(named - set(locked))
    if missing:
        raise InputError(f"the profile uses {', '.join(missing)}, which the lock does not record", lock_path,
                         "build once without --locked to write a new lock")
    pinned = [PackRef(name=e.name, version=f"={e.version}") for e in lock if e.name in named]
    library, used = library_with_packs(base, pinned, store)
    for entry in used:
        expected = locked.get(entry.name)
        if expected is None or expected.sha256 != entry.sha256:
            raise InputError(f"the installed {entry.name} {entry.version} differs from the lock (sha256 {entry.sha256[:12]}…, "
                             f"locked {expected.sha256[:12] if expected else 'nothing'}…)", lock_path,
                             "install the pack version the lock names, or build without --locked")
    return library, [LockEntry(e.name, e.version, e.publisher, e.sha256, locked[e.name].requested or e.requested) for e in used]
