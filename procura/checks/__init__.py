"""Checks for reviewers: overreach, vagueness, consistency and completeness, as typed findings.

Public API::

    check_specification(spec) -> list[Finding]      # a resolved profile
    check_library(library) -> list[Finding]         # a library folder
    check_pack(pack) -> list[Finding]               # a pack: its requirements and stricter overrides
    check_document(path, options) -> list[Finding]  # .docx, .xlsx, .csv, .txt, .md
    check_target(path, options) -> list[Finding]    # any of the above, by what the path is
    review_target(path, options) -> Review          # ... with the number of requirement statements read
    check_targets(paths, options, jobs=None) -> Iterator[(path, list[Finding])]  # many, on all cores (procura.checks.batch)

Checks are pure reads; they never change a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from procura.checks.document import Analyse, CheckOptions, check_document, review_document
from procura.checks.findings import Finding, Location, Severity, Suggestion
from procura.checks.library import check_library, check_pack
from procura.checks.rules import CATEGORIES, RULES, Rule, get_rule
from procura.checks.specification import check_specification
from procura.errors import InputError

__all__ = [
    "CATEGORIES", "RULES", "CheckOptions", "Finding", "Location", "Review", "Rule", "Severity", "Suggestion",
    "check_document", "check_library", "check_pack", "check_specification", "check_target", "check_targets", "get_rule",
    "review_target",
]


def __getattr__(name: str):
    if name == "check_targets":  # imported on use: it brings in the process pool and the statement cache
        from procura.checks.batch import check_targets

        return check_targets
    raise AttributeError(name)


@dataclass(frozen=True)
class Review:
    """The findings on one target and how many requirement statements were read from it."""

    target: str
    findings: list[Finding]
    statements: int


def check_target(path: Path, options: CheckOptions | None = None, analyse_documents: Analyse | None = None,
                 analyse_libraries: Analyse | None = None) -> list[Finding]:
    """Check a profile (.yaml), a library or pack folder, or a document."""
    return review_target(path, options, analyse_documents, analyse_libraries).findings


def review_target(path: Path, options: CheckOptions | None = None, analyse_documents: Analyse | None = None,
                  analyse_libraries: Analyse | None = None) -> Review:
    """Check a profile (.yaml), a library or pack folder, or a document, counting the statements read.

    ``analyse_documents`` and ``analyse_libraries`` replace the per-statement rules on a document's and on a
    library's or pack's texts (the batch path passes ones that remember what they have seen); the findings are
    the same.
    """
    from procura.library import load_library

    options = options or CheckOptions()
    path = Path(path)
    if path.is_dir() and (path / "pack.yaml").is_file():
        from procura.packs.pack import load_pack

        pack = load_pack(path, options.library or load_library())
        return Review(str(path), check_pack(pack, analyse_libraries), len(list(pack.library)))
    if path.is_dir():
        root = path if (path / "categories.yaml").is_file() else next(
            (p.parent for p in sorted(path.glob("*/categories.yaml"))), None)
        if root is None:
            raise InputError("not a library or pack folder (no categories.yaml)", path,
                             "give the folder that holds categories.yaml and the category folders")
        library = load_library(root)
        return Review(str(path), check_library(library, analyse_libraries), len(list(library)))
    if path.suffix.lower() in (".yaml", ".yml"):
        from procura.sizing.resolve import load_profile, resolve

        library = options.library or load_library()
        spec = resolve(load_profile(path), library)
        if options.estimated_value_sek is not None:
            spec.profile = spec.profile.model_copy(update={"estimated_value_sek": options.estimated_value_sek})
        return Review(str(path), check_specification(spec), len(spec.items))
    findings, statements = review_document(path, options, analyse_documents)
    return Review(str(path), findings, statements)
