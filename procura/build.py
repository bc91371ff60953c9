"""The main job: profile -> right-sized requirement specification in Word, Markdown and JSON."""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from procura.errors import OutputError, ProcuraError, raise_all
from procura.i18n import t
from procura.jsonio import pretty
from procura.library import Library, load_library
from procura.models import Lang
from procura.render.model import document_model
from procura.render.output import OutputDir, cannot_write
from procura.render.sections import read_sections
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
    jobs: int = 1  # 2 or more: the outputs that need no Word library are written by a second process (see write_outputs)
    warnings: list[str] = field(default_factory=list)  # e.g. a template's missing styles replaced by built-in ones


@dataclass
class BuildResult:
    spec: Specification
    lang: Lang
    files: list[Path]


def _write_markdown(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    from procura.render.jinja import render

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
    from procura.render import toc
    from procura.render.docx import supplier_toc_entries, write_docx

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
    from procura.render.docx import write_memo

    write_memo(model, path, options.template)


def _write_memo_markdown(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    from procura.render.jinja import render

    path.write_text(render("markdown/memo.md.j2", **model), encoding="utf-8")


def _write_matrix(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    from procura.render.xlsx import write_matrix

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
# the writers a second process takes over (no python-docx, nothing added to BuildOptions.warnings):
# about half of the writing, so the two halves take about as long
SECOND_PROCESS = (_write_markdown, _write_json, _write_memo_markdown, _write_matrix, _write_lock)


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
        write_outputs(spec, model, [(out.stage(name), writer) for name, (_, writer) in zip(names, OUTPUTS, strict=True)],
                      options)
        files = out.commit()
    return BuildResult(spec, lang, files)


def cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """A second process can be forked safely: Linux, and no other thread in this one (a fork copies only
    the calling thread, and a lock another thread held would stay locked in the child)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def write_outputs(spec: Specification, model: dict, staged: list[tuple[Path, Writer]], options: BuildOptions) -> None:
    """Run every writer on its staged path.

    With ``options.jobs`` > 1 (the CLI: one per core) the writers that need no Word library run in a
    forked child while this process writes the Word files: the two halves of a build's output take
    about the same time, so a big build's writing takes about half as long on two cores. The child
    writes only into the staging folder; what it raised comes back through a pipe as the error line
    the CLI prints (exit code 2), and the build then fails as a sequential one would, with nothing
    moved into place. Without a second core, off Linux, or with other threads running (the web
    app), everything is written here, one after the other.
    """
    if options.jobs < 2 or not can_fork():
        for path, writer in staged:
            writer(spec, model, path, options)
        return
    theirs = [(path, writer) for path, writer in staged if writer in SECOND_PROCESS]
    ours = [(path, writer) for path, writer in staged if writer not in SECOND_PROCESS]
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: write, report, and leave without running the parent's cleanup
        os.close(read_end)
        _child(spec, model, theirs, options, write_end)
    os.close(write_end)
    try:
        for path, writer in ours:
            writer(spec, model, path, options)
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            report = pipe.read().decode("utf-8", "replace")  # until the child has finished (or died)
        _, status = os.waitpid(pid, 0)
    if report:
        raise OutputError(report)
    if status != 0:
        raise OutputError(f"{options.out_dir}: the process writing the spreadsheet and text outputs stopped "
                          f"(status {status}) — nothing was written; run the build again")


def _child(spec: Specification, model: dict, staged: list[tuple[Path, Writer]], options: BuildOptions, pipe: int) -> None:
    report = ""
    try:
        for path, writer in staged:
            try:
                writer(spec, model, path, options)
            except OSError as exc:  # as OutputDir reports a failed writer: one line, naming the folder
                raise cannot_write(options.out_dir, exc) from None
    except ProcuraError as exc:
        report = str(exc)
    except BaseException as exc:  # noqa: BLE001 - a bug: reported by the parent, never a traceback from here
        from procura.cli import internal_error_line

        report = internal_error_line(exc).removeprefix("procura: ")
    finally:
        try:
            os.write(pipe, report.encode("utf-8"))
        finally:
            os._exit(0)
