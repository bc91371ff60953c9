"""procura checklist — process, evaluation, acceptance and follow-up checklists."""

from __future__ import annotations

from pathlib import Path

import click

from procura.checklists.model import KINDS
from procura.cli.options import force_option, lang_option, out_option, profile_argument, template_option


@click.command()
@profile_argument
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
              help="Which checklist (repeat for several; default: all four).")
@out_option("the checklists")
@lang_option
@template_option
@force_option
def checklist(profile: Path, kinds: tuple[str, ...], out_dir: Path, lang: str | None, template: Path | None,
              force: bool) -> None:
    """Write checklists for the procurement described in PROFILE, as Word and Markdown.

    \b
    process     the steps of this procurement, each with why it applies and its source
    evaluation  every requirement with its verification and evidence, met / not met, scoring
    acceptance  what to verify before the delivery is accepted
    followup    the contract terms to follow up during the contract, when and how
    """
    from procura.checklists.write import ChecklistOptions, write_checklists

    options = ChecklistOptions(out_dir=out_dir, kinds=tuple(dict.fromkeys(kinds)) or KINDS, lang=lang,
                               template=template, force=force)
    result = write_checklists(profile, options)
    for path in result.files:
        click.echo(f"wrote {path}")
