"""Writing checklists: profile -> right-sized specification -> Word and Markdown checklists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from procura.checklists.evaluate import check_weights
from procura.checklists.kinds import build_checklist
from procura.checklists.model import KINDS, Checklist
from procura.checklists.render import write_docx, write_markdown
from procura.i18n import t
from procura.library import Library, load_library
from procura.models import Lang
from procura.render.output import OutputDir
from procura.sizing import load_profile, resolve


@dataclass
class ChecklistOptions:
    out_dir: Path
    kinds: tuple[str, ...] = KINDS
    lang: Lang | None = None  # None: the profile's language
    template: Path | None = None
    force: bool = False
    library: Library | None = None
    today: dt.date | None = None


@dataclass
class ChecklistResult:
    checklists: list[Checklist]
    files: list[Path]


def file_names(kind: str, lang: Lang) -> list[str]:
    base = t(f"checklist.file.{kind}", lang)
    return [f"{base}.docx", f"{base}.md"]


def write_checklists(profile_path: Path, options: ChecklistOptions) -> ChecklistResult:
    loaded = load_profile(profile_path)
    spec = resolve(loaded, options.library or load_library())
    if "evaluation" in options.kinds:
        check_weights(loaded, spec)  # scoring guidance must not rest on a broken evaluation model
    lang: Lang = options.lang or loaded.profile.language
    checklists = [build_checklist(spec, kind, lang, options.today) for kind in options.kinds]
    names = [name for kind in options.kinds for name in file_names(kind, lang)]
    with OutputDir(options.out_dir, options.force, inputs=[profile_path, options.template]) as out:
        out.check(names)
        for checklist in checklists:
            docx_name, md_name = file_names(checklist.kind, lang)
            write_docx(checklist, out.stage(docx_name), options.template)
            write_markdown(checklist, out.stage(md_name))
        files = out.commit()
    return ChecklistResult(checklists, files)
