"""Terminal output of builds: a summary and the right-sizing reasoning (rich, honours NO_COLOR)."""

from __future__ import annotations

import click

from procura.i18n import t


def console(soft_wrap: bool = False):
    """A rich console; rich itself honours NO_COLOR and plain output when not on a terminal.

    ``soft_wrap`` leaves long lines (findings) to the terminal instead of wrapping them at its width."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=soft_wrap)


def print_explanation(spec, lang) -> None:
    """Why each requirement and level was chosen: one block per requirement, greppable plain text."""
    click.echo(f"{spec.profile.title} — {spec.profile.reference}\n")
    for item in spec.items:
        click.secho(f"{item.id}  {t(f'level.{item.level.value}', lang)}  {t(f'obligation.{item.obligation.value}', lang)}",
                    bold=True)
        for reason in item.reasons:
            click.echo(f"    {reason.get(lang)}")
        if item.justification:
            click.echo(f"    {t('doc.justification', lang)}: {item.justification}")
    if spec.excluded:
        click.echo(f"\n{t('doc.appendix_excluded', lang)}:")
        for e in spec.excluded:
            click.echo(f"  {e.id}: {' '.join(r.get(lang) for r in e.reasons)}")


def print_summary(result) -> None:
    spec = result.spec
    requirements = [i for i in spec.items if not i.is_contract_term]
    ska = sum(i.obligation.value == "ska" for i in requirements)
    terms = len(spec.items) - len(requirements)
    click.echo(f"{len(requirements)} requirements ({ska} ska, {len(requirements) - ska} bör), "
               f"{terms} special contract terms, {len(spec.excluded)} not applicable.")
    for path in result.files:
        click.echo(f"wrote {path}")
