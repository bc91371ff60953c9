"""procura's command line: a thin click layer over the core packages.

Commands are imported only when they run, so ``procura --help`` stays fast. Every
:class:`~procura.errors.ProcuraError` is turned into one clean line on stderr and exit code 2.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from procura import __version__
from procura.errors import EXIT_INPUT, ProcuraError

# command name -> "module:attribute"; the module is imported only when the command is used
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("procura.cli.init_cmd:init", "Write a commented procurement profile (asks on a terminal)."),
    "build": ("procura.cli.build:build", "Build the requirement specification (Word, Markdown, JSON) from a profile."),
    "library": ("procura.cli.library:library", "List, show and search the requirement library."),
    "check": ("procura.cli.check:check", "Check a profile, pack or document for overreach, vagueness and gaps."),
    "explain": ("procura.cli.check:explain", "Explain a check rule, with its legal source."),
    "pack": ("procura.cli.pack:pack", "Create, validate, build, install, diff and share requirement packs."),
    "schema": ("procura.cli.pack:schema", "Print the JSON Schema of a procura file format."),
    "checklist": ("procura.cli.checklist:checklist", "Write a process, evaluation, acceptance or follow-up checklist."),
    "evaluate": ("procura.cli.evaluate:evaluate", "Evaluate returned supplier answer matrices."),
    "serve": ("procura.cli.serve:serve", "Start the web app in the browser (needs the web extra)."),
    "diff": ("procura.cli.diff:diff", "Compare two builds and draft the correction notice (rättelse) to suppliers."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name][0].split(":")[0]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not self._available(name):
            return None
        module, attr = COMMANDS[name][0].split(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # short help from the table above, so --help imports no command module
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ProcuraError as exc:
            click.echo(f"procura: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="procura")
def cli() -> None:
    """procura — right-sized requirement specifications for welfare technology.

    Describe a procurement once in a profile; procura picks each requirement at the level the
    procurement needs and no more, writes the Word specification, and checks specifications
    for overreaching, vague or missing requirements.
    """


def main() -> None:
    try:
        cli.main(prog_name="procura")
    except ProcuraError as exc:  # raised outside a command's invoke (e.g. in a callback)
        click.echo(f"procura: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
