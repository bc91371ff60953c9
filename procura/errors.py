"""The one exception hierarchy of procura, and the exit codes the CLI maps it to.

Every domain error subclasses :class:`ProcuraError`; the CLI catches that base class once and
prints ``str(error)`` to stderr. A message says what is wrong, where, and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


class ProcuraError(Exception):
    """Base class of every error procura reports to a user (exit code 2)."""

    exit_code = EXIT_INPUT


class InputError(ProcuraError):
    """A file or value given by the user is missing, malformed or invalid.

    ``where`` is a file (optionally ``file:line``) or a field path; ``hint`` says what to do.
    """

    def __init__(self, what: str, where: str | Path | None = None, hint: str | None = None):
        self.what = what
        self.where = str(where) if where is not None else None
        self.hint = hint
        text = f"{self.where}: {what}" if self.where else what
        if hint:
            text = f"{text} — {hint}"
        super().__init__(text)


class OutputError(ProcuraError):
    """An output cannot be written (unwritable folder, file the user may have edited)."""


class ValidationErrors(ProcuraError):
    """Several input errors found at once (e.g. a library with many bad files)."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        lines = [str(e) for e in errors[:20]]
        if len(errors) > 20:
            lines.append(f"... and {len(errors) - 20} more")
        super().__init__("\n".join(lines))


def raise_all(errors: list[InputError]) -> NoReturn:
    """Raise one error as itself, several as ValidationErrors (one line each)."""
    raise errors[0] if len(errors) == 1 else ValidationErrors(errors)


class ErrorCollector:
    """Gathers input errors so that a user sees every problem of a file set at once."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def add(self, error: InputError) -> None:
        self.errors.append(error)

    def attempt(self, load: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``load(*args)``, or None after recording the input errors it raised."""
        try:
            return load(*args, **kwargs)
        except ValidationErrors as exc:
            self.errors.extend(exc.errors)
        except InputError as exc:
            self.errors.append(exc)
        return None

    def raise_if_any(self) -> None:
        if self.errors:
            raise_all(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)
