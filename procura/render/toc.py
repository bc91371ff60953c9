"""Real page numbers for the table of contents, measured by LibreOffice when it is installed.

The document is written once, converted to PDF by LibreOffice (headless), and the page on which
each heading of the table of contents appears is read back with pdftotext; the document is then
written again with those numbers in the table's cached result. Word is never asked to update
fields on open, and LibreOffice, PDF viewers and Word all show the numbers. Without LibreOffice the
table lists the headings without numbers (F9 / "Uppdatera fält" in Word fills them in).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 120  # seconds for one conversion


def soffice() -> str | None:
    """The LibreOffice binary, or None. ``PROCURA_SOFFICE=none`` turns the measurement off."""
    setting = os.environ.get("PROCURA_SOFFICE")
    if setting == "none":
        return None
    if setting:
        return setting
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_pages(docx: Path, binary: str) -> list[str] | None:
    """The text of each page of ``docx`` as LibreOffice lays it out, or None if conversion fails."""
    if shutil.which("pdftotext") is None:
        return None
    with tempfile.TemporaryDirectory(prefix="procura-toc-") as tmp:
        profile = Path(tmp) / "lo-profile"
        try:
            subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", tmp, str(docx)], check=True, capture_output=True, timeout=TIMEOUT)
            pdf = Path(tmp) / (docx.stem + ".pdf")
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                                  timeout=TIMEOUT).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.SubprocessError):
            return None
    return text.split("\f")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def heading_pages(pages: list[str], entries: list[str], toc_heading: str) -> dict[str, int]:
    """The first page (1-based) after the table of contents where each entry starts a line, in order."""
    lines = [[_norm(line) for line in page.splitlines() if line.strip()] for page in pages]
    start = next((i for i, page in enumerate(lines) if toc_heading in page), 0) + 1
    found: dict[str, int] = {}
    current = start
    for entry in entries:
        target = _norm(entry)
        for index in range(current, len(lines)):
            if any(line == target or line.startswith(target + " ") for line in lines[index]):
                found[entry] = index + 1
                current = index
                break
    return found
