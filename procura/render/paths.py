"""Where the shipped templates live (inside the installed package)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def templates_path() -> Path:
    return Path(str(files("procura.templates")))


def reference_docx() -> Path:
    return templates_path() / "reference.docx"
