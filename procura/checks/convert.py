"""Old and other word-processor formats (.doc, .odt, .rtf) as .docx, through LibreOffice headless.

Each conversion runs in a temporary folder with its own LibreOffice profile
(``-env:UserInstallation``), so parallel runs and an open LibreOffice window do not clash, and is
stopped after :data:`TIMEOUT_SECONDS`. The user's file is only read.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from procura.errors import InputError

TIMEOUT_SECONDS = 120
SOFFICE_NAMES = ("soffice", "libreoffice")


def soffice() -> str | None:
    return next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)


def to_docx(path: Path) -> bytes:
    """The bytes of the .docx LibreOffice writes for ``path``."""
    program = soffice()
    suffix = path.suffix.lower()
    if program is None:
        raise InputError(f"reading {suffix} files needs LibreOffice, which is not installed (no soffice on PATH)", path,
                         "install LibreOffice, or open the file in Word and save it as .docx")
    with tempfile.TemporaryDirectory(prefix="procura-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"  # a plain name: LibreOffice names its output after the input
        shutil.copyfile(path, source)
        out = folder / "out"
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   start_new_session=True)
        try:
            _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise InputError(f"LibreOffice did not convert the file within {TIMEOUT_SECONDS} s", path,
                             "open it in Word or LibreOffice and save it as .docx") from None
        result = out / "document.docx"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise InputError(f"LibreOffice could not convert the {suffix} file (corrupt or password-protected?)", path,
                             "open it in Word or LibreOffice and save it as .docx")
        return result.read_bytes()
