"""procura diff — a correction notice between two builds."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the result.")
def diff(old: Path, new: Path, fmt: str) -> None:
    """Compare two builds (OLD.json NEW.json, the kravspecifikation.json each build wrote).

    Lists requirements added, removed, tightened and loosened (level, obligation or parameter) and
    reworded, and drafts the rättelse / förtydligande to send to suppliers, in Swedish and English.
    """
    from procura.correction import LANGS, correction, message
    from procura.i18n import t

    result = correction(old, new)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    counts = {key: len(getattr(result, key)) for key in ("added", "removed", "tightened", "loosened", "reworded")}
    for lang in LANGS:
        click.echo(t("correction.summary", lang, **counts))
    if result.added or result.tightened:
        for lang in LANGS:
            click.echo(t("correction.note_time", lang))
    for lang in LANGS:
        click.echo("")
        click.echo("—" * 72)
        click.echo(message(result, lang))
