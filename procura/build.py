"""The main job: profile -> right-sized requirement specification in Word, Markdown and JSON."""

from __future__ import annotations

import json
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


@dataclass
class BuildOptions:
    out_dir: Path
    lang: Lang | None = None  # None: the profile's language
    template: Path | None = None
    force: bool = False
    library: Library | None = None


@dataclass
class BuildResult:
    spec: Specification
    lang: Lang
    files: list[Path]


def _write_markdown(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    path.write_text(render("markdown/specification.md.j2", **model), encoding="utf-8")


def _write_json(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    data = {k: model[k] for k in ("generator", "lang", "organisation", "title", "reference", "version", "date", "counts",
                                  "requirements", "excluded")}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_docx(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    write_docx(model, path, options.template)


def _write_matrix(spec: Specification, model: dict, path: Path, options: BuildOptions) -> None:
    write_matrix(model, path)


# (file-name suffix, writer). The base name is language dependent: kravspecifikation / requirement-specification.
# An entry that does not start with "." is the i18n key of a whole base name (the answer matrix: kravmatris).
Writer = Callable[[Specification, dict, Path, BuildOptions], None]
OUTPUTS: list[tuple[str, Writer]] = [
    (".docx", _write_docx),
    (".md", _write_markdown),
    (".json", _write_json),
    ("matrix.file.xlsx", _write_matrix),
]


def output_names(lang: Lang) -> list[str]:
    base = t("doc.file_base", lang)
    names = []
    for suffix, _ in OUTPUTS:
        if suffix.startswith("."):
            names.append(base + suffix)
        else:
            key, ext = suffix.rsplit(".", 1)
            names.append(f"{t(key, lang)}.{ext}")
    return names


def build(profile_path: Path, options: BuildOptions) -> BuildResult:
    loaded = load_profile(profile_path)
    library = options.library or load_library()
    spec = resolve(loaded, library)
    lang: Lang = options.lang or loaded.profile.language
    model = document_model(spec, lang)
    names = output_names(lang)
    with OutputDir(options.out_dir, options.force) as out:
        out.check(names)
        for name, (_, writer) in zip(names, OUTPUTS, strict=True):
            writer(spec, model, out.stage(name), options)
        files = out.commit()
    return BuildResult(spec, lang, files)
