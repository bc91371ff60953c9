"""The one Jinja environment: sandboxed (text may come from other organisations' packs) and strict."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from procura.render.paths import templates_path


@cache
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(templates_path())),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown, not HTML; values are data, never templates
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_escape
    return env


MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>#|])")


def markdown_escape(text: str) -> str:
    """Neutralise Markdown/HTML syntax in a value so pack text cannot inject markup."""
    return MARKDOWN_SYNTAX.sub(r"\\\1", str(text))


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
