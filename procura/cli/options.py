"""Options shared by several commands, so they read and behave the same everywhere."""

from __future__ import annotations

from pathlib import Path

import click

lang_option = click.option(
    "--lang", type=click.Choice(["sv", "en"]), default=None,
    help="Language of the output (default: the profile's language, else Swedish).",
)
profile_argument = click.argument("profile", type=click.Path(path_type=Path))
template_option = click.option(
    "--template", type=click.Path(path_type=Path), default=None,
    help="Your own Word template (.docx) based on procura's templates/reference.docx.",
)


class FiniteNumber(click.ParamType):
    """A finite number (not nan or inf), above ``above`` when given: the models' Finite for an option."""

    name = "number"

    def __init__(self, above: float | None = None):
        self.above = above

    def convert(self, value, param, ctx):
        from pydantic import ValidationError

        from procura.models.numbers import finite

        try:
            number = finite(value)
        except ValidationError:
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if self.above is not None and not number > self.above:
            self.fail(f"{value!r} is not above {self.above:g}", param, ctx)
        return number


force_option = click.option("--force", is_flag=True, help="Replace outputs even if they were edited after procura wrote them.")


def out_option(what: str):
    return click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
                        help=f"Folder to write {what} into.")
