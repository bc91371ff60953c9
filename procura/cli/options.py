"""Options shared by several commands."""

from __future__ import annotations

import click

lang_option = click.option(
    "--lang", type=click.Choice(["sv", "en"]), default=None,
    help="Language of the output (default: the profile's language, else Swedish).",
)


def existing_path(**kwargs) -> click.Path:
    return click.Path(path_type=__import__("pathlib").Path, **kwargs)
