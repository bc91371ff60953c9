"""procura's command line: a thin click layer over the core packages.

Commands are imported only when they run, so ``procura --help`` stays fast. The one error
boundary (:func:`report_errors`) turns every :class:`~procura.errors.ProcuraError` into one clean
line on stderr and exit code 2, and any other exception into one line that says it is a bug
(the traceback only with ``PROCURA_DEBUG=1``); Ctrl-C ends quietly with exit code 130.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Iterator

import click

from procura import __version__
from procura.errors import EXIT_INPUT, ProcuraError

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C

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
        with report_errors():
            return super().invoke(ctx)


def internal_error_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:300] + "…"
    return (f"procura: internal error: {type(exc).__name__}: {text} — this is a bug; "
            "please report it with the command you ran")


@contextlib.contextmanager
def report_errors() -> Iterator[None]:
    """The CLI's one error boundary: every exception becomes one line on stderr and an exit code.

    click's own exceptions (usage errors, --help, ctx.exit) and SystemExit pass through."""
    try:
        yield
    except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except ProcuraError as exc:
        click.echo(f"procura: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:  # e.g. `procura library list | head -1`: the reader has gone, nothing to say
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        if os.environ.get("PROCURA_DEBUG") == "1":
            traceback.print_exc()
        click.echo(internal_error_line(exc), err=True)
        sys.exit(EXIT_INPUT)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="procura")
def cli() -> None:
    """procura — right-sized requirement specifications for welfare technology.

    Describe a procurement once in a profile; procura picks each requirement at the level the
    procurement needs and no more, writes the Word specification, and checks specifications
    for overreaching, vague or missing requirements.
    """


# A command runs once and exits. CPython's default (a collection per 700 new container objects)
# spent a sixth of a build with a big pack in the cycle collector, walking the same objects again
# and again; collecting per 100,000 keeps that to a few collections at the cost of some memory.
GC_THRESHOLD = (100_000, 50, 100)


def main() -> None:
    gc.set_threshold(*GC_THRESHOLD)
    with report_errors():  # the same boundary for what is raised outside a command (e.g. in a callback)
        cli.main(prog_name="procura")
