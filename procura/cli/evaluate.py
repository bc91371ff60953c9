"""procura evaluate — evaluate returned supplier answer matrices."""

from __future__ import annotations

import json
from pathlib import Path

import click

from procura.cli.options import lang_option


@click.command()
@click.argument("profile", type=click.Path(path_type=Path))
@click.argument("answers", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Also write a Word evaluation report into this folder.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the result.")
@lang_option
@click.option("--template", type=click.Path(path_type=Path), default=None,
              help="Your own Word template (.docx) for the report.")
@click.option("--force", is_flag=True, help="Replace a report that was edited after procura wrote it.")
def evaluate(profile: Path, answers: tuple[Path, ...], out_dir: Path | None, fmt: str, lang: str | None,
             template: Path | None, force: bool) -> None:
    """Evaluate the answer matrices (ANSWERS.xlsx...) returned by suppliers against PROFILE.

    For each supplier: mandatory requirements answered No (the tender is to be rejected),
    missing or unreadable answers and cells, requirement texts the supplier changed, hedged
    answers and offered values beyond their bounds (for review), the points per criterion and
    the comparison price computed from the price form's unit prices; then the ranking under the
    profile's award model (evaluation:) and how far each weight must move to change the winner.
    """
    from procura.checklists.evaluate import evaluate as run_evaluate
    from procura.checklists.evaluate import text_report, write_report

    result = run_evaluate(profile, list(answers), lang=lang)
    files = write_report(result, out_dir, force, template) if out_dir is not None else []
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(text_report(result))
    for path in files:
        click.echo(f"wrote {path}", err=fmt == "json")
