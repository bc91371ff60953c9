"""Fixtures for the pack tests: an isolated HOME, data folder and working directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from procura.cli import cli
from procura.packs.pack import scaffold


@pytest.fixture(autouse=True)
def isolated(isolated: Path, tmp_path: Path) -> Path:
    """The suite-wide isolation (tests/conftest.py); pack tests want tmp_path itself."""
    return tmp_path


@pytest.fixture(autouse=True)
def library_cached(isolated: Path) -> None:
    """Load the shipped library once, so its cache (procura's own, in ~/.cache) already exists when a
    test compares what was written before and after a pack command."""
    from procura.library import load_library

    load_library()


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    return tmp_path / "home" / ".local" / "share" / "procura" / "packs"


@pytest.fixture
def run():
    def invoke(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def make_pack(tmp_path: Path):
    """A scaffolded pack folder ``tmp_path/src/<name>`` at ``version``."""

    def make(name: str = "norrbacke-larm", version: str = "1.0.0", parent: Path | None = None) -> Path:
        parent = parent or tmp_path / "src" / version
        parent.mkdir(parents=True, exist_ok=True)
        root = scaffold(name, parent, "Norrbäcke kommun")
        text = (root / "pack.yaml").read_text(encoding="utf-8").replace("version: 0.1.0", f"version: {version}")
        (root / "pack.yaml").write_text(text, encoding="utf-8")
        return root

    return make
