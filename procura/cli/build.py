"""procura build — the main job."""

from __future__ import annotations

from pathlib import Path

import click

from procura.cli.options import lang_option


@click.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder to write the specification into.")
@lang_option
@click.option("--template", type=click.Path(path_type=Path), default=None,
              help="Your own Word template (.docx) based on procura's templates/reference.docx.")
@click.option("--force", is_flag=True, help="Replace outputs even if they were edited after procura wrote them.")
@click.option("--explain", is_flag=True, help="Also print why each requirement and level was chosen.")
@click.option("--dry-run", is_flag=True, help="Right-size and explain, but write nothing.")
def build(profile: Path, out_dir: Path, lang: str | None, template: Path | None, force: bool, explain: bool,
          dry_run: bool) -> None:
    """Build the requirement specification for PROFILE.

    Writes a Word document, the same content as Markdown and JSON, and the other outputs of a
    build into the output folder. An existing output that you edited is never replaced unless you
    pass --force.
    """
    from procura.build import BuildOptions
    from procura.build import build as run_build
    from procura.cli.report import print_explanation, print_summary

    if dry_run:
        from procura.library import load_library
        from procura.sizing import load_profile, resolve

        loaded = load_profile(profile)
        spec = resolve(loaded, load_library())
        print_explanation(spec, lang or loaded.profile.language)
        return
    result = run_build(profile, BuildOptions(out_dir=out_dir, lang=lang, template=template, force=force))
    if explain:
        print_explanation(result.spec, result.lang)
    print_summary(result)
