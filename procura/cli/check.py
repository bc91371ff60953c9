"""`procura check` and `procura explain`: a thin layer over procura.checks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from procura.checks import CheckOptions, Severity, get_rule, review_target
from procura.checks.report import exit_code, render_text, to_json, write_docx
from procura.cli.report import console
from procura.i18n import t


@click.command()
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Readable text grouped by requirement, or JSON with a stable shape.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of messages.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--estimated-value", "estimated_value", type=click.FloatRange(min=0, min_open=True), metavar="SEK",
              help="Estimated value of the procurement, for the turnover cap (a profile's value otherwise).")
@click.option("--framework", is_flag=True, help="The procurement is a framework agreement (turnover cap on its value).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.docx",
              help="Also write a review report as a Word document.")
def check(targets: tuple[Path, ...], fmt: str, lang: str, fail_on: str, estimated_value: float | None,
          framework: bool, report: Path | None) -> None:
    """Check profiles, library or pack folders, and documents (.pdf, .docx, .doc, .odt, .xlsx, .csv,
    .txt, .md) for overreaching, vague, inconsistent and missing requirements.

    Exit 0: nothing at or above --fail-on; 1: findings; 2: bad input.
    """
    from procura.library import load_library

    options = CheckOptions(estimated_value_sek=estimated_value, framework=framework, library=load_library())
    reviews = [review_target(target, options) for target in targets]
    findings = [f for review in reviews for f in review.findings]
    names = [review.target for review in reviews]
    statements = {review.target: review.statements for review in reviews}
    if fmt == "json":
        click.echo(json.dumps(to_json(findings, names, lang, statements), ensure_ascii=False, indent=2))
    else:
        render_text(findings, names, lang, console(soft_wrap=True), statements)
    if report is not None:
        write_docx(findings, names, lang, report, statements)
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
