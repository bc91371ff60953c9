"""Terminal output of builds: a summary and the right-sizing reasoning (rich, honours NO_COLOR)."""

from __future__ import annotations

import click

from procura.i18n import t


def console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def print_explanation(spec, lang) -> None:
    from rich.table import Table

    table = Table(title=f"{spec.profile.title} — {spec.profile.reference}", show_lines=True)
    table.add_column("ID", no_wrap=True)
    table.add_column(t("doc.level", lang))
    table.add_column(t("doc.obligation_column", lang))
    table.add_column(t("doc.why", lang))
    for item in spec.items:
        why = " ".join(r.get(lang) for r in item.reasons)
        if item.justification:
            why += f"\n{t('doc.justification', lang)}: {item.justification}"
        table.add_row(item.id, t(f"level.{item.level.value}", lang), t(f"obligation.{item.obligation.value}", lang), why)
    console().print(table)
    if spec.excluded:
        click.echo(f"\n{t('doc.appendix_excluded', lang)}:")
        for e in spec.excluded:
            click.echo(f"  {e.id}: {' '.join(r.get(lang) for r in e.reasons)}")


def print_summary(result) -> None:
    spec = result.spec
    ska = sum(i.obligation.value == "ska" for i in spec.items)
    click.echo(f"{len(spec.items)} requirements ({ska} ska, {len(spec.items) - ska} bör), "
               f"{len(spec.excluded)} not applicable.")
    for path in result.files:
        click.echo(f"wrote {path}")
