"""`procura check` and `procura explain`: a thin layer over procura.checks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from procura.checks import CheckOptions, Severity, get_rule
from procura.checks.batch import Tally, connect, review_targets
from procura.checks.report import exit_code, render_text, to_json, write_docx
from procura.cli.options import FiniteNumber
from procura.cli.report import console
from procura.i18n import t
from procura.jsonio import pretty


@click.command()
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True,
              help="Readable text grouped by requirement, JSON with a stable shape, or JSON Lines: one finding per line "
                   "as it is found, then a summary line (for very many targets).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of messages.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--estimated-value", "estimated_value", type=FiniteNumber(above=0), metavar="SEK",
              help="Estimated value of the procurement, for the turnover cap (a profile's value otherwise).")
@click.option("--framework", is_flag=True, help="The procurement is a framework agreement (turnover cap on its value).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.docx",
              help="Also write a review report as a Word document (never over an existing file without --force).")
@click.option("--force", is_flag=True, help="Replace an existing --report file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for many targets (default: the number of CPUs; one target is checked in-process).")
@click.option("--no-cache", is_flag=True, help="Analyse every statement again instead of reusing earlier findings.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on a Dask cluster (tcp://host:8786) instead of local processes; needs procura[dask].")
def check(targets: tuple[Path, ...], fmt: str, lang: str, fail_on: str, estimated_value: float | None,
          framework: bool, report: Path | None, force: bool, jobs: int | None, no_cache: bool, scheduler: str | None) -> None:
    """Check profiles, library or pack folders, and documents (.pdf, .docx, .doc, .odt, .xlsx, .csv,
    .txt, .md) for overreaching, vague, inconsistent and missing requirements.

    Exit 0: nothing at or above --fail-on; 1: findings; 2: bad input.
    """
    from procura.library import load_library
    from procura.render.output import preflight, write_file

    if report is not None:  # refuse before checking: the report is never one of the targets, nor over a file
        preflight(report, force, inputs=targets)
    options = CheckOptions(estimated_value_sek=estimated_value, framework=framework, library=load_library())
    names = [str(target) for target in targets]
    client = connect(scheduler) if scheduler else None
    results = review_targets(targets, options, jobs=jobs, cache=not no_cache, client=client)
    statements: dict[str, int] = {}
    if fmt == "jsonl":
        tally = Tally()
        kept: list = []
        for target, review in results:
            for f in review.findings:
                click.echo(json.dumps(f.to_json(lang), ensure_ascii=False))
            tally.add(review.findings)
            statements[str(target)] = review.statements
            if report is not None:
                kept += review.findings
        click.echo(json.dumps({"summary": tally.summary(names, statements)}, ensure_ascii=False))
        if report is not None:
            write_file(report, lambda path: write_docx(kept, names, lang, path, statements), force, inputs=targets)
        raise SystemExit(tally.exit_code(Severity(fail_on)))
    findings = []
    for target, review in results:
        findings += review.findings
        statements[str(target)] = review.statements
    if fmt == "json":
        click.echo(pretty(to_json(findings, names, lang, statements)))
    else:
        render_text(findings, names, lang, console(soft_wrap=True), statements)
    if report is not None:
        write_file(report, lambda path: write_docx(findings, names, lang, path, statements), force, inputs=targets)
    raise SystemExit(exit_code(findings, Severity(fail_on)))


@click.command()
@click.argument("rule")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the text.")
def explain(rule: str, lang: str) -> None:
    """Explain a check rule (e.g. OVR-001), with its legal or guidance source."""
    found = get_rule(rule)
    click.echo(f"{found.id} — {found.title.get(lang)}")
    click.echo(f"{t('check.explain_category', lang)}: {t('check.category.' + found.category, lang)}")
    click.echo(f"{t('check.explain_severity', lang)}: {t('check.severity.' + found.severity.value, lang)}")
    click.echo()
    click.echo(found.explanation.get(lang))
    click.echo()
    click.echo(f"{t('check.explain_source', lang)}: {found.citation}")
    if found.url:
        click.echo(found.url)
