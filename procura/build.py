"""The main job: profile -> right-sized requirement specification in Word, Markdown and JSON."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from procura.errors import raise_all
from procura.i18n import t
from procura.jsonio import pretty
from procura.library import Library, load_library
from procura.models import Lang
from procura.render import toc
from procura.render.docx import supplier_toc_entries, write_docx, write_memo
from procura.render.jinja import render
from procura.render.model import document_model
from procura.render.output import OutputDir
from procura.render.sections import read_sections
from procura.render.xlsx import write_matrix
from procura.sizing import Specification, load_profile, resolve
from procura.sizing.facts import missing_fact_errors
from procura.sizing.resolve import LoadedProfile


@dataclass
class BuildOptions:
    out_dir: Path
    lang: Lang | None = None  # None: the profile's language
    template: Path | None = None
    force: bool = False
    library: Library | None = None
    packs_dir: Path | None = None  # installed packs (default: the per-user data folder)
    lock: Path | None = None  # repeat a build: use exactly the pack versions and contents of this lock file
    draft: bool = False  # write even when profile facts are missing, each gap marked in the text
    page_numbers: bool = True  # measure the contents' page numbers with LibreOffice when it is installed
    warnings: list[str] = field(default_factory=list)  # e.g. a template's missing styles replaced by built-in ones


@dataclass
class BuildResult:
    spec: Specification
    lang: Lang
    files: list[Path]


def _write_markdown(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    path.write_text(render("markdown/specification.md.j2", **model), encoding="utf-8")


def _write_json(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    data = {k: model[k] for k in ("generator", "lang", "organisation", "title", "reference", "version", "date", "counts",
                                  "requirements", "contract_terms", "excluded", "packs")}
    path.write_text(pretty(data) + "\n", encoding="utf-8")


def _write_lock(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    lock = {"procura": 1, "profile": spec.profile_path.name if spec.profile_path else None, "packs": model["packs"]}
    path.write_text(pretty(lock) + "\n", encoding="utf-8")


def _write_docx(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    """The supplier specification; with LibreOffice, a second pass puts real page numbers in the contents."""
    write_docx(model, path, options.template, warnings=options.warnings)
    binary = toc.soffice() if options.page_numbers else None
    if binary is None:
        return
    pages = toc.pdf_pages(path, binary)
    if pages:
        entries = [text for _, text in supplier_toc_entries(model)]
        numbers = toc.heading_pages(pages, entries, model["t"]["toc"])
        write_docx(model, path, options.template, pages=numbers)


def _write_memo(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    write_memo(model, path, options.template)


def _write_memo_markdown(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    path.write_text(render("markdown/memo.md.j2", **model), encoding="utf-8")


def _write_matrix(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    write_matrix(model, path)


# (file name, writer). "{key}" in a name is replaced by the catalogue string in the document's
# language: {doc.file_base}.docx -> kravspecifikation.docx / requirement-specification.docx.
Writer = Callable[[Specification, dict, Path, BuildOptions], None]
OUTPUTS: list[tuple[str, Writer]] = [
    ("{doc.file_base}.docx", _write_docx),
    ("{doc.file_base}.md", _write_markdown),
    ("{doc.file_base}.json", _write_json),
    ("{doc.memo_file}.docx", _write_memo),  # the internal decision memo for the file, not for suppliers
    ("{doc.memo_file}.md", _write_memo_markdown),
    ("{matrix.file}.xlsx", _write_matrix),  # the supplier answer matrix
    ("procura.lock.json", _write_lock),  # the exact pack versions and checksums, to repeat the build
]


def output_names(lang: Lang) -> list[str]:
    return [re.sub(r"\{([a-z_.]+)\}", lambda m: t(m.group(1), lang), name) for name, _ in OUTPUTS]


def library_for(loaded: LoadedProfile, options: BuildOptions) -> tuple[Library, list]:
    """The library this profile builds from: the shipped one plus the packs it names."""
    base = options.library or load_library()
    if options.lock is None and not loaded.profile.packs:
        return base, []  # the packs machinery is not even imported
    from procura.packs.store import PackStore
    from procura.packs.use import library_with_packs, locked_library, read_lock

    store = PackStore(options.packs_dir)
    if options.lock is not None:
        return locked_library(base, loaded.profile.packs, store, read_lock(options.lock), options.lock)
    return library_with_packs(base, loaded.profile.packs, store)


def build(profile_path: Path, options: BuildOptions) -> BuildResult:
    loaded = load_profile(profile_path)
    library, lock = library_for(loaded, options)
    spec = resolve(loaded, library)
    if spec.missing and not options.draft:
        raise_all(missing_fact_errors(spec.missing, str(loaded.path)))
    lang: Lang = options.lang or loaded.profile.language
    model = document_model(spec, lang, sections=read_sections(loaded.profile, loaded.path))
    model["packs"] = [entry.to_json() for entry in lock]
    names = output_names(lang)
    # the lock is not protected: it is read in full above, and `--locked out/procura.lock.json -o out` rewrites it
    with OutputDir(options.out_dir, options.force, inputs=[profile_path, options.template]) as out:
        out.check(names)
        for name, (_, writer) in zip(names, OUTPUTS, strict=True):
            writer(spec, model, out.stage(name), options)
        files = out.commit()
    return BuildResult(spec, lang, files)
