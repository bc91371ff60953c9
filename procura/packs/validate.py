"""``pack validate`` and ``pack build``: check a pack folder, then archive it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from procura.library import Library, load_library
from procura.packs.archive import build_archive, manifest_for
from procura.packs.pack import Pack, load_pack, pack_files
from procura.render.output import write_file

# SPDX identifiers seen on shared requirement texts and open data; others are accepted with a warning
KNOWN_LICENCES = frozenset({"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "EUPL-1.2", "MIT", "Apache-2.0", "ODC-By-1.0",
                            "CC-BY-NC-4.0", "GPL-3.0-or-later", "LicenseRef-proprietary"})


@dataclass(frozen=True)
class Finding:
    severity: str  # "error", "warning", "info"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


def validate_pack(root: Path, base: Library | None = None) -> tuple[Pack, list[Finding]]:
    """Load the pack (schema, IDs and placement errors raise) and report what is not an error.

    These are the pack's own notes (licence, emptiness); the requirement checks — translations,
    wording, overreach, stricter overrides — are procura check's (procura.checks.check_pack)."""
    base = base or load_library()
    pack_files(root, list(base.categories))
    pack = load_pack(root, base)
    findings: list[Finding] = []
    if pack.meta.licence not in KNOWN_LICENCES:
        findings.append(Finding("warning", str(root / "pack.yaml"),
                                f"licence {pack.meta.licence} is not a licence procura knows — check it on spdx.org/licenses"))
    if not pack.requirements and not pack.overrides:
        findings.append(Finding("warning", str(root), "the pack has no requirements and no overrides"))
    return pack, findings


def build_pack(root: Path, out_dir: Path, base: Library | None = None, force: bool = False) -> Path:
    """Write ``NAME-VERSION.zip`` into ``out_dir``; the same pack always gives the same bytes.

    An existing archive with the same bytes stays; one with other contents is refused unless ``force``."""
    base = base or load_library()
    pack = load_pack(root, base)
    files = {rel: (root / rel).read_bytes() for rel in pack_files(root, list(base.categories))}
    manifest = manifest_for(files, pack.name, pack.version)
    target = out_dir / f"{pack.name}-{pack.version}.zip"
    hint = "bump the version in pack.yaml (a published version should never change), or choose another folder with -o"
    return write_file(target, lambda path: build_archive(files, manifest, path), force, inputs=[root], hint=hint,
                      keep_identical=True)
