"""The main job: profile -> right-sized requirement specification in Word, Markdown and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from procura.i18n import t
from procura.library import Library, load_library
from procura.models import Lang
from procura.render.docx import write_docx
from procura.render.jinja import render
from procura.render.model import document_model
from procura.render.output import OutputDir
from procura.render.xlsx import write_matrix
from procura.sizing import Specification, load_profile, resolve
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


@dataclass
class BuildResult:
    spec: Specification
    lang: Lang
    files: list[Path]


def _write_markdown(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    path.write_text(render("markdown/specification.md.j2", **model), encoding="utf-8")


def _write_json(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    data = {k: model[k] for k in ("generator", "lang", "organisation", "title", "reference", "version", "date", "counts",
                                  "requirements", "excluded", "packs")}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_lock(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    lock = {"procura": 1, "profile": spec.profile_path.name if spec.profile_path else None, "packs": model["packs"]}
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_docx(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    write_docx(model, path, options.template)


def _write_matrix(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    write_matrix(model, path)


# (file name, writer). "{key}" in a name is replaced by the catalogue string in the document's
# language: {doc.file_base}.docx -> kravspecifikation.docx / requirement-specification.docx.
Writer = Callable[[Specification, dict, Path, BuildOptions], None]
OUTPUTS: list[tuple[str, Writer]] = [
    ("{doc.file_base}.docx", _write_docx),
    ("{doc.file_base}.md", _write_markdown),
    ("{doc.file_base}.json", _write_json),
    ("{matrix.file}.xlsx", _write_matrix),  # the supplier answer matrix
    ("procura.lock.json", _write_lock),  # the exact pack versions and checksums, to repeat the build
]


def output_names(lang: Lang) -> list[str]:
    return [re.sub(r"\{([a-z_.]+)\}", lambda m: t(m.group(1), lang), name) for name, _ in OUTPUTS]


def library_for(loaded: LoadedProfile, options: BuildOptions) -> tuple[Library, list]:
    """The library this profile builds from: the shipped one plus the packs it names."""
    from procura.packs.store import PackStore
    from procura.packs.use import library_with_packs, locked_library, read_lock

    base = options.library or load_library()
    store = PackStore(options.packs_dir)
    if options.lock is not None:
        return locked_library(base, loaded.profile.packs, store, read_lock(options.lock), options.lock)
    return library_with_packs(base, loaded.profile.packs, store)


def build(profile_path: Path, options: BuildOptions) -> BuildResult:
    loaded = load_profile(profile_path)
    library, lock = library_for(loaded, options)
    spec = resolve(loaded, library)
    lang: Lang = options.lang or loaded.profile.language
    model = document_model(spec, lang)
    model["packs"] = [entry.to_json() for entry in lock]
    names = output_names(lang)
    # the lock is not protected: it is read in full above, and `--locked out/procura.lock.json -o out` rewrites it
    with OutputDir(options.out_dir, options.force, inputs=[profile_path, options.template]) as out:
        out.check(names)
        for name, (_, writer) in zip(names, OUTPUTS, strict=True):
            writer(spec, model, out.stage(name), options)
        files = out.commit()
    return BuildResult(spec, lang, files)
