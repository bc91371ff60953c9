"""procura init — write a commented profile, asking on a terminal and taking flags otherwise.

Every answer is checked as it is given and asked again when it cannot be used, so that no answer
is lost; Swedish answers ("2 500 000", "nej", "känsliga") are understood.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


class Answer(click.ParamType):
    """A prompt answer parsed by one of procura.profiles' parse_* functions; a bad answer is asked again."""

    name = "answer"

    def __init__(self, parse: Callable[[str], Any]):
        self.parse = parse

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        from procura.errors import InputError

        try:
            return self.parse(value)
        except InputError as exc:
            self.fail(f"{exc.what} — {exc.hint}" if exc.hint else exc.what, param, ctx)


def _label(key: str, **values) -> str:
    from procura.i18n import t

    return f"{t(f'init.{key}', 'sv', **values)} / {t(f'init.{key}', 'en', **values)}"


def _ask(value, key: str, interactive: bool, default: str | None = None, parse: Callable[[str], Any] | None = None,
         optional: bool = False, **labels):
    """The flag's value, else the answer to a prompt (in Swedish and English), else the default.

    ``default`` is shown as the officer would type it ("nej", "1 000 000"), never as a Python value.
    """
    if value is not None:
        return parse(value) if parse and isinstance(value, str) else value
    if not interactive:
        return parse(default) if parse and default is not None else default
    kwargs: dict[str, Any] = {"type": Answer(parse)} if parse else {}
    answer = click.prompt(_label(key, **labels), default=default if default is not None else ("" if optional else None),
                          show_default=bool(default), **kwargs)
    return None if optional and answer in ("", None) else answer


def _optional_int(text: str) -> int | None:
    from procura.profiles import parse_number

    return None if str(text).strip() in ("", "-") else int(parse_number(text))


def _month(text: str) -> str:
    from procura.errors import InputError

    try:
        dt.datetime.strptime(text.strip(), "%Y-%m")
    except ValueError:
        raise InputError(f"{text!r} is not a month", hint="write YYYY-MM, e.g. 2026-10") from None
    return text.strip()


def _facts(products: list[str], personal_data: str) -> dict:
    """Ask for the profile facts the library's texts need (docs/library.md, Profile facts)."""
    from procura.profiles import parse_bool

    facts: dict[str, Any] = {"volumes": {}}
    for product in products:
        volumes = {key: _ask(None, f"volume_{key}", True, parse=_optional_int, optional=True, product=product)
                   for key in ("individuals", "devices", "staff_users", "concurrent_users")}
        volumes = {k: v for k, v in volumes.items() if v is not None}
        if volumes:
            facts["volumes"][product] = volumes
    care = _ask(None, "care_record", True, optional=True)
    facts["systems"] = {"care_record": care} if care else None
    if "trygghetslarm" in products:
        alarms = {key: _ask(None, f"alarms_{key}", True, default=default, parse=parse_bool)
                  for key, default in (("stationary", "ja"), ("mobile", "nej"), ("reception", "ja"))}
        facts["alarms"] = alarms
        if alarms["reception"]:
            languages = _ask(None, "languages", True, optional=True)
            facts["languages"] = [x.strip() for x in languages.split(",") if x.strip()] if languages else None
    facts["trainees"] = {"administrators": _ask(None, "trainees_admins", True, default="2", parse=_optional_int),
                         "super_users": _ask(None, "trainees_super", True, default="10", parse=_optional_int)}
    facts["price_index"] = {"name": _ask(None, "price_index", True, default="Konsumentprisindex (KPI, 1980=100), SCB"),
                            "base_month": _ask(None, "base_month", True, default=dt.date.today().strftime("%Y-%m"), parse=_month)}
    if personal_data != "none":
        dpa = _ask(None, "dpa_annex", True, optional=True)
        facts["annexes"] = {"dpa": dpa} if dpa else None
    return facts


@click.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("profile.yaml"))
@click.option("--organisation", help="The contracting authority, e.g. 'Norrbäcke kommun'.")
@click.option("--title", help="What is bought, e.g. 'Digitala trygghetslarm'.")
@click.option("--reference", help="Reference number (diarienummer).")
@click.option("--product", "products", multiple=True, help="Product area slug; repeat for several (see `procura library stats`).")
@click.option("--value", help="Estimated total value in SEK, options included (2 500 000 and 2500000 both work).")
@click.option("--years", help="Contract length in years, options included.")
@click.option("--framework/--no-framework", default=None, help="A framework agreement?")
@click.option("--classification", metavar="K,R,T", help="KLASSA levels 0-4 for confidentiality, integrity, availability, e.g. 3,3,4.")
@click.option("--personal-data", help="none | ordinary | sensitive (or inga, vanliga, känsliga).")
@click.option("--life-critical/--not-life-critical", default=None)
@click.option("--users", help="Comma-separated: residents, staff, relatives (or invånare, personal, anhöriga).")
@click.option("--data-location", help="any | eu_eea | sweden (or valfri, EU/EES, Sverige).")
@click.option("--language", help="sv | en — the document's language.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option("--interactive/--no-interactive", default=None, help="Ask for missing values (default: when on a terminal).")
def init(path: Path, organisation, title, reference, products, value, years, framework, classification, personal_data,
         life_critical, users, data_location, language, force, interactive) -> None:
    """Write a commented procurement profile to PATH (default profile.yaml).

    On a terminal it asks for what the flags did not give, including the facts the requirement
    texts need (volumes, systems, price index …); each answer is checked as it is given.
    """
    from procura.library import load_library
    from procura.profiles import (
        ProfileAnswers,
        parse_bool,
        parse_choice,
        parse_classification,
        parse_list,
        parse_number,
        parse_products,
        write_profile,
    )

    if interactive is None:
        interactive = sys.stdin.isatty()
    if path.exists() and not force:  # say so before asking anything
        from procura.errors import OutputError

        raise OutputError(f"{path}: exists — choose another name, or pass --force to overwrite it")
    valid = ", ".join(load_library().products)
    chosen = _ask(list(products) or None, "products", interactive, default="trygghetslarm", parse=parse_products,
                  valid=valid)
    a = ProfileAnswers(
        organisation=_ask(organisation, "organisation", interactive, default="Exempelby kommun"),
        title=_ask(title, "title", interactive, default="Digitala trygghetslarm"),
        reference=_ask(reference, "reference", interactive, default="XX 2026/0001"),
        products=parse_products(chosen) if isinstance(chosen, list) else chosen,
        value=_ask(value, "value", interactive, default="1 000 000", parse=parse_number),
        years=_ask(years, "years", interactive, default="4", parse=parse_number),
        framework=_ask(framework, "framework", interactive, default="nej", parse=parse_bool),
        classification=_ask(classification, "classification", interactive, default="2,2,2",
                            parse=lambda v: ",".join(map(str, parse_classification(v)))),
        personal_data=_ask(personal_data, "personal_data", interactive, default="vanliga",
                           parse=lambda v: parse_choice("personal_data", v)),
        life_critical=_ask(life_critical, "life_critical", interactive, default="nej", parse=parse_bool),
        users=_ask(users, "users", interactive, default="invånare, personal", parse=lambda v: parse_list("users", v)),
        data_location=_ask(data_location, "data_location", interactive, default="EU/EES",
                           parse=lambda v: parse_choice("data_location", v)),
        language=_ask(language, "language", interactive, default="sv", parse=lambda v: parse_choice("language", v)),
    )
    if interactive:
        a.facts = _facts(a.products, a.personal_data)
    write_profile(path, a, force=force)
    click.echo(f"wrote {path} — edit it, then run: procura build {path} -o out")
