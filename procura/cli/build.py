"""procura build — the main job."""

from __future__ import annotations

from pathlib import Path

import click

from procura.cli.options import force_option, lang_option, out_option, profile_argument, template_option


@click.command()
@profile_argument
@out_option("the specification")
@lang_option
@template_option
@force_option
@click.option("--explain", is_flag=True, help="Also print why each requirement and level was chosen.")
@click.option("--dry-run", is_flag=True, help="Right-size and explain, but write nothing.")
@click.option("--page-numbers/--no-page-numbers", default=True, show_default=True,
              help="Measure the table of contents' page numbers with LibreOffice when it is installed (a few seconds).")
@click.option("--draft", is_flag=True,
              help="Write the documents even when the profile lacks facts a requirement needs; each gap is marked.")
@click.option("--locked", "lock", type=click.Path(path_type=Path), default=None, metavar="LOCKFILE",
              help="Repeat a build: use exactly the pack versions and contents recorded in LOCKFILE (procura.lock.json).")
@click.option("--packs-dir", type=click.Path(path_type=Path), default=None,
              help="Folder of installed packs (default: the per-user data folder).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N", default=None,
              help="Processes writing the outputs: 2 writes the Word files and the others side by side, 1 one after "
                   "the other [default: 2 with two or more cores].")
def build(profile: Path, out_dir: Path, lang: str | None, template: Path | None, force: bool, explain: bool,
          dry_run: bool, page_numbers: bool, draft: bool, lock: Path | None, packs_dir: Path | None, jobs: int | None) -> None:
    """Build the requirement specification for PROFILE.

    Writes a Word document, the same content as Markdown and JSON, and the other outputs of a
    build into the output folder. An existing output that you edited is never replaced unless you
    pass --force.
    """
    from procura.build import BuildOptions, cores, library_for
    from procura.build import build as run_build
    from procura.cli.report import print_explanation, print_summary

    options = BuildOptions(out_dir=out_dir, lang=lang, template=template, force=force, packs_dir=packs_dir, lock=lock,
                           draft=draft, page_numbers=page_numbers, jobs=jobs or cores())
    if dry_run:
        from procura.sizing import load_profile, resolve

        loaded = load_profile(profile)
        spec = resolve(loaded, library_for(loaded, options)[0])
        print_explanation(spec, lang or loaded.profile.language)
        return
    result = run_build(profile, options)
    for warning in options.warnings:
        click.echo(f"procura: warning: {warning}", err=True)
    if draft and result.spec.missing:
        click.echo(f"procura: warning: draft — {len(result.spec.missing)} missing profile facts are marked in the text; "
                   "do not publish it", err=True)
    if explain:
        print_explanation(result.spec, result.lang)
    print_summary(result)
