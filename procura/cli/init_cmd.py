"""procura init — write a commented profile, asking on a terminal and taking flags otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from procura.cli.options import FiniteNumber


def _ask(value, key: str, interactive: bool, **kwargs):
    """The flag's value, else the answer to a prompt (in Swedish and English), else the default."""
    if value is not None or not interactive:
        return value if value is not None else kwargs.get("default")
    from procura.i18n import t

    return click.prompt(f"{t(f'init.{key}', 'sv')} / {t(f'init.{key}', 'en')}", **kwargs)


@click.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("profile.yaml"))
@click.option("--organisation", help="The contracting authority, e.g. 'Norrbäcke kommun'.")
@click.option("--title", help="What is bought, e.g. 'Digitala trygghetslarm'.")
@click.option("--reference", help="Reference number (diarienummer).")
@click.option("--product", "products", multiple=True, help="Product area slug; repeat for several (see `procura library stats`).")
@click.option("--value", type=FiniteNumber(above=0), help="Estimated total value in SEK, options included.")
@click.option("--years", type=FiniteNumber(above=0), help="Contract length in years, options included.")
@click.option("--framework/--no-framework", default=None, help="A framework agreement?")
@click.option("--classification", metavar="K,R,T", help="KLASSA levels 0-4 for confidentiality, integrity, availability, e.g. 3,3,4.")
@click.option("--personal-data", type=click.Choice(["none", "ordinary", "sensitive"]))
@click.option("--life-critical/--not-life-critical", default=None)
@click.option("--users", help="Comma-separated: residents, staff, relatives.")
@click.option("--data-location", type=click.Choice(["any", "eu_eea", "sweden"]))
@click.option("--language", type=click.Choice(["sv", "en"]))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option("--interactive/--no-interactive", default=None, help="Ask for missing values (default: when on a terminal).")
def init(path: Path, organisation, title, reference, products, value, years, framework, classification, personal_data,
         life_critical, users, data_location, language, force, interactive) -> None:
    """Write a commented procurement profile to PATH (default profile.yaml)."""
    from procura.profiles import ProfileAnswers, write_profile

    if interactive is None:
        interactive = sys.stdin.isatty()
    a = ProfileAnswers(
        organisation=_ask(organisation, "organisation", interactive, default="Exempelby kommun"),
        title=_ask(title, "title", interactive, default="Digitala trygghetslarm"),
        reference=_ask(reference, "reference", interactive, default="XX 2026/0001"),
        products=list(products) or _ask(None, "products", interactive, default="trygghetslarm").split(","),
        value=_ask(value, "value", interactive, default=1_000_000.0, type=FiniteNumber(above=0)),
        years=_ask(years, "years", interactive, default=4.0, type=FiniteNumber(above=0)),
        framework=_ask(framework, "framework", interactive, default=False, type=bool),
        classification=_ask(classification, "classification", interactive, default="2,2,2"),
        personal_data=_ask(personal_data, "personal_data", interactive, default="ordinary",
                           type=click.Choice(["none", "ordinary", "sensitive"])),
        life_critical=_ask(life_critical, "life_critical", interactive, default=False, type=bool),
        users=(users or _ask(None, "users", interactive, default="residents,staff")).split(","),
        data_location=_ask(data_location, "data_location", interactive, default="eu_eea",
                           type=click.Choice(["any", "eu_eea", "sweden"])),
        language=_ask(language, "language", interactive, default="sv", type=click.Choice(["sv", "en"])),
    )
    write_profile(path, a, force=force)
    click.echo(f"wrote {path} — edit it, then run: procura build {path} -o out")
