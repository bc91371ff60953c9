"""procura library — browse the requirement library."""

from __future__ import annotations

import json
from pathlib import Path

import click

from procura.cli.options import lang_option

library_dir_option = click.option(
    "--library", "library_dir", type=click.Path(path_type=Path), default=None,
    help="A library folder in procura's layout (default: the shipped library).")


@click.group()
def library() -> None:
    """List, show, search and count the requirements in the library."""


def _load(library_dir: Path | None):
    from procura.library import load_library

    return load_library(library_dir)


@library.command("list")
@click.option("--category", help="Only this category (slug, e.g. dataskydd).")
@click.option("--product", help="Only requirements that apply to this product area (slug).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
@library_dir_option
def list_cmd(category: str | None, product: str | None, fmt: str, lang: str | None, library_dir: Path | None) -> None:
    """List requirements, optionally by category or product area."""
    from procura.library.query import filter_requirements, summary

    lib = _load(library_dir)
    reqs = filter_requirements(lib, category=category, product=product)
    lang = lang or "sv"
    if fmt == "json":
        click.echo(json.dumps([summary(r, lang) for r in reqs], ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from procura.cli.report import console

    table = Table(show_lines=False)
    for col in ("ID", "Title" if lang == "en" else "Titel", "Ska/Bör", "Levels" if lang == "en" else "Nivåer", "Products" if lang == "en" else "Produkter"):
        table.add_column(col)
    for r in reqs:
        table.add_row(r.id, r.title.get(lang), r.obligation.value, ", ".join(lv.value for lv in r.levels),
                      ", ".join(r.products) or "*")
    console().print(table)
    click.echo(f"{len(reqs)} requirements")


@library.command("show")
@click.argument("req_id")
@click.option("--format", "fmt", type=click.Choice(["text", "yaml", "json"]), default="text", show_default=True)
@lang_option
@library_dir_option
def show(req_id: str, fmt: str, lang: str | None, library_dir: Path | None) -> None:
    """Show one requirement in full: every level, motive, verification, sources."""
    from procura.library.query import describe_requirement

    lib = _load(library_dir)
    req = lib.get(req_id.upper() if ":" not in req_id else req_id)
    if fmt == "json":
        click.echo(req.model_dump_json(by_alias=True, exclude_none=True, indent=2))
    elif fmt == "yaml":
        click.echo(lib.requirements[req.id].path.read_text(encoding="utf-8"), nl=False)
    else:
        click.echo(describe_requirement(req, lib, lang or "sv"))


@library.command("search")
@click.argument("text")
@click.option("--limit", default=10, show_default=True, help="How many matches to show.")
@lang_option
@library_dir_option
def search(text: str, limit: int, lang: str | None, library_dir: Path | None) -> None:
    """Find requirements by similarity to TEXT (title, text and motive, both languages)."""
    from procura.library.query import search as run_search

    lib = _load(library_dir)
    hits = run_search(lib, text, limit)
    if not hits:
        click.echo("no matches")
        return
    for req, score in hits:
        click.echo(f"{req.id:10} {score:5.1f}  {req.title.get(lang or 'sv')}")


@library.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@library_dir_option
def stats(fmt: str, library_dir: Path | None) -> None:
    """Counts per category, product area, level and language completeness."""
    from procura.library.query import statistics

    data = statistics(_load(library_dir))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"requirements: {data['requirements']} ({data['obligation']['ska']} ska, {data['obligation']['bor']} bör)")
    for section in ("categories", "products", "levels", "languages", "roles"):
        click.echo(f"\n{section}:")
        for key, value in data[section].items():
            click.echo(f"  {key:28} {value}")
