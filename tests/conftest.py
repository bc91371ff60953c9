"""Shared fixtures. Every test runs with HOME, XDG folders and the working directory in tmp_path,
so no test reads the user's settings or writes into the checkout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("NO_COLOR", "1")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli():
    from procura.cli import cli as group

    return group


def example_profiles() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf_text(document: Path, outdir: Path) -> str:
    """Open ``document`` in LibreOffice headless, convert it to PDF and return the PDF's text."""
    office = soffice()
    if office is None:
        pytest.skip("LibreOffice is not installed (CI installs it)")
    profile_dir = outdir / "lo-profile"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), str(document)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = outdir / (document.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice did not convert {document.name}"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
