"""procura pack … and procura schema — a thin layer over procura.packs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from procura.errors import InputError

packs_dir_option = click.option(
    "--packs-dir", type=click.Path(path_type=Path), default=None,
    help="Folder of installed packs (default: $XDG_DATA_HOME/procura/packs or ~/.local/share/procura/packs).")


@click.group()
def pack() -> None:
    """Create, validate, build, install, diff and share requirement packs.

    A pack is a folder with pack.yaml and requirements in the library's format, published by a
    municipality or another body. See docs/packs.md.
    """


@pack.command("new")
@click.argument("name")
@click.option("--dir", "parent", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="Folder to create the pack in.")
@click.option("--publisher", default="Exempel kommun", show_default=True, help="Publishing organisation.")
def new(name: str, parent: Path, publisher: str) -> None:
    """Scaffold a valid pack NAME with one example requirement."""
    from procura.packs.pack import scaffold
    from procura.packs.store import check_name

    root = scaffold(check_name(name), parent, publisher)
    click.echo(f"created {root}")


@pack.command("validate")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the findings.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="Exit 1 when a check finding is at or above this severity.")
def validate(folder: Path, lang: str, fail_on: str) -> None:
    """Check a pack: schema, IDs and namespaces, then the checks of `procura check` on its
    requirements and overrides (translations, wording, overreach, stricter overrides).

    Exit 0: valid with nothing at or above --fail-on; 1: check findings; 2: invalid pack.
    """
    from procura.checks import Severity, check_pack
    from procura.checks.report import exit_code, render_text
    from procura.cli.report import console
    from procura.packs.validate import validate_pack

    pack_, notes = validate_pack(folder)
    for note in notes:
        click.echo(str(note), err=True)
    findings = check_pack(pack_)
    if findings:
        render_text(findings, [str(folder)], lang, console(soft_wrap=True))
    click.echo(f"{pack_.meta.label}: valid — {len(pack_.requirements)} requirements, {len(pack_.overrides)} overrides, "
               f"{len(notes)} notes, {len(findings)} check findings")
    raise SystemExit(exit_code(findings, Severity(fail_on)))


@pack.command("build")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder to write NAME-VERSION.zip into.")
@click.option("--force", is_flag=True, help="Replace an existing NAME-VERSION.zip that has other contents.")
def build(folder: Path, out_dir: Path, force: bool) -> None:
    """Archive a pack as NAME-VERSION.zip with a SHA-256 manifest (same pack, same bytes).

    An existing archive with the same bytes is kept; one with other contents is refused unless
    --force (a published version should never change: bump the version instead)."""
    from procura.packs.archive import sha256_bytes
    from procura.packs.validate import build_pack

    target = build_pack(folder, out_dir, force=force)
    click.echo(f"wrote {target} (sha256 {sha256_bytes(target.read_bytes())})")


@pack.command("install")
@click.argument("source")
@packs_dir_option
@click.option("--force", is_flag=True, help="Replace an installed version that has different contents.")
def install(source: str, packs_dir: Path | None, force: bool) -> None:
    """Install a pack from a folder, a .zip, or git+URL[@REF]."""
    from procura.packs.store import PackStore

    installed = PackStore(packs_dir).install(source, force=force)
    click.echo(f"installed {installed.name} {installed.version} from {installed.meta.publisher.organisation} "
               f"into {installed.path}")


@pack.command("list")
@packs_dir_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_(packs_dir: Path | None, fmt: str) -> None:
    """List installed packs."""
    from procura.packs.store import PackStore

    rows = [{"name": p.name, "version": p.version, "publisher": p.meta.publisher.organisation,
             "requirements": p.requirement_count, "title": p.meta.title.sv, "licence": p.meta.licence, "sha256": p.digest,
             "path": str(p.path)} for p in PackStore(packs_dir).installed()]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no packs installed")
        return
    from rich.table import Table

    from procura.cli.report import console

    table = Table()
    for column in ("name", "version", "publisher", "requirements", "title"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["name"], row["version"], row["publisher"], str(row["requirements"]), row["title"])
    console().print(table)


@pack.command("remove")
@click.argument("name")
@click.option("--version", default=None, help="Remove only this version.")
@packs_dir_option
def remove(name: str, version: str | None, packs_dir: Path | None) -> None:
    """Remove an installed pack (every version unless --version)."""
    from procura.packs.store import PackStore

    for gone in PackStore(packs_dir).remove(name, version):
        click.echo(f"removed {gone.name} {gone.version}")


@pack.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def diff(old: Path, new: Path, fmt: str) -> None:
    """Show what changed between two versions of a pack (folders or archives)."""
    from procura.packs.diff import diff_packs, format_text, open_pack

    result = diff_packs(open_pack(old), open_pack(new))
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(result), nl=False)


@pack.command("export")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["reqif", "xlsx", "json"]), required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: NAME-VERSION.<format> in the current folder).")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def export(folder: Path, fmt: str, output: Path | None, force: bool) -> None:
    """Export a pack to ReqIF, Excel or JSON (never over an existing file without --force)."""
    from procura.packs.exchange import PackData, export_json, export_reqif, export_xlsx
    from procura.packs.pack import load_pack
    from procura.render.output import preflight, write_file

    if output is not None:
        preflight(output, force, inputs=[folder], hint="choose another file with -o")
    data = PackData.of(load_pack(folder))
    target = output or Path(f"{data.meta.name}-{data.meta.version}.{fmt}")
    if fmt == "reqif":
        try:
            text = export_reqif(data)
        except ImportError:
            raise InputError("ReqIF export needs the reqif package", hint="pip install 'procura[reqif]'") from None
        write = lambda path: path.write_text(text, encoding="utf-8")  # noqa: E731
    elif fmt == "xlsx":
        write = lambda path: export_xlsx(data, path)  # noqa: E731
    else:
        write = lambda path: path.write_bytes(export_json(data))  # noqa: E731
    write_file(target, write, force, inputs=[folder], hint="choose another file with -o")
    click.echo(f"wrote {target}")


@pack.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder to write the pack into (default: ./NAME).")
@click.option("--name", default=None, help="Pack name, when the file does not carry one (e.g. norrbacke-larm).")
@click.option("--publisher", default=None, help="Publishing organisation, when the file does not carry one.")
@click.option("--version", "version", default="0.1.0", show_default=True, help="Version, when the file does not carry one.")
def import_(file: Path, out_dir: Path | None, name: str | None, publisher: str | None, version: str) -> None:
    """Turn a ReqIF, .xlsx, .csv (or procura .json) file into a pack folder."""
    from procura.packs.exchange import import_file, import_meta
    from procura.packs.pack import create_pack_folder

    default_name = name or "importerat-paket"
    meta = import_meta(default_name, version, publisher or "Okänd utgivare", file.name)
    data = import_file(file, meta)
    target = out_dir or Path(data.meta.name)
    pack_ = create_pack_folder(target, data.write)  # written and loaded in a staging folder; nothing stays on error
    click.echo(f"wrote {target}: {pack_.meta.label}, {len(pack_.requirements)} requirements — check it with "
               f"`procura pack validate {target}`")
    for notice in data.notices:
        click.echo(f"procura: note: {notice}", err=True)


SCHEMAS = ("pack", "requirement", "profile")


@click.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(SCHEMAS))
def schema(format_name: str) -> None:
    """Print the JSON Schema of a procura file format (pack = pack.yaml)."""
    from procura.models import Profile, Requirement
    from procura.packs.model import pack_schema

    if format_name == "pack":
        data = pack_schema()
    else:
        data = (Requirement if format_name == "requirement" else Profile).model_json_schema()
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
