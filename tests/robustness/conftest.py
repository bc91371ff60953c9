"""Fixtures for the robustness tests: a CLI runner that keeps stderr apart, and small inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture
def run():
    """Invoke procura's CLI; exceptions are the CLI's business (the error boundary), not the test's."""
    from procura.cli import cli

    def invoke(*args, **kwargs):
        return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)

    return invoke


@pytest.fixture(autouse=True)
def library_cached(isolated: Path) -> None:
    """The library's cache (in the isolated ~/.cache) exists before a test snapshots folders."""
    from procura.library import load_library

    load_library()
